package io.metaloop.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metaloop.study.FrozenTrial;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ways {@code metaloop trials} prints a study's trials. */
public enum TrialFormat {
    /** Aligned columns for people. */
    TABLE,
    /** An array of objects, one per trial (see {@link TrialRows#row}). */
    JSON,
    /** Comma-separated values with a header, one parameter per column. */
    CSV;

    static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Parses {@code table}, {@code json} or {@code csv}. */
    public static TrialFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "'; expected table, json or csv");
        }
    }

    /** The trials in this format. */
    public String render(List<FrozenTrial> trials, int objectives) {
        return switch (this) {
            case JSON -> json(trials);
            case CSV -> csv(trials, objectives);
            case TABLE -> table(trials, objectives);
        };
    }

    private static String json(List<FrozenTrial> trials) {
        try {
            return JSON_MAPPER.writeValueAsString(TrialRows.rows(trials));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write trials as JSON", e);
        }
    }

    private static List<String> header(List<FrozenTrial> trials, int objectives, String paramPrefix) {
        List<String> h = new ArrayList<>(List.of("number", "state"));
        for (int i = 0; i < objectives; i++) {
            h.add(objectives == 1 ? "value" : "value_" + i);
        }
        h.add("duration_s");
        TrialRows.paramNames(trials).forEach(p -> h.add(paramPrefix + p));
        h.add("fail_reason");
        return h;
    }

    private static List<List<String>> cells(List<FrozenTrial> trials, int objectives) {
        List<String> params = TrialRows.paramNames(trials);
        List<List<String>> rows = new ArrayList<>();
        for (FrozenTrial t : trials) {
            List<String> r = new ArrayList<>();
            r.add(Integer.toString(t.number()));
            r.add(t.state().name());
            for (int i = 0; i < objectives; i++) {
                r.add(i < t.values().size() ? TrialRows.format(t.values().get(i)) : "");
            }
            Double d = TrialRows.durationSeconds(t);
            r.add(d == null ? "" : String.format(Locale.ROOT, "%.3f", d));
            for (String p : params) {
                r.add(t.params().containsKey(p) ? TrialRows.format(t.params().get(p)) : "");
            }
            r.add(t.failReason() == null ? "" : t.failReason());
            rows.add(r);
        }
        return rows;
    }

    private static String csv(List<FrozenTrial> trials, int objectives) {
        StringBuilder sb = new StringBuilder();
        List<List<String>> all = new ArrayList<>();
        all.add(header(trials, objectives, "params_"));
        all.addAll(cells(trials, objectives));
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(csvCell(row.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String table(List<FrozenTrial> trials, int objectives) {
        List<List<String>> all = new ArrayList<>();
        all.add(header(trials, objectives, ""));
        all.addAll(cells(trials, objectives));
        return TextTable.render(all);
    }
}
