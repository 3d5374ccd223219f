package io.metaloop.sampler;

import io.metaloop.sampler.GenerationLedger.Member;
import io.metaloop.space.ParamSpec;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Rebuilds an evolutionary search from the stored trials and names the next step.
 *
 * <p>Generation 0 is points 0, 1, … of a scrambled Sobol sequence. Population g is the best
 * {@code population} (with one direction and a pruner: of at least four species, see {@link #perSpecies})
 * of generation g's members (extra offspring that finished in time included,
 * {@link GenerationLedger#members}) together with the {@code elites} best of
 * population g − 1 and any other finished trials of generation g's round ({@link Arrivals}: the
 * hybrid sampler's refinement phase, extra places that finished in time included) ({@link EvolutionRanking}); generation g + 1 is bred from population g
 * ({@link Breeder}) with a generator derived from (seed, g + 1), its last
 * {@link EvolutionOptions#immigrantCount()} places drawn uniformly instead. Only finished generations are
 * used, and each is a function of the stored trials, so every process, and a process resumed
 * after any stop, computes the same generations: with one worker a resumed study proposes what
 * an uninterrupted one would have.
 *
 * <p>A trial takes the lowest free index of the lowest generation that is not finished. While a
 * generation is still running and every index of it is taken, new trials get <em>extra</em>
 * offspring of it (indices from {@code population} on, bred by the same parents from another
 * stream), rather than waiting or breeding from part of a generation: the next generation must
 * not depend on which trials happened to have finished. Extra offspring are ordinary trials of
 * the study (they can be its best) but are not members of any population. Offspring are made
 * new against every earlier generation's trials, extra ones included ({@link Breeder#unique}):
 * within one process every extra offspring of a generation exists before the next generation is
 * bred, so this keeps the next generation a function of the stored trials. A proposal rejected
 * before training gives its index back ({@link GenerationLedger#rejections}), and the index is
 * drawn again from a stream of its own ({@link #retry}).
 */
final class GenerationReplay {

    private final List<ParamSpec> params;
    private final String space;
    private final int population;
    private final int elites;
    private final int immigrants;
    private final long seed;
    private final Breeder breeder;
    private final SobolSampler sobol;

    GenerationReplay(List<ParamSpec> params, String space, EvolutionOptions options, int elites, int tournament,
                     long seed, SobolSampler sobol) {
        this.params = params;
        this.space = space;
        this.population = options.population();
        this.elites = elites;
        this.immigrants = options.immigrantCount();
        this.seed = seed;
        this.breeder = new Breeder(params, options, tournament);
        this.sobol = sobol;
    }

    /**
     * The next step, given the stored trials and the steps this process proposed for running
     * trials; {@code cache} holds what earlier asks derived from finished generations.
     */
    EvolutionStep next(List<Direction> directions, List<FrozenTrial> trials, Map<Long, EvolutionStep> proposed,
                       GenerationCache cache) {
        return next(directions, new GenerationLedger(space, population, trials, proposed), cache, Arrivals.NONE);
    }

    /**
     * Trials of a generation's round besides its members: the hybrid sampler's refinement phase
     * after generation g. Like the members, they must be a function of the stored trials.
     */
    interface Arrivals {

        /** No other trials. */
        Arrivals NONE = of(null);

        /** The finished trials that compete with generation g's members for population g. */
        List<Member> members(int g);

        /** Every genotype tried in generation g's round besides the members', so that no offspring repeats one. */
        List<double[]> genotypes(int g);

        /**
         * The regular places of {@code phases}' generation g once it has finished, and all of its
         * places' genotypes (null: none).
         */
        static Arrivals of(GenerationLedger phases) {
            return new Arrivals() {
                @Override
                public List<Member> members(int g) {
                    return phases != null && phases.isFinished(g) ? phases.members(g) : List.of();
                }

                @Override
                public List<double[]> genotypes(int g) {
                    return phases == null ? List.of() : List.copyOf(new TreeMap<>(phases.genotypes(g)).values());
                }
            };
        }
    }

    /** The next step given the trials of this search ({@code ledger}) and what else joined each round ({@code arrivals}). */
    EvolutionStep next(List<Direction> directions, GenerationLedger ledger, GenerationCache cache, Arrivals arrivals) {
        cache.use(List.of(space, population, elites, directions));
        List<Member> parents = List.of();
        for (int g = 0; ; g++) {
            if (!ledger.isFinished(g)) {
                cache.truncate(g);
                Set<Map<String, Object>> seen = new HashSet<>(cache.seen());
                int k = ledger.firstFree(g);
                List<double[]> batch = null;
                for (int b = 0; b <= k / population; b++) {
                    batch = batch(g, b, parents, seen);
                }
                int rejections = ledger.rejections(g, k);
                double[] x = batch.get(k % population);
                if (rejections > 0) {
                    ledger.rejected(g).forEach(y -> seen.add(breeder.identity(y)));
                    x = retry(g, k, rejections, parents, seen);
                }
                return new EvolutionStep(space, population, g, k, x);
            }
            List<Member> members = new ArrayList<>(ledger.members(g));
            members.addAll(arrivals.members(g));
            // every genotype of the round counts as seen, extra ones included, so that no offspring repeats one
            List<double[]> tried = new ArrayList<>(new TreeMap<>(ledger.genotypes(g)).values());
            tried.addAll(ledger.rejected(g));
            tried.addAll(arrivals.genotypes(g));
            if (cache.matches(g, members, tried)) {
                parents = cache.population(g);
                continue;
            }
            cache.truncate(g);
            List<Member> pool = new ArrayList<>(parents.subList(0, Math.min(elites, parents.size())));
            pool.addAll(members);
            List<Member> ranked = EvolutionRanking.rank(pool, directions);
            parents = directions.size() == 1 && anyPruned(pool) ? EvolutionRanking.diverse(ranked, population, perSpecies())
                    : ranked.subList(0, population);
            cache.add(members, tried, parents, tried.stream().map(breeder::identity).toList());
        }
    }

    /**
     * Batch {@code b} of generation {@code g}: its regular members for b = 0, extra offspring
     * after that. Each genotype is made new against {@code seen}, which then holds it too.
     */
    private List<double[]> batch(int g, int b, List<Member> parents, Set<Map<String, Object>> seen) {
        List<double[]> xs;
        if (g == 0) {
            xs = new ArrayList<>(population);
            for (int j = 0; j < population; j++) {
                xs.add(initial(b * population + j));
            }
        } else {
            List<double[]> genotypes = parents.stream().map(Member::x).toList();
            xs = new ArrayList<>(breeder.breed(genotypes, population, g, SeededRandom.of(seed, g, "ga:breed:" + b)));
            // the last places go to immigrants: uniform points, not bred
            SplittableRandom fresh = SeededRandom.of(seed, g, "ga:immigrants:" + b);
            for (int j = population - immigrants; j < population; j++) {
                xs.set(j, uniform(fresh));
            }
        }
        SplittableRandom repair = SeededRandom.of(seed, g, "ga:repair:" + b);
        List<double[]> out = new ArrayList<>(xs.size());
        for (double[] x : xs) {
            out.add(breeder.unique(x, seen, repair));
        }
        return out;
    }

    /**
     * Index {@code k} of generation {@code g} once {@code rejections} proposals for it were
     * rejected before training: drawn as its first proposal was — uniformly for generation 0
     * and immigrants' places, else bred by the same parents — from a stream of its own, and new
     * against the generation's earlier proposals.
     */
    private double[] retry(int g, int k, int rejections, List<Member> parents, Set<Map<String, Object>> seen) {
        SplittableRandom r = SeededRandom.of(seed, g, "ga:retry:" + k + ":" + rejections);
        double[] x;
        if (g == 0 || k % population >= population - immigrants) {
            x = uniform(r);
        } else {
            // a whole batch, as for the first proposal: crossover pairs the selected parents
            x = breeder.breed(parents.stream().map(Member::x).toList(), population, g, r).get(k % population);
        }
        return breeder.unique(x, seen, r);
    }

    /** Point {@code i} of generation 0: Sobol while the dimension allows, else uniform. */
    private double[] initial(int i) {
        int n = params.size();
        if (n <= SobolSampler.MAX_DIMENSION) {
            return sobol.unitPoint(i, n);
        }
        return uniform(SeededRandom.of(seed, i, "ga:initial"));
    }

    private double[] uniform(SplittableRandom r) {
        return uniform(params.size(), r);
    }

    /** A point drawn uniformly from the unit cube of {@code dimension} genes: an immigrant's genotype. */
    static double[] uniform(int dimension, SplittableRandom r) {
        double[] x = new double[dimension];
        for (int j = 0; j < x.length; j++) {
            x[j] = r.nextDouble();
        }
        return x;
    }

    /**
     * How many trials of one {@link Species} — trials with the same active parameters, for a
     * layout space the same depth — a population of one direction may hold when a
     * pruner is at work (some of its trials were pruned): a quarter of it. Under a pruner the
     * first layouts that learn fast soon fill a population (on Fashion-MNIST a small dense
     * network after 3,000 examples), their offspring then set the pruner's bar at every rung,
     * and layouts that learn slower but end higher never pass it; a population of at least four
     * species keeps breeding those. Without a pruner there is no such bar, and on the layout
     * toys the cap only slowed the search.
     */
    private int perSpecies() {
        return Math.max(1, population / 4);
    }

    private static boolean anyPruned(List<Member> pool) {
        return pool.stream().anyMatch(m -> m.trial().state() == TrialState.PRUNED);
    }
}
