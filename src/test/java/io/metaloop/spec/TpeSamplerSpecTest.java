package io.metaloop.spec;

import io.metaloop.sampler.TpeOptions;
import io.metaloop.sampler.TpeSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The {@code sampler: {type: tpe, …}} section of study files. */
class TpeSamplerSpecTest {

    @TempDir
    Path dir;

    private Path study(String samplerLine) {
        return write(dir, "studies/x.yaml", "name: x", "direction: minimize",
                "objective: {type: function, function: branin}", samplerLine);
    }

    private SamplerSpec read(String samplerLine) {
        return StudyFiles.read(study(samplerLine)).sampler();
    }

    private void assertRefused(String samplerLine, String path, String fragment) {
        Path f = study(samplerLine);
        assertProblem(fails(() -> StudyFiles.read(f)), f, 4, path, fragment);
    }

    @Test
    void readsEveryOption() {
        SamplerSpec s = read("sampler: {type: tpe, seed: 1, startup-trials: 5, multivariate: false, candidates: 48,"
                + " constant-liar: false}");
        assertEquals("tpe", s.type());
        assertEquals(1, s.seed());
        TpeOptions o = s.tpeOptions();
        assertEquals(new TpeOptions(OptionalInt.of(5), 48, false, false, 1.0), o);
        TpeSampler sampler = assertInstanceOf(TpeSampler.class, s.create(null));
        assertEquals(o, sampler.options());
        assertEquals(1, sampler.seed());
        assertEquals(9, ((TpeSampler) s.create(9L)).seed());
    }

    @Test
    void shortFormAndMissingOptionsTakeTheDefaults() {
        SamplerSpec s = read("sampler: tpe");
        assertEquals(TpeOptions.defaults(), s.tpeOptions());
        assertEquals(SamplerSpec.defaultSeed("x"), s.seed());
        assertEquals(TpeOptions.defaults().withMultivariate(false), read("sampler: {type: tpe, multivariate: false}").tpeOptions());
    }

    @Test
    void optionsSurviveTheRoundTripThroughToMap() {
        SamplerSpec s = read("sampler: {type: tpe, seed: 3, startup-trials: 0, constant-liar: true}");
        Map<String, Object> m = s.toMap();
        assertEquals(Map.of("type", "tpe", "seed", 3L, "startup-trials", 0, "constant-liar", true), m);
        assertEquals(s, new SamplerSpec("tpe", 3, Map.of("startup-trials", 0, "constant-liar", true)));
    }

    @Test
    void badValuesAreLocated() {
        assertRefused("sampler: {type: tpe, startup-trials: -1}", "sampler.startup-trials", "must not be negative, got -1");
        assertRefused("sampler: {type: tpe, startup-trials: ten}", "sampler.startup-trials", "a whole number of trials");
        assertRefused("sampler: {type: tpe, candidates: 0}", "sampler.candidates", "at least 1, got 0");
        assertRefused("sampler: {type: tpe, candidates: 2.5}", "sampler.candidates", "a whole number of candidates");
        assertRefused("sampler: {type: tpe, multivariate: yes please}", "sampler.multivariate", "true or false");
        assertRefused("sampler: {type: tpe, constant-liar: 1}", "sampler.constant-liar", "true or false");
        assertRefused("sampler: {type: tpe, candidate: 10}", "sampler.candidate", "unknown key 'candidate' (did you mean 'candidates'?)");
        assertRefused("sampler: {type: tpe, points: 3}", "sampler.points", "unknown key 'points'");
    }
}
