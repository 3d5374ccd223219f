package io.metaloop.report;

import io.metaloop.study.FrozenTrial;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trials as plain rows of JSON-compatible values — the one place that decides what a trial
 * looks like to a user, shared by the JSON, CSV and table outputs and by exported files.
 */
public final class TrialRows {

    /** ISO-8601 local date-time with microseconds, as Optuna keeps them. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private TrialRows() {
    }

    /**
     * One trial as a map with {@code number, state, values, params, intermediate_values,
     * datetime_start, datetime_complete, duration_s, fail_reason, user_attrs}.
     */
    public static Map<String, Object> row(FrozenTrial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number());
        m.put("state", t.state().name());
        m.put("values", t.values().isEmpty() ? null : t.values());
        m.put("params", t.params());
        Map<String, Double> inter = new LinkedHashMap<>();
        t.intermediateValues().forEach((k, v) -> inter.put(Integer.toString(k), v));
        m.put("intermediate_values", inter);
        m.put("datetime_start", t.datetimeStart() == null ? null : TIME.format(t.datetimeStart()));
        m.put("datetime_complete", t.datetimeComplete() == null ? null : TIME.format(t.datetimeComplete()));
        m.put("duration_s", durationSeconds(t));
        m.put("fail_reason", t.failReason());
        m.put("user_attrs", t.userAttrs());
        return m;
    }

    /** Rows for many trials. */
    public static List<Map<String, Object>> rows(List<FrozenTrial> trials) {
        List<Map<String, Object>> out = new ArrayList<>();
        trials.forEach(t -> out.add(row(t)));
        return out;
    }

    /** Seconds between start and completion, or null. */
    public static Double durationSeconds(FrozenTrial t) {
        if (t.datetimeStart() == null || t.datetimeComplete() == null) {
            return null;
        }
        return Duration.between(t.datetimeStart(), t.datetimeComplete()).toNanos() / 1e9;
    }

    /** Every parameter name used by any of the trials, in first-seen order. */
    public static List<String> paramNames(List<FrozenTrial> trials) {
        Set<String> names = new LinkedHashSet<>();
        trials.forEach(t -> names.addAll(t.params().keySet()));
        return new ArrayList<>(names);
    }

    /** A number in a short, readable form; integers without a decimal point. */
    public static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue()) + ".0";
            }
            double a = Math.abs(d);
            return a != 0 && (a < 1e-4 || a >= 1e7) ? String.format("%.6g", d) : String.format("%.6f", d).replaceAll("0+$", "");
        }
        return v.toString();
    }
}
