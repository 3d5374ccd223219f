package io.metaloop.storage;

import io.metaloop.space.Distribution;
import io.metaloop.study.FrozenTrial;
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
import java.util.TreeMap;

/**
 * Reads trials from Optuna's tables: the trial rows of a study that may have changed, then their
 * parameters, values, intermediate values and attributes with one query per table for all of
 * them (never one per trial). Every method runs inside a transaction of its {@link Database}.
 */
final class TrialReader {

    private final Database db;
    private final String trialsSql;
    private final String allTrialsSql;
    private final String paramsSql;
    private final String valuesSql;
    private final String intermediateSql;
    private final String userAttrsSql;
    private final String systemAttrsSql;

    TrialReader(Database db) {
        this.db = db;
        String ids = db.dialect().idsSubquery();
        // Two halves driven by the primary key, so the cost follows the number of changed trials,
        // not the size of the study: an OR would make SQLite scan, and "+study_id" keeps it from
        // preferring the study index, which would walk all the study's trials.
        String columns = "SELECT trial_id, number, state, datetime_start, datetime_complete FROM trials";
        this.trialsSql = columns + " WHERE trial_id > ? AND +study_id = ?"
                + " UNION ALL " + columns + " WHERE trial_id IN (" + ids + ") AND trial_id <= ? AND +study_id = ?"
                + " ORDER BY 1";
        // a first read of a study takes all its trials, which the study index finds directly
        this.allTrialsSql = columns + " WHERE study_id = ? ORDER BY trial_id";
        this.paramsSql = "SELECT trial_id, param_name, param_value, distribution_json FROM trial_params"
                + " WHERE trial_id IN (" + ids + ") ORDER BY param_id";
        this.valuesSql = "SELECT trial_id, objective, value, value_type FROM trial_values"
                + " WHERE trial_id IN (" + ids + ") ORDER BY objective";
        this.intermediateSql = "SELECT trial_id, step, intermediate_value, intermediate_value_type"
                + " FROM trial_intermediate_values WHERE trial_id IN (" + ids + ")";
        this.userAttrsSql = "SELECT trial_id, \"key\", value_json FROM trial_user_attributes"
                + " WHERE trial_id IN (" + ids + ") ORDER BY trial_user_attribute_id";
        this.systemAttrsSql = "SELECT trial_id, \"key\", value_json FROM trial_system_attributes"
                + " WHERE trial_id IN (" + ids + ") ORDER BY trial_system_attribute_id";
    }

    /** A trial as it is assembled from the rows of several tables. */
    private static final class Row {
        final long id;
        final int number;
        final TrialState state;
        final LocalDateTime start;
        final LocalDateTime complete;
        final TreeMap<Integer, Double> values = new TreeMap<>();
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();
        final TreeMap<Integer, Double> intermediate = new TreeMap<>();

        Row(long id, int number, TrialState state, LocalDateTime start, LocalDateTime complete) {
            this.id = id;
            this.number = number;
            this.state = state;
            this.start = start;
            this.complete = complete;
        }

        FrozenTrial freeze() {
            return new FrozenTrial(id, number, state, new ArrayList<>(values.values()), start, complete, params,
                    distributions, userAttrs, systemAttrs, intermediate);
        }
    }

    /** The trials of a study with an id above {@code afterId} or in {@code ids}, ordered by id. */
    List<FrozenTrial> changedSince(long studyId, long afterId, Collection<Long> ids) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        PreparedStatement s;
        if (afterId < 0) {
            s = db.statement(allTrialsSql);
            s.setLong(1, studyId);
        } else {
            s = db.statement(trialsSql);
            s.setLong(1, afterId);
            s.setLong(2, studyId);
            db.dialect().bindIds(s, 3, ids);
            s.setLong(4, afterId);
            s.setLong(5, studyId);
        }
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long id = r.getLong(1);
                rows.put(id, new Row(id, r.getInt(2), decode(id, () -> OptunaEncoding.state(r.getString(3))),
                        db.dialect().readTime(r, 4), db.dialect().readTime(r, 5)));
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        readChildren(rows);
        List<FrozenTrial> out = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            out.add(row.freeze());
        }
        return out;
    }

    private void readChildren(Map<Long, Row> rows) throws SQLException {
        Collection<Long> ids = rows.keySet();
        try (ResultSet r = query(paramsSql, ids)) {
            while (r.next()) {
                Row row = rows.get(r.getLong(1));
                String name = r.getString(2);
                double internal = r.getDouble(3);
                String json = r.getString(4);
                Distribution d = decode(row.id, () -> OptunaEncoding.distributionFromJson(json), "parameter '" + name + "'");
                row.distributions.put(name, d);
                row.params.put(name, decode(row.id, () -> d.toExternal(internal), "parameter '" + name + "'"));
            }
        }
        try (ResultSet r = query(valuesSql, ids)) {
            while (r.next()) {
                Row row = rows.get(r.getLong(1));
                int objective = r.getInt(2);
                Double stored = nullableDouble(r, 3);
                String type = r.getString(4);
                row.values.put(objective, decode(row.id, () -> OptunaEncoding.decodeValue(stored, type), "value"));
            }
        }
        try (ResultSet r = query(intermediateSql, ids)) {
            while (r.next()) {
                Row row = rows.get(r.getLong(1));
                int step = r.getInt(2);
                Double stored = nullableDouble(r, 3);
                String type = r.getString(4);
                row.intermediate.put(step, decode(row.id, () -> OptunaEncoding.decodeValue(stored, type),
                        "intermediate value"));
            }
        }
        readAttrs(userAttrsSql, ids, rows, true);
        readAttrs(systemAttrsSql, ids, rows, false);
    }

    private void readAttrs(String sql, Collection<Long> ids, Map<Long, Row> rows, boolean user) throws SQLException {
        try (ResultSet r = query(sql, ids)) {
            while (r.next()) {
                Row row = rows.get(r.getLong(1));
                String key = r.getString(2);
                String json = r.getString(3);
                Object value = decode(row.id, () -> PythonJson.read(json), "attribute '" + key + "'");
                (user ? row.userAttrs : row.systemAttrs).put(key, value);
            }
        }
    }

    /** The last heartbeat of each RUNNING trial of a study, as local time. */
    Map<Long, LocalDateTime> heartbeats(long studyId) throws SQLException {
        PreparedStatement s = db.statement("SELECT h.trial_id, h.heartbeat FROM trial_heartbeats h"
                + " JOIN trials t ON t.trial_id = h.trial_id WHERE t.study_id = ? AND t.state = 'RUNNING'"
                + " ORDER BY h.trial_id");
        s.setLong(1, studyId);
        Map<Long, LocalDateTime> out = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                LocalDateTime stored = db.dialect().readTime(r, 2);
                if (stored != null) {
                    out.put(r.getLong(1), db.dialect().heartbeatToLocal(stored));
                }
            }
        }
        return out;
    }

    private ResultSet query(String sql, Collection<Long> ids) throws SQLException {
        PreparedStatement s = db.statement(sql);
        db.dialect().bindIds(s, 1, ids);
        return s.executeQuery();
    }

    private static Double nullableDouble(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    /** A decoder that may find the stored text unreadable. */
    @FunctionalInterface
    private interface Decoder<T> {
        T decode() throws SQLException;
    }

    private <T> T decode(long trialId, Decoder<T> decoder) throws SQLException {
        return decode(trialId, decoder, "state");
    }

    private <T> T decode(long trialId, Decoder<T> decoder, String what) throws SQLException {
        try {
            return decoder.decode();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new StorageException(db.description() + ": trial with id " + trialId + " has an unreadable "
                    + what + ": " + e.getMessage(), e);
        }
    }
}
