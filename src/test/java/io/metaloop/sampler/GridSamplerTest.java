package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeResult;
import io.metaloop.study.Trial;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Study;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.TrialRejectedException;
import io.metaloop.study.TrialState;
import io.metaloop.study.Direction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.conditionalSpace;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.mixedSpace;
import static io.metaloop.sampler.SamplerFixtures.paramsByNumber;
import static io.metaloop.sampler.SamplerFixtures.resumed;
import static io.metaloop.sampler.SamplerFixtures.run;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridSamplerTest {

    /** 3 · 3 · 2 · 3 = 54 points whose values are exact doubles, so the test can list them itself. */
    private static final SearchSpace SMALL = SearchSpace.of(List.of(
            ParamSpec.of("x", FloatDistribution.of(0.0, 1.0)),
            ParamSpec.of("n", IntDistribution.of(1, 3)),
            ParamSpec.of("c", CategoricalDistribution.of("a", "b")),
            ParamSpec.of("s", FloatDistribution.stepped(0.0, 1.0, 0.25))));

    private static Set<Map<String, Object>> smallGrid() {
        Set<Map<String, Object>> out = new HashSet<>();
        for (double x : new double[] {0.0, 0.5, 1.0}) {
            for (int n = 1; n <= 3; n++) {
                for (String c : List.of("a", "b")) {
                    for (double s : new double[] {0.0, 0.5, 1.0}) {
                        out.add(Map.of("x", x, "n", n, "c", c, "s", s));
                    }
                }
            }
        }
        return out;
    }

    private static GridSampler grid(long seed) {
        return new GridSampler(seed, 3, Map.of());
    }

    // ---- axis values ---------------------------------------------------------------------

    @Test
    void floatAxesAreEvenlySpacedWithBothEnds() {
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), Grid.axisValues(FloatDistribution.of(0, 1), 5));
        List<Object> log = Grid.axisValues(FloatDistribution.log(1e-3, 10), 5);
        double[] expected = {1e-3, 1e-2, 1e-1, 1, 10};
        assertEquals(5, log.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], (Double) log.get(i), expected[i] * 1e-12);
        }
        assertEquals(1e-3, log.get(0));
        assertEquals(10.0, log.get(4));
        assertEquals(List.of(0.0, 0.5, 1.0), Grid.axisValues(FloatDistribution.stepped(0, 1, 0.1), 3));
        List<Object> all = Grid.axisValues(FloatDistribution.stepped(0, 1, 0.1), 20);
        assertEquals(11, all.size());
        assertEquals(0.3, all.get(3));
        assertEquals(List.of(2.5), Grid.axisValues(FloatDistribution.of(2.5, 2.5), 4));
    }

    @Test
    void intAxesTakeAllValuesOrEvenlySpacedOnes() {
        assertEquals(List.of(1, 2, 3, 4, 5), Grid.axisValues(IntDistribution.of(1, 5), 10));
        assertEquals(List.of(0, 25, 50, 75, 100), Grid.axisValues(IntDistribution.of(0, 100), 5));
        assertEquals(List.of(8, 40, 64), Grid.axisValues(new IntDistribution(8, 64, false, 8), 3));
        assertEquals(List.of(1, 10, 100, 1000), Grid.axisValues(IntDistribution.log(1, 1000), 4));
        // log-spaced values near the low end round to the same integer: kept once, in order
        List<Object> dense = Grid.axisValues(IntDistribution.log(1, 20), 10);
        assertTrue(dense.size() < 10, dense.toString());
        assertEquals(1, dense.get(0));
        assertEquals(20, dense.get(dense.size() - 1));
        for (int i = 1; i < dense.size(); i++) {
            assertTrue((Integer) dense.get(i) > (Integer) dense.get(i - 1), dense.toString());
        }
        assertEquals(List.of("a", "b", "c"), Grid.axisValues(CategoricalDistribution.of("a", "b", "c"), 2));
    }

    @Test
    void explicitValuesReplaceTheAxisAndAreChecked() {
        GridSampler g = new GridSampler(1, 3, Map.of("x", List.of(0.1, 0.2), "c", List.of("b")));
        assertEquals(2L * 3 * 1 * 3, g.gridSize(SMALL));
        Study s = create(new InMemoryStorage(), "explicit", g, SMALL);
        run(s, SMALL, 18, 1);
        for (FrozenTrial t : s.trials()) {
            assertTrue(List.of(0.1, 0.2).contains(t.params().get("x")), t.params().toString());
            assertEquals("b", t.params().get("c"));
        }
        assertTrue(g.isExhausted(history(s)));

        var outside = assertThrows(IllegalArgumentException.class,
                () -> new GridSampler(1, 3, Map.of("x", List.of(0.5, 1.5))).gridSize(SMALL));
        assertTrue(outside.getMessage().contains("'x'") && outside.getMessage().contains("1.5"), outside.getMessage());
        var undeclared = assertThrows(IllegalArgumentException.class,
                () -> new GridSampler(1, 3, Map.of("lr", List.of(0.1))).gridSize(SMALL));
        assertTrue(undeclared.getMessage().contains("'lr'"), undeclared.getMessage());
        var notAChoice = assertThrows(IllegalArgumentException.class,
                () -> new GridSampler(1, 3, Map.of("c", List.of("z"))).gridSize(SMALL));
        assertTrue(notAChoice.getMessage().contains("'c'"), notAChoice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GridSampler(1, 1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new GridSampler(1, 3, Map.of("x", List.of())));
    }

    // ---- determinism and resume ---------------------------------------------------------

    @Test
    void sameSeedGivesTheSameSequence() {
        assertEquals(uninterrupted(GridSamplerTest::grid, 5, SMALL, 30), uninterrupted(GridSamplerTest::grid, 5, SMALL, 30));
    }

    @Test
    void differentSeedsVisitTheGridInDifferentOrders() {
        var a = uninterrupted(GridSamplerTest::grid, 5, SMALL, 54);
        var b = uninterrupted(GridSamplerTest::grid, 6, SMALL, 54);
        assertNotEquals(a, b);
        assertEquals(new HashSet<>(a.values()), new HashSet<>(b.values()));
    }

    @Test
    void resumedStudyContinuesAsIfUninterrupted() {
        var whole = uninterrupted(GridSamplerTest::grid, 9, SMALL, 20);
        var split = resumed(GridSamplerTest::grid, 9, SMALL, 8, 20);
        assertEquals(20, split.size());
        assertEquals(whole, split);
        SearchSpace mixed = mixedSpace();
        assertEquals(uninterrupted(GridSamplerTest::grid, 9, mixed, 20), resumed(GridSamplerTest::grid, 9, mixed, 8, 20));
    }

    @Test
    void valuesStayInsideTheirDistributions() {
        SearchSpace mixed = mixedSpace();
        GridSampler g = new GridSampler(4, 4, Map.of());
        Study s = create(new InMemoryStorage(), "inside", g, mixed);
        run(s, mixed, 300, 1);
        assertAllInside(s, 300);
        Set<Object> acts = new HashSet<>();
        s.trials().forEach(t -> acts.add(String.valueOf(t.params().get("act"))));
        assertEquals(5, acts.size(), "every choice, null included, is on the grid");
    }

    // ---- coverage ------------------------------------------------------------------------

    @Test
    void firstTrialsCoverEveryPointExactlyOnce() {
        GridSampler g = grid(21);
        assertEquals(54, g.gridSize(SMALL));
        Study s = create(new InMemoryStorage(), "cover", g, SMALL);
        run(s, SMALL, 53, 1);
        assertFalse(g.isExhausted(history(s)));
        run(s, SMALL, 54, 1);
        assertTrue(g.isExhausted(history(s)));
        assertEquals(smallGrid(), new HashSet<>(paramsByNumber(s).values()));
        assertDistinctGridIds(s.trials());
    }

    @Test
    void fourThreadsNeverTakeTheSamePoint() {
        for (long seed = 1; seed <= 8; seed++) {
            GridSampler g = grid(seed);
            Study s = create(new InMemoryStorage(), "threads" + seed, g, SMALL);
            s.optimize(SamplerFixtures.objectiveOf(SMALL), Budget.trials(54), OptimizeOptions.defaults().withJobs(4));
            List<FrozenTrial> trials = s.trials();
            assertEquals(54, trials.size());
            assertDistinctGridIds(trials);
            assertEquals(smallGrid(), new HashSet<>(paramsByNumber(s).values()), "seed " + seed);
            assertTrue(g.isExhausted(history(s)));
        }
    }

    @Test
    void optimizeStopsWhenEveryPointIsTaken() {
        Study s = create(new InMemoryStorage(), "stop", grid(2), SMALL);
        OptimizeResult r = s.optimize(SamplerFixtures.objectiveOf(SMALL), Budget.trials(100));
        assertEquals(OptimizeResult.StopReason.SEARCH_SPACE_EXHAUSTED, r.stopReason());
        assertEquals(54, s.trials().size());
    }

    @Test
    void askedForMoreTheGridIsVisitedAgain() {
        Study s = create(new InMemoryStorage(), "again", grid(2), SMALL);
        Objective objective = SamplerFixtures.objectiveOf(SMALL);
        for (int i = 0; i < 108; i++) {
            Trial t = s.ask();
            try {
                s.tell(t, objective.evaluate(t));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        var byNumber = paramsByNumber(s);
        Set<Map<String, Object>> second = new HashSet<>();
        for (int n = 54; n < 108; n++) {
            second.add(byNumber.get(n));
            assertEquals(byNumber.get(n - 54), byNumber.get(n), "the second pass repeats the first in order");
        }
        assertEquals(smallGrid(), second);
    }

    /** An objective over {@link #SMALL} whose trials 4 and 30 throw {@code error}. */
    private static Objective throwingAtTrials4And30(java.util.function.Supplier<RuntimeException> error) {
        return Objective.single(t -> {
            Map<String, Object> p = SMALL.suggestAll(t);
            if (t.number() == 4 || t.number() == 30) {
                throw error.get();
            }
            return p.hashCode();
        });
    }

    @Test
    void aFailedTrialsPointIsTakenAgain() {
        Study s = create(new InMemoryStorage(), "fail", grid(3), SMALL);
        s.optimize(throwingAtTrials4And30(() -> new IllegalStateException("boom")), Budget.trials(56));
        List<FrozenTrial> complete = s.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        assertEquals(54, complete.size());
        Set<Map<String, Object>> seen = new HashSet<>();
        complete.forEach(t -> seen.add(t.params()));
        assertEquals(smallGrid(), seen, "the two trials after the first pass fill the failed points");
    }

    @Test
    void aRejectedTrialsPointIsNotProposedAgain() {
        Study s = create(new InMemoryStorage(), "reject", grid(3), SMALL);
        OptimizeResult r = s.optimize(throwingAtTrials4And30(() -> new TrialRejectedException("over budget")),
                Budget.trials(60));
        assertEquals(OptimizeResult.StopReason.SEARCH_SPACE_EXHAUSTED, r.stopReason(), "rejected points are taken");
        List<FrozenTrial> all = s.trials();
        assertEquals(54, all.size());
        assertEquals(2, all.stream().filter(FrozenTrial::isRejected).count());
        Set<Map<String, Object>> seen = new HashSet<>();
        all.forEach(t -> seen.add(t.params()));
        assertEquals(smallGrid(), seen, "every point once, the rejected ones included");
    }

    @Test
    void conditionalParametersOnlyMultiplyWhereTheyExist() {
        SearchSpace space = conditionalSpace();
        GridSampler g = new GridSampler(8, 3, Map.of());
        // sgd: 3 momentum · 3 lr; adam: 3 beta · 3 lr — not 2 · 3 · 3 · 3
        assertEquals(18, g.gridSize(space));
        Study s = create(new InMemoryStorage(), "conditional", g, space);
        run(s, space, 18, 2);
        assertAllInside(s, 18);
        Set<Map<String, Object>> seen = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            seen.add(t.params());
            String opt = (String) t.params().get("optimizer");
            assertEquals(opt.equals("sgd"), t.params().containsKey("momentum"), t.params().toString());
            assertEquals(opt.equals("adam"), t.params().containsKey("beta"), t.params().toString());
        }
        assertEquals(18, seen.size(), "no configuration is evaluated twice");
        assertTrue(g.isExhausted(history(s)));
    }

    @Test
    void defineByRunUsesTheFirstFinishedTrialsParameters() {
        GridSampler g = grid(12);
        Study s = Study.builder(new InMemoryStorage(), "dbr").sampler(g).create();
        Objective dbr = Objective.single(t -> {
            double x = t.suggestFloat("x", 0.0, 1.0);
            int n = t.suggestInt("n", 1, 3);
            String c = t.suggestCategorical("c", List.of("a", "b"));
            double st = t.suggestFloat("s", 0.0, 1.0, 0.25);
            return x + n + c.length() + st;
        });
        s.optimize(dbr, Budget.trials(1));
        assertFalse(s.trials().get(0).systemAttrs().containsKey(GridSampler.GRID_ID), "nothing to grid before a trial ends");
        assertFalse(g.isExhausted(history(s)));
        s.optimize(dbr, Budget.trials(55));
        List<FrozenTrial> gridded = s.trials().subList(1, 55);
        assertDistinctGridIds(gridded);
        Set<Map<String, Object>> seen = new HashSet<>();
        gridded.forEach(t -> seen.add(t.params()));
        assertEquals(smallGrid(), seen);
        assertTrue(g.isExhausted(history(s)));
    }

    @Test
    void aChangedGridDoesNotReadTheOldGridsPoints() {
        SearchSpace line = SearchSpace.of(List.of(ParamSpec.of("x", FloatDistribution.of(0, 1))));
        InMemoryStorage storage = new InMemoryStorage();
        run(create(storage, "changed", new GridSampler(1, 3), line), line, 3, 1);
        GridSampler five = new GridSampler(1, 5);
        Study again = Study.builder(storage, "changed").sampler(five).searchSpace(line).load();
        assertFalse(five.isExhausted(history(again)));
        run(again, line, 8, 1);
        Set<Object> xs = new HashSet<>();
        again.trials().subList(3, 8).forEach(t -> xs.add(t.params().get("x")));
        assertEquals(Set.of(0.0, 0.25, 0.5, 0.75, 1.0), xs);
        assertTrue(five.isExhausted(history(again)));
    }

    @Test
    void oneSamplerServesTwoStudiesWithoutMixingThem() {
        GridSampler shared = grid(31);
        Study a = create(new InMemoryStorage(), "a", shared, SMALL);
        Study b = create(new InMemoryStorage(), "b", shared, SMALL);
        run(a, SMALL, 30, 1);
        run(b, SMALL, 20, 1);
        run(a, SMALL, 54, 1);
        run(b, SMALL, 54, 2);
        for (Study s : List.of(a, b)) {
            assertDistinctGridIds(s.trials());
            assertEquals(smallGrid(), new HashSet<>(paramsByNumber(s).values()), s.name());
        }
    }

    @Test
    void permutationIsABijection() {
        for (long size : new long[] {1, 2, 3, 7, 64, 1000, 4097}) {
            SeededPermutation p = new SeededPermutation(99, size);
            Set<Long> images = new HashSet<>();
            for (long i = 0; i < size; i++) {
                long v = p.apply(i);
                assertTrue(v >= 0 && v < size);
                images.add(v);
            }
            assertEquals(size, images.size());
        }
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            a.add(new SeededPermutation(1, 100).apply(i));
            b.add(new SeededPermutation(2, 100).apply(i));
        }
        assertNotEquals(a, b);
    }

    private static void assertDistinctGridIds(List<FrozenTrial> trials) {
        Set<Object> ids = new HashSet<>();
        for (FrozenTrial t : trials) {
            Object id = t.systemAttrs().get(GridSampler.GRID_ID);
            assertTrue(id instanceof Number, "trial " + t.number() + " has no grid point");
            assertTrue(ids.add(id), "grid point " + id + " taken twice");
        }
    }

    /** The history a sampler would see now. */
    static StudyHistory history(Study s) {
        return new StudyHistory() {
            @Override
            public List<Direction> directions() {
                return s.directions();
            }

            @Override
            public SearchSpace declaredSpace() {
                return s.declaredSpace();
            }

            @Override
            public List<FrozenTrial> trials() {
                return s.trials();
            }
        };
    }
}
