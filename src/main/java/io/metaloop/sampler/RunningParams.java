package io.metaloop.sampler;

import java.util.HashMap;
import java.util.Map;

/**
 * The values a sampler proposed for trials this process is running. A running trial's
 * parameters reach storage only with its first report or when it ends, yet the constant liar
 * must see them at once to steer parallel workers apart. Only running trials are looked up, so
 * entries of finished trials are harmless; the oldest are dropped beyond a bound.
 */
final class RunningParams {

    private final Map<Long, Map<String, Object>> byTrial = RecentTrials.map();

    /** Records one value proposed for a trial. */
    synchronized void put(long trialId, String name, Object value) {
        byTrial.computeIfAbsent(trialId, k -> new HashMap<>()).put(name, value);
    }

    /** Records values proposed jointly for a trial. */
    synchronized void put(long trialId, Map<String, Object> values) {
        byTrial.computeIfAbsent(trialId, k -> new HashMap<>()).putAll(values);
    }

    /** Whether a value was proposed for the trial's parameter. */
    synchronized boolean has(long trialId, String name) {
        Map<String, Object> m = byTrial.get(trialId);
        return m != null && m.containsKey(name);
    }

    /** The value proposed for the trial's parameter, or null. */
    synchronized Object get(long trialId, String name) {
        Map<String, Object> m = byTrial.get(trialId);
        return m == null ? null : m.get(name);
    }
}
