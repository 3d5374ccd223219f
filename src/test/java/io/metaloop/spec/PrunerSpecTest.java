package io.metaloop.spec;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.metaloop.pruner.HyperbandPruner;
import io.metaloop.pruner.NopPruner;
import io.metaloop.pruner.PatientPruner;
import io.metaloop.pruner.PercentilePruner;
import io.metaloop.pruner.SuccessiveHalvingPruner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The {@code pruner:} section of study files: every type, its options, defaults and mistakes. */
class PrunerSpecTest {

    @TempDir
    Path dir;

    private Path study(String prunerLine) {
        return write(dir, "studies/x.yaml", "name: x", "direction: minimize",
                "objective: {type: function, function: branin}", prunerLine);
    }

    private PrunerSpec read(String prunerLine) {
        return StudyFiles.read(study(prunerLine)).pruner();
    }

    private void assertRefused(String prunerLine, String path, String fragment) {
        Path f = study(prunerLine);
        assertProblem(fails(() -> StudyFiles.read(f)), f, 4, path, fragment);
    }

    @Test
    void medianWithEveryOption() {
        PrunerSpec s = read("pruner: {type: median, startup-trials: 2, warmup-steps: 3, interval-steps: 4, min-trials: 5, objective: 0}");
        assertEquals(Map.of("type", "median", "startup-trials", 2, "warmup-steps", 3, "interval-steps", 4,
                "min-trials", 5, "objective", 0), s.toMap());
        PercentilePruner p = assertInstanceOf(PercentilePruner.class, s.create());
        assertEquals(List.of(50.0, 2, 3, 4, 5), List.of(p.percentile(), p.startupTrials(), p.warmupSteps(),
                p.intervalSteps(), p.minTrials()));
    }

    @Test
    void medianDefaults() {
        PercentilePruner p = (PercentilePruner) read("pruner: median").create();
        assertEquals(List.of(50.0, 5, 0, 1, 1, 0), List.of(p.percentile(), p.startupTrials(), p.warmupSteps(),
                p.intervalSteps(), p.minTrials(), p.objective()));
        assertEquals(Map.of("type", "median"), read("pruner: median").toMap());
    }

    @Test
    void percentile() {
        PercentilePruner p = (PercentilePruner) read("pruner: {type: percentile, percentile: 25, warmup-steps: 1}").create();
        assertEquals(List.of(25.0, 5, 1), List.of(p.percentile(), p.startupTrials(), p.warmupSteps()));
        assertEquals(12.5, ((PercentilePruner) read("pruner: {type: percentile, percentile: 12.5}").create()).percentile());
    }

    @Test
    void ashaAndItsLongName() {
        PrunerSpec s = read("pruner: {type: successive-halving, min-resource: 2, reduction-factor: 3, min-early-stopping-rate: 1, max-resource: 40}");
        assertEquals("asha", s.type());
        SuccessiveHalvingPruner p = assertInstanceOf(SuccessiveHalvingPruner.class, s.create());
        assertEquals(List.of(2, 3, 1, 40), List.of(p.minResource(), p.reductionFactor(), p.minEarlyStoppingRate(), p.maxResource()));
        SuccessiveHalvingPruner d = (SuccessiveHalvingPruner) read("pruner: asha").create();
        assertEquals(List.of(1, 4, 0, Integer.MAX_VALUE), List.of(d.minResource(), d.reductionFactor(),
                d.minEarlyStoppingRate(), d.maxResource()));
        assertEquals(false, d.perLayout());
        PrunerSpec perLayout = read("pruner: {type: asha, min-resource: 3000, per-layout: true}");
        assertEquals(Map.of("type", "asha", "min-resource", 3000, "per-layout", true), perLayout.toMap());
        assertEquals(true, ((SuccessiveHalvingPruner) perLayout.create()).perLayout());
        assertEquals(false, d.capped());
        PrunerSpec capped = read("pruner: {type: asha, capped: true}");
        assertEquals(Map.of("type", "asha", "capped", true), capped.toMap());
        assertEquals(true, ((SuccessiveHalvingPruner) capped.create()).capped());
    }

    @Test
    void hyperband() {
        HyperbandPruner p = (HyperbandPruner) read("pruner: {type: hyperband, max-resource: 40, min-resource: 2, reduction-factor: 2, seed: 7}").create();
        assertEquals(List.of(2, 40, 2, 7L), List.of(p.minResource(), p.maxResource(), p.reductionFactor(), p.seed()));
        assertEquals(5, p.bracketCount(), "2, 4, 8, 16, 32");
        HyperbandPruner d = (HyperbandPruner) read("pruner: {type: hyperband, max-resource: 27}").create();
        assertEquals(List.of(1, 3, 0L, 4), List.of(d.minResource(), d.reductionFactor(), d.seed(), d.bracketCount()));
    }

    @Test
    void patientWrapsANestedPruner() {
        PrunerSpec s = read("pruner: {type: patient, patience: 3, min-delta: 0.01, pruner: {type: median, warmup-steps: 2}}");
        assertEquals(Map.of("type", "patient", "patience", 3, "min-delta", 0.01,
                "pruner", Map.of("type", "median", "warmup-steps", 2)), s.toMap());
        PatientPruner p = assertInstanceOf(PatientPruner.class, s.create());
        assertEquals(List.of(3, 0.01), List.of(p.patience(), p.minDelta()));
        assertEquals(2, ((PercentilePruner) p.wrapped().orElseThrow()).warmupSteps());
        PatientPruner alone = (PatientPruner) read("pruner: {type: patient, patience: 2}").create();
        assertEquals(List.of(2, 0.0, true), List.of(alone.patience(), alone.minDelta(), alone.wrapped().isEmpty()));
        PatientPruner shortNested = (PatientPruner) read("pruner: {type: patient, patience: 2, pruner: asha}").create();
        assertInstanceOf(SuccessiveHalvingPruner.class, shortNested.wrapped().orElseThrow());
    }

    @Test
    void noneAndAbsent() {
        assertInstanceOf(NopPruner.class, read("pruner: {type: none}").create());
        assertEquals(PrunerSpec.none(), StudyFiles.read(write(dir, "studies/y.yaml", "name: y", "direction: minimize",
                "objective: {type: function, function: branin}")).pruner());
    }

    @Test
    void severalObjectivesChooseOne() {
        Path f = write(dir, "studies/two.yaml", "name: two", "directions: [minimize, maximize]",
                "objective: {type: command, command: 'echo 1 2'}", "search-space: {params: {x: {type: float, low: 0, high: 1}}}",
                "pruner: {type: asha, objective: 1}");
        assertEquals(1, ((SuccessiveHalvingPruner) StudyFiles.read(f).pruner().create()).objective());
        assertRefused("pruner: {type: median, objective: 1}", "pruner.objective",
                "objective 1 does not exist: the study has 1 objective(s), numbered from 0");
        assertRefused("pruner: {type: median, objective: -1}", "pruner.objective", "objective must not be negative, got -1");
    }

    @Test
    void valuesOutOfRangeNameTheField() {
        assertRefused("pruner: {type: percentile, percentile: 120}", "pruner.percentile", "percentile must be between 0 and 100, got 120.0");
        assertRefused("pruner: {type: asha, reduction-factor: 1}", "pruner.reduction-factor", "reduction-factor must be at least 2, got 1");
        assertRefused("pruner: {type: hyperband, max-resource: 9, reduction-factor: 1}", "pruner.reduction-factor", "at least 2, got 1");
        assertRefused("pruner: {type: median, startup-trials: -1}", "pruner.startup-trials", "must not be negative, got -1");
        assertRefused("pruner: {type: median, warmup-steps: -3}", "pruner.warmup-steps", "must not be negative, got -3");
        assertRefused("pruner: {type: median, interval-steps: 0}", "pruner.interval-steps", "must be at least 1, got 0");
        assertRefused("pruner: {type: asha, min-resource: 0}", "pruner.min-resource", "must be at least 1, got 0");
        assertRefused("pruner: {type: asha, min-early-stopping-rate: -1}", "pruner.min-early-stopping-rate", "must not be negative");
        assertRefused("pruner: {type: hyperband, max-resource: 3, min-resource: 5}", "pruner.max-resource",
                "max-resource must be at least min-resource (5), got 3");
        assertRefused("pruner: {type: patient, patience: 0}", "pruner.patience", "patience must be at least 1, got 0");
        assertRefused("pruner: {type: patient, patience: 2, min-delta: -0.5}", "pruner.min-delta", "at least 0, got -0.5");
    }

    @Test
    void wrongTypesMissingOptionsAndUnknownKeys() {
        assertRefused("pruner: {type: median, warmup-steps: 1.5}", "pruner.warmup-steps", "expected a whole number of steps, at least 0, got 1.5");
        assertRefused("pruner: {type: percentile, percentile: half}", "pruner.percentile", "expected a number from 0 to 100");
        assertRefused("pruner: {type: percentile}", "pruner.percentile", "missing; expected a number from 0 to 100");
        assertRefused("pruner: hyperband", "pruner", "hyperband needs max-resource: a whole number of steps");
        assertRefused("pruner: {type: patient}", "pruner.patience", "missing; expected a whole number of reports");
        assertRefused("pruner: {type: median, warmup-step: 2}", "pruner.warmup-step", "unknown key 'warmup-step' (did you mean 'warmup-steps'?)");
        assertRefused("pruner: {type: asha, patience: 2}", "pruner.patience", "unknown key 'patience'");
        assertRefused("pruner: {type: asha, per-layout: yes please}", "pruner.per-layout", "expected true or false");
        assertRefused("pruner: {type: asha, capped: 2}", "pruner.capped", "expected true or false");
        assertRefused("pruner: {type: medain}", "pruner.type", "unknown pruner 'medain' (did you mean 'median'?)");
        assertRefused("pruner: {type: patient, patience: 2, pruner: {type: asha, reduction-factor: 1}}",
                "pruner.pruner.reduction-factor", "reduction-factor must be at least 2, got 1");
        assertRefused("pruner: {type: patient, patience: 2, pruner: {type: nosuch}}", "pruner.pruner.type", "unknown pruner 'nosuch'");
    }

    @Test
    void theStoredCopyReadsBackTheSame() throws Exception {
        StudySpec study = StudyFiles.read(study("pruner: {type: patient, patience: 3, min-delta: 0.5,"
                + " pruner: {type: hyperband, max-resource: 30, seed: 4}}"));
        PrunerSpec s = study.pruner();
        Map<String, Object> map = study.toMap();
        Path again = write(dir, "studies/again.yaml", new YAMLMapper().writeValueAsString(map));
        PrunerSpec back = StudyFiles.read(again).pruner();
        assertEquals(s, back);
        assertEquals(s.create().toString(), back.create().toString());
        assertEquals(s, PrunerSpec.fromMap(s.toMap()));
    }
}
