package io.metaloop.sampler;

import io.metaloop.space.FloatDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Study;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.mixedSpace;
import static io.metaloop.sampler.SamplerFixtures.resumed;
import static io.metaloop.sampler.SamplerFixtures.run;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomSamplerTest {

    private static final SearchSpace SPACE = mixedSpace();

    @Test
    void sameSeedGivesTheSameSequence() {
        assertEquals(uninterrupted(RandomSampler::new, 7, SPACE, 20), uninterrupted(RandomSampler::new, 7, SPACE, 20));
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        var a = uninterrupted(RandomSampler::new, 7, SPACE, 20);
        var b = uninterrupted(RandomSampler::new, 8, SPACE, 20);
        assertNotEquals(a, b);
        // not just one parameter of one trial: the continuous parameters all differ
        for (int n = 0; n < 20; n++) {
            assertNotEquals(a.get(n).get("x"), b.get(n).get("x"), "trial " + n);
        }
    }

    @Test
    void resumedStudyContinuesAsIfUninterrupted() {
        var whole = uninterrupted(RandomSampler::new, 3, SPACE, 20);
        var split = resumed(RandomSampler::new, 3, SPACE, 8, 20);
        assertEquals(20, split.size());
        assertEquals(whole, split);
    }

    @Test
    void valuesStayInsideTheirDistributions() {
        Study s = create(new InMemoryStorage(), "inside", new RandomSampler(11), SPACE);
        run(s, SPACE, 300, 1);
        assertAllInside(s, 300);
    }

    @Test
    void logFloatIsUniformInTheLogarithm() {
        FloatDistribution d = FloatDistribution.log(1e-4, 1.0);
        SearchSpace space = SearchSpace.of(List.of(ParamSpec.of("lr", d)));
        Study s = create(new InMemoryStorage(), "log", new RandomSampler(2024), space);
        run(s, space, 4000, 1);
        double[] logs = s.trials().stream().map(FrozenTrial::params)
                .mapToDouble(p -> Math.log10((Double) p.get("lr"))).toArray();
        // chi-square over 20 equal bins of log10(lr) ∈ [-4, 0]; 43.8 is the 0.1% point for 19 dof
        assertTrue(chiSquare(logs, -4, 0, 20) < 43.8, "chi2 = " + chiSquare(logs, -4, 0, 20));
        // the same check rejects values uniform on the linear scale, so it can fail
        double[] linear = new java.util.SplittableRandom(1).doubles(4000, 1e-4, 1.0).map(Math::log10).toArray();
        assertTrue(chiSquare(linear, -4, 0, 20) > 1000);
    }

    /** Pearson's chi-square statistic of {@code xs} against the uniform law on [lo, hi]. */
    private static double chiSquare(double[] xs, double lo, double hi, int bins) {
        int[] counts = new int[bins];
        for (double x : xs) {
            counts[Math.min(bins - 1, (int) ((x - lo) / (hi - lo) * bins))]++;
        }
        double expected = (double) xs.length / bins;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        return chi2;
    }
}
