package io.metaloop.study;

import io.metaloop.space.Distribution;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of one trial as stored: the same fields as Optuna's {@code FrozenTrial}.
 * Parameter values are external (what the objective saw); attribute values are decoded JSON
 * (maps, lists, strings, numbers, booleans, null).
 *
 * @param id                 the storage's trial id, unique across studies
 * @param number             the trial's number within its study, from 0
 * @param state              where it is in its life
 * @param values             one value per objective, or empty when not COMPLETE
 * @param datetimeStart      when it started running, or null while WAITING
 * @param datetimeComplete   when it finished, or null
 * @param params             external parameter values, in the order they were suggested
 * @param distributions      the distribution of each parameter
 * @param userAttrs          attributes set by the user
 * @param systemAttrs        attributes set by metaloop or Optuna
 * @param intermediateValues values reported per step
 */
public record FrozenTrial(long id, int number, TrialState state, List<Double> values,
                          LocalDateTime datetimeStart, LocalDateTime datetimeComplete,
                          Map<String, Object> params, Map<String, Distribution> distributions,
                          Map<String, Object> userAttrs, Map<String, Object> systemAttrs,
                          SortedMap<Integer, Double> intermediateValues) {

    public FrozenTrial {
        Objects.requireNonNull(state, "state");
        values = values == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(values));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
        systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
        intermediateValues = Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
    }

    /** The single objective value; fails for a study with several objectives or no value. */
    public double value() {
        if (values.size() != 1) {
            throw new IllegalStateException("trial " + number + " has " + values.size() + " values, not one");
        }
        return values.get(0);
    }

    /** The internal (stored) value of a parameter. */
    public double internalParam(String name) {
        return distributions.get(name).toInternal(params.get(name));
    }

    /** The failure reason, or null. */
    public String failReason() {
        Object r = systemAttrs.get(SystemAttrs.FAIL_REASON);
        return r == null ? null : r.toString();
    }

    /** Whether this trial counts against a study's trial budget. */
    public boolean countsTowardsBudget() {
        return state != TrialState.WAITING && !Boolean.TRUE.equals(systemAttrs.get(SystemAttrs.BUDGET_EXEMPT));
    }

    /**
     * Whether the objective refused this trial before evaluating it (e.g. a network over
     * max-params): it is FAIL, does not use the trial budget, and samplers rank it below every
     * evaluated trial.
     */
    public boolean isRejected() {
        return state == TrialState.FAIL && Boolean.TRUE.equals(systemAttrs.get(SystemAttrs.REJECTED));
    }

    /**
     * Whether this trial failed for a reason outside its parameters (its runs were cut short by
     * interruptions or lost workers too often, see {@link Study#MAX_PUT_BACKS}): it says nothing
     * about its point, which samplers may propose again. A rejected trial is not retryable.
     */
    public boolean isRetryable() {
        return state == TrialState.FAIL && !countsTowardsBudget() && !isRejected();
    }

    /** The last intermediate value reported, or NaN. */
    public double lastIntermediateValue() {
        return intermediateValues.isEmpty() ? Double.NaN : intermediateValues.get(intermediateValues.lastKey());
    }

    /**
     * The value reported first at a step of at least {@code step} — the trial's value on reaching
     * it, as pruners and the final phase compare trials — or NaN if it never got there.
     */
    public double valueOnReaching(long step) {
        if (step > Integer.MAX_VALUE) {
            return Double.NaN;
        }
        SortedMap<Integer, Double> tail = intermediateValues.tailMap((int) step);
        return tail.isEmpty() ? Double.NaN : tail.get(tail.firstKey());
    }
}
