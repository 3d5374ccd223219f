package io.metaloop.sampler;

import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Ranking;
import io.metaloop.study.Study;
import io.metaloop.study.TrialState;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import static io.metaloop.sampler.LayoutFixtures.layoutSpace;
import static io.metaloop.sampler.LayoutFixtures.tunedLayoutSpace;
import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.conditionalSpace;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.killedAndResumed;
import static io.metaloop.sampler.SamplerFixtures.paramsByNumber;
import static io.metaloop.sampler.SamplerFixtures.resumed;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hybrid sampler: generations and refinement phases from storage, what refinement moves, resume, parallel workers, quality. */
class HybridSamplerTest {

    private static final int POP = 6;
    private static final int REFINE = 3;
    private static final int ROUND = POP + REFINE;
    private static final LongFunction<Sampler> HYBRID =
            seed -> new HybridSampler(seed, EvolutionOptions.defaults().withPopulation(POP), REFINE);

    private static boolean isRefinement(FrozenTrial t) {
        return EvolutionStep.of(t).orElseThrow().space().startsWith(Refinement.PREFIX);
    }

    @Test
    void eachGenerationIsFollowedByItsRefinementPhaseWithOneWorker() {
        Study s = create(new InMemoryStorage(), "order", HYBRID.apply(1), tunedLayoutSpace());
        s.optimize(Objective.single(LayoutFixtures::tunedLayoutLoss), Budget.trials(4 * ROUND));
        for (FrozenTrial t : s.trials()) {
            EvolutionStep step = EvolutionStep.of(t).orElseThrow();
            int place = t.number() % ROUND;
            assertEquals(place >= POP, isRefinement(t), "trial " + t.number());
            assertEquals(t.number() / ROUND, step.gen(), "trial " + t.number());
            assertEquals(place >= POP ? place - POP : place, step.index(), "trial " + t.number());
            assertEquals(place >= POP, t.systemAttrs().containsKey(BobyqaStep.ATTR), "trial " + t.number());
        }
    }

    @Test
    void theContinuousParametersAreNumericOutsideTheLayoutAndNoConditionsParent() {
        assertEquals(List.of("lr", "wd", "dropout"), HybridSampler.continuousParams(tunedLayoutSpace().params()));
        assertEquals(List.of("momentum", "beta", "lr"), HybridSampler.continuousParams(conditionalSpace().params()));
    }

    /**
     * Each refinement trial is the best trial so far with only its continuous parameters moved:
     * the layout, the categorical parameters and which parameters exist stay as they were.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tuned layout", "conditional"})
    void refinementMovesOnlyTheContinuousParametersOfTheBestTrial(String which) {
        SearchSpace space = which.equals("conditional") ? conditionalSpace() : tunedLayoutSpace();
        Objective objective = which.equals("conditional")
                ? Objective.single(t -> {
                    Map<String, Object> p = space.suggestAll(t);
                    double lr = Math.log10((Double) p.get("lr") / 0.01);
                    return lr * lr + (p.get("optimizer").equals("sgd") ? Math.abs((Double) p.get("momentum") - 0.5) : 0.3);
                })
                : Objective.single(LayoutFixtures::tunedLayoutLoss);
        Study s = create(new InMemoryStorage(), "moves", HYBRID.apply(2), space);
        s.optimize(objective, Budget.trials(6 * ROUND));
        Set<String> continuous = new HashSet<>(HybridSampler.continuousParams(space.params()));
        List<FrozenTrial> trials = s.trials();
        int refined = 0;
        for (FrozenTrial t : trials) {
            if (!isRefinement(t)) {
                continue;
            }
            FrozenTrial best = Ranking.best(trials.subList(0, t.number()), Direction.MINIMIZE).orElseThrow();
            assertEquals(best.params().keySet(), t.params().keySet(), "trial " + t.number() + " keeps the structure of " + best.number());
            boolean moved = false;
            for (String name : t.params().keySet()) {
                if (continuous.contains(name)) {
                    moved |= !t.params().get(name).equals(best.params().get(name));
                } else {
                    assertEquals(best.params().get(name), t.params().get(name), "trial " + t.number() + ": " + name);
                }
            }
            assertTrue(moved, "trial " + t.number() + " moves a continuous parameter of trial " + best.number());
            refined++;
        }
        assertEquals(6 * REFINE, refined);
    }

    @Test
    void resumedStudyContinuesAsIfUninterrupted() {
        // 8 stops in a refinement phase, 14 in generation 1
        assertEquals(uninterrupted(HYBRID, 3, tunedLayoutSpace(), 40), resumed(HYBRID, 3, tunedLayoutSpace(), 8, 40));
        assertEquals(uninterrupted(HYBRID, 4, layoutSpace(), 40), resumed(HYBRID, 4, layoutSpace(), 14, 40));
        assertEquals(uninterrupted(HYBRID, 5, conditionalSpace(), 40), resumed(HYBRID, 5, conditionalSpace(), 25, 40));
    }

    /** kill -9 in the middle of a refinement trial and of a generation's trial. */
    @Test
    void aLostTrialIsRunAgainAsIfUninterrupted() {
        for (int cut : new int[] {7, 15, 24}) {
            assertEquals(uninterrupted(HYBRID, 6, tunedLayoutSpace(), 36),
                    killedAndResumed(HYBRID, 6, tunedLayoutSpace(), cut, 36), "killed in trial " + cut);
        }
    }

    @Test
    void resumesFromSqliteAsIfUninterrupted(@TempDir Path dir) {
        assertEquals(uninterrupted(HYBRID, 7, tunedLayoutSpace(), 30), SamplerFixtures.resumedOnSqlite(HYBRID, 7, tunedLayoutSpace(), 16, 30, dir));
    }

    /**
     * Workers never share a point or a place, and the rounds stay whole: a generation exists only
     * after every regular place of the generation and of the phase before it was filled.
     * (Trial numbers are given before the sampler runs, so a worker that waited for the
     * sampler's lock may hold a low number and a late place: numbers do not order the places.)
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void parallelWorkersNeverShareAPointAndRoundsStayWhole(int jobs) {
        SearchSpace space = tunedLayoutSpace();
        Study s = create(new InMemoryStorage(), "parallel", HYBRID.apply(jobs), space);
        SamplerFixtures.runUneven(s, LayoutFixtures::tunedLayoutLoss, 6 * ROUND, jobs);
        Set<List<Object>> places = new HashSet<>();
        Map<Map<String, Object>, FrozenTrial> points = new HashMap<>();
        Map<List<Object>, Integer> regulars = new HashMap<>();
        int lastGen = 0;
        for (FrozenTrial t : s.trials()) {
            EvolutionStep step = EvolutionStep.of(t).orElseThrow();
            assertTrue(places.add(List.of(step.space(), step.gen(), step.index())), "trial " + t.number() + " repeats " + step);
            FrozenTrial same = points.put(t.params(), t);
            assertTrue(same == null, () -> "trial " + t.number() + " " + t.systemAttrs() + " repeats trial " + same.number() + " " + same.systemAttrs());
            if (step.index() < (isRefinement(t) ? REFINE : POP)) {
                regulars.merge(List.of(isRefinement(t), step.gen()), 1, Integer::sum);
            }
            lastGen = Math.max(lastGen, isRefinement(t) ? 0 : step.gen());
        }
        assertTrue(lastGen >= 2, "generations: " + lastGen);
        for (int g = 0; g < lastGen; g++) {
            assertEquals(POP, regulars.get(List.of(false, g)), "regular members of generation " + g);
            assertEquals(REFINE, regulars.get(List.of(true, g)), "regular trials of phase " + g);
        }
    }

    /**
     * While a slow refinement trial holds its phase open, the other worker takes extra places of
     * the phase, and those are fresh layouts drawn uniformly, not further BOBYQA probes of the
     * incumbent (under a pruner those copies raised the bar for every other layout).
     */
    @Test
    void extraPlacesOfAPhaseAreFreshLayouts() {
        Study s = create(new InMemoryStorage(), "extras", HYBRID.apply(11), tunedLayoutSpace());
        // A phase's first place waits until an extra place of that phase has started (or 1 s, as
        // the last phase does when the budget is spent): the other worker finishes the second place
        // meanwhile and must then be given an extra one. A fixed sleep was flaky. The budget is
        // generous because a fast worker can spend dozens of trials on extra offspring while a
        // generation's last member runs: with 4 rounds, 132 of 300 repetitions never reached a
        // second phase.
        Map<Integer, CountDownLatch> extraStarted = new ConcurrentHashMap<>();
        s.optimize(Objective.single(t -> {
            double loss = LayoutFixtures.tunedLayoutLoss(t);
            // after the first suggestion: the sampler's step is stored with it
            FrozenTrial now = t.snapshot();
            if (isRefinement(now)) {
                EvolutionStep step = EvolutionStep.of(now).orElseThrow();
                CountDownLatch latch = extraStarted.computeIfAbsent(step.gen(), g -> new CountDownLatch(1));
                if (step.index() >= REFINE) {
                    latch.countDown();
                } else if (step.index() == 0) {
                    latch.await(1, TimeUnit.SECONDS);
                }
            }
            return loss;
        }), Budget.trials(20 * ROUND), OptimizeOptions.defaults().withJobs(2));
        int extras = 0;
        for (FrozenTrial t : s.trials()) {
            EvolutionStep step = EvolutionStep.of(t).orElseThrow();
            if (isRefinement(t) && step.index() >= REFINE) {
                extras++;
                assertFalse(t.systemAttrs().containsKey(BobyqaStep.ATTR), "extra trial " + t.number() + " is a BOBYQA probe");
            }
        }
        List<String> seen = s.trials().stream().map(t -> t.state() + ":" + (isRefinement(t) ? "R" : "G")
                + EvolutionStep.of(t).map(x -> x.gen() + "/" + x.index()).orElse("?")).toList();
        assertTrue(extras > 0, () -> "no extra place was taken while a refinement trial ran: " + seen);
    }

    /** The refined trials compete for the next population: their genes are bred on. */
    @Test
    void refinedTrialsJoinThePopulation() {
        int inherited = 0;
        for (int seed = 0; seed < 4; seed++) {
            Study s = create(new InMemoryStorage(), "immigrants", HYBRID.apply(seed), tunedLayoutSpace());
            s.optimize(Objective.single(LayoutFixtures::tunedLayoutLoss), Budget.trials(2 * ROUND));
            Set<Double> refinedGenes = new HashSet<>();
            List<double[]> children = new ArrayList<>();
            for (FrozenTrial t : s.trials()) {
                EvolutionStep step = EvolutionStep.of(t).orElseThrow();
                if (isRefinement(t)) {
                    Arrays.stream(step.x()).forEach(refinedGenes::add);
                } else if (step.gen() == 1) {
                    children.add(step.x());
                }
            }
            // no generation-0 genotype holds a point BOBYQA proposed, so a shared gene came from a refined parent
            int lr = tunedLayoutSpace().params().size() - 3;
            inherited += (int) children.stream().filter(x -> refinedGenes.contains(x[lr])).count();
        }
        assertTrue(inherited > 0, "no child of generation 1 has a refined learning rate");
    }

    @Test
    void withoutRefinementItIsTheGeneticSampler() {
        EvolutionOptions o = EvolutionOptions.defaults().withPopulation(POP);
        assertEquals(uninterrupted(seed -> new GeneticSampler(seed, o), 8, tunedLayoutSpace(), 30),
                uninterrupted(seed -> new HybridSampler(seed, o, 0), 8, tunedLayoutSpace(), 30));
        List<Direction> two = List.of(Direction.MINIMIZE, Direction.MINIMIZE);
        assertEquals(twoObjectives(seed -> new GeneticSampler(seed, o), two), twoObjectives(HYBRID, two),
                "several directions: the genetic search alone");
    }

    private static Map<Integer, Map<String, Object>> twoObjectives(LongFunction<Sampler> sampler, List<Direction> directions) {
        Study s = Study.builder(new InMemoryStorage(), "mo").directions(directions).sampler(sampler.apply(9))
                .searchSpace(layoutSpace()).create();
        s.optimize(LayoutFixtures::lossAndSize, Budget.trials(30));
        return paramsByNumber(s);
    }

    @Test
    void defineByRunObjectivesAreRefinedOnceATrialHasFinished() {
        Study s = Study.builder(new InMemoryStorage(), "dbr").sampler(HYBRID.apply(3)).create();
        s.optimize(Objective.single(t -> Math.abs(t.suggestFloat("x", -1, 1)) + t.suggestInt("k", 0, 3)), Budget.trials(25));
        assertAllInside(s, 25);
        assertTrue(EvolutionStep.of(s.trials().get(0)).isEmpty());
        assertTrue(s.trials().stream().anyMatch(t -> EvolutionStep.of(t).map(st -> st.space().startsWith(Refinement.PREFIX)).orElse(false)));
    }

    @Test
    void failedTrialsAreNeitherRefinedNorBlockAPhase() {
        Study s = create(new InMemoryStorage(), "fails", HYBRID.apply(4), tunedLayoutSpace());
        s.optimize(Objective.single(t -> {
            double v = LayoutFixtures.tunedLayoutLoss(t);
            if (t.number() % 4 == 1) {
                throw new IllegalStateException("diverged");
            }
            return v;
        }), Budget.trials(4 * ROUND));
        assertEquals(4 * ROUND, s.trials().size());
        for (FrozenTrial t : s.trials()) {
            if (isRefinement(t)) {
                FrozenTrial best = Ranking.best(s.trials().subList(0, t.number()), Direction.MINIMIZE).orElseThrow();
                assertEquals(TrialState.COMPLETE, best.state());
                assertEquals(best.params().get("blocks"), t.params().get("blocks"));
            }
        }
    }

    /**
     * At equal evaluations over several seeds, on a layout toy whose continuous parameters
     * matter and depend on the layout: far ahead of random search, and not behind the genetic
     * search whose generations it interleaves with refinement.
     */
    @Test
    void beatsRandomSearchOnATunedLayoutToy() {
        int evals = 100;
        double hybrid = medianBest(HybridSampler::new, evals);
        double genetic = medianBest(seed -> new GeneticSampler(seed, HybridSampler.defaultOptions()), evals);
        double random = medianBest(RandomSampler::new, evals);
        System.out.printf("tuned layout toy, %d evaluations, median best of 9 seeds: hybrid %.3f, genetic (8) %.3f, random %.3f%n",
                evals, hybrid, genetic, random);
        assertTrue(hybrid < 0.7 * random, "hybrid " + hybrid + ", random " + random);
        assertNotEquals(hybrid, genetic, "refinement changes the search");
        assertFalse(hybrid > 1.25 * genetic, "hybrid " + hybrid + ", genetic " + genetic);
    }

    private static double medianBest(LongFunction<Sampler> sampler, int evals) {
        double[] best = new double[9];
        for (int seed = 0; seed < best.length; seed++) {
            Study s = create(new InMemoryStorage(), "toy", sampler.apply(seed), tunedLayoutSpace());
            s.optimize(Objective.single(LayoutFixtures::tunedLayoutLoss), Budget.trials(evals));
            best[seed] = s.bestTrial().orElseThrow().value();
        }
        Arrays.sort(best);
        return best[best.length / 2];
    }
}
