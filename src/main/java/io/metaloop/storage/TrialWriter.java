package io.metaloop.storage;

import io.metaloop.space.Distribution;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;

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
import java.util.TreeMap;

/**
 * Writes trials into Optuna's tables, one transaction per call. Trial numbers are assigned
 * inside the write transaction, so any number of threads and processes get distinct, dense
 * numbers; values are encoded before the transaction so the write lock is held briefly.
 */
final class TrialWriter {

    /** Where a trial's attributes of one kind live. */
    enum AttrTable {
        USER("trial_user_attributes"), SYSTEM("trial_system_attributes");

        final String table;

        AttrTable(String table) {
            this.table = table;
        }
    }

    // One round trip for everything startTrial must know. The next number is the last number
    // plus one: Optuna numbers a trial by counting the study's trials with a smaller id, so with
    // every writer doing that the two agree, and MAX over an index stays O(log n) where COUNT
    // would scan the whole study. Exempt failures are found through a partial index of them
    // ("+t.study_id" stops SQLite from walking the study's trials instead).
    private static final String COUNTS_SQL = "SELECT"
            + " (SELECT COUNT(*) FROM studies WHERE study_id = ?),"
            + " (SELECT MAX(number) FROM trials WHERE study_id = ?),"
            + " (SELECT COUNT(*) FROM trials WHERE study_id = ? AND state = 'WAITING'),"
            + " (SELECT COUNT(*) FROM trial_system_attributes a JOIN trials t ON t.trial_id = a.trial_id"
            + "   WHERE a.\"key\" = '" + SystemAttrs.BUDGET_EXEMPT + "' AND a.value_json = 'true'"
            + "   AND +t.study_id = ? AND t.state <> 'WAITING')";
    private static final String OLDEST_WAITING_SQL = "SELECT trial_id FROM trials"
            + " WHERE study_id = ? AND state = 'WAITING' ORDER BY trial_id LIMIT 1";
    private static final String INSERT_TRIAL_SQL = "INSERT INTO trials (number, study_id, state, datetime_start,"
            + " datetime_complete) VALUES (?, ?, ?, ?, NULL) RETURNING trial_id";
    private static final String TAKE_WAITING_SQL = "UPDATE trials SET state = 'RUNNING', datetime_start = ?"
            + " WHERE trial_id = ? AND state = 'WAITING'";
    private static final String TRIAL_STATE_SQL = "SELECT number, state FROM trials WHERE trial_id = ?";
    private static final String REQUEUE_SQL = "UPDATE trials SET state = 'WAITING', datetime_start = NULL,"
            + " datetime_complete = NULL WHERE trial_id = ? AND state = 'RUNNING'";
    /** What a run wrote to a trial, dropped when it is put back to WAITING; fixed parameters stay. */
    private static final List<String> RUN_DATA_SQL = List.of(
            "DELETE FROM trial_values WHERE trial_id = ?",
            "DELETE FROM trial_intermediate_values WHERE trial_id = ?",
            "DELETE FROM trial_params WHERE trial_id = ?",
            "DELETE FROM trial_user_attributes WHERE trial_id = ?",
            "DELETE FROM trial_heartbeats WHERE trial_id = ?",
            "DELETE FROM trial_system_attributes WHERE trial_id = ? AND \"key\" <> '" + SystemAttrs.FIXED_PARAMS + "'");
    private static final String FINISH_SQL = "UPDATE trials SET state = ?, datetime_complete = ?"
            + " WHERE trial_id = ? AND state = 'RUNNING'";

    private final Database db;
    private final TrialReader reader;
    private final String upsertParamSql;
    private final String upsertValueSql;
    private final String upsertIntermediateSql;
    private final String upsertHeartbeatSql;
    private final Map<AttrTable, String> upsertAttrSql = new LinkedHashMap<>();

    TrialWriter(Database db, TrialReader reader) {
        this.db = db;
        this.reader = reader;
        Dialect d = db.dialect();
        this.upsertParamSql = "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json)"
                + " VALUES (?, ?, ?, ?)"
                + d.onConflictUpdate(List.of("trial_id", "param_name"), List.of("param_value", "distribution_json"));
        this.upsertValueSql = "INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (?, ?, ?, ?)"
                + d.onConflictUpdate(List.of("trial_id", "objective"), List.of("value", "value_type"));
        this.upsertIntermediateSql = "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value,"
                + " intermediate_value_type) VALUES (?, ?, ?, ?)"
                + d.onConflictUpdate(List.of("trial_id", "step"), List.of("intermediate_value", "intermediate_value_type"));
        // only RUNNING trials beat; the WHERE also keeps the INSERT ... SELECT upsert unambiguous
        this.upsertHeartbeatSql = "INSERT INTO trial_heartbeats (trial_id, heartbeat) SELECT trial_id, "
                + d.heartbeatNow() + " FROM trials WHERE trial_id = ? AND state = 'RUNNING'"
                + d.onConflictUpdate(List.of("trial_id"), List.of("heartbeat"));
        for (AttrTable t : AttrTable.values()) {
            upsertAttrSql.put(t, "INSERT INTO " + t.table + " (trial_id, \"key\", value_json) VALUES (?, ?, ?)"
                    + d.onConflictUpdate(List.of("trial_id", "\"key\""), List.of("value_json")));
        }
    }

    Optional<FrozenTrial> start(long studyId, int budget, Map<String, Object> systemAttrs) {
        Map<String, String> attrs = encodeAttrs(systemAttrs);
        return db.write("starting a trial", () -> {
            Counts c = counts(studyId);
            if (c.counted() >= budget) {
                return Optional.empty();
            }
            LocalDateTime now = OptunaEncoding.truncate(LocalDateTime.now());
            if (c.waiting() > 0) {
                long id = oldestWaiting(studyId);
                PreparedStatement take = db.statement(TAKE_WAITING_SQL);
                db.dialect().bindTime(take, 1, now);
                take.setLong(2, id);
                take.executeUpdate();
                writeAttrs(AttrTable.SYSTEM, id, attrs);
                return Optional.of(reader.changedSince(studyId, Long.MAX_VALUE, List.of(id)).get(0));
            }
            // no heartbeat row yet: the start time serves as the first beat (see Study.reapLostTrials)
            long id = insertTrial(studyId, c.nextNumber(), TrialState.RUNNING, now);
            writeAttrs(AttrTable.SYSTEM, id, attrs);
            return Optional.of(new FrozenTrial(id, c.nextNumber(), TrialState.RUNNING, List.of(), now, null, Map.of(),
                    Map.of(), Map.of(), decodeAttrs(attrs), new TreeMap<>()));
        });
    }

    FrozenTrial enqueue(long studyId, Map<String, Object> systemAttrs) {
        Map<String, String> attrs = encodeAttrs(systemAttrs);
        return db.write("enqueueing a trial", () -> {
            Counts c = counts(studyId);
            long id = insertTrial(studyId, c.nextNumber(), TrialState.WAITING, null);
            writeAttrs(AttrTable.SYSTEM, id, attrs);
            return new FrozenTrial(id, c.nextNumber(), TrialState.WAITING, List.of(), null, null, Map.of(), Map.of(),
                    Map.of(), decodeAttrs(attrs), new TreeMap<>());
        });
    }

    /** What the budget check and numbering need, for one study. */
    private record Counts(int nextNumber, int waiting, int exempt) {
        int counted() {
            return nextNumber - waiting - exempt;
        }
    }

    private Counts counts(long studyId) throws SQLException {
        PreparedStatement s = db.statement(COUNTS_SQL);
        for (int i = 1; i <= 4; i++) {
            s.setLong(i, studyId);
        }
        try (ResultSet r = s.executeQuery()) {
            r.next();
            if (r.getInt(1) == 0) {
                throw new StorageException("no study with id " + studyId);
            }
            int last = r.getInt(2);
            int next = r.wasNull() ? 0 : last + 1;
            return new Counts(next, r.getInt(3), r.getInt(4));
        }
    }

    private long oldestWaiting(long studyId) throws SQLException {
        PreparedStatement s = db.statement(OLDEST_WAITING_SQL);
        s.setLong(1, studyId);
        try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private long insertTrial(long studyId, int number, TrialState state, LocalDateTime start) throws SQLException {
        PreparedStatement s = db.statement(INSERT_TRIAL_SQL);
        s.setInt(1, number);
        s.setLong(2, studyId);
        s.setString(3, state.name());
        db.dialect().bindTime(s, 4, start);
        try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private void beat(long trialId) throws SQLException {
        PreparedStatement s = db.statement(upsertHeartbeatSql);
        s.setLong(1, trialId);
        s.executeUpdate();
    }

    boolean requeue(long trialId, Map<String, Object> systemAttrs) {
        Map<String, String> attrs = encodeAttrs(systemAttrs);
        return db.write("putting a trial back to waiting", () -> {
            PreparedStatement s = db.statement(REQUEUE_SQL);
            s.setLong(1, trialId);
            if (s.executeUpdate() == 0) {
                status(trialId); // fails if there is no such trial
                return false;
            }
            for (String sql : RUN_DATA_SQL) {
                PreparedStatement d = db.statement(sql);
                d.setLong(1, trialId);
                d.executeUpdate();
            }
            writeAttrs(AttrTable.SYSTEM, trialId, attrs);
            return true;
        });
    }

    void setParams(long trialId, Map<String, Distribution> distributions, Map<String, Object> values) {
        List<Object[]> rows = paramRows(distributions, values);
        db.write("storing parameters", () -> {
            requireRunning(trialId);
            writeParams(trialId, rows);
            return null;
        });
    }

    /** Parameter rows (name, internal value, distribution JSON), encoded before any lock is taken. */
    private static List<Object[]> paramRows(Map<String, Distribution> distributions, Map<String, Object> values) {
        List<Object[]> rows = new ArrayList<>(values.size());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Distribution d = distributions.get(e.getKey());
            if (d == null) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has no distribution");
            }
            rows.add(new Object[]{e.getKey(), d.toInternal(e.getValue()), OptunaEncoding.distributionToJson(d)});
        }
        return rows;
    }

    private void writeParams(long trialId, List<Object[]> rows) throws SQLException {
        PreparedStatement s = db.statement(upsertParamSql);
        for (Object[] row : rows) {
            s.setLong(1, trialId);
            s.setString(2, (String) row[0]);
            s.setDouble(3, (Double) row[1]);
            s.setString(4, (String) row[2]);
            s.executeUpdate();
        }
    }

    void setIntermediateValue(long trialId, int step, double value) {
        db.write("storing an intermediate value", () -> {
            requireRunning(trialId);
            PreparedStatement s = db.statement(upsertIntermediateSql);
            s.setLong(1, trialId);
            s.setInt(2, step);
            setNullableDouble(s, 3, OptunaEncoding.storedIntermediate(value));
            s.setString(4, OptunaEncoding.valueType(value));
            s.executeUpdate();
            return null;
        });
    }

    void setAttr(AttrTable table, long trialId, String key, Object value) {
        Map<String, String> attrs = Map.of(key, PythonJson.write(value));
        db.write("storing a trial attribute", () -> {
            status(trialId);
            writeAttrs(table, trialId, attrs);
            return null;
        });
    }

    boolean finish(long trialId, Map<String, Distribution> distributions, Map<String, Object> params,
                   TrialState state, List<Double> values, Map<String, Object> systemAttrs, LocalDateTime completedAt) {
        List<Object[]> paramRows = paramRows(distributions, params);
        List<Double> given = values == null ? List.of() : values;
        List<Object[]> stored = new ArrayList<>(given.size());
        for (double v : given) {
            stored.add(new Object[]{OptunaEncoding.storedValue(v), OptunaEncoding.valueType(v)});
        }
        Map<String, String> attrs = encodeAttrs(systemAttrs);
        LocalDateTime complete = OptunaEncoding.truncate(completedAt);
        return db.write("finishing a trial", () -> {
            PreparedStatement s = db.statement(FINISH_SQL);
            s.setString(1, state.name());
            db.dialect().bindTime(s, 2, complete);
            s.setLong(3, trialId);
            if (s.executeUpdate() == 0) {
                status(trialId); // fails if there is no such trial
                return false;
            }
            writeParams(trialId, paramRows);
            PreparedStatement v = db.statement(upsertValueSql);
            for (int objective = 0; objective < stored.size(); objective++) {
                v.setLong(1, trialId);
                v.setInt(2, objective);
                setNullableDouble(v, 3, (Double) stored.get(objective)[0]);
                v.setString(4, (String) stored.get(objective)[1]);
                v.executeUpdate();
            }
            writeAttrs(AttrTable.SYSTEM, trialId, attrs);
            return true;
        });
    }

    void heartbeat(Collection<Long> trialIds) {
        if (trialIds.isEmpty()) {
            return;
        }
        db.write("recording a heartbeat", () -> {
            for (long id : trialIds) {
                beat(id);
            }
            return null;
        });
    }

    /** A trial's number and state. */
    private record Status(int number, TrialState state) {
    }

    /** The trial's number and state; fails if there is no such trial. */
    private Status status(long trialId) throws SQLException {
        PreparedStatement s = db.statement(TRIAL_STATE_SQL);
        s.setLong(1, trialId);
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new StorageException("no trial with id " + trialId);
            }
            return new Status(r.getInt(1), OptunaEncoding.state(r.getString(2)));
        }
    }

    /** Parameters and intermediate values belong to a run: a trial must be RUNNING to take them. */
    private void requireRunning(long trialId) throws SQLException {
        Status t = status(trialId);
        if (t.state() != TrialState.RUNNING) {
            throw new StorageException("trial " + t.number() + " is not running (" + t.state() + ")");
        }
    }

    private void writeAttrs(AttrTable table, long trialId, Map<String, String> attrs) throws SQLException {
        if (attrs.isEmpty()) {
            return;
        }
        PreparedStatement s = db.statement(upsertAttrSql.get(table));
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            s.setLong(1, trialId);
            s.setString(2, e.getKey());
            s.setString(3, e.getValue());
            s.executeUpdate();
        }
    }

    /** Attribute values as JSON text, encoded before any lock is taken. */
    static Map<String, String> encodeAttrs(Map<String, Object> attrs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            out.put(e.getKey(), PythonJson.write(e.getValue()));
        }
        return out;
    }

    /** Attribute values as a later read will return them (numbers narrowed as JSON reads them). */
    static Map<String, Object> decodeAttrs(Map<String, String> attrs) {
        Map<String, Object> out = new LinkedHashMap<>();
        attrs.forEach((k, v) -> out.put(k, PythonJson.read(v)));
        return out;
    }

    private static void setNullableDouble(PreparedStatement s, int index, Double v) throws SQLException {
        if (v == null) {
            s.setNull(index, java.sql.Types.DOUBLE);
        } else {
            s.setDouble(index, v);
        }
    }
}
