package io.metaloop.pruner;

import io.metaloop.space.FloatDistribution;
import io.metaloop.space.Layout;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2018): trials are promoted rung by rung, and
 * only the best {@code 1/reductionFactor} of the trials that reached a rung go on past it.
 *
 * <p>Rung {@code k} is at step {@code minResource · reductionFactor^(minEarlyStoppingRate + k)}.
 * When a trial's report is its first at or past a rung's step, its value there is compared with
 * the values every other trial had on reaching that step (running, complete, pruned or failed,
 * as long as it got there): with {@code n} trials at the rung, itself included, it goes on if it
 * is at least as good as the {@code max(1, ⌊n / reductionFactor⌋)}-th best, and is pruned
 * otherwise. The first trial to reach a rung therefore always goes on, as in ASHA, which never
 * waits for a rung to fill. A NaN value at a rung is pruned. With a {@code maxResource} (the last
 * step trials report), rungs at or past it stop nothing: a trial that got there has cost all it
 * will cost, and its value is final.
 *
 * <p>Nothing is remembered between calls: rung membership is read from the intermediate values
 * (a trial is at a rung if it reported a step at or past it; its value there is the first such
 * report), and a rung is judged only at the report that crosses it, so a trial promoted once is
 * never demoted when better trials reach the rung later. That relies on the pruner being asked
 * after every report, as metaloop's objectives do.
 *
 * <p><b>Per layout.</b> With {@code perLayout}, each layer layout counts once at a rung: the
 * rivals of a trial are, for every layout, the best value its trials had on reaching the step
 * (the trial's own layout: its other trials'), and trials without a layout one by one. A layout
 * is a trial's {@code blocks} and {@code block_*} parameters ({@link Layout#isLayoutParam})
 * other than float ones such as a dropout rate. Why: a sampler that exploits retrains its best
 * layouts many times with other learning rates, and its copies then fill the first rung and set
 * the bar there. In a ten-minute Fashion-MNIST study the hybrid sampler put 444 trials through
 * the rung at 3,000 examples, most of them one small network learning fast; the top quarter
 * started at 0.765, and none of its 23 networks of two or more convolutions, whose best reached
 * 0.744 there, went on — while under random search, whose bar there was 0.573, such networks
 * were the best in the end. Counted once per layout, that study's bar would have been 0.653.
 *
 * <p>Create one with {@link #builder()}; instances are immutable.
 */
public final class SuccessiveHalvingPruner implements Pruner {

    /** Default reduction factor: a quarter of the trials at each rung go on. */
    public static final int DEFAULT_REDUCTION_FACTOR = 4;

    private final int minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final int maxResource;
    private final int objective;
    private final boolean perLayout;

    private SuccessiveHalvingPruner(Builder b) {
        this(b.minResource, b.reductionFactor, b.minEarlyStoppingRate, b.maxResource, b.objective, b.perLayout);
    }

    SuccessiveHalvingPruner(int minResource, int reductionFactor, int minEarlyStoppingRate, int maxResource,
                            int objective) {
        this(minResource, reductionFactor, minEarlyStoppingRate, maxResource, objective, false);
    }

    private SuccessiveHalvingPruner(int minResource, int reductionFactor, int minEarlyStoppingRate, int maxResource,
                                    int objective, boolean perLayout) {
        if (minResource < 1) {
            throw new IllegalArgumentException("min-resource must be at least 1, got " + minResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reduction-factor must be at least 2, got " + reductionFactor);
        }
        if (minEarlyStoppingRate < 0) {
            throw new IllegalArgumentException("min-early-stopping-rate must not be negative, got " + minEarlyStoppingRate);
        }
        if (maxResource < minResource) {
            throw new IllegalArgumentException("max-resource must be at least min-resource (" + minResource
                    + "), got " + maxResource);
        }
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.objective = Reports.checkObjective(objective);
        this.perLayout = perLayout;
    }

    /** A builder with the defaults: min resource 1, reduction factor 4, min early-stopping rate 0. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean prune(StudyHistory history, FrozenTrial trial) {
        return prune(history.trials(), Reports.direction(history, objective), trial);
    }

    /** The decision for {@code trial} competing with {@code trials} (itself, if among them, is skipped). */
    boolean prune(List<FrozenTrial> trials, Direction direction, FrozenTrial trial) {
        SortedMap<Integer, Double> reports = trial.intermediateValues();
        if (reports.isEmpty()) {
            return false;
        }
        int last = reports.lastKey();
        for (int k = 0; rungStep(k) <= last && rungStep(k) < maxResource; k++) {
            long step = rungStep(k);
            if (!Reports.justCrossed(reports, step)) {
                continue; // judged at an earlier report
            }
            double value = reports.get(last);
            if (Double.isNaN(value) || !promoted(value, rivals(trials, trial, step, direction), direction)) {
                return true;
            }
        }
        return false;
    }

    private List<Double> rivals(List<FrozenTrial> trials, FrozenTrial trial, long step, Direction direction) {
        List<Double> out = new ArrayList<>();
        Map<Map<String, Object>, Double> bestPerLayout = new HashMap<>();
        for (FrozenTrial t : trials) {
            if (t.number() != trial.number()) {
                double v = Reports.valueOnReaching(t, step);
                if (Double.isNaN(v)) {
                    continue;
                }
                Map<String, Object> layout = perLayout ? layout(t) : Map.of();
                if (layout.isEmpty()) {
                    out.add(v);
                } else {
                    bestPerLayout.merge(layout, v, (a, b) -> Reports.worse(a, b, direction) ? b : a);
                }
            }
        }
        out.addAll(bestPerLayout.values());
        return out;
    }

    /** The trial's layout: its layout parameters other than float ones (empty: none). */
    static Map<String, Object> layout(FrozenTrial t) {
        Map<String, Object> out = new TreeMap<>();
        t.params().forEach((name, value) -> {
            if (Layout.isLayoutParam(name) && !(t.distributions().get(name) instanceof FloatDistribution)) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** Whether {@code value} is among the best {@code max(1, ⌊n / factor⌋)} of itself and the rivals. */
    private boolean promoted(double value, List<Double> rivals, Direction direction) {
        List<Double> all = new ArrayList<>(rivals);
        all.add(value);
        Comparator<Double> bestFirst = direction == Direction.MINIMIZE ? Comparator.naturalOrder() : Comparator.reverseOrder();
        all.sort(bestFirst);
        int kept = Math.max(1, all.size() / reductionFactor);
        return !Reports.worse(value, all.get(kept - 1), direction);
    }

    /**
     * The step of rung {@code k} (from 0): {@code minResource · reductionFactor^(minEarlyStoppingRate + k)},
     * or {@link Long#MAX_VALUE} when that does not fit a long.
     */
    public long rungStep(int k) {
        long step = minResource;
        for (int i = 0; i < minEarlyStoppingRate + k; i++) {
            if (step > Long.MAX_VALUE / reductionFactor) {
                return Long.MAX_VALUE;
            }
            step *= reductionFactor;
        }
        return step;
    }

    /** The step of the first rung when the early-stopping rate is 0. */
    public int minResource() {
        return minResource;
    }

    /** The factor between the steps of consecutive rungs; 1/factor of a rung's trials go on. */
    public int reductionFactor() {
        return reductionFactor;
    }

    /** The exponent added to every rung's: a rate r moves the first rung to minResource · factor^r. */
    public int minEarlyStoppingRate() {
        return minEarlyStoppingRate;
    }

    /** The last step trials report: rungs at or past it stop nothing ({@link Integer#MAX_VALUE}: no limit). */
    public int maxResource() {
        return maxResource;
    }

    /** The index of the objective whose direction the intermediate values follow. */
    public int objective() {
        return objective;
    }

    /** Whether each layer layout counts once at a rung, by its best value there. */
    public boolean perLayout() {
        return perLayout;
    }

    @Override
    public String toString() {
        return "SuccessiveHalvingPruner[minResource=" + minResource + ", reductionFactor=" + reductionFactor
                + ", minEarlyStoppingRate=" + minEarlyStoppingRate + ", maxResource=" + maxResource
                + ", objective=" + objective + ", perLayout=" + perLayout + "]";
    }

    /** Settings of a {@link SuccessiveHalvingPruner}; unset ones keep their defaults. */
    public static final class Builder {
        private int minResource = 1;
        private int reductionFactor = DEFAULT_REDUCTION_FACTOR;
        private int minEarlyStoppingRate;
        private int maxResource = Integer.MAX_VALUE;
        private int objective;
        private boolean perLayout;

        private Builder() {
        }

        /** The step of the first rung, at least 1 (default 1). */
        public Builder minResource(int steps) {
            this.minResource = steps;
            return this;
        }

        /** The factor between rung steps, at least 2 (default {@value #DEFAULT_REDUCTION_FACTOR}). */
        public Builder reductionFactor(int factor) {
            this.reductionFactor = factor;
            return this;
        }

        /** Moves every rung up by this power of the reduction factor (default 0). */
        public Builder minEarlyStoppingRate(int rate) {
            this.minEarlyStoppingRate = rate;
            return this;
        }

        /** The last step trials report; rungs at or past it stop nothing (default: no limit). */
        public Builder maxResource(int steps) {
            this.maxResource = steps;
            return this;
        }

        /** The objective whose direction the intermediate values follow (default 0, the first). */
        public Builder objective(int index) {
            this.objective = index;
            return this;
        }

        /** Whether each layer layout counts once at a rung, by its best value there (default false). */
        public Builder perLayout(boolean once) {
            this.perLayout = once;
            return this;
        }

        /** The pruner; fails on a setting out of range. */
        public SuccessiveHalvingPruner build() {
            return new SuccessiveHalvingPruner(this);
        }
    }
}
