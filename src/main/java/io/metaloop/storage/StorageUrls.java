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
        if (lower.equals("memory:")) {
            return new InMemoryStorage();
        }
        if (lower.startsWith("sqlite:")) {
            return JdbcStorage.sqlite(baseDir.resolve(sqlitePath(u)));
        }
        if (lower.startsWith("postgresql:") || lower.startsWith("postgres:") || lower.startsWith("postgresql+")) {
            throw new StorageException("PostgreSQL storage is not yet supported (URL '" + u + "');"
                    + " use sqlite:PATH or memory: for now");
        }
        throw new StorageException("unknown storage URL '" + u + "': expected " + ACCEPTED);
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
