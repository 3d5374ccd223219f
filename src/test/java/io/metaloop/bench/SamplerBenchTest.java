package io.metaloop.bench;

import io.metaloop.objective.BenchmarkFunction;
import io.metaloop.spec.SamplerSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerBenchTest {

    @Test
    void printsTheAnchorsLine() {
        SamplerBench b = new SamplerBench(BenchmarkFunction.of("branin", null), "random",
                new SamplerSpec("random", 0, Map.of()), 20, 3);
        String line = b.line(new double[] {0.3, 0.1, 0.2});
        assertEquals("branin random evals=20 seeds=3 median_regret=0.2 q25=0.1 q75=0.3", line);
        assertEquals("branin random evals=20 seeds=1 median_regret=0.25 q25=0.25 q75=0.25",
                new SamplerBench(b.function(), "random", b.sampler(), 20, 1).line(new double[] {0.25}));
    }

    @Test
    void regretsAreReproducibleAndNotNegative() {
        SamplerBench b = new SamplerBench(BenchmarkFunction.of("mixed6", null), "tpe",
                new SamplerSpec("tpe", 0, Map.of()), 30, 3);
        double[] r = b.regrets();
        assertArrayEquals(r, b.regrets());
        for (double x : r) {
            assertTrue(x >= 0, "regret " + x);
        }
        assertTrue(b.run().matches("mixed6 tpe evals=30 seeds=3 median_regret=\\S+ q25=\\S+ q75=\\S+"), b.run());
    }
}
