package io.metaloop.pruner;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hyperband (Li et al. 2018) over asynchronous successive halving: several
 * {@link SuccessiveHalvingPruner brackets} that stop trials more or less early, so that a
 * study does not have to guess how soon a bad trial shows.
 *
 * <p>Bracket {@code b} (from 0) is successive halving with min early-stopping rate {@code b}: its
 * first rung is at step {@code minResource · reductionFactor^b}. There are as many brackets as
 * rungs fit between the resources, {@code ⌊log_factor(maxResource / minResource)⌋ + 1}: bracket 0
 * judges trials from {@code minResource} on, the last one only near {@code maxResource}. As in
 * {@link SuccessiveHalvingPruner}, rungs at or past {@code maxResource} stop nothing, so when the
 * resources are a power of the factor apart the last bracket runs every trial to the end, like
 * Hyperband's last bracket. Each trial belongs to one bracket and competes only with the trials
 * of the same bracket. As in Hyperband, brackets that stop trials earlier get more of them: with
 * {@code n} brackets, bracket {@code b} has weight {@code ⌈n · factor^s / (s + 1)⌉} with
 * {@code s = n - 1 - b} (the number of configurations Hyperband starts in that bracket).
 *
 * <p>A trial's bracket is a function of its number and the seed — a 64-bit hash of both, reduced
 * modulo the total weight and looked up in the cumulative weights — so every process assigns
 * every trial to the same bracket without storing it, and the shares of the brackets approach
 * their weights.
 *
 * <p>Create one with {@link #builder(int)}; instances are immutable.
 */
public final class HyperbandPruner implements Pruner {

    /** Default reduction factor, as in the Hyperband paper: a third of the trials at each rung go on. */
    public static final int DEFAULT_REDUCTION_FACTOR = 3;

    private final int minResource;
    private final int maxResource;
    private final int reductionFactor;
    private final long seed;
    private final int objective;
    private final List<SuccessiveHalvingPruner> brackets;
    private final long[] cumulativeWeights;

    private HyperbandPruner(Builder b) {
        List<SuccessiveHalvingPruner> shas = new ArrayList<>();
        shas.add(new SuccessiveHalvingPruner(b.minResource, b.reductionFactor, 0, b.maxResource, b.objective)); // checks them
        this.minResource = b.minResource;
        this.maxResource = b.maxResource;
        this.reductionFactor = b.reductionFactor;
        this.seed = b.seed;
        this.objective = b.objective;
        while (shas.get(shas.size() - 1).rungStep(1) <= maxResource) {
            shas.add(new SuccessiveHalvingPruner(minResource, reductionFactor, shas.size(), maxResource, objective));
        }
        this.brackets = List.copyOf(shas);
        int n = brackets.size();
        this.cumulativeWeights = new long[n];
        long sum = 0;
        for (int bracket = 0; bracket < n; bracket++) {
            int s = n - 1 - bracket;
            long power = 1;
            for (int i = 0; i < s; i++) {
                power *= reductionFactor;
            }
            sum += (n * power + s) / (s + 1); // ⌈n · factor^s / (s + 1)⌉
            cumulativeWeights[bracket] = sum;
        }
    }

    /** A builder for trials whose last report is at step {@code maxResource} (the number of epochs, say). */
    public static Builder builder(int maxResource) {
        return new Builder(maxResource);
    }

    @Override
    public boolean prune(StudyHistory history, FrozenTrial trial) {
        Direction direction = Reports.direction(history, objective);
        int bracket = bracketOf(trial.number());
        List<FrozenTrial> sameBracket = history.trials().stream()
                .filter(t -> bracketOf(t.number()) == bracket).toList();
        return brackets.get(bracket).prune(sameBracket, direction, trial);
    }

    /** The bracket of trial number {@code trialNumber}, from 0 to {@link #bracketCount()} − 1. */
    public int bracketOf(int trialNumber) {
        long total = cumulativeWeights[cumulativeWeights.length - 1];
        long r = Math.floorMod(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + trialNumber).nextLong(), total);
        int b = 0;
        while (r >= cumulativeWeights[b]) {
            b++;
        }
        return b;
    }

    /** The number of brackets. */
    public int bracketCount() {
        return brackets.size();
    }

    /** The successive-halving pruner of bracket {@code b}. */
    public SuccessiveHalvingPruner bracket(int b) {
        return brackets.get(b);
    }

    /** The weight of bracket {@code b}: its share of trials is its weight over the sum of weights. */
    public long bracketWeight(int b) {
        return cumulativeWeights[b] - (b == 0 ? 0 : cumulativeWeights[b - 1]);
    }

    /** The step of the first rung of bracket 0. */
    public int minResource() {
        return minResource;
    }

    /** The last step a trial reports; it sets the number of brackets. */
    public int maxResource() {
        return maxResource;
    }

    /** The factor between rung steps. */
    public int reductionFactor() {
        return reductionFactor;
    }

    /** The seed of the bracket assignment. */
    public long seed() {
        return seed;
    }

    /** The index of the objective whose direction the intermediate values follow. */
    public int objective() {
        return objective;
    }

    @Override
    public String toString() {
        return "HyperbandPruner[minResource=" + minResource + ", maxResource=" + maxResource + ", reductionFactor="
                + reductionFactor + ", seed=" + seed + ", objective=" + objective + ", brackets=" + bracketCount() + "]";
    }

    /** Settings of a {@link HyperbandPruner}; unset ones keep their defaults. */
    public static final class Builder {
        private final int maxResource;
        private int minResource = 1;
        private int reductionFactor = DEFAULT_REDUCTION_FACTOR;
        private long seed;
        private int objective;

        private Builder(int maxResource) {
            this.maxResource = maxResource;
        }

        /** The step of the first rung of the most aggressive bracket, at least 1 (default 1). */
        public Builder minResource(int steps) {
            this.minResource = steps;
            return this;
        }

        /** The factor between rung steps, at least 2 (default {@value #DEFAULT_REDUCTION_FACTOR}). */
        public Builder reductionFactor(int factor) {
            this.reductionFactor = factor;
            return this;
        }

        /** The seed of the bracket assignment (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The objective whose direction the intermediate values follow (default 0, the first). */
        public Builder objective(int index) {
            this.objective = index;
            return this;
        }

        /** The pruner; fails on a setting out of range. */
        public HyperbandPruner build() {
            return new HyperbandPruner(this);
        }
    }
}
