package io.metaloop.pruner;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.List;
import java.util.Optional;

/**
 * Waits until a trial has stopped improving before another pruner may stop it: a trial is
 * <em>stagnant</em> when none of its last {@code patience} reports beat the best report before
 * them by more than {@code minDelta}. While a trial improves it runs on whatever the wrapped
 * pruner thinks; once it is stagnant, the wrapped pruner decides — or, without one, it is stopped.
 *
 * <p>Patience counts reports, not step numbers. A trial with at most {@code patience} reports is
 * never stagnant. NaN reports are ignored; a window of only NaN reports is no improvement, and
 * any value after only NaN reports is one. Note that a wrapped pruner that judges rungs or
 * intervals at the report that crosses them (successive halving, an interval of the percentile
 * pruner) only gets that chance if the trial is stagnant at that report.
 *
 * <p>Create one with {@link #builder(int)}; instances are immutable.
 */
public final class PatientPruner implements Pruner {

    private final Pruner wrapped;
    private final int patience;
    private final double minDelta;
    private final int objective;

    private PatientPruner(Builder b) {
        if (b.patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + b.patience);
        }
        if (!(b.minDelta >= 0) || Double.isInfinite(b.minDelta)) {
            throw new IllegalArgumentException("min-delta must be a number of at least 0, got " + b.minDelta);
        }
        this.wrapped = b.wrapped;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.objective = Reports.checkObjective(b.objective);
    }

    /** A builder stopping trials after {@code patience} reports without improvement, wrapping nothing. */
    public static Builder builder(int patience) {
        return new Builder(patience);
    }

    @Override
    public boolean prune(StudyHistory history, FrozenTrial trial) {
        List<Double> reports = List.copyOf(trial.intermediateValues().values());
        if (reports.size() <= patience) {
            return false;
        }
        Direction direction = Reports.direction(history, objective);
        int split = reports.size() - patience;
        double before = Reports.best(reports.subList(0, split), direction);
        double recent = Reports.best(reports.subList(split, reports.size()), direction);
        boolean improved = !Double.isNaN(recent) && (Double.isNaN(before)
                || direction.isBetter(recent, before) && Math.abs(recent - before) > minDelta);
        if (improved) {
            return false;
        }
        return wrapped == null || wrapped.prune(history, trial);
    }

    /** The pruner that decides once a trial is stagnant; empty: stagnant trials are stopped. */
    public Optional<Pruner> wrapped() {
        return Optional.ofNullable(wrapped);
    }

    /** Reports without improvement after which a trial is stagnant. */
    public int patience() {
        return patience;
    }

    /** The least change that counts as an improvement. */
    public double minDelta() {
        return minDelta;
    }

    /** The index of the objective whose direction the intermediate values follow. */
    public int objective() {
        return objective;
    }

    @Override
    public String toString() {
        return "PatientPruner[patience=" + patience + ", minDelta=" + minDelta + ", objective=" + objective
                + ", wrapped=" + wrapped + "]";
    }

    /** Settings of a {@link PatientPruner}; unset ones keep their defaults. */
    public static final class Builder {
        private final int patience;
        private Pruner wrapped;
        private double minDelta;
        private int objective;

        private Builder(int patience) {
            this.patience = patience;
        }

        /** The pruner that decides once a trial is stagnant (default none: stagnant trials are stopped). */
        public Builder wrapping(Pruner pruner) {
            this.wrapped = pruner;
            return this;
        }

        /** The least change that counts as an improvement, at least 0 (default 0: any improvement). */
        public Builder minDelta(double delta) {
            this.minDelta = delta;
            return this;
        }

        /** The objective whose direction the intermediate values follow (default 0, the first). */
        public Builder objective(int index) {
            this.objective = index;
            return this;
        }

        /** The pruner; fails on a setting out of range. */
        public PatientPruner build() {
            return new PatientPruner(this);
        }
    }
}
