package io.metaloop.sampler;

/**
 * NSGA-II (Deb et al., 2002) for studies with several directions, e.g. maximise accuracy and
 * minimise parameters. Each generation's trials join the previous population, and the best
 * {@code population} of the two by non-dominated sorting and crowding distance
 * ({@link EvolutionRanking}, on Jenetics' {@code io.jenetics.ext.moea}) form the next population;
 * parents are chosen from it by binary tournaments on that order, then bred as by
 * {@link GeneticSampler} (two-point crossover, per-gene mutation). {@code elites} defaults to the
 * whole population, as in NSGA-II; fewer make it more generational. See {@link EvolutionSampler}
 * for generations, resume and parallel workers.
 *
 * <p>With one direction, non-dominated sorting is sorting by value, so the sampler works as a
 * (μ + λ) genetic algorithm: it needs no second objective, but {@link GeneticSampler} is the one
 * meant for that case.
 */
public final class Nsga2Sampler extends EvolutionSampler {

    /** NSGA-II's binary tournament. */
    public static final int TOURNAMENT = 2;

    /** An NSGA-II sampler with the given seed and options. */
    public Nsga2Sampler(long seed, EvolutionOptions options) {
        super(seed, options, options.elites() != null ? options.elites() : options.population(), TOURNAMENT);
    }

    /** An NSGA-II sampler with the default options. */
    public Nsga2Sampler(long seed) {
        this(seed, EvolutionOptions.defaults());
    }
}
