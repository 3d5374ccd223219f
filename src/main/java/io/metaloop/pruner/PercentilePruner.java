package io.metaloop.pruner;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.TrialState;

import java.util.List;
import java.util.SortedMap;

/**
 * Stops a trial whose best value so far is worse than a percentile of what other trials
 * reported at the same step ({@link MedianPruner} is the 50th percentile).
 *
 * <p>When a trial reports step {@code s}, its best intermediate value over all its reports is
 * compared with the {@code percentile}-th percentile of the values other trials reported at
 * exactly step {@code s} — the percentile counted from the good end, so {@code percentile(25)}
 * keeps only trials in the best quarter. The other trials are the finished ones, COMPLETE and
 * PRUNED: a trial pruned at step 5 still says what a typical trial looks like at steps 1 to 5,
 * and leaving it out would compare new trials with survivors only (Optuna counts COMPLETE trials
 * only). Nothing is pruned until {@code startupTrials} trials are COMPLETE, before step
 * {@code warmupSteps}, when fewer than {@code minTrials} other trials reported the step, or at a
 * report that is not the first in its interval: with {@code intervalSteps} k, a trial is judged at
 * its first report at or after each of the steps warm-up, warm-up + k, warm-up + 2k, …. A trial
 * whose reports are all NaN is pruned.
 *
 * <p>Create one with {@link #builder(double)}; instances are immutable.
 */
public final class PercentilePruner implements Pruner {

    /** Default number of COMPLETE trials before anything is pruned. */
    public static final int DEFAULT_STARTUP_TRIALS = 5;

    private final double percentile;
    private final int startupTrials;
    private final int warmupSteps;
    private final int intervalSteps;
    private final int minTrials;
    private final int objective;

    private PercentilePruner(Builder b) {
        if (!(b.percentile >= 0 && b.percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, got " + b.percentile);
        }
        if (b.startupTrials < 0) {
            throw new IllegalArgumentException("startup-trials must not be negative, got " + b.startupTrials);
        }
        if (b.warmupSteps < 0) {
            throw new IllegalArgumentException("warmup-steps must not be negative, got " + b.warmupSteps);
        }
        if (b.intervalSteps < 1) {
            throw new IllegalArgumentException("interval-steps must be at least 1, got " + b.intervalSteps);
        }
        if (b.minTrials < 1) {
            throw new IllegalArgumentException("min-trials must be at least 1, got " + b.minTrials);
        }
        this.percentile = b.percentile;
        this.startupTrials = b.startupTrials;
        this.warmupSteps = b.warmupSteps;
        this.intervalSteps = b.intervalSteps;
        this.minTrials = b.minTrials;
        this.objective = Reports.checkObjective(b.objective);
    }

    /** A builder keeping the best {@code percentile} percent (0 to 100) of trials at each step. */
    public static Builder builder(double percentile) {
        return new Builder(percentile);
    }

    @Override
    public boolean prune(StudyHistory history, FrozenTrial trial) {
        SortedMap<Integer, Double> reports = trial.intermediateValues();
        if (reports.isEmpty()) {
            return false;
        }
        int step = reports.lastKey();
        if (step < warmupSteps) {
            return false;
        }
        long intervalStart = warmupSteps + (long) (step - warmupSteps) / intervalSteps * intervalSteps;
        if (!Reports.justCrossed(reports, intervalStart)) {
            return false;
        }
        Direction direction = Reports.direction(history, objective);
        List<FrozenTrial> others = history.trials().stream()
                .filter(t -> t.number() != trial.number())
                .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
                .toList();
        if (others.stream().filter(t -> t.state() == TrialState.COMPLETE).count() < startupTrials) {
            return false;
        }
        double best = Reports.best(reports.values(), direction);
        if (Double.isNaN(best)) {
            return true;
        }
        double[] atStep = others.stream()
                .map(t -> t.intermediateValues().get(step))
                .filter(v -> v != null && !Double.isNaN(v))
                .mapToDouble(Double::doubleValue).toArray();
        if (atStep.length < minTrials) {
            return false;
        }
        double threshold = Reports.percentile(atStep, direction == Direction.MAXIMIZE ? 100 - percentile : percentile);
        return Reports.worse(best, threshold, direction);
    }

    /** The share of trials kept at each step, in percent. */
    public double percentile() {
        return percentile;
    }

    /** COMPLETE trials needed before anything is pruned. */
    public int startupTrials() {
        return startupTrials;
    }

    /** Steps before which nothing is pruned. */
    public int warmupSteps() {
        return warmupSteps;
    }

    /** Steps between two judgements of a trial. */
    public int intervalSteps() {
        return intervalSteps;
    }

    /** Other trials that must have reported a step before a trial is judged at it. */
    public int minTrials() {
        return minTrials;
    }

    /** The index of the objective whose direction the intermediate values follow. */
    public int objective() {
        return objective;
    }

    @Override
    public String toString() {
        return "PercentilePruner[percentile=" + percentile + ", startupTrials=" + startupTrials + ", warmupSteps="
                + warmupSteps + ", intervalSteps=" + intervalSteps + ", minTrials=" + minTrials
                + ", objective=" + objective + "]";
    }

    /** Settings of a {@link PercentilePruner}; unset ones keep their defaults. */
    public static final class Builder {
        private final double percentile;
        private int startupTrials = DEFAULT_STARTUP_TRIALS;
        private int warmupSteps;
        private int intervalSteps = 1;
        private int minTrials = 1;
        private int objective;

        private Builder(double percentile) {
            this.percentile = percentile;
        }

        /** COMPLETE trials needed before anything is pruned (default {@value #DEFAULT_STARTUP_TRIALS}). */
        public Builder startupTrials(int n) {
            this.startupTrials = n;
            return this;
        }

        /** Steps before which nothing is pruned (default 0). */
        public Builder warmupSteps(int n) {
            this.warmupSteps = n;
            return this;
        }

        /** Steps between two judgements of a trial, counted from the warm-up (default 1: every report). */
        public Builder intervalSteps(int n) {
            this.intervalSteps = n;
            return this;
        }

        /** Other trials that must have reported a step before a trial is judged at it (default 1). */
        public Builder minTrials(int n) {
            this.minTrials = n;
            return this;
        }

        /** The objective whose direction the intermediate values follow (default 0, the first). */
        public Builder objective(int index) {
            this.objective = index;
            return this;
        }

        /** The pruner; fails on a setting out of range. */
        public PercentilePruner build() {
            return new PercentilePruner(this);
        }
    }
}
