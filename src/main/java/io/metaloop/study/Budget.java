package io.metaloop.study;

import java.time.Duration;

/**
 * How much a study may run, counted over the whole study rather than per call or per worker:
 * a study with 40 of 100 trials done runs 60 more. Trials that failed because they were
 * interrupted or lost their worker do not count; enqueued (WAITING) trials count once started.
 *
 * <p>When the time runs out, trials still running stop at their next pruning check (an objective
 * that reports asks after each report) and end PRUNED, keeping their intermediate values, so the
 * time budget is wall-clock time rather than time to start trials in; with
 * {@code finishRunning} they run to their end instead, as with Optuna's {@code timeout}.
 *
 * @param trials        the number of trials, or {@link Integer#MAX_VALUE} for no limit
 * @param time          the study's total running time, or null for no limit
 * @param finishRunning whether trials running at the end of the time run to their end
 */
public record Budget(int trials, Duration time, boolean finishRunning) {

    public Budget {
        if (trials < 0) {
            throw new IllegalArgumentException("the trial budget must not be negative, got " + trials);
        }
        if (time != null && time.isNegative()) {
            throw new IllegalArgumentException("the time budget must not be negative, got " + time);
        }
    }

    /** A budget whose running trials stop at the end of the time. */
    public Budget(int trials, Duration time) {
        this(trials, time, false);
    }

    /** No limit at all. */
    public static Budget unlimited() {
        return new Budget(Integer.MAX_VALUE, null);
    }

    /** At most {@code n} trials. */
    public static Budget trials(int n) {
        return new Budget(n, null);
    }

    /** This budget with a trial limit. */
    public Budget withTrials(int n) {
        return new Budget(n, time, finishRunning);
    }

    /** This budget with a time limit. */
    public Budget withTime(Duration d) {
        return new Budget(trials, d, finishRunning);
    }

    /** This budget with trials running at the end of the time run to their end, or stopped. */
    public Budget withFinishRunning(boolean finish) {
        return new Budget(trials, time, finish);
    }
}
