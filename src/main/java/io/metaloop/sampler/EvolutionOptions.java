package io.metaloop.sampler;

/**
 * Settings of the evolutionary samplers, {@link GeneticSampler} and {@link Nsga2Sampler}.
 *
 * @param population the trials per generation, at least 2; also the size of the population
 *                   that parents are drawn from
 * @param mutation   the probability that one gene (one parameter) of an offspring mutates, in
 *                   [0, 1]: a categorical gene takes another choice, a numeric one moves by a
 *                   Gaussian step
 * @param crossover  the probability that an offspring comes from a two-point crossover of two
 *                   parents rather than from one parent, in [0, 1]
 * @param elites     how many of a population's best carry over into the next generation's
 *                   population, in [0, population], or null for the sampler's default
 *                   ({@link GeneticSampler}: {@value GeneticSampler#DEFAULT_ELITES},
 *                   {@link Nsga2Sampler}: the whole population, as NSGA-II does)
 * @param immigrants the share of each generation after the first drawn at random rather than
 *                   bred, in [0, 1): fresh layouts keep a search that has settled on one family of
 *                   layouts looking at others (rounded down to whole trials)
 */
public record EvolutionOptions(int population, double mutation, double crossover, Integer elites, double immigrants) {

    /** Trials per generation unless given. */
    public static final int DEFAULT_POPULATION = 16;
    /** Mutation probability per gene unless given. */
    public static final double DEFAULT_MUTATION = 0.05;
    /** Crossover probability unless given. */
    public static final double DEFAULT_CROSSOVER = 0.8;

    /** Options without immigrants. */
    public EvolutionOptions(int population, double mutation, double crossover, Integer elites) {
        this(population, mutation, crossover, elites, 0);
    }

    public EvolutionOptions {
        if (population < 2) {
            throw new IllegalArgumentException("the population must be at least 2, got " + population);
        }
        if (!(mutation >= 0 && mutation <= 1)) {
            throw new IllegalArgumentException("the mutation probability must be in [0, 1], got " + mutation);
        }
        if (!(crossover >= 0 && crossover <= 1)) {
            throw new IllegalArgumentException("the crossover probability must be in [0, 1], got " + crossover);
        }
        if (elites != null && (elites < 0 || elites > population)) {
            throw new IllegalArgumentException("elites must be in [0, population = " + population + "], got " + elites);
        }
        if (!(immigrants >= 0 && immigrants < 1)) {
            throw new IllegalArgumentException("the immigrants' share must be in [0, 1), got " + immigrants);
        }
    }

    /** The defaults: {@value #DEFAULT_POPULATION} per generation, the sampler's elites. */
    public static EvolutionOptions defaults() {
        return new EvolutionOptions(DEFAULT_POPULATION, DEFAULT_MUTATION, DEFAULT_CROSSOVER, null);
    }

    /** These options with another population size. */
    public EvolutionOptions withPopulation(int p) {
        return new EvolutionOptions(p, mutation, crossover, elites, immigrants);
    }

    /** These options with another mutation probability. */
    public EvolutionOptions withMutation(double p) {
        return new EvolutionOptions(population, p, crossover, elites, immigrants);
    }

    /** These options with another crossover probability. */
    public EvolutionOptions withCrossover(double p) {
        return new EvolutionOptions(population, mutation, p, elites, immigrants);
    }

    /** These options with another number of elites (null: the sampler's default). */
    public EvolutionOptions withElites(Integer n) {
        return new EvolutionOptions(population, mutation, crossover, n, immigrants);
    }

    /** These options with another share of random immigrants per generation. */
    public EvolutionOptions withImmigrants(double share) {
        return new EvolutionOptions(population, mutation, crossover, elites, share);
    }

    /** The immigrants in a generation: the share of the population, rounded down. */
    public int immigrantCount() {
        return (int) Math.floor(immigrants * population + 1e-9);
    }
}
