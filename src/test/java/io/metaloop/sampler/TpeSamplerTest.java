package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Study;
import io.metaloop.study.Trial;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.conditionalSpace;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.mixedSpace;
import static io.metaloop.sampler.SamplerFixtures.resumed;
import static io.metaloop.sampler.SamplerFixtures.run;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TpeSamplerTest {

    private static final SearchSpace SPACE = mixedSpace();
    private static final SearchSpace SQUARE = SearchSpace.of(List.of(
            ParamSpec.of("x", FloatDistribution.of(-1, 1)),
            ParamSpec.of("y", FloatDistribution.of(-1, 1))));

    private static LongFunction<Sampler> tpe(boolean multivariate) {
        return seed -> new TpeSampler(seed, TpeOptions.defaults().withMultivariate(multivariate));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sameSeedGivesTheSameSequence(boolean multivariate) {
        assertEquals(uninterrupted(tpe(multivariate), 7, SPACE, 30), uninterrupted(tpe(multivariate), 7, SPACE, 30));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void differentSeedsGiveDifferentSequences(boolean multivariate) {
        var a = uninterrupted(tpe(multivariate), 7, SPACE, 30);
        var b = uninterrupted(tpe(multivariate), 8, SPACE, 30);
        for (int n = 0; n < 30; n++) {
            assertNotEquals(a.get(n).get("x"), b.get(n).get("x"), "trial " + n);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void resumedStudyContinuesAsIfUninterrupted(boolean multivariate) {
        var whole = uninterrupted(tpe(multivariate), 3, SPACE, 30);
        var split = resumed(tpe(multivariate), 3, SPACE, 12, 30);
        assertEquals(30, split.size());
        assertEquals(whole, split);
    }

    @Test
    void startupTrialsAreTheRandomSamplersPoints() {
        var tpe = uninterrupted(tpe(true), 5, SPACE, 10);
        var random = uninterrupted(RandomSampler::new, 5, SPACE, 10);
        assertEquals(random, tpe);
    }

    @Test
    void byDefaultASpaceOfManyParametersStartsWithOneRandomTrialPerParameter() {
        SearchSpace wide = SearchSpace.of(IntStream.range(0, 16)
                .mapToObj(i -> ParamSpec.of("x" + i, FloatDistribution.of(-1, 1))).toList());
        var random = uninterrupted(RandomSampler::new, 5, wide, 20);
        var tpe = uninterrupted(tpe(true), 5, wide, 20);
        var ten = uninterrupted(seed -> new TpeSampler(seed, TpeOptions.defaults().withStartupTrials(10)), 5, wide, 20);
        for (int n = 0; n < 16; n++) {
            assertEquals(random.get(n), tpe.get(n), "trial " + n);
            if (n < 10) {
                assertEquals(random.get(n), ten.get(n), "trial " + n + " with 10 startup trials");
            }
        }
        assertNotEquals(random.get(16), tpe.get(16));
        assertNotEquals(random.get(10), ten.get(10));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void valuesStayInsideTheirDistributions(boolean multivariate) {
        Study s = create(new InMemoryStorage(), "inside", tpe(multivariate).apply(11), SPACE);
        run(s, SPACE, 120, 1);
        assertAllInside(s, 120);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void conditionalParametersAreModelledFromTheTrialsThatHaveThem(boolean multivariate) {
        SearchSpace space = conditionalSpace();
        // adam with a large beta is best; sgd's momentum matters only among sgd trials
        Objective f = Objective.single(t -> {
            Map<String, Object> p = space.suggestAll(t);
            double lr = Math.log10((Double) p.get("lr")) + 2;
            if (p.get("optimizer").equals("sgd")) {
                return 1 + Math.pow((Double) p.get("momentum") - 0.5, 2) + lr * lr;
            }
            return Math.pow((Double) p.get("beta") - 0.999, 2) * 100 + lr * lr;
        });
        Study s = create(new InMemoryStorage(), "conditional", tpe(multivariate).apply(4), space);
        s.optimize(f, Budget.trials(80));
        assertAllInside(s, 80);
        List<FrozenTrial> trials = s.trials();
        for (FrozenTrial t : trials) {
            boolean sgd = t.params().get("optimizer").equals("sgd");
            assertEquals(sgd, t.params().containsKey("momentum"));
            assertEquals(!sgd, t.params().containsKey("beta"));
        }
        long adamLate = trials.subList(40, 80).stream().filter(t -> t.params().get("optimizer").equals("adam")).count();
        assertTrue(adamLate >= 30, "adam in " + adamLate + " of the last 40 trials");
    }

    @Test
    void learnsTheBestChoiceOfACategoricalAndAnIntOnALogScale() {
        SearchSpace space = SearchSpace.of(List.of(
                ParamSpec.of("act", CategoricalDistribution.of("relu", "tanh", "gelu", "sigmoid", "elu")),
                ParamSpec.of("units", IntDistribution.log(4, 256)),
                ParamSpec.of("drop", FloatDistribution.stepped(0, 0.5, 0.05))));
        Objective f = Objective.single(t -> {
            Map<String, Object> p = space.suggestAll(t);
            double u = Math.log((Integer) p.get("units")) / Math.log(2) - 6;
            return (p.get("act").equals("gelu") ? 0 : 1) + u * u + Math.abs((Double) p.get("drop") - 0.1);
        });
        for (boolean multivariate : new boolean[] {false, true}) {
            Study s = create(new InMemoryStorage(), "categorical", tpe(multivariate).apply(9), space);
            s.optimize(f, Budget.trials(100));
            assertAllInside(s, 100);
            List<FrozenTrial> late = s.trials().subList(60, 100);
            long gelu = late.stream().filter(t -> t.params().get("act").equals("gelu")).count();
            assertTrue(gelu >= 25, multivariate + ": gelu in " + gelu + " of the last 40 trials");
            FrozenTrial best = s.bestTrial().orElseThrow();
            int units = (Integer) best.params().get("units");
            assertTrue(units >= 32 && units <= 128, multivariate + ": best units " + units);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void beatsRandomSearchOnAQuadratic(boolean multivariate) {
        double[] tpe = regrets(tpe(multivariate), 60);
        double[] random = regrets(RandomSampler::new, 60);
        double tpeMedian = median(tpe);
        double randomMedian = median(random);
        assertTrue(tpeMedian * 4 < randomMedian, "TPE " + tpeMedian + " vs random " + randomMedian);
    }

    private static double[] regrets(LongFunction<Sampler> sampler, int evals) {
        double[] out = new double[10];
        for (int seed = 0; seed < out.length; seed++) {
            Study s = create(new InMemoryStorage(), "quadratic", sampler.apply(seed), SQUARE);
            s.optimize(Objective.single(TpeSamplerTest::quadratic), Budget.trials(evals));
            out[seed] = s.bestTrial().orElseThrow().value();
        }
        return out;
    }

    private static double quadratic(Trial t) {
        double x = t.suggestFloat("x", -1, 1);
        double y = t.suggestFloat("y", -1, 1);
        return (x - 0.3) * (x - 0.3) + (y + 0.2) * (y + 0.2);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void parallelWorkersNeverShareAPoint(boolean multivariate) {
        Study s = create(new InMemoryStorage(), "parallel", tpe(multivariate).apply(5), SQUARE);
        s.optimize(Objective.single(TpeSamplerTest::quadratic), Budget.trials(80),
                OptimizeOptions.defaults().withJobs(4));
        assertAllInside(s, 80);
        Set<Map<String, Object>> points = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            assertTrue(points.add(t.params()), "trial " + t.number() + " repeats " + t.params());
        }
    }

    @Test
    void constantLiarSteersAwayFromRunningTrials() {
        // a 1-D integer space with few values: several running trials at once would pile onto
        // the best value without the liar; with it, they spread out
        SearchSpace space = SearchSpace.of(List.of(ParamSpec.of("k", IntDistribution.of(0, 40))));
        int spreadWith = runningSpread(true, space);
        int spreadWithout = runningSpread(false, space);
        assertTrue(spreadWith > spreadWithout, "distinct values with liar " + spreadWith + ", without " + spreadWithout);
    }

    /** Completes 30 trials, then starts 8 without finishing them; returns how many distinct values those 8 got. */
    private static int runningSpread(boolean liar, SearchSpace space) {
        int distinct = 0;
        for (long seed = 0; seed < 5; seed++) {
            Study s = create(new InMemoryStorage(), "liar", new TpeSampler(seed, TpeOptions.defaults()
                    .withMultivariate(false).withConstantLiar(liar)), space);
            s.optimize(Objective.single(t -> Math.abs(t.suggestInt("k", 0, 40) - 20)), Budget.trials(30));
            Set<Integer> values = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                Trial t = s.ask();
                values.add(t.suggestInt("k", 0, 40));
            }
            distinct += values.size();
        }
        return distinct;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void learnsFromPrunedTrialsAndIgnoresFailedOnes(boolean multivariate) {
        // trials far from x = 0.3 are pruned after one step, trials with y > 0.5 fail: the good
        // group must come from the complete trials, the pruned ones only ever ranked after them
        Objective f = Objective.single(t -> {
            double x = t.suggestFloat("x", -1, 1);
            double y = t.suggestFloat("y", -1, 1);
            double v = (x - 0.3) * (x - 0.3) + (y + 0.2) * (y + 0.2);
            t.report(v, 0);
            if (Math.abs(x - 0.3) > 0.6) {
                throw new io.metaloop.study.TrialPrunedException();
            }
            if (y > 0.5) {
                throw new IllegalStateException("diverged");
            }
            t.report(v / 2, 1);
            return v;
        });
        Study s = create(new InMemoryStorage(), "pruned", tpe(multivariate).apply(3), SQUARE);
        s.optimize(f, Budget.trials(80));
        List<FrozenTrial> trials = s.trials();
        long pruned = trials.stream().filter(t -> t.state() == io.metaloop.study.TrialState.PRUNED).count();
        long failed = trials.stream().filter(t -> t.state() == io.metaloop.study.TrialState.FAIL).count();
        assertTrue(pruned > 0 && failed > 0, pruned + " pruned, " + failed + " failed");
        long lateBad = trials.subList(40, 80).stream().filter(t -> t.state() != io.metaloop.study.TrialState.COMPLETE).count();
        long earlyBad = trials.subList(0, 40).stream().filter(t -> t.state() != io.metaloop.study.TrialState.COMPLETE).count();
        assertTrue(lateBad < earlyBad, "pruned or failed: " + earlyBad + " of the first 40, " + lateBad + " of the last 40");
        assertTrue(s.bestTrial().orElseThrow().value() < 0.01, "best " + s.bestTrial().orElseThrow().value());
    }

    @Test
    void severalObjectivesFallBackToRandomSampling() {
        SearchSpace space = SQUARE;
        Study tpe = Study.builder(new InMemoryStorage(), "mo").directions(List.of(Direction.MINIMIZE, Direction.MAXIMIZE))
                .sampler(new TpeSampler(2)).searchSpace(space).create();
        Study random = Study.builder(new InMemoryStorage(), "mo").directions(List.of(Direction.MINIMIZE, Direction.MAXIMIZE))
                .sampler(new RandomSampler(2)).searchSpace(space).create();
        Objective f = t -> {
            double x = t.suggestFloat("x", -1, 1);
            double y = t.suggestFloat("y", -1, 1);
            return new double[] {x, y};
        };
        tpe.optimize(f, Budget.trials(20));
        random.optimize(f, Budget.trials(20));
        assertEquals(SamplerFixtures.paramsByNumber(random), SamplerFixtures.paramsByNumber(tpe));
    }
}
