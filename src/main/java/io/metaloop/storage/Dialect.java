package io.metaloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What differs between the databases {@link JdbcStorage} runs on: the DDL of Optuna's schema,
 * how a write transaction takes its lock, upserts, passing a list of ids as one parameter (so
 * statements can be prepared once), datetimes, and which errors are worth a retry. Everything
 * else is plain SQL shared by all dialects.
 */
interface Dialect {

    /** A name for messages, e.g. "SQLite". */
    String name();

    /** Session settings applied once on a new connection (journal mode, timeouts). */
    void configure(Connection connection) throws SQLException;

    /** Statements that create Optuna 3.1's tables and indexes on an empty database, in order. */
    List<String> schemaDdl();

    /** metaloop's extra indexes by name ({@code ix_metaloop_*}) with the DDL creating each. */
    Map<String, String> extraIndexes();

    /** Whether a table or index of that name exists. */
    boolean relationExists(Connection connection, String name) throws SQLException;

    /** Whether the database has no tables at all (a new file). */
    boolean isEmpty(Connection connection) throws SQLException;

    /** Starts a transaction that will write, taking the write lock at once (no lock upgrades). */
    String beginWrite();

    /** Starts a read-only transaction that sees one consistent snapshot. */
    String beginRead();

    /**
     * The tail that turns an {@code INSERT} into an upsert: on a clash in {@code keys} the
     * {@code updated} columns take the new row's values.
     */
    String onConflictUpdate(List<String> keys, List<String> updated);

    /** A subquery that yields the ids bound by {@link #bindIds} as one parameter. */
    String idsSubquery();

    /** Binds a list of ids for {@link #idsSubquery}. */
    void bindIds(PreparedStatement statement, int index, Collection<Long> ids) throws SQLException;

    /** An SQL expression for the database's "now" in the form Optuna stores heartbeats. */
    String heartbeatNow();

    /** A stored heartbeat as a local datetime of this process. */
    LocalDateTime heartbeatToLocal(LocalDateTime stored);

    /** Binds a naive local datetime (or null). */
    void bindTime(PreparedStatement statement, int index, LocalDateTime time) throws SQLException;

    /** Reads a naive datetime column (or null). */
    LocalDateTime readTime(ResultSet rows, int column) throws SQLException;

    /** A user's explanation of a database error: "the disk is full" rather than a driver code. */
    String explain(SQLException e);

    /** Whether a failed transaction may succeed if run again (lock contention). */
    boolean isRetryable(SQLException e);
}
