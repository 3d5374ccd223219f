package io.metaloop.sampler;

import io.metaloop.space.FloatDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Ranking;
import io.metaloop.study.Study;
import io.metaloop.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

import static io.metaloop.sampler.LayoutFixtures.layoutSpace;
import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.paramsByNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NSGA-II on two-objective toys: fronts against random search, resume, parallel workers. */
class Nsga2SamplerTest {

    private static final int DIMS = 6;
    private static final List<Direction> BOTH_MIN = List.of(Direction.MINIMIZE, Direction.MINIMIZE);

    private static SearchSpace zdtSpace() {
        List<ParamSpec> params = new ArrayList<>();
        for (int i = 0; i < DIMS; i++) {
            params.add(ParamSpec.of("x" + i, FloatDistribution.of(0, 1)));
        }
        return SearchSpace.of(params);
    }

    /** ZDT1 on 6 variables: the front is f2 = 1 - sqrt(f1), where x1..x5 are 0. */
    private static double[] zdt1(Trial t) {
        double f1 = t.suggestFloat("x0", 0, 1);
        double sum = 0;
        for (int i = 1; i < DIMS; i++) {
            sum += t.suggestFloat("x" + i, 0, 1);
        }
        double g = 1 + 9 * sum / (DIMS - 1);
        return new double[] {f1, g * (1 - Math.sqrt(f1 / g))};
    }

    private static Study study(LongFunction<Sampler> sampler, long seed, SearchSpace space) {
        return Study.builder(new InMemoryStorage(), "pareto").directions(BOTH_MIN).sampler(sampler.apply(seed))
                .searchSpace(space).create();
    }

    /** The area dominated by the COMPLETE trials' values (both minimised) and bounded by {@code ref}. */
    static double hypervolume(List<FrozenTrial> trials, double ref1, double ref2) {
        List<FrozenTrial> front = new ArrayList<>(Ranking.paretoFront(trials, BOTH_MIN));
        front.sort(Comparator.comparingDouble(t -> t.values().get(0)));
        double area = 0;
        double level = ref2;
        for (FrozenTrial t : front) {
            double f1 = t.values().get(0);
            double f2 = t.values().get(1);
            if (f1 < ref1 && f2 < level) {
                area += (ref1 - f1) * (level - f2);
                level = f2;
            }
        }
        return area;
    }

    private static double medianHypervolume(LongFunction<Sampler> sampler, SearchSpace space, Objective objective,
                                            int evals, double ref1, double ref2) {
        double[] hv = new double[5];
        for (int seed = 0; seed < hv.length; seed++) {
            Study s = study(sampler, seed, space);
            s.optimize(objective, Budget.trials(evals));
            hv[seed] = hypervolume(s.trials(), ref1, ref2);
        }
        Arrays.sort(hv);
        return hv[hv.length / 2];
    }

    @Test
    void findsABetterFrontThanRandomSearchOnZdt1() {
        int evals = 200;
        double nsga = medianHypervolume(Nsga2Sampler::new, zdtSpace(), Nsga2SamplerTest::zdt1, evals, 1.1, 11);
        double random = medianHypervolume(RandomSampler::new, zdtSpace(), Nsga2SamplerTest::zdt1, evals, 1.1, 11);
        System.out.printf("ZDT1 (6 variables), %d evaluations, median hypervolume of 5 seeds (ref 1.1, 11): nsga2 %.3f, random %.3f%n",
                evals, nsga, random);
        assertTrue(nsga > random, "nsga2 " + nsga + ", random " + random);
    }

    @Test
    void findsABetterFrontThanRandomSearchOnALayoutToy() {
        int evals = 200;
        double ref1 = 8;
        double ref2 = 1100;
        double nsga = medianHypervolume(Nsga2Sampler::new, layoutSpace(), LayoutFixtures::lossAndSize, evals, ref1, ref2);
        double random = medianHypervolume(RandomSampler::new, layoutSpace(), LayoutFixtures::lossAndSize, evals, ref1, ref2);
        System.out.printf("layout toy (loss, size), %d evaluations, median hypervolume of 5 seeds: nsga2 %.1f, random %.1f%n",
                evals, nsga, random);
        assertTrue(nsga > random, "nsga2 " + nsga + ", random " + random);
    }

    @Test
    void resumedStudyContinuesAsIfUninterrupted() {
        LongFunction<Sampler> nsga = seed -> new Nsga2Sampler(seed, EvolutionOptions.defaults().withPopulation(6));
        Study whole = study(nsga, 2, layoutSpace());
        whole.optimize(LayoutFixtures::lossAndSize, Budget.trials(40));
        Study cut = study(nsga, 2, layoutSpace());
        cut.optimize(LayoutFixtures::lossAndSize, Budget.trials(17));
        Study again = Study.builder(cut.storage(), "pareto").directions(BOTH_MIN).sampler(nsga.apply(2))
                .searchSpace(layoutSpace()).load();
        again.optimize(LayoutFixtures::lossAndSize, Budget.trials(40));
        assertEquals(paramsByNumber(whole), paramsByNumber(again));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void parallelWorkersNeverShareAnIndex(int jobs) {
        Study s = study(seed -> new Nsga2Sampler(seed, EvolutionOptions.defaults().withPopulation(8)), 1, layoutSpace());
        s.optimize(LayoutFixtures::lossAndSize, Budget.trials(48), OptimizeOptions.defaults().withJobs(jobs));
        assertAllInside(s, 48);
        Set<List<Integer>> places = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            EvolutionStep step = EvolutionStep.of(t).orElseThrow();
            assertTrue(places.add(List.of(step.gen(), step.index())), "trial " + t.number() + " repeats " + step);
        }
    }

    /** With one direction, non-dominated sorting is sorting by value: a (μ + λ) genetic algorithm. */
    @Test
    void oneDirectionWorksAsAGeneticAlgorithm() {
        double[] best = new double[3];
        double[] random = new double[3];
        for (int seed = 0; seed < 3; seed++) {
            for (Sampler sampler : List.of(new Nsga2Sampler(seed), new RandomSampler(seed))) {
                Study s = SamplerFixtures.create(new InMemoryStorage(), "one", sampler, layoutSpace());
                s.optimize(Objective.single(LayoutFixtures::layoutLoss), Budget.trials(160));
                (sampler instanceof RandomSampler ? random : best)[seed] = s.bestTrial().orElseThrow().value();
            }
        }
        Arrays.sort(best);
        Arrays.sort(random);
        assertTrue(best[1] < random[1], "nsga2 " + Arrays.toString(best) + ", random " + Arrays.toString(random));
    }
}
