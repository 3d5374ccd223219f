package io.metaloop.sampler;

import io.jenetics.Alterer;
import io.jenetics.DoubleGene;
import io.jenetics.MultiPointCrossover;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Breeds offspring genotypes from a population with Jenetics' machinery. A genotype is one
 * {@code DoubleChromosome} with a gene per parameter in declaration order, each the parameter's
 * position in the unit interval ({@link Distributions}); genes of inactive conditional parameters
 * are carried along, so a change of depth or block type re-activates what an ancestor had there.
 * Parents are drawn by {@link TournamentSelector} on their rank in the population; offspring come
 * from a {@link MultiPointCrossover} with two points (declaration order keeps a block's parameters
 * together, so crossover exchanges whole blocks and the depth with them) followed by
 * {@link GeneMutator}. Jenetics draws from {@link RandomRegistry}; breeding runs with the given
 * generator installed there, so offspring are a function of the population and the generator.
 *
 * <p>An offspring whose {@linkplain #identity identity} equals that of an earlier trial or
 * offspring is mutated again, one active gene at a time, until it is new (or
 * {@value #MAX_REPAIRS} tries). In a space with many discrete structures — a layer-layout space —
 * the identity is the discrete part alone: offspring must differ in layout, not merely in a learning
 * rate, since a search that trains the same network again and again (on Fashion-MNIST, 52 copies
 * of one small network in a 10-minute study) spends its budget learning nothing new. Tuning the
 * continuous parameters of a good layout is left to the hybrid sampler's refinement.
 */
final class Breeder {

    /** Crossover points: two, so a segment of blocks is exchanged. */
    static final int CROSSOVER_POINTS = 2;
    private static final int MAX_REPAIRS = 32;
    /** From this many discrete structures on, a space's offspring are told apart by their discrete part alone. */
    static final long MANY_STRUCTURES = 1_000;

    private final List<ParamSpec> params;
    private final int[] choices;
    private final GeneMutator mutator;
    private final Alterer<DoubleGene, Integer> alterer;
    private final TournamentSelector<DoubleGene, Integer> selector;
    /** Per parameter: whether it counts in an offspring's identity. */
    private final boolean[] identifying;

    /**
     * A breeder over {@code params}.
     *
     * @param tournament the tournament size, at least 2
     */
    Breeder(List<ParamSpec> params, EvolutionOptions options, int tournament) {
        this.params = List.copyOf(params);
        this.choices = new int[params.size()];
        for (int j = 0; j < choices.length; j++) {
            if (params.get(j).distribution() instanceof CategoricalDistribution c) {
                choices[j] = c.choices().size();
            } else if (params.get(j).distribution().isSingle()) {
                choices[j] = 1;
            }
        }
        this.mutator = new GeneMutator(options.mutation(), choices);
        this.alterer = Alterer.of(new MultiPointCrossover<>(options.crossover(), CROSSOVER_POINTS), mutator);
        this.selector = new TournamentSelector<>(tournament);
        this.identifying = identifying(params);
    }

    /**
     * Which parameters tell offspring apart: all of them, or if the discrete ones (categorical,
     * integer, stepped float) make at least {@value #MANY_STRUCTURES} combinations, those alone.
     */
    private static boolean[] identifying(List<ParamSpec> params) {
        boolean[] discrete = new boolean[params.size()];
        double structures = 1;
        for (int j = 0; j < discrete.length; j++) {
            Distribution d = params.get(j).distribution();
            discrete[j] = d instanceof CategoricalDistribution || d instanceof IntDistribution
                    || (d instanceof FloatDistribution f && f.step() != null);
            if (discrete[j] && !d.isSingle()) {
                structures *= d instanceof CategoricalDistribution c ? c.choices().size()
                        : d instanceof IntDistribution i ? i.size() : 2;
            }
        }
        if (structures < MANY_STRUCTURES) {
            Arrays.fill(discrete, true);
        }
        return discrete;
    }

    /**
     * {@code count} offspring of {@code population} (genotypes, best first), for generation
     * {@code generation}, drawn from {@code random}.
     */
    List<double[]> breed(List<double[]> population, int count, long generation, RandomGenerator random) {
        List<Phenotype<DoubleGene, Integer>> ranked = new ArrayList<>(population.size());
        for (int i = 0; i < population.size(); i++) {
            // the fitness is the rank: larger is better
            ranked.add(Phenotype.of(GeneMutator.genotype(population.get(i)), generation, population.size() - i));
        }
        ISeq<Phenotype<DoubleGene, Integer>> offspring = RandomRegistry.with(random, r -> {
            ISeq<Phenotype<DoubleGene, Integer>> parents = selector.select(ISeq.of(ranked), count, Optimize.MAXIMUM);
            return alterer.alter(parents, generation).population();
        });
        List<double[]> out = new ArrayList<>(count);
        for (Phenotype<DoubleGene, Integer> p : offspring) {
            out.add(GeneMutator.genes(p.genotype()));
        }
        return out;
    }

    /**
     * {@code x}, or if its identity is in {@code seen} a mutation of it that is not; the
     * result's identity is added to {@code seen}.
     */
    double[] unique(double[] x, Set<Map<String, Object>> seen, RandomGenerator random) {
        Map<String, Object> id = identity(x);
        for (int tries = 0; seen.contains(id) && tries < MAX_REPAIRS; tries++) {
            List<Integer> movable = new ArrayList<>();
            for (int j = 0; j < params.size(); j++) {
                if (choices[j] != 1 && id.containsKey(params.get(j).name())) {
                    movable.add(j);
                }
            }
            if (movable.isEmpty()) {
                break;
            }
            x = x.clone();
            int j = movable.get(random.nextInt(movable.size()));
            x[j] = mutator.mutate(j, x[j], random);
            id = identity(x);
        }
        seen.add(id);
        return x;
    }

    /**
     * What tells genotype {@code x} apart from others: its active parameters, or in a space of
     * {@value #MANY_STRUCTURES} or more discrete structures its active discrete ones.
     */
    Map<String, Object> identity(double[] x) {
        Map<String, Object> config = configuration(x);
        Map<String, Object> id = new LinkedHashMap<>();
        for (int j = 0; j < params.size(); j++) {
            String name = params.get(j).name();
            if (identifying[j] && config.containsKey(name)) {
                id.put(name, config.get(name));
            }
        }
        return id;
    }

    /** The parameters genotype {@code x} gives a trial: the active ones, as external values. */
    Map<String, Object> configuration(double[] x) {
        return configuration(params, x);
    }

    /** The parameters genotype {@code x} over {@code params} gives a trial: the active ones, as external values. */
    static Map<String, Object> configuration(List<ParamSpec> params, double[] x) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (int j = 0; j < params.size(); j++) {
            ParamSpec p = params.get(j);
            if (p.condition() == null || p.condition().holds(chosen)) {
                chosen.put(p.name(), Distributions.fromUnit(p.distribution(), x[j]));
            }
        }
        return Collections.unmodifiableMap(chosen);
    }
}
