package io.metaloop.spec;

import io.metaloop.sampler.BobyqaSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The {@code sampler: {type: bobyqa, …}} section of study files. */
class BobyqaSamplerSpecTest {

    @TempDir
    Path dir;

    private Path study(String samplerLine) {
        return write(dir, "studies/x.yaml", "name: x", "direction: minimize",
                "objective: {type: function, function: branin}", samplerLine);
    }

    @Test
    void readsTypeAndSeed() {
        SamplerSpec s = StudyFiles.read(study("sampler: {type: bobyqa, seed: 1}")).sampler();
        assertEquals("bobyqa", s.type());
        assertEquals(Map.of("type", "bobyqa", "seed", 1L), s.toMap());
        assertEquals(1, assertInstanceOf(BobyqaSampler.class, s.create(null)).seed());
        assertEquals(9, ((BobyqaSampler) s.create(9L)).seed());
        assertEquals(SamplerSpec.defaultSeed("x"), StudyFiles.read(study("sampler: bobyqa")).sampler().seed());
    }

    @Test
    void unknownOptionsAndBadSeedsAreLocated() {
        Path f = study("sampler: {type: bobyqa, seed: 1, startup-trials: 5}");
        assertProblem(fails(() -> StudyFiles.read(f)), f, 4, "sampler.startup-trials", "unknown key 'startup-trials'");
        Path g = study("sampler: {type: bobyqa, seed: one}");
        assertProblem(fails(() -> StudyFiles.read(g)), g, 4, "sampler.seed", "an integer seed");
        Path h = study("sampler: {type: boboqa}");
        assertProblem(fails(() -> StudyFiles.read(h)), h, 4, "sampler.type", "bobyqa");
    }
}
