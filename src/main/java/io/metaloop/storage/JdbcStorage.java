package io.metaloop.storage;

import io.metaloop.space.Distribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyRecord;
import io.metaloop.study.TrialState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A storage in a relational database with Optuna 3.1's schema, so that a metaloop study is an
 * Optuna study: {@code optuna.load_study}, Optuna's plots and Python workers read and extend it.
 * One connection serves all threads of the process; processes coordinate through the database's
 * transactions. Open a SQLite file with {@link #sqlite(Path)}.
 */
public final class JdbcStorage implements Storage {

    private final Database db;
    private final TrialReader reader;
    private final TrialWriter writer;

    private JdbcStorage(Database db) {
        this.db = db;
        this.reader = new TrialReader(db);
        this.writer = new TrialWriter(db, reader);
    }

    /**
     * Opens (creating if needed) a SQLite study database. Fails with a {@link StorageException}
     * naming the file if its directory does not exist, it is not a SQLite database, or its
     * schema is not Optuna 3.1's.
     */
    public static JdbcStorage sqlite(Path file) {
        Path path = file.toAbsolutePath().normalize();
        String description = "SQLite storage " + path;
        Path dir = path.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new StorageException("cannot open " + description + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new StorageException("cannot open " + description + ": it is a directory, not a file");
        }
        return open(new SqliteDialect(), description, () -> SqliteDialect.open(path));
    }

    /** Opens a connection. */
    @FunctionalInterface
    private interface Connector {
        Connection connect() throws SQLException;
    }

    private static JdbcStorage open(Dialect dialect, String description, Connector connector) {
        Connection c = null;
        try {
            c = connector.connect();
            dialect.configure(c);
            Database db = new Database(c, dialect, description);
            try {
                OptunaSchema.prepare(db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            return new JdbcStorage(db);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the open failed already; that error is the one to report
                }
            }
            throw new StorageException("cannot open " + description + ": " + dialect.explain(e), e);
        }
    }

    /** "SQLite storage /path/file.db", for messages. */
    @Override
    public String toString() {
        return db.description();
    }

    @Override
    public StudyRecord createStudy(String name, List<Direction> directions) {
        return db.write("creating study '" + name + "'", () -> {
            if (studyId(name).isPresent()) {
                throw new StorageException("a study named '" + name + "' already exists");
            }
            PreparedStatement s = db.statement("INSERT INTO studies (study_name) VALUES (?) RETURNING study_id");
            s.setString(1, name);
            long id;
            try (ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            PreparedStatement d = db.statement(
                    "INSERT INTO study_directions (direction, study_id, objective) VALUES (?, ?, ?)");
            for (int i = 0; i < directions.size(); i++) {
                d.setString(1, OptunaEncoding.direction(directions.get(i)));
                d.setLong(2, id);
                d.setInt(3, i);
                d.executeUpdate();
            }
            return new StudyRecord(id, name, directions);
        });
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return db.read("finding study '" + name + "'", () -> {
            Optional<Long> id = studyId(name);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            return studies(id.get()).stream().findFirst();
        });
    }

    private Optional<Long> studyId(String name) throws SQLException {
        PreparedStatement s = db.statement("SELECT study_id FROM studies WHERE study_name = ?");
        s.setString(1, name);
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
        }
    }

    @Override
    public List<StudyRecord> listStudies() {
        return db.read("listing studies", () -> studies(null));
    }

    /** One study, or all of them when {@code onlyId} is null, in creation order. */
    private List<StudyRecord> studies(Long onlyId) throws SQLException {
        String sql = "SELECT s.study_id, s.study_name, d.direction FROM studies s"
                + " LEFT JOIN study_directions d ON d.study_id = s.study_id"
                + (onlyId == null ? "" : " WHERE s.study_id = ?") + " ORDER BY s.study_id, d.objective";
        PreparedStatement s = db.statement(sql);
        if (onlyId != null) {
            s.setLong(1, onlyId);
        }
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, List<Direction>> directions = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long id = r.getLong(1);
                names.put(id, r.getString(2));
                List<Direction> list = directions.computeIfAbsent(id, k -> new ArrayList<>());
                String d = r.getString(3);
                if (d != null) {
                    try {
                        list.add(OptunaEncoding.direction(d));
                    } catch (IllegalArgumentException e) {
                        throw new StorageException(db.description() + ": study '" + names.get(id) + "': "
                                + e.getMessage(), e);
                    }
                }
            }
        }
        List<StudyRecord> out = new ArrayList<>();
        names.forEach((id, name) -> out.add(new StudyRecord(id, name, directions.get(id))));
        return out;
    }

    @Override
    public void deleteStudy(long studyId) {
        db.write("deleting a study", () -> {
            requireStudy(studyId);
            String trialsOfStudy = "trial_id IN (SELECT trial_id FROM trials WHERE study_id = ?)";
            for (String table : List.of("trial_params", "trial_values", "trial_intermediate_values",
                    "trial_user_attributes", "trial_system_attributes", "trial_heartbeats")) {
                update("DELETE FROM " + table + " WHERE " + trialsOfStudy, studyId);
            }
            for (String table : List.of("trials", "study_user_attributes", "study_system_attributes",
                    "study_directions", "studies")) {
                update("DELETE FROM " + table + " WHERE study_id = ?", studyId);
            }
            return null;
        });
    }

    private void update(String sql, long id) throws SQLException {
        PreparedStatement s = db.statement(sql);
        s.setLong(1, id);
        s.executeUpdate();
    }

    private void requireStudy(long studyId) throws SQLException {
        PreparedStatement s = db.statement("SELECT 1 FROM studies WHERE study_id = ?");
        s.setLong(1, studyId);
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new StorageException("no study with id " + studyId);
            }
        }
    }

    @Override
    public void setStudyUserAttr(long studyId, String key, Object value) {
        setStudyAttr("study_user_attributes", studyId, key, value);
    }

    @Override
    public void setStudySystemAttr(long studyId, String key, Object value) {
        setStudyAttr("study_system_attributes", studyId, key, value);
    }

    private void setStudyAttr(String table, long studyId, String key, Object value) {
        String json = PythonJson.write(value);
        db.write("storing a study attribute", () -> {
            requireStudy(studyId);
            PreparedStatement s = db.statement("INSERT INTO " + table + " (study_id, \"key\", value_json) VALUES (?, ?, ?)"
                    + db.dialect().onConflictUpdate(List.of("study_id", "\"key\""), List.of("value_json")));
            s.setLong(1, studyId);
            s.setString(2, key);
            s.setString(3, json);
            s.executeUpdate();
            return null;
        });
    }

    @Override
    public Map<String, Object> studyUserAttrs(long studyId) {
        return studyAttrs("study_user_attributes", studyId);
    }

    @Override
    public Map<String, Object> studySystemAttrs(long studyId) {
        return studyAttrs("study_system_attributes", studyId);
    }

    private Map<String, Object> studyAttrs(String table, long studyId) {
        return db.read("reading study attributes", () -> {
            requireStudy(studyId);
            PreparedStatement s = db.statement("SELECT \"key\", value_json FROM " + table
                    + " WHERE study_id = ? ORDER BY " + table.replace("attributes", "attribute_id"));
            s.setLong(1, studyId);
            Map<String, Object> out = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(1);
                    try {
                        out.put(key, PythonJson.read(r.getString(2)));
                    } catch (IllegalArgumentException e) {
                        throw new StorageException(db.description() + ": study attribute '" + key + "': "
                                + e.getMessage(), e);
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<FrozenTrial> startTrial(long studyId, int budget, Map<String, Object> systemAttrs) {
        return writer.start(studyId, budget, systemAttrs);
    }

    @Override
    public FrozenTrial enqueueTrial(long studyId, Map<String, Object> systemAttrs) {
        return writer.enqueue(studyId, systemAttrs);
    }

    @Override
    public void setParams(long trialId, Map<String, Distribution> distributions, Map<String, Object> values) {
        writer.setParams(trialId, distributions, values);
    }

    @Override
    public void setIntermediateValue(long trialId, int step, double value) {
        writer.setIntermediateValue(trialId, step, value);
    }

    @Override
    public void setTrialUserAttr(long trialId, String key, Object value) {
        writer.setAttr(TrialWriter.AttrTable.USER, trialId, key, value);
    }

    @Override
    public void setTrialSystemAttr(long trialId, String key, Object value) {
        writer.setAttr(TrialWriter.AttrTable.SYSTEM, trialId, key, value);
    }

    @Override
    public boolean requeueTrial(long trialId, Map<String, Object> systemAttrs) {
        return writer.requeue(trialId, systemAttrs);
    }

    @Override
    public boolean finishTrial(long trialId, TrialState state, List<Double> values, Map<String, Object> systemAttrs,
                               LocalDateTime completedAt) {
        return writer.finish(trialId, Map.of(), Map.of(), state, values, systemAttrs, completedAt);
    }

    /** Writes the parameters and ends the trial in one transaction. */
    @Override
    public boolean finishTrial(long trialId, Map<String, Distribution> distributions, Map<String, Object> params,
                               TrialState state, List<Double> values, Map<String, Object> systemAttrs,
                               LocalDateTime completedAt) {
        return writer.finish(trialId, distributions, params, state, values, systemAttrs, completedAt);
    }

    @Override
    public void heartbeat(Collection<Long> trialIds) {
        writer.heartbeat(trialIds);
    }

    @Override
    public Map<Long, LocalDateTime> heartbeats(long studyId) {
        return db.read("reading heartbeats", () -> {
            requireStudy(studyId);
            return reader.heartbeats(studyId);
        });
    }

    @Override
    public List<FrozenTrial> trialsChangedSince(long studyId, long afterTrialId, Collection<Long> unfinishedIds) {
        return db.read("reading trials", () -> {
            List<FrozenTrial> trials = reader.changedSince(studyId, afterTrialId, unfinishedIds);
            if (trials.isEmpty()) {
                requireStudy(studyId); // nothing changed, or no such study: tell them apart
            }
            return trials;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
