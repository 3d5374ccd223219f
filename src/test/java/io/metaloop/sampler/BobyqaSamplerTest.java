package io.metaloop.sampler;

import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeResult;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Study;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.Trial;
import io.metaloop.study.TrialRejectedException;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.conditionalSpace;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.mixedSpace;
import static io.metaloop.sampler.SamplerFixtures.resumed;
import static io.metaloop.sampler.SamplerFixtures.run;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BOBYQA inside ask/tell: replay, restarts, resumption, parallel workers, mixed spaces. */
class BobyqaSamplerTest {

    private static final SearchSpace BOWL = SearchSpace.of(List.of(
            ParamSpec.of("x", FloatDistribution.of(-1, 1)),
            ParamSpec.of("y", FloatDistribution.of(-1, 1)),
            ParamSpec.of("lr", FloatDistribution.log(1e-4, 1))));

    /**
     * A convex quadratic in (x, y, l = log10 lr + 2) with a cross term, minimum 0 where the
     * gradient vanishes: y = -0.2, 2(x - 0.3) + 0.3 l = 0 and l + 0.3 x = 0.
     */
    private static double bowl(Trial t) {
        double x = t.suggestFloat("x", -1, 1);
        double y = t.suggestFloat("y", -1, 1);
        double l = Math.log10(t.suggestFloat("lr", 1e-4, 1, true)) + 2;
        return (x - 0.3) * (x - 0.3) + 2 * (y + 0.2) * (y + 0.2) + 0.5 * l * l + 0.3 * x * l + BOWL_OFFSET;
    }

    private static final double X_STAR = 0.6 / 1.91;
    private static final double L_STAR = -0.3 * X_STAR;
    /** Makes the minimum 0: minus the quadratic's value at the optimum. */
    private static final double BOWL_OFFSET = -((X_STAR - 0.3) * (X_STAR - 0.3) + 0.5 * L_STAR * L_STAR + 0.3 * X_STAR * L_STAR);

    private static Study bowlStudy(long seed, int trials) {
        Study s = create(new InMemoryStorage(), "bowl", new BobyqaSampler(seed), BOWL);
        s.optimize(Objective.single(BobyqaSamplerTest::bowl), Budget.trials(trials));
        return s;
    }

    @Test
    void resumedStudyContinuesAsIfUninterrupted() {
        assertEquals(uninterrupted(BobyqaSampler::new, 3, mixedSpace(), 30), resumed(BobyqaSampler::new, 3, mixedSpace(), 12, 30));
        assertEquals(uninterrupted(BobyqaSampler::new, 4, BOWL, 30), resumed(BobyqaSampler::new, 4, BOWL, 12, 30));
    }

    @Test
    void resumesFromSqliteAsIfUninterrupted(@TempDir Path dir) {
        // the steps and values go through Optuna's schema and JSON: the replay must still match them exactly
        assertEquals(uninterrupted(BobyqaSampler::new, 5, BOWL, 40), SamplerFixtures.resumedOnSqlite(BobyqaSampler::new, 5, BOWL, 15, 40, dir));
    }

    @Test
    void anInterruptedTrialsPointIsProposedAgain() {
        Study s = create(new InMemoryStorage(), "interrupted", new BobyqaSampler(1), BOWL);
        s.optimize(Objective.single(BobyqaSamplerTest::bowl), Budget.trials(10));
        Trial cut = s.ask();
        double x = cut.suggestFloat("x", -1, 1);
        s.tellFail(cut, SystemAttrs.REASON_INTERRUPTED, true);
        Study again = Study.builder(s.storage(), "interrupted").sampler(new BobyqaSampler(1)).searchSpace(BOWL).load();
        Trial next = again.ask();
        assertEquals(x, next.suggestFloat("x", -1, 1));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2})
    void convergesOnAConvexQuadratic(long seed) {
        Study s = bowlStudy(seed, 120);
        FrozenTrial best = s.bestTrial().orElseThrow();
        assertTrue(best.value() < 1e-10, "best " + best.value() + " at " + best.params());
        assertEquals(X_STAR, (Double) best.params().get("x"), 1e-4);
        assertEquals(-0.2, (Double) best.params().get("y"), 1e-4);
        assertEquals(L_STAR - 2, Math.log10((Double) best.params().get("lr")), 1e-4);
    }

    @Test
    void restartsFromASeededPointAfterConverging() {
        Study s = bowlStudy(5, 250);
        Set<Integer> runs = new TreeSet<>();
        List<BobyqaStep> steps = new ArrayList<>();
        for (FrozenTrial t : s.trials()) {
            BobyqaStep step = BobyqaStep.of(t).orElseThrow();
            runs.add(step.run());
            steps.add(step);
        }
        assertTrue(runs.size() >= 2, "runs " + runs);
        BobyqaReplay replay = new BobyqaReplay(3, 5);
        long inFirst = steps.stream().filter(st -> st.run() == 0).count();
        assertTrue(inFirst < replay.evaluationsPerRun(), "the first run ended by converging, not at its cap: " + inFirst);
        BobyqaStep firstOfSecond = steps.stream().filter(st -> st.run() == 1).findFirst().orElseThrow();
        assertEquals(0, firstOfSecond.eval());
        assertArrayEquals(replay.start(1), firstOfSecond.x());
        // the restart point depends on the seed
        assertTrue(!java.util.Arrays.equals(replay.start(1), new BobyqaReplay(3, 6).start(1)));
    }

    @Test
    void parallelWorkersNeverShareAPoint() {
        Study s = create(new InMemoryStorage(), "parallel", new BobyqaSampler(2), BOWL);
        s.optimize(Objective.single(BobyqaSamplerTest::bowl), Budget.trials(80), OptimizeOptions.defaults().withJobs(4));
        assertAllInside(s, 80);
        Set<Map<String, Object>> points = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            assertTrue(points.add(t.params()), "trial " + t.number() + " repeats " + t.params());
        }
        assertTrue(s.bestTrial().orElseThrow().value() < 1e-4, "best " + s.bestTrial().orElseThrow().value());
    }

    @Test
    void valuesStayInsideLogIntAndStepDistributions() {
        Study s = create(new InMemoryStorage(), "mixed", new BobyqaSampler(7), mixedSpace());
        run(s, mixedSpace(), 80, 1);
        assertAllInside(s, 80);
    }

    @Test
    void integerAxesAreRoundedAndNoConfigurationIsEvaluatedTwice() {
        SearchSpace ints = SearchSpace.of(List.of(
                ParamSpec.of("a", IntDistribution.of(0, 40)),
                ParamSpec.of("b", IntDistribution.log(1, 1000))));
        Study s = create(new InMemoryStorage(), "ints", new BobyqaSampler(3), ints);
        s.optimize(Objective.single(t -> {
            double a = t.suggestInt("a", 0, 40) - 17;
            double b = Math.log(t.suggestInt("b", 1, 1000, true) / 30.0);
            return a * a + 10 * b * b;
        }), Budget.trials(60));
        assertAllInside(s, 60);
        Set<Map<String, Object>> points = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            assertTrue(points.add(t.params()), "trial " + t.number() + " repeats " + t.params());
        }
        FrozenTrial best = s.bestTrial().orElseThrow();
        assertEquals(Map.of("a", 17, "b", 30), best.params());
    }

    @Test
    void categoricalAndConditionalParametersGoToTpe() {
        Set<Object> optimizers = new HashSet<>();
        Study s = create(new InMemoryStorage(), "cond", new BobyqaSampler(1), conditionalSpace());
        run(s, conditionalSpace(), 30, 1);
        assertAllInside(s, 30);
        for (FrozenTrial t : s.trials()) {
            BobyqaStep step = BobyqaStep.of(t).orElseThrow();
            assertEquals("lr", step.space());
            assertEquals(2, step.x().length, "a single numeric parameter is padded to two dimensions");
            assertEquals(Distributions.fromUnit(FloatDistribution.log(1e-3, 1e-1), step.x()[0]), t.params().get("lr"));
            optimizers.add(t.params().get("optimizer"));
        }
        assertEquals(Set.of("sgd", "adam"), optimizers, "TPE tried both optimizers");
        Study mixed = create(new InMemoryStorage(), "m", new BobyqaSampler(1), mixedSpace());
        assertEquals("lr,dropout,x,units,depth,width", BobyqaSampler.key(BobyqaSampler.params(mixed.history())),
                "the categorical 'act' is left to TPE");
    }

    @Test
    void oneDimensionalSpacesConverge() {
        SearchSpace line = SearchSpace.of(List.of(ParamSpec.of("x", FloatDistribution.of(-3, 5))));
        Study s = create(new InMemoryStorage(), "line", new BobyqaSampler(0), line);
        s.optimize(Objective.single(t -> Math.pow(t.suggestFloat("x", -3, 5) - 1.234, 2)), Budget.trials(60));
        assertEquals(1.234, (Double) s.bestTrial().orElseThrow().params().get("x"), 1e-5);
    }

    @Test
    void maximisesWhenAskedTo() {
        Study s = Study.builder(new InMemoryStorage(), "max").sampler(new BobyqaSampler(0)).searchSpace(BOWL)
                .directions(List.of(Direction.MAXIMIZE)).create();
        s.optimize(Objective.single(t -> -bowl(t)), Budget.trials(120));
        assertTrue(s.bestTrial().orElseThrow().value() > -1e-10);
    }

    @Test
    void failedTrialsArePenalisedNotRetried() {
        Study s = create(new InMemoryStorage(), "fail", new BobyqaSampler(0), BOWL);
        s.optimize(Objective.single(t -> {
            double v = bowl(t);
            if ((Double) t.params().get("x") > 0.35) {
                throw new IllegalStateException("diverged");
            }
            return v;
        }), Budget.trials(150));
        long failed = s.trials().stream().filter(t -> t.state() == TrialState.FAIL).count();
        assertTrue(failed > 0 && failed < 20, "failed " + failed);
        assertTrue(s.bestTrial().orElseThrow().value() < 1e-8, "best " + s.bestTrial().orElseThrow().value() + ", failed " + failed);
    }

    @Test
    void rejectedPointsCountAsFailuresAndAreNotProposedAgain() {
        // rejected trials use no budget: were a rejected point retried, the study would not end
        Study s = create(new InMemoryStorage(), "reject", new BobyqaSampler(0), BOWL);
        OptimizeResult r = s.optimize(Objective.single(t -> {
            double v = bowl(t);
            if ((Double) t.params().get("y") < -0.6) {
                throw new TrialRejectedException("over max-params");
            }
            return v;
        }), Budget.trials(60));
        assertEquals(OptimizeResult.StopReason.TRIAL_BUDGET, r.stopReason());
        List<FrozenTrial> rejected = s.trials().stream().filter(FrozenTrial::isRejected).toList();
        assertTrue(!rejected.isEmpty() && rejected.size() < 20, "rejected " + rejected.size());
        assertEquals(rejected.size(), rejected.stream().map(FrozenTrial::params).distinct().count(), "no point twice");
    }
}
