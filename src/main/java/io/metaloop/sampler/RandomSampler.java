package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

/**
 * Independent uniform sampling (uniform in the logarithm for log ranges). Each value depends
 * only on the seed, the trial number and the parameter name, so runs are reproducible however
 * they are split across restarts and workers. It never reads the history.
 */
public final class RandomSampler implements Sampler {

    private final long seed;

    public RandomSampler(long seed) {
        this.seed = seed;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    @Override
    public Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution) {
        double u = SeededRandom.of(seed, trial.number(), name).nextDouble();
        return Distributions.fromUnit(distribution, u);
    }
}
