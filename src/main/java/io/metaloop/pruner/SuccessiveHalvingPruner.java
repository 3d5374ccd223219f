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
 * <p><b>Capped promotions.</b> Without a cap a trial goes on whenever it is in the top fraction
 * at the moment it arrives, and when a sampler's proposals improve as a search goes on — what a
 * good sampler does — nearly every late arrival is: in a ten-minute Fashion-MNIST study the
 * hybrid sampler sent 26 of 28 trials on from the rung at four epochs to the twelfth, three
 * quarters of the search's time. With {@code capped}, a rung with {@code n} trials lets at most
 * {@code k = max(1, ⌊n / reductionFactor⌋)} of them go on: a newcomer in the top fraction goes on
 * only if fewer than {@code k} of its rivals went on, or if it is at least as good as every rival,
 * so the best network of a search is never stopped for arriving late. Each rung then costs what
 * successive halving plans, a {@code 1 / reductionFactor} share of its trials going on, besides
 * new bests, whatever the sampler does. The price is that a good trial that arrives after the
 * places are taken, and is not the best, stops at the rung: a search with few full trainings. A
 * network objective's final phase makes up for it by choosing what to train again among the
 * trials compared at the last rung, not only the complete ones (run.FinalPhase). A second version
 * of the cap held a place only while its trial was among the {@code k} best, and a stopped trial
 * standing among them freed one, so about half the newcomers in a top fraction went on: in the
 * flagship study, hybrid seed 1 made 2.05 times the trials of a search without a pruner (131
 * against 64), against 3.3 times with this rule (212 and 218; docs/ARCHITECTURE.md). A trial
 * counts as gone on once it has reported beyond its report at the rung.
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
    private final boolean capped;

    private SuccessiveHalvingPruner(Builder b) {
        this(b.minResource, b.reductionFactor, b.minEarlyStoppingRate, b.maxResource, b.objective, b.perLayout,
                b.capped);
    }

    SuccessiveHalvingPruner(int minResource, int reductionFactor, int minEarlyStoppingRate, int maxResource,
                            int objective) {
        this(minResource, reductionFactor, minEarlyStoppingRate, maxResource, objective, false, false);
    }

    private SuccessiveHalvingPruner(int minResource, int reductionFactor, int minEarlyStoppingRate, int maxResource,
                                    int objective, boolean perLayout, boolean capped) {
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
        this.capped = capped;
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

    /**
     * A trial's (or with {@code perLayout}, a layout's best) value at a rung, and whether it went
     * on past it (read only when {@code capped}).
     */
    private record Rival(double value, boolean promoted) {
    }

    private List<Rival> rivals(List<FrozenTrial> trials, FrozenTrial trial, long step, Direction direction) {
        List<Rival> out = new ArrayList<>();
        Map<Map<String, Object>, Rival> bestPerLayout = new HashMap<>();
        for (FrozenTrial t : trials) {
            if (t.number() != trial.number()) {
                double v = t.valueOnReaching(step);
                if (Double.isNaN(v)) {
                    continue;
                }
                Rival r = new Rival(v, capped && Reports.wentOn(t, step));
                Map<String, Object> layout = perLayout ? layout(t) : Map.of();
                if (layout.isEmpty()) {
                    out.add(r);
                } else {
                    bestPerLayout.merge(layout, r, (a, b) -> new Rival(Reports.worse(a.value(), b.value(), direction)
                            ? b.value() : a.value(), a.promoted() || b.promoted()));
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

    /**
     * Whether {@code value} is among the best {@code k = max(1, ⌊n / factor⌋)} of itself and the
     * rivals; with {@code capped}, also whether fewer than {@code k} rivals went on, or it is at
     * least as good as every rival.
     */
    private boolean promoted(double value, List<Rival> rivals, Direction direction) {
        List<Double> all = new ArrayList<>(rivals.size() + 1);
        rivals.forEach(r -> all.add(r.value()));
        all.add(value);
        Comparator<Double> bestFirst = direction == Direction.MINIMIZE ? Comparator.naturalOrder() : Comparator.reverseOrder();
        all.sort(bestFirst);
        int kept = Math.max(1, all.size() / reductionFactor);
        if (Reports.worse(value, all.get(kept - 1), direction)) {
            return false;
        }
        if (!capped || !Reports.worse(value, all.get(0), direction)) {
            return true;
        }
        return rivals.stream().filter(Rival::promoted).count() < kept;
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

    /**
     * Whether a rung of {@code n} trials lets at most {@code max(1, ⌊n / reductionFactor⌋)} of them
     * go on, besides each new best there.
     */
    public boolean capped() {
        return capped;
    }

    @Override
    public String toString() {
        return "SuccessiveHalvingPruner[minResource=" + minResource + ", reductionFactor=" + reductionFactor
                + ", minEarlyStoppingRate=" + minEarlyStoppingRate + ", maxResource=" + maxResource
                + ", objective=" + objective + ", perLayout=" + perLayout + ", capped=" + capped + "]";
    }

    /** Settings of a {@link SuccessiveHalvingPruner}; unset ones keep their defaults. */
    public static final class Builder {
        private int minResource = 1;
        private int reductionFactor = DEFAULT_REDUCTION_FACTOR;
        private int minEarlyStoppingRate;
        private int maxResource = Integer.MAX_VALUE;
        private int objective;
        private boolean perLayout;
        private boolean capped;

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

        /** Whether a rung lets at most a {@code 1 / reductionFactor} share of its trials go on, besides new bests (default false). */
        public Builder capped(boolean cap) {
            this.capped = cap;
            return this;
        }

        /** The pruner; fails on a setting out of range. */
        public SuccessiveHalvingPruner build() {
            return new SuccessiveHalvingPruner(this);
        }
    }
}
