package io.metaloop.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code trial:} section of a study file: limits that apply to each trial. For now one,
 * {@code timeout}: a trial running longer is stopped and ends FAIL with the reason
 * {@code timeout} (see {@code io.metaloop.study.Study}).
 *
 * @param timeout the time limit of one trial, or null for none
 */
public record TrialSpec(Duration timeout) {

    /** The keys of the section. */
    public static final List<String> KEYS = List.of("timeout");

    public TrialSpec {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("a trial timeout must be positive, got " + timeout);
        }
    }

    /** No limits, the default. */
    public static TrialSpec none() {
        return new TrialSpec(null);
    }

    /** Reads the section (absent: no limits). */
    static TrialSpec read(YamlNode node) {
        if (node == null) {
            return none();
        }
        YamlMap m = node.asMap("a mapping of per-trial limits, e.g. {timeout: 60s}");
        m.checkKeys(KEYS);
        YamlNode t = m.get("timeout");
        if (t == null) {
            return none();
        }
        try {
            return new TrialSpec(Durations.parse(t.asText(Durations.EXPECTED)));
        } catch (IllegalArgumentException e) {
            throw t.error(e.getMessage());
        }
    }

    /** The section as in a study file, or an empty map when it sets nothing. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (timeout != null) {
            m.put("timeout", Durations.format(timeout));
        }
        return m;
    }
}
