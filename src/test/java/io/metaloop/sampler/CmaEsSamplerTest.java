package io.metaloop.sampler;

import io.metaloop.space.FloatDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Study;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.conditionalSpace;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.mixedSpace;
import static io.metaloop.sampler.SamplerFixtures.resumed;
import static io.metaloop.sampler.SamplerFixtures.run;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CMA-ES inside ask/tell: generations rebuilt from storage, IPOP restarts, parallel workers. */
class CmaEsSamplerTest {

    private static final SearchSpace BOWL = SearchSpace.of(List.of(
            ParamSpec.of("x", FloatDistribution.of(-1, 1)),
            ParamSpec.of("y", FloatDistribution.of(-1, 1)),
            ParamSpec.of("lr", FloatDistribution.log(1e-4, 1))));

    /** A convex quadratic in (x, y, log10 lr), minimum 0 at (0.3, -0.2, 1e-2). */
    private static double bowl(Trial t) {
        double x = t.suggestFloat("x", -1, 1) - 0.3;
        double y = t.suggestFloat("y", -1, 1) + 0.2;
        double l = Math.log10(t.suggestFloat("lr", 1e-4, 1, true)) + 2;
        return x * x + 2 * y * y + 0.5 * l * l + 0.3 * x * l;
    }

    private static LongFunction<Sampler> cma(boolean separable) {
        return seed -> new CmaEsSampler(seed, separable, null);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void resumedStudyContinuesAsIfUninterrupted(boolean separable) {
        assertEquals(uninterrupted(cma(separable), 3, mixedSpace(), 30), resumed(cma(separable), 3, mixedSpace(), 12, 30));
        assertEquals(uninterrupted(cma(separable), 4, BOWL, 30), resumed(cma(separable), 4, BOWL, 12, 30));
    }

    @Test
    void resumesFromSqliteAsIfUninterrupted(@TempDir Path dir) {
        assertEquals(uninterrupted(cma(false), 5, BOWL, 40), SamplerFixtures.resumedOnSqlite(cma(false), 5, BOWL, 15, 40, dir));
    }

    @Test
    void anInterruptedTrialsSampleIsProposedAgain() {
        Study s = create(new InMemoryStorage(), "cut", new CmaEsSampler(1), BOWL);
        s.optimize(Objective.single(CmaEsSamplerTest::bowl), Budget.trials(10));
        Trial cut = s.ask();
        double x = cut.suggestFloat("x", -1, 1);
        s.tellFail(cut, SystemAttrs.REASON_INTERRUPTED, true);
        Study again = Study.builder(s.storage(), "cut").sampler(new CmaEsSampler(1)).searchSpace(BOWL).load();
        assertEquals(x, again.ask().suggestFloat("x", -1, 1));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2})
    void convergesOnAConvexQuadratic(long seed) {
        for (boolean separable : new boolean[] {false, true}) {
            Study s = create(new InMemoryStorage(), "bowl", new CmaEsSampler(seed, separable, null), BOWL);
            s.optimize(Objective.single(CmaEsSamplerTest::bowl), Budget.trials(300));
            FrozenTrial best = s.bestTrial().orElseThrow();
            assertTrue(best.value() < 1e-6, "separable " + separable + ": best " + best.value() + " at " + best.params());
        }
    }

    @Test
    void restartsWithTwiceThePopulationWhenStagnating() {
        // a flat objective: every generation's values span nothing, so each run stops after 11 generations
        Study s = create(new InMemoryStorage(), "flat", new CmaEsSampler(0, false, 4), BOWL);
        s.optimize(Objective.single(t -> {
            t.suggestFloat("x", -1, 1);
            return 1.0;
        }), Budget.trials(4 * 11 + 8 * 3));
        Set<Integer> restarts = new HashSet<>();
        int maxIndexInSecond = -1;
        for (FrozenTrial t : s.trials()) {
            CmaStep step = CmaStep.of(t).orElseThrow();
            restarts.add(step.restart());
            if (step.restart() == 1) {
                maxIndexInSecond = Math.max(maxIndexInSecond, step.index());
            }
        }
        assertTrue(restarts.contains(1), "restarts " + restarts);
        assertEquals(7, maxIndexInSecond, "the second run samples 8 per generation");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void parallelWorkersNeverShareAPoint(boolean separable) {
        Study s = create(new InMemoryStorage(), "parallel", new CmaEsSampler(2, separable, null), BOWL);
        s.optimize(Objective.single(CmaEsSamplerTest::bowl), Budget.trials(80), OptimizeOptions.defaults().withJobs(4));
        assertAllInside(s, 80);
        Set<Map<String, Object>> points = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            assertTrue(points.add(t.params()), "trial " + t.number() + " repeats " + t.params());
        }
    }

    @Test
    void valuesStayInsideLogIntAndStepDistributions() {
        Study s = create(new InMemoryStorage(), "mixed", new CmaEsSampler(7, true, null), mixedSpace());
        run(s, mixedSpace(), 80, 1);
        assertAllInside(s, 80);
    }

    @Test
    void categoricalAndConditionalParametersGoToTpe() {
        Study s = create(new InMemoryStorage(), "cond", new CmaEsSampler(1), conditionalSpace());
        run(s, conditionalSpace(), 30, 1);
        assertAllInside(s, 30);
        Set<Object> optimizers = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            CmaStep step = CmaStep.of(t).orElseThrow();
            assertEquals("lr", step.space());
            assertEquals(1, step.x().length);
            optimizers.add(t.params().get("optimizer"));
        }
        assertEquals(Set.of("sgd", "adam"), optimizers);
    }
}
