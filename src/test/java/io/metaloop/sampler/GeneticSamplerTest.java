package io.metaloop.sampler;

import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.Study;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.Trial;
import io.metaloop.study.TrialRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

import static io.metaloop.sampler.LayoutFixtures.layoutSpace;
import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.conditionalSpace;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.mixedSpace;
import static io.metaloop.sampler.SamplerFixtures.paramsByNumber;
import static io.metaloop.sampler.SamplerFixtures.resumed;
import static io.metaloop.sampler.SamplerFixtures.run;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The genetic sampler inside ask/tell: generations from storage, resume, parallel workers, search quality. */
class GeneticSamplerTest {

    private static final int POP = 8;
    private static final LongFunction<Sampler> GA = seed -> new GeneticSampler(seed, EvolutionOptions.defaults().withPopulation(POP));

    @Test
    void resumedStudyContinuesAsIfUninterrupted() {
        // 13 and 21 stop in the middle of a generation of 8
        assertEquals(uninterrupted(GA, 3, layoutSpace(), 40), resumed(GA, 3, layoutSpace(), 13, 40));
        assertEquals(uninterrupted(GA, 4, mixedSpace(), 40), resumed(GA, 4, mixedSpace(), 21, 40));
        assertEquals(uninterrupted(GA, 5, conditionalSpace(), 40), resumed(GA, 5, conditionalSpace(), 16, 40));
    }

    @Test
    void resumesFromSqliteAsIfUninterrupted(@TempDir Path dir) {
        assertEquals(uninterrupted(GA, 6, layoutSpace(), 36), SamplerFixtures.resumedOnSqlite(GA, 6, layoutSpace(), 19, 36, dir));
    }

    /** kill -9 mid-generation: the lost trial's index is proposed again, then the run goes on as if never stopped. */
    @Test
    void aLostTrialsGenotypeIsProposedAgainAndTheRunContinuesAsUninterrupted() {
        SearchSpace space = layoutSpace();
        Map<Integer, Map<String, Object>> whole = uninterrupted(GA, 7, space, 30);
        Study s = create(new InMemoryStorage(), "cut", GA.apply(7), space);
        run(s, space, 20, 1);
        Trial lost = s.ask();
        Map<String, Object> lostParams = space.suggestAll(lost);
        s.tellFail(lost, SystemAttrs.REASON_WORKER_LOST, true);
        Study again = Study.builder(s.storage(), "cut").sampler(GA.apply(7)).searchSpace(space).load();
        run(again, space, 30, 1);
        assertEquals(whole.get(20), lostParams);
        List<Map<String, Object>> counted = new ArrayList<>();
        for (FrozenTrial t : again.trials()) {
            if (t.countsTowardsBudget()) {
                counted.add(t.params());
            }
        }
        assertEquals(List.copyOf(whole.values()), counted);
    }

    /**
     * The sampler caches what it derived from finished generations. A cache filled from one
     * history must not leak into another whose trials have the same ids but other values.
     */
    @Test
    void theGenerationCacheNeverChangesTheNextStep() {
        SearchSpace space = layoutSpace();
        List<List<FrozenTrial>> histories = new ArrayList<>();
        for (int sign : new int[] {1, -1}) {
            Study s = create(new InMemoryStorage(), "h", GA.apply(8), space);
            s.optimize(Objective.single(t -> sign * LayoutFixtures.layoutLoss(t)), Budget.trials(29));
            histories.add(s.trials());
        }
        EvolutionOptions o = EvolutionOptions.defaults().withPopulation(POP);
        String key = EvolutionStep.of(histories.get(0).get(0)).orElseThrow().space();
        GenerationReplay replay = new GenerationReplay(space.params(), key, o, 2, 3, 8, new SobolSampler(8));
        GenerationCache shared = new GenerationCache();
        for (List<FrozenTrial> h : List.of(histories.get(0), histories.get(1), histories.get(0), histories.get(1).subList(0, 20))) {
            EvolutionStep warm = replay.next(List.of(Direction.MINIMIZE), h, Map.of(), shared);
            EvolutionStep cold = replay.next(List.of(Direction.MINIMIZE), h, Map.of(), new GenerationCache());
            assertEquals(List.of(cold.gen(), cold.index()), List.of(warm.gen(), warm.index()));
            assertArrayEquals(cold.x(), warm.x());
        }
    }

    @Test
    void generationsFillInOrderWithOneWorker() {
        Study s = create(new InMemoryStorage(), "order", GA.apply(1), layoutSpace());
        run(s, layoutSpace(), 5 * POP, 1);
        for (FrozenTrial t : s.trials()) {
            EvolutionStep step = EvolutionStep.of(t).orElseThrow();
            assertEquals(t.number() / POP, step.gen(), "trial " + t.number());
            assertEquals(t.number() % POP, step.index(), "trial " + t.number());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void parallelWorkersNeverShareAnIndexOrAPoint(int jobs) {
        SearchSpace space = layoutSpace();
        Study s = create(new InMemoryStorage(), "parallel", GA.apply(jobs), space);
        SamplerFixtures.runUneven(s, LayoutFixtures::layoutLoss, 6 * POP, jobs);
        Set<List<Integer>> places = new HashSet<>();
        Set<Map<String, Object>> points = new HashSet<>();
        Map<Integer, Integer> regulars = new HashMap<>();
        int lastGen = 0;
        for (FrozenTrial t : s.trials()) {
            EvolutionStep step = EvolutionStep.of(t).orElseThrow();
            assertTrue(places.add(List.of(step.gen(), step.index())), "trial " + t.number() + " repeats " + step);
            assertTrue(points.add(t.params()), "trial " + t.number() + " repeats " + t.params());
            if (step.index() < POP) {
                regulars.merge(step.gen(), 1, Integer::sum);
            }
            lastGen = Math.max(lastGen, step.gen());
        }
        // a generation is bred only from a complete one: every generation before the last is full
        for (int g = 0; g < lastGen; g++) {
            assertEquals(POP, regulars.get(g), "regular members of generation " + g);
        }
    }

    @Test
    void immigrantsTakeTheLastPlacesOfEachGenerationAfterTheFirst() {
        SearchSpace space = layoutSpace();
        // no mutation and no crossover: a bred child is a parent's copy, changed a little only to be new
        EvolutionOptions o = EvolutionOptions.defaults().withPopulation(POP).withMutation(0).withCrossover(0).withImmigrants(0.25);
        Study s = create(new InMemoryStorage(), "immigrants", new GeneticSampler(11, o), space);
        run(s, space, 2 * POP, 1);
        List<double[]> first = new ArrayList<>();
        for (FrozenTrial t : s.trials().subList(0, POP)) {
            first.add(EvolutionStep.of(t).orElseThrow().x());
        }
        for (FrozenTrial t : s.trials().subList(POP, 2 * POP)) {
            EvolutionStep step = EvolutionStep.of(t).orElseThrow();
            int fewest = Integer.MAX_VALUE;
            for (double[] parent : first) {
                int differ = 0;
                for (int j = 0; j < parent.length; j++) {
                    differ += parent[j] != step.x()[j] ? 1 : 0;
                }
                fewest = Math.min(fewest, differ);
            }
            boolean immigrant = step.index() >= POP - o.immigrantCount();
            assertEquals(2, o.immigrantCount());
            assertTrue(immigrant ? fewest == step.x().length : fewest < step.x().length / 2,
                    "place " + step.index() + " differs from its nearest parent in " + fewest + " of " + step.x().length + " genes");
        }
    }

    @Test
    void beatsRandomSearchAtEqualEvaluationsOnAMixedConditionalToy() {
        int evals = 160;
        double ga = medianBest(seed -> new GeneticSampler(seed), evals);
        double random = medianBest(RandomSampler::new, evals);
        System.out.printf("layout toy, %d evaluations, median best of 7 seeds: genetic %.4f, random %.4f%n", evals, ga, random);
        assertTrue(ga < 0.5 * random, "genetic " + ga + ", random " + random);
    }

    private static double medianBest(LongFunction<Sampler> sampler, int evals) {
        double[] best = new double[7];
        for (int seed = 0; seed < best.length; seed++) {
            Study s = create(new InMemoryStorage(), "toy", sampler.apply(seed), layoutSpace());
            s.optimize(Objective.single(LayoutFixtures::layoutLoss), Budget.trials(evals));
            best[seed] = s.bestTrial().orElseThrow().value();
        }
        Arrays.sort(best);
        return best[best.length / 2];
    }

    /** Rejected proposals rank worst, so the search breeds away from them. */
    @Test
    void rejectedProposalsAreBredAway() {
        Study s = create(new InMemoryStorage(), "rejects", new GeneticSampler(2), layoutSpace());
        s.optimize(Objective.single(t -> {
            if (t.suggestInt("blocks", 1, LayoutFixtures.MAX_BLOCKS) >= 3) {
                throw new TrialRejectedException("too deep");
            }
            return LayoutFixtures.layoutLoss(t);
        }), Budget.trials(6 * EvolutionOptions.DEFAULT_POPULATION));
        // rejected proposals do not count in the budget, so the study may go past generation 5
        int[] rejected = new int[s.trials().size()];
        for (FrozenTrial t : s.trials()) {
            if (t.failReason() != null) {
                rejected[EvolutionStep.of(t).orElseThrow().gen()]++;
            }
        }
        assertTrue(rejected[5] < rejected[0] / 2, "rejected per generation " + Arrays.toString(rejected));
    }

    /** Rejects layouts of three blocks or more: half of the uniform ones in {@link LayoutFixtures#layoutSpace}. */
    private static final Objective.SingleObjective SHALLOW_ONLY = t -> {
        if (t.suggestInt("blocks", 1, LayoutFixtures.MAX_BLOCKS) >= 3) {
            throw new TrialRejectedException("too deep");
        }
        return LayoutFixtures.layoutLoss(t);
    };

    /**
     * A rejected proposal gives its place back and the place is drawn again, so each generation
     * holds {@code population} trained trials; before, generation 0 kept its rejected places and
     * was bred from the few it had trained.
     */
    @Test
    void rejectedProposalsGiveTheirPlaceBack() {
        Study s = create(new InMemoryStorage(), "retries", GA.apply(8), layoutSpace());
        s.optimize(Objective.single(SHALLOW_ONLY), Budget.trials(3 * POP));
        Map<Integer, Set<Integer>> trainedPlaces = new HashMap<>();
        int rejected = 0;
        for (FrozenTrial t : s.trials()) {
            EvolutionStep step = EvolutionStep.of(t).orElseThrow();
            if (t.isRejected()) {
                rejected++;
            } else {
                assertTrue(trainedPlaces.computeIfAbsent(step.gen(), g -> new HashSet<>()).add(step.index()),
                        "two trained trials at generation " + step.gen() + " index " + step.index());
            }
        }
        assertTrue(rejected >= POP / 2, "rejected " + rejected);
        for (int g = 0; g < 3; g++) {
            assertEquals(POP, trainedPlaces.get(g).size(), "trained places of generation " + g + ": " + trainedPlaces.get(g));
        }
    }

    /** Places drawn again after rejections are a function of the stored trials: a resumed study proposes the same. */
    @Test
    void placesDrawnAgainAfterRejectionsResumeAsIfUninterrupted() {
        Study whole = create(new InMemoryStorage(), "whole", GA.apply(9), layoutSpace());
        whole.optimize(Objective.single(SHALLOW_ONLY), Budget.trials(3 * POP));
        InMemoryStorage storage = new InMemoryStorage();
        create(storage, "halves", GA.apply(9), layoutSpace()).optimize(Objective.single(SHALLOW_ONLY), Budget.trials(POP + 3));
        Study again = Study.builder(storage, "halves").sampler(GA.apply(9)).searchSpace(layoutSpace()).load();
        again.optimize(Objective.single(SHALLOW_ONLY), Budget.trials(3 * POP));
        assertTrue(whole.trials().stream().anyMatch(FrozenTrial::isRejected));
        assertEquals(paramsByNumber(whole), paramsByNumber(again));
    }

    @Test
    void enqueuedTrialsKeepTheirValuesAndTakeNoIndex() {
        Study s = create(new InMemoryStorage(), "enqueued", GA.apply(1), layoutSpace());
        s.enqueueTrial(Map.of("blocks", 4, "block_0_type", "pool"));
        run(s, layoutSpace(), 2 * POP + 1, 1);
        FrozenTrial first = s.trials().get(0);
        assertEquals(4, first.params().get("blocks"));
        assertTrue(EvolutionStep.of(first).isEmpty());
        assertEquals(2 * POP, s.trials().stream().filter(t -> EvolutionStep.of(t).isPresent()).count());
    }

    @Test
    void defineByRunObjectivesGetAGenotypeOnceATrialHasFinished() {
        Study s = Study.builder(new InMemoryStorage(), "dbr").sampler(GA.apply(3)).create();
        s.optimize(Objective.single(t -> Math.abs(t.suggestFloat("x", -1, 1)) + t.suggestInt("k", 0, 3)), Budget.trials(20));
        assertTrue(EvolutionStep.of(s.trials().get(0)).isEmpty());
        assertTrue(EvolutionStep.of(s.trials().get(1)).isPresent());
        assertAllInside(s, 20);
    }
}
