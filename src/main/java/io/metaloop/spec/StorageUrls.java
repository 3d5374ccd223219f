package io.metaloop.spec;

import java.util.Locale;

/**
 * The checks a study file's {@code storage} URL gets before any connection is tried: a known
 * scheme, a path or host, and no password — study files are shared and committed, and the URL
 * is stored on the study, so a password belongs in {@code PGPASSWORD} or {@code ~/.pgpass}.
 * Messages never repeat the URL, which could hold a secret.
 */
final class StorageUrls {

    static final String EXPECTED = "sqlite:PATH, postgresql://HOST:PORT/DB?user=U or memory:";

    private StorageUrls() {
    }

    /** What is wrong with {@code url}, or null if it is acceptable. */
    static String check(String url) {
        if (url.equals("memory:")) {
            return null;
        }
        if (url.equals("memory")) {
            return "write 'memory:' in quotes (unquoted, YAML reads a trailing colon as a key)";
        }
        if (url.startsWith("sqlite:")) {
            return url.length() > "sqlite:".length() ? null : "sqlite: needs a file path, e.g. sqlite:studies/x.db";
        }
        if (url.startsWith("postgresql://")) {
            String rest = url.substring("postgresql://".length());
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            int at = authority.lastIndexOf('@');
            boolean userPassword = at >= 0 && authority.substring(0, at).contains(":");
            if (userPassword || url.toLowerCase(Locale.ROOT).contains("password=")) {
                return "the storage URL must not contain a password; set PGPASSWORD or use ~/.pgpass";
            }
            return authority.isEmpty() || slash < 0 || slash == rest.length() - 1
                    ? "expected postgresql://HOST:PORT/DB?user=U (a host and a database name)" : null;
        }
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? "'" + url.substring(0, colon) + ":'" : "none";
        return "unknown storage URL scheme " + scheme + "; expected " + EXPECTED;
    }
}
