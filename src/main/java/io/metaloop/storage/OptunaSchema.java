package io.metaloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The version of Optuna's schema metaloop reads and writes, and the check made when a storage is
 * opened: an empty database gets Optuna 3.1's tables (stamped as Optuna stamps them), an existing
 * one must be at the same alembic revision. Any other revision is refused rather than guessed
 * at: older ones lack columns metaloop writes, newer ones may have changed meaning.
 */
final class OptunaSchema {

    /** The alembic revision of Optuna 3.0 and 3.1. */
    static final String REVISION = "v3.0.0.d";
    /** {@code version_info.schema_version}, frozen by Optuna since it moved to alembic. */
    static final int SCHEMA_VERSION = 12;
    /** {@code version_info.library_version} written into a new database. */
    static final String LIBRARY_VERSION = "3.1.0";

    /** Earlier revisions of Optuna's own history: `optuna storage upgrade` can bring them forward. */
    private static final Set<String> OLDER_OPTUNA = Set.of("v0.9.0.a", "v1.2.0.a", "v1.3.0.a", "v2.4.0.a",
            "v2.6.0.a", "v3.0.0.a", "v3.0.0.b", "v3.0.0.c");

    private OptunaSchema() {
    }

    /** Creates the schema in an empty database or checks an existing one; adds missing indexes. */
    static void prepare(Database db) {
        // a read first, so opening a ready database never waits for (or takes) the write lock
        boolean ready = db.read("checking the schema", () -> check(db) && missingIndexes(db).isEmpty());
        if (ready) {
            return;
        }
        db.write("creating the schema", () -> {
            // another process may have created it meanwhile: decide again under the lock
            if (!check(db)) {
                create(db);
            }
            try (Statement s = db.connection().createStatement()) {
                for (String ddl : missingIndexes(db)) {
                    s.execute(ddl);
                }
            }
            return null;
        });
    }

    /** True if the schema is there at the right revision, false if the database is empty. */
    private static boolean check(Database db) throws SQLException {
        Connection c = db.connection();
        Dialect d = db.dialect();
        if (!d.relationExists(c, "alembic_version")) {
            if (d.isEmpty(c)) {
                return false;
            }
            throw new StorageException(db.description() + " is not an Optuna study database: it has tables but no"
                    + " alembic_version table (expected Optuna 3.1's schema, revision " + REVISION + ")");
        }
        List<String> revisions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version_num FROM alembic_version")) {
            while (r.next()) {
                revisions.add(r.getString(1));
            }
        }
        if (revisions.size() == 1 && REVISION.equals(revisions.get(0))) {
            return true;
        }
        String found = revisions.isEmpty() ? "none" : String.join(", ", revisions);
        String hint = revisions.size() == 1 && OLDER_OPTUNA.contains(revisions.get(0))
                ? "; it was written by an older Optuna: upgrade it with Optuna 3.1's `optuna storage upgrade` first"
                : "; it may have been written by a newer Optuna, which metaloop does not support yet";
        throw new StorageException(db.description() + ": unsupported schema revision '" + found
                + "', expected Optuna 3.1's revision '" + REVISION + "'" + hint);
    }

    private static List<String> missingIndexes(Database db) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : db.dialect().extraIndexes().entrySet()) {
            if (!db.dialect().relationExists(db.connection(), e.getKey())) {
                missing.add(e.getValue());
            }
        }
        return missing;
    }

    private static void create(Database db) throws SQLException {
        Connection c = db.connection();
        try (Statement s = c.createStatement()) {
            for (String ddl : db.dialect().schemaDdl()) {
                s.execute(ddl);
            }
        }
        try (PreparedStatement v = c.prepareStatement(
                "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, ?, ?)")) {
            v.setInt(1, SCHEMA_VERSION);
            v.setString(2, LIBRARY_VERSION);
            v.executeUpdate();
        }
        try (PreparedStatement a = c.prepareStatement("INSERT INTO alembic_version (version_num) VALUES (?)")) {
            a.setString(1, REVISION);
            a.executeUpdate();
        }
    }
}
