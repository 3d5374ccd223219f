package io.metaloop.spec;

import io.metaloop.sampler.CmaEsSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The {@code sampler: {type: cmaes, …}} section of study files. */
class CmaEsSamplerSpecTest {

    @TempDir
    Path dir;

    private Path study(String samplerLine) {
        return write(dir, "studies/x.yaml", "name: x", "direction: minimize",
                "objective: {type: function, function: branin}", samplerLine);
    }

    private void assertRefused(String samplerLine, String path, String fragment) {
        Path f = study(samplerLine);
        assertProblem(fails(() -> StudyFiles.read(f)), f, 4, path, fragment);
    }

    @Test
    void readsEveryOption() {
        SamplerSpec s = StudyFiles.read(study("sampler: {type: cmaes, seed: 1, separable: true, popsize: 12}")).sampler();
        assertEquals(Map.of("type", "cmaes", "seed", 1L, "separable", true, "popsize", 12), s.toMap());
        CmaEsSampler c = assertInstanceOf(CmaEsSampler.class, s.create(null));
        assertEquals(1, c.seed());
        assertEquals(true, c.separable());
        assertEquals(12, c.population());
    }

    @Test
    void defaultsAreFullCovarianceAndTheTutorialsPopulation() {
        CmaEsSampler c = (CmaEsSampler) StudyFiles.read(study("sampler: cmaes")).sampler().create(5L);
        assertEquals(5, c.seed());
        assertEquals(false, c.separable());
        assertNull(c.population());
    }

    @Test
    void badValuesAreLocated() {
        assertRefused("sampler: {type: cmaes, popsize: 1}", "sampler.popsize", "at least 2, got 1");
        assertRefused("sampler: {type: cmaes, popsize: many}", "sampler.popsize", "a whole number of samples");
        assertRefused("sampler: {type: cmaes, separable: maybe}", "sampler.separable", "true or false");
        assertRefused("sampler: {type: cmaes, pop-size: 8}", "sampler.pop-size", "unknown key 'pop-size'");
    }
}
