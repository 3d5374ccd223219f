package io.metaloop.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code metaloop bench samplers} and {@code bench overhead --sampler tpe}, end to end. */
class BenchSamplersCliTest {

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void samplersPrintsTheAnchorsFormatAsItsLastLine() {
        for (String sampler : new String[] {"tpe", "tpe-univariate", "random", "sobol"}) {
            CliRunner.Result r = CliRunner.run("bench", "samplers", "--function", "branin", "--sampler", sampler,
                    "--evals", "15", "--seeds", "2");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(lastLine(r.out()).matches("branin " + sampler
                    + " evals=15 seeds=2 median_regret=\\S+ q25=\\S+ q75=\\S+"), r.out());
        }
    }

    @Test
    void unknownSamplerOrFunctionIsAnError() {
        assertTrue(CliRunner.run("bench", "samplers", "--function", "branin", "--sampler", "nosuch").exitCode() != 0);
        assertTrue(CliRunner.run("bench", "samplers", "--function", "nosuch", "--sampler", "tpe").exitCode() != 0);
    }

    @Test
    void overheadRunsWithTpe() {
        CliRunner.Result r = CliRunner.run("bench", "overhead", "--sampler", "tpe", "--storage", "memory", "--trials", "40");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(lastLine(r.out()).startsWith("tpe memory 40 "), r.out());
    }
}
