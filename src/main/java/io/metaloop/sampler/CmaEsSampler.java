package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.SystemAttrs;

import java.util.Map;

/**
 * CMA-ES (covariance matrix adaptation evolution strategy) with IPOP restarts, written from
 * Hansen's tutorial, inside the ask/tell loop: each trial is one sample of a generation and stores
 * its restart, generation and index as system attribute {@value CmaStep#ATTR}; the search state is
 * rebuilt from the stored trials on each ask ({@link CmaReplay}, {@link CmaState}). Nothing else
 * is kept, so any process can continue a study and a resumed study proposes what an
 * uninterrupted run would have (one worker); parallel workers take different samples.
 *
 * <p>Works on the same numeric parameters as {@link BobyqaSampler}, in the unit cube; categorical
 * and conditional parameters go to {@link TpeSampler}. {@code separable} keeps a diagonal
 * covariance, for many dimensions. Single-objective studies only; otherwise TPE.
 */
public final class CmaEsSampler implements Sampler {

    private final long seed;
    private final boolean separable;
    private final Integer population;
    private final TpeSampler tpe;
    private final Map<Long, CmaStep> proposed = RecentTrials.map();

    /**
     * A CMA-ES sampler.
     *
     * @param seed       chooses the samples and restart points
     * @param separable  whether the covariance is diagonal
     * @param population the first restart's population, at least 2, or null for 4 + ⌊3 ln n⌋
     */
    public CmaEsSampler(long seed, boolean separable, Integer population) {
        if (population != null && population < 2) {
            throw new IllegalArgumentException("the population must be at least 2, got " + population);
        }
        this.seed = seed;
        this.separable = separable;
        this.population = population;
        this.tpe = new TpeSampler(seed);
    }

    /** A full-covariance CMA-ES with the default population. */
    public CmaEsSampler(long seed) {
        this(seed, false, null);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Whether the covariance is diagonal. */
    public boolean separable() {
        return separable;
    }

    /** The first population size, or null for the default. */
    public Integer population() {
        return population;
    }

    @Override
    public Map<String, Object> beforeTrial(StudyHistory history, FrozenTrial trial) {
        if (history.directions().size() != 1 || trial.systemAttrs().containsKey(SystemAttrs.FIXED_PARAMS)) {
            return Map.of();
        }
        Map<String, Distribution> params = BobyqaSampler.params(history);
        if (params.isEmpty()) {
            return Map.of();
        }
        int n = params.size();
        int lambda = population != null ? population : CmaState.defaultPopulation(n);
        synchronized (proposed) {
            CmaStep step = new CmaReplay(n, seed, lambda, separable)
                    .next(BobyqaSampler.key(params), history.directions().get(0), history.trials(), proposed);
            proposed.put(trial.id(), step);
            return Map.of(CmaStep.ATTR, step.toAttr());
        }
    }

    @Override
    public Map<String, Distribution> relativeSearchSpace(StudyHistory history, FrozenTrial trial) {
        Map<String, Distribution> params = BobyqaSampler.params(history);
        return CmaStep.of(trial).filter(s -> s.space().equals(BobyqaSampler.key(params))).isPresent() ? params : Map.of();
    }

    @Override
    public Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial, Map<String, Distribution> space) {
        CmaStep step = CmaStep.of(trial).orElse(null);
        if (step == null || !step.space().equals(BobyqaSampler.key(space))) {
            return Map.of();
        }
        return Distributions.fromUnit(space, step.x());
    }

    /** Categorical and conditional parameters, and all of them before the space is known: TPE. */
    @Override
    public Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution) {
        return tpe.sampleIndependent(history, trial, name, distribution);
    }
}
