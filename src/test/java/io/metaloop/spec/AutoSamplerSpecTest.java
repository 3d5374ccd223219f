package io.metaloop.spec;

import io.metaloop.sampler.AutoSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** {@code sampler: auto}, the default when a study file names no sampler. */
class AutoSamplerSpecTest {

    @TempDir
    Path dir;

    private Path study(String... samplerLines) {
        String[] head = {"name: x", "direction: minimize", "objective: {type: function, function: branin}"};
        String[] lines = new String[head.length + samplerLines.length];
        System.arraycopy(head, 0, lines, 0, head.length);
        System.arraycopy(samplerLines, 0, lines, head.length, samplerLines.length);
        return write(dir, "studies/x.yaml", lines);
    }

    @Test
    void isTheDefaultWithTheNameSeed() {
        SamplerSpec s = StudyFiles.read(study()).sampler();
        assertEquals(SamplerSpec.AUTO, s.type());
        assertEquals(SamplerSpec.defaultSeed("x"), s.seed());
        assertInstanceOf(AutoSampler.class, s.create(null));
    }

    @Test
    void readsTypeAndSeedAndRefusesOptions() {
        SamplerSpec s = StudyFiles.read(study("sampler: {type: auto, seed: 4}")).sampler();
        assertEquals(Map.of("type", "auto", "seed", 4L), s.toMap());
        assertEquals(4, ((AutoSampler) s.create(null)).seed());
        Path f = study("sampler: {type: auto, popsize: 5}");
        assertProblem(fails(() -> StudyFiles.read(f)), f, 4, "sampler.popsize", "unknown key 'popsize'");
    }
}
