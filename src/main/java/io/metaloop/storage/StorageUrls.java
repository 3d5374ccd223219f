package io.metaloop.storage;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a storage from its URL: {@code sqlite:PATH} (also SQLAlchemy's {@code sqlite:///PATH},
 * as Optuna users write it), {@code memory:}, and later {@code postgresql://HOST:PORT/DB?user=U}.
 * Relative SQLite paths are resolved against a base directory (the working directory unless
 * given).
 */
public final class StorageUrls {

    /** The accepted forms, for messages. */
    public static final String ACCEPTED = "sqlite:PATH (or sqlite:///PATH), memory:, postgresql://HOST:PORT/DB?user=U";

    private StorageUrls() {
    }

    /**
     * What is wrong with the form of {@code url}, or null if it is acceptable; nothing is
     * opened. The message never repeats the URL, which could hold a secret: study files are
     * shared and the URL is stored with the study, so a password belongs in {@code PGPASSWORD}
     * or {@code ~/.pgpass}.
     */
    public static String check(String url) {
        String u = url == null ? "" : url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.equals("memory:")) {
            return null;
        }
        if (lower.equals("memory")) {
            return "write 'memory:' in quotes, with its colon (unquoted, YAML reads a trailing colon as a key)";
        }
        if (lower.startsWith("sqlite:")) {
            String rest = u.substring("sqlite:".length());
            if (rest.isEmpty() || rest.equals("///")) {
                return "sqlite: needs a file path, e.g. sqlite:PATH such as sqlite:studies/x.db";
            }
            return rest.startsWith("//") && !rest.startsWith("///")
                    ? "a SQLite URL has no host; write sqlite:PATH or sqlite:///PATH" : null;
        }
        if (lower.startsWith("postgresql://")) {
            String rest = u.substring("postgresql://".length());
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            int at = authority.lastIndexOf('@');
            if ((at >= 0 && authority.substring(0, at).contains(":")) || lower.contains("password=")) {
                return "the storage URL must not contain a password; set PGPASSWORD or use ~/.pgpass";
            }
            return authority.isEmpty() || slash < 0 || slash == rest.length() - 1
                    ? "expected postgresql://HOST:PORT/DB?user=U (a host and a database name)" : null;
        }
        int colon = u.indexOf(':');
        String scheme = colon > 0 ? "'" + u.substring(0, colon) + ":'" : "none";
        return "unknown storage URL scheme " + scheme + "; expected " + ACCEPTED;
    }

    /** Opens the storage at {@code url}, resolving a relative SQLite path against the working directory. */
    public static Storage open(String url) {
        return open(url, Path.of("").toAbsolutePath());
    }

    /** Opens the storage at {@code url}, resolving a relative SQLite path against {@code baseDir}. */
    public static Storage open(String url, Path baseDir) {
        if (url == null || url.isBlank()) {
            throw new StorageException("no storage URL given: expected " + ACCEPTED);
        }
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql:") || lower.startsWith("postgres:") || lower.startsWith("postgresql+")) {
            throw new StorageException("PostgreSQL storage is not yet supported; use sqlite:PATH or memory: for now");
        }
        String problem = check(u);
        if (problem != null) {
            throw new StorageException("storage URL: " + problem);
        }
        if (lower.equals("memory:")) {
            return new InMemoryStorage();
        }
        return JdbcStorage.sqlite(baseDir.resolve(sqlitePath(u)));
    }

    /** The file of a {@code sqlite:} URL, as written (possibly relative). */
    static Path sqlitePath(String url) {
        String rest = url.substring("sqlite:".length());
        if (rest.startsWith("///")) {
            // SQLAlchemy: sqlite:///rel/file.db is relative, sqlite:////abs/file.db absolute
            rest = rest.substring(3);
        } else if (rest.startsWith("//")) {
            throw new StorageException("storage URL '" + url + "': a SQLite URL has no host; write sqlite:PATH or"
                    + " sqlite:///PATH");
        }
        if (rest.isEmpty()) {
            throw new StorageException("storage URL '" + url + "' names no file: expected sqlite:PATH");
        }
        try {
            return Path.of(rest);
        } catch (InvalidPathException e) {
            throw new StorageException("storage URL '" + url + "': '" + rest + "' is not a valid path", e);
        }
    }
}
