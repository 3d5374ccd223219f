package io.metaloop.sampler;

import io.jenetics.AltererResult;
import io.jenetics.Alterer;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;

import java.util.random.RandomGenerator;

/**
 * Mutation of genotypes whose genes are parameters in the unit interval: each gene mutates on
 * its own with the given probability. A categorical gene moves to another choice, drawn
 * uniformly (so a block's type really changes); a numeric gene — float, int, the number of
 * blocks — takes a Gaussian step of {@value #STEP} of its range, clamped to the range.
 *
 * <p>Jenetics' {@code Mutator} spreads its probability over three nested draws (phenotype,
 * chromosome, gene), so most offspring stay untouched and a few change in many genes at once;
 * this alterer draws per gene, so the {@code mutation} option means what it says.
 */
final class GeneMutator implements Alterer<DoubleGene, Integer> {

    /** The standard deviation of a numeric gene's step, in the unit interval. */
    static final double STEP = 0.15;

    private final double probability;
    /** Per gene: the number of choices of a categorical parameter, or 0 for a numeric one. */
    private final int[] choices;

    GeneMutator(double probability, int[] choices) {
        this.probability = probability;
        this.choices = choices.clone();
    }

    @Override
    public AltererResult<DoubleGene, Integer> alter(Seq<Phenotype<DoubleGene, Integer>> population, long generation) {
        RandomGenerator random = RandomRegistry.random();
        MSeq<Phenotype<DoubleGene, Integer>> out = MSeq.of(population);
        int mutations = 0;
        for (int i = 0; i < out.size(); i++) {
            double[] x = genes(out.get(i).genotype());
            int changed = 0;
            for (int j = 0; j < x.length; j++) {
                if (random.nextDouble() < probability) {
                    x[j] = mutate(j, x[j], random);
                    changed++;
                }
            }
            if (changed > 0) {
                out.set(i, Phenotype.of(genotype(x), generation));
                mutations += changed;
            }
        }
        return new AltererResult<>(out.toISeq(), mutations);
    }

    /** Gene {@code j} with value {@code u}, mutated. */
    double mutate(int j, double u, RandomGenerator random) {
        int k = choices[j];
        if (k == 1) {
            return u;
        }
        if (k > 1) {
            int current = Math.min(k - 1, (int) (u * k));
            int other = (current + 1 + random.nextInt(k - 1)) % k;
            return (other + 0.5) / k;
        }
        return Math.min(Math.nextDown(1.0), Math.max(0.0, u + STEP * random.nextGaussian()));
    }

    /** A genotype of one chromosome holding {@code x}, each gene in [0, 1). */
    static Genotype<DoubleGene> genotype(double[] x) {
        DoubleGene[] genes = new DoubleGene[x.length];
        for (int j = 0; j < x.length; j++) {
            genes[j] = DoubleGene.of(Math.min(Math.nextDown(1.0), Math.max(0.0, x[j])), 0, 1);
        }
        return Genotype.of(DoubleChromosome.of(genes));
    }

    /** The genes of a genotype made by {@link #genotype}. */
    static double[] genes(Genotype<DoubleGene> g) {
        return ((DoubleChromosome) g.chromosome()).toArray();
    }
}
