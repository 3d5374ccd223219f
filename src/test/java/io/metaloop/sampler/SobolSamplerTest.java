package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Study;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SobolSamplerTest {

    private static final SearchSpace SPACE = mixedSpace();
    private static final SearchSpace SQUARE = SearchSpace.of(List.of(
            ParamSpec.of("x", FloatDistribution.of(0, 1)),
            ParamSpec.of("y", FloatDistribution.of(0, 1))));

    @Test
    void sameSeedGivesTheSameSequence() {
        assertEquals(uninterrupted(SobolSampler::new, 7, SPACE, 20), uninterrupted(SobolSampler::new, 7, SPACE, 20));
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        var a = uninterrupted(SobolSampler::new, 7, SPACE, 20);
        var b = uninterrupted(SobolSampler::new, 8, SPACE, 20);
        for (int n = 0; n < 20; n++) {
            assertNotEquals(a.get(n).get("x"), b.get(n).get("x"), "trial " + n);
        }
    }

    @Test
    void resumedStudyContinuesAsIfUninterrupted() {
        var whole = uninterrupted(SobolSampler::new, 3, SPACE, 20);
        var split = resumed(SobolSampler::new, 3, SPACE, 8, 20);
        assertEquals(20, split.size());
        assertEquals(whole, split);
    }

    @Test
    void valuesStayInsideTheirDistributions() {
        Study s = create(new InMemoryStorage(), "inside", new SobolSampler(11), SPACE);
        run(s, SPACE, 256, 1);
        assertAllInside(s, 256);
        // a QMC sample of 256 points hits every one of the 5 choices and 4 depths
        assertEquals(5, s.trials().stream().map(t -> String.valueOf(t.params().get("act"))).distinct().count());
        assertEquals(4, s.trials().stream().map(t -> t.params().get("depth")).distinct().count());
    }

    @Test
    void firstPowerOfTwoPointsHaveOnePointInEveryDyadicCell() {
        int k = 6;
        for (long seed = 1; seed <= 5; seed++) {
            List<double[]> sobol = squarePoints(SobolSampler::new, seed, 1 << k, 1);
            assertTrue(oneInEveryCell(sobol, k), "seed " + seed);
        }
        // random points essentially never do (probability < 1e-20), so the check can fail
        assertFalse(oneInEveryCell(squarePoints(RandomSampler::new, 1, 1 << k, 1), k));
    }

    @Test
    void sobolPointsHaveLowerDiscrepancyThanRandomOnes() {
        for (long seed = 1; seed <= 5; seed++) {
            double sobol = l2StarDiscrepancy(squarePoints(SobolSampler::new, seed, 256, 1));
            double random = l2StarDiscrepancy(squarePoints(RandomSampler::new, seed, 256, 1));
            // random: about 1/sqrt(N) ≈ 0.06·const; Sobol: about log(N)/N
            assertTrue(sobol * 3 < random, "seed " + seed + ": sobol " + sobol + ", random " + random);
        }
    }

    @Test
    void fourThreadsGetDistinctPointsEqualToTheSequentialOnes() {
        var sequential = uninterrupted(SobolSampler::new, 42, SPACE, 64);
        Study s = create(new InMemoryStorage(), "threads", new SobolSampler(42), SPACE);
        s.optimize(SamplerFixtures.objectiveOf(SPACE), Budget.trials(64), OptimizeOptions.defaults().withJobs(4));
        var parallel = paramsByNumber(s);
        assertEquals(64, parallel.size());
        assertEquals(64, new HashSet<>(parallel.values()).size());
        assertEquals(sequential, parallel, "a point depends only on the seed and the trial number");
    }

    @Test
    void conditionalParametersThatAreNeverAskedForBreakNothing() {
        SearchSpace space = conditionalSpace();
        Study s = create(new InMemoryStorage(), "conditional", new SobolSampler(5), space);
        run(s, space, 64, 2);
        assertAllInside(s, 64);
        int sgd = 0;
        for (FrozenTrial t : s.trials()) {
            boolean isSgd = t.params().get("optimizer").equals("sgd");
            sgd += isSgd ? 1 : 0;
            assertEquals(isSgd, t.params().containsKey("momentum"));
            assertEquals(!isSgd, t.params().containsKey("beta"));
        }
        assertEquals(32, sgd, "the first dimension is balanced over any 2^k points");
    }

    @Test
    void defineByRunIsRandomUntilATrialFinishesThenSobol() {
        SobolSampler sampler = new SobolSampler(17);
        Study s = Study.builder(new InMemoryStorage(), "dbr").sampler(sampler).create();
        Objective dbr = Objective.single(t -> t.suggestFloat("y", 0, 1) + t.suggestFloat("x", 0, 1));
        s.optimize(dbr, Budget.trials(10));
        RandomSampler random = new RandomSampler(17);
        List<FrozenTrial> trials = s.trials();
        FrozenTrial first = trials.get(0);
        assertEquals(random.sampleIndependent(null, first, "x", FloatDistribution.of(0, 1)), first.params().get("x"));
        for (FrozenTrial t : trials.subList(1, 10)) {
            // parameters of a trial are ordered by name: x is dimension 0, y dimension 1
            double[] u = sampler.unitPoint(t.number(), 2);
            assertEquals(u[0], t.params().get("x"));
            assertEquals(u[1], t.params().get("y"));
        }
    }

    @Test
    void parametersBeyondTheSobolLimitAreSampledAtRandom() {
        List<ParamSpec> many = new ArrayList<>();
        for (int i = 0; i <= SobolSampler.MAX_DIMENSION; i++) {
            many.add(ParamSpec.of("p" + i, FloatDistribution.of(0, 1)));
        }
        SearchSpace space = SearchSpace.of(many);
        SobolSampler sampler = new SobolSampler(3);
        Study s = create(new InMemoryStorage(), "many", sampler, space);
        run(s, space, 3, 1);
        assertAllInside(s, 3);
        FrozenTrial t = s.trials().get(2);
        assertEquals(SobolSampler.MAX_DIMENSION + 1, t.params().size());
        assertEquals(sampler.unitPoint(2, SobolSampler.MAX_DIMENSION)[999], t.params().get("p999"));
        Distribution last = space.params().get(SobolSampler.MAX_DIMENSION).distribution();
        assertEquals(new RandomSampler(3).sampleIndependent(null, t, "p1000", last), t.params().get("p1000"));
        assertThrows(IllegalArgumentException.class, () -> sampler.unitPoint(0, SobolSampler.MAX_DIMENSION + 1));
        assertThrows(IllegalArgumentException.class, () -> sampler.unitPoint(-1, 2));
    }

    @Test
    void unitPointsAreInTheUnitCubeAndDistinct() {
        SobolSampler sampler = new SobolSampler(1);
        Set<List<Double>> seen = new HashSet<>();
        for (int i = 0; i < 1024; i++) {
            double[] u = sampler.unitPoint(i, 3);
            List<Double> key = new ArrayList<>();
            for (double v : u) {
                assertTrue(v >= 0 && v < 1, "coordinate " + v);
                key.add(v);
            }
            assertTrue(seen.add(key), "point " + i + " repeats");
        }
        assertArrayEquals(sampler.unitPoint(700, 3), new SobolSampler(1).unitPoint(700, 3));
    }

    /** The (x, y) of the first n trials of a study over the unit square. */
    private static List<double[]> squarePoints(LongFunction<Sampler> sampler, long seed, int n, int jobs) {
        Study s = create(new InMemoryStorage(), "square", sampler.apply(seed), SQUARE);
        run(s, SQUARE, n, jobs);
        List<double[]> out = new ArrayList<>();
        for (Map<String, Object> p : paramsByNumber(s).values()) {
            out.add(new double[] {(Double) p.get("x"), (Double) p.get("y")});
        }
        return out;
    }

    /** Whether 2^k points put exactly one point in every cell of every 2^a × 2^(k−a) grid. */
    private static boolean oneInEveryCell(List<double[]> points, int k) {
        assertEquals(1 << k, points.size());
        for (int a = 0; a <= k; a++) {
            int[] count = new int[1 << k];
            for (double[] p : points) {
                int cx = (int) Math.floor(p[0] * (1 << a));
                int cy = (int) Math.floor(p[1] * (1 << (k - a)));
                count[(cx << (k - a)) | cy]++;
            }
            for (int c : count) {
                if (c != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The L2-star discrepancy of points in the unit square (Warnock's formula). */
    private static double l2StarDiscrepancy(List<double[]> points) {
        int n = points.size();
        int d = 2;
        double single = 0;
        for (double[] p : points) {
            double prod = 1;
            for (double v : p) {
                prod *= 1 - v * v;
            }
            single += prod;
        }
        double pairs = 0;
        for (double[] p : points) {
            for (double[] q : points) {
                double prod = 1;
                for (int j = 0; j < d; j++) {
                    prod *= 1 - Math.max(p[j], q[j]);
                }
                pairs += prod;
            }
        }
        double squared = Math.pow(3, -d) - Math.pow(2, 1 - d) / n * single + pairs / ((double) n * n);
        return Math.sqrt(squared);
    }
}
