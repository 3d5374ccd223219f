package io.metaloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JDBC connection shared by the threads of a process, behind a lock: runs units of work in
 * read or write transactions, retries a write transaction that lost a lock race, and keeps each
 * SQL text's prepared statement for reuse. Errors leave as {@link StorageException}s that name
 * the storage.
 */
final class Database implements AutoCloseable {

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private static final int MAX_ATTEMPTS = 6;

    private final Connection connection;
    private final Dialect dialect;
    private final String description;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private boolean inTransaction;
    private boolean closed;

    /** Takes over an open, configured connection in auto-commit mode. */
    Database(Connection connection, Dialect dialect, String description) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.description = description;
    }

    Dialect dialect() {
        return dialect;
    }

    /** "SQLite storage /path/to/file.db", for messages. */
    String description() {
        return description;
    }

    /** The raw connection, for schema work while holding a transaction. */
    Connection connection() {
        return connection;
    }

    /** Runs {@code work} in a write transaction; {@code what} names the operation for errors. */
    <T> T write(String what, Work<T> work) {
        return transaction(what, dialect.beginWrite(), work);
    }

    /** Runs {@code work} in a read transaction (one consistent snapshot). */
    <T> T read(String what, Work<T> work) {
        return transaction(what, dialect.beginRead(), work);
    }

    private <T> T transaction(String what, String begin, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new StorageException(description + " is closed");
            }
            if (inTransaction) {
                return work.run();
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    statement(begin).execute();
                    inTransaction = true;
                    T result = work.run();
                    statement("COMMIT").execute();
                    inTransaction = false;
                    return result;
                } catch (SQLException e) {
                    rollback();
                    if (!dialect.isRetryable(e)) {
                        throw failure(what, e);
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new StorageException(description + ": " + what + " failed: the database stayed locked by"
                                + " another process (waited " + attempt + " times for up to "
                                + SqliteDialect.BUSY_TIMEOUT.toSeconds() + " s)", e);
                    }
                    backOff(attempt);
                } catch (RuntimeException | Error e) {
                    rollback();
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            lock.unlock();
        }
    }

    private StorageException failure(String what, SQLException e) {
        return new StorageException(description + ": " + what + " failed: " + dialect.explain(e), e);
    }

    private void rollback() {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        try {
            statement("ROLLBACK").execute();
        } catch (SQLException ignored) {
            // the transaction is gone either way; the original error is what matters
        }
    }

    private static void backOff(int attempt) {
        long ms = Math.min(1000, 10L << attempt) + ThreadLocalRandom.current().nextLong(10);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the database lock", e);
        }
    }

    /** The prepared statement for {@code sql}, prepared on first use; call inside a transaction. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null) {
            s = connection.prepareStatement(sql);
            statements.put(sql, s);
        }
        return s;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (PreparedStatement s : statements.values()) {
                closeQuietly(s);
            }
            statements.clear();
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StorageException(description + ": closing failed: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Statement s) {
        try {
            s.close();
        } catch (SQLException ignored) {
            // closing the connection releases it anyway
        }
    }
}
