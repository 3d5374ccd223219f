package io.metaloop.sampler;

/**
 * A genetic algorithm over the study's parameters, on Jenetics: generations of
 * {@code population} trials, parents chosen by tournaments of {@value #TOURNAMENT} on their rank,
 * two-point crossover and per-gene mutation (categorical genes take another choice, numeric ones a
 * Gaussian step), and {@code elites} (default {@value #DEFAULT_ELITES}) of each population's best
 * carried into the next. Generation 0 is a scrambled Sobol sequence. See {@link EvolutionSampler}
 * for how generations are stored, resumed and shared by parallel workers.
 *
 * <p>Trials are ranked by value; PRUNED trials below every COMPLETE one (the further they got the
 * better); failed and rejected trials last. A study with several directions is ranked as
 * {@link Nsga2Sampler} ranks it (non-dominated rank, then crowding distance).
 *
 * <p>Layout search spaces — a number of blocks, each block's type and that type's conditional
 * parameters — suit it: every block's genes are kept whether the block is active or not, crossover
 * exchanges runs of blocks together with the depth, and mutation changes the depth and block types.
 */
public final class GeneticSampler extends EvolutionSampler {

    /** Elites unless given. */
    public static final int DEFAULT_ELITES = 2;
    /** Individuals per parent-selection tournament. */
    public static final int TOURNAMENT = 3;

    /** A genetic sampler with the given seed and options. */
    public GeneticSampler(long seed, EvolutionOptions options) {
        super(seed, options, options.elites() != null ? options.elites() : DEFAULT_ELITES, TOURNAMENT);
    }

    /** A genetic sampler with the default options. */
    public GeneticSampler(long seed) {
        this(seed, EvolutionOptions.defaults());
    }
}
