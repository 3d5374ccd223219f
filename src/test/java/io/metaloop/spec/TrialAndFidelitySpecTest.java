package io.metaloop.spec;

import io.metaloop.objective.Fidelity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The {@code trial:} section, {@code jobs}, a network objective's {@code fidelity:} section, and their mistakes. */
class TrialAndFidelitySpecTest {

    @TempDir
    Path dir;

    private Path study(String objective, String trial) {
        return write(dir, "studies/x.yaml", "name: x", "direction: maximize", "objective: " + objective,
                "search-space: {params: {units: {type: int, low: 4, high: 8}}}", trial);
    }

    private static final String NETWORK = "{type: network, data: digits}";

    @Test
    void aTrialTimeout() {
        StudySpec s = StudyFiles.read(study(NETWORK, "trial: {timeout: 1m30s}"));
        assertEquals(Duration.ofSeconds(90), s.trial().timeout());
        assertEquals(Map.of("timeout", "1m30s"), s.toMap().get("trial"));
        StudySpec none = StudyFiles.read(study(NETWORK, ""));
        assertNull(none.trial().timeout());
        assertNull(none.toMap().get("trial"), "no section when there is no limit");
    }

    @Test
    void badTimeoutsAreLocated() {
        Path f = study(NETWORK, "trial: {timeout: -5s}");
        assertProblem(fails(() -> StudyFiles.read(f)), f, 5, "trial.timeout", "a duration must be positive, got '-5s'");
        Path g = study(NETWORK, "trial: {timeout: 60}");
        assertProblem(fails(() -> StudyFiles.read(g)), g, 5, "trial.timeout", "needs a unit, e.g. 60s");
        Path h = study(NETWORK, "trial: {timeout: 0s}");
        assertProblem(fails(() -> StudyFiles.read(h)), h, 5, "trial.timeout", "must be positive");
        Path i = study(NETWORK, "trial: {timout: 5s}");
        assertProblem(fails(() -> StudyFiles.read(i)), i, 5, "trial.timout", "unknown key 'timout' (did you mean 'timeout'?)");
        Path j = study(NETWORK, "trial: 60s");
        assertProblem(fails(() -> StudyFiles.read(j)), j, 5, "trial", "expected a mapping of per-trial limits");
    }

    @Test
    void jobs() {
        StudySpec two = StudyFiles.read(study(NETWORK, "jobs: 2"));
        assertEquals(2, two.runJobs());
        assertEquals(2, two.toMap().get("jobs"));
        StudySpec auto = StudyFiles.read(study(NETWORK, "jobs: auto"));
        assertEquals(Runtime.getRuntime().availableProcessors(), auto.runJobs());
        assertEquals("auto", auto.toMap().get("jobs"), "stored as written, so another machine uses its own processors");
        StudySpec none = StudyFiles.read(study(NETWORK, ""));
        assertEquals(1, none.runJobs());
        assertNull(none.toMap().get("jobs"), "the default is not written");
    }

    @Test
    void badJobsAreLocated() {
        Path f = study(NETWORK, "jobs: 0");
        assertProblem(fails(() -> StudyFiles.read(f)), f, 5, "jobs", "jobs must be at least 1 (or auto), got 0");
        Path g = study(NETWORK, "jobs: many");
        assertProblem(fails(() -> StudyFiles.read(g)), g, 5, "jobs", "expected a number of trials run at once");
    }

    @Test
    void aFidelity() {
        StudySpec s = StudyFiles.read(study("{type: network, data: digits, fidelity: {resource: examples, first-report: 500}}", ""));
        assertEquals(new Fidelity(Fidelity.Resource.EXAMPLES, 500), s.objective().networkSettings().fidelity());
        @SuppressWarnings("unchecked")
        Map<String, Object> objective = (Map<String, Object>) s.toMap().get("objective");
        assertEquals(Map.of("resource", "examples", "first-report", 500), objective.get("fidelity"));
        assertEquals(Fidelity.EPOCHS, StudyFiles.read(study(NETWORK, "")).objective().networkSettings().fidelity());
        assertEquals(new Fidelity(Fidelity.Resource.EXAMPLES, 0), StudyFiles.read(study(
                "{type: network, data: digits, fidelity: {resource: examples}}", "")).objective().networkSettings().fidelity());
    }

    @Test
    void badFidelitiesAreLocated() {
        Path f = study("{type: network, data: digits, fidelity: {resource: epoch}}", "");
        assertProblem(fails(() -> StudyFiles.read(f)), f, 3, "objective.fidelity.resource",
                "unknown resource 'epoch' (did you mean 'epochs'?); expected epochs");
        Path g = study("{type: network, data: digits, fidelity: {first-report: 100}}", "");
        assertProblem(fails(() -> StudyFiles.read(g)), g, 3, "objective.fidelity.first-report",
                "first-report needs resource: examples");
        Path h = study("{type: network, data: digits, fidelity: {resource: examples, first-report: 0}}", "");
        assertProblem(fails(() -> StudyFiles.read(h)), h, 3, "objective.fidelity.first-report", "at least 1, got 0");
        Path i = study("{type: network, data: digits, fidelity: {resource: examples, every: 100}}", "");
        assertProblem(fails(() -> StudyFiles.read(i)), i, 3, "objective.fidelity.every", "unknown key 'every'");
        Path j = study("{type: network, data: digits, fidelity: examples}", "");
        assertProblem(fails(() -> StudyFiles.read(j)), j, 3, "objective.fidelity", "expected a mapping such as");
    }

    @Test
    void anAugmentation() {
        StudySpec s = StudyFiles.read(study("{type: network, data: fashion-mnist, augment: {flip: true, shift: 1}}", ""));
        assertEquals(new io.metaloop.train.nn.Augmentation(true, 1), s.objective().networkSettings().augment());
        @SuppressWarnings("unchecked")
        Map<String, Object> objective = (Map<String, Object>) s.toMap().get("objective");
        assertEquals(Map.of("flip", true, "shift", 1), objective.get("augment"));
    }

    @Test
    void badAugmentationsAreLocated() {
        Path f = study("{type: network, data: digits, augment: {flip: yes please}}", "");
        assertProblem(fails(() -> StudyFiles.read(f)), f, 3, "objective.augment.flip", "expected true or false");
        Path g = study("{type: network, data: digits, augment: {shift: -1}}", "");
        assertProblem(fails(() -> StudyFiles.read(g)), g, 3, "objective.augment.shift", "at least 0 pixels, got -1");
        Path h = study("{type: network, data: digits, augment: {mirror: true}}", "");
        assertProblem(fails(() -> StudyFiles.read(h)), h, 3, "objective.augment.mirror", "unknown key 'mirror'");
        Path i = study("{type: network, data: digits, augment: flip}", "");
        assertProblem(fails(() -> StudyFiles.read(i)), i, 3, "objective.augment", "expected a mapping such as {flip: true");
    }

    @Test
    void aFinalTraining() {
        StudySpec s = StudyFiles.read(study("{type: network, data: fashion-mnist, final-training: {share: 0.4, augment: {flip: true}}}", ""));
        assertEquals(new io.metaloop.objective.FinalTraining(0.4, new io.metaloop.train.nn.Augmentation(true, 0)),
                s.objective().networkSettings().finalTraining());
        @SuppressWarnings("unchecked")
        Map<String, Object> objective = (Map<String, Object>) s.toMap().get("objective");
        assertEquals(Map.of("share", 0.4, "augment", Map.of("flip", true, "shift", 0)), objective.get("final-training"));
        StudySpec mirrored = StudyFiles.read(study(
                "{type: network, data: fashion-mnist, final-training: {share: 0.4, augment: {flip: true}, mirror-average: true}}", ""));
        assertEquals(new io.metaloop.objective.FinalTraining(0.4, new io.metaloop.train.nn.Augmentation(true, 0), true),
                mirrored.objective().networkSettings().finalTraining());
    }

    @Test
    void badFinalTrainingsAreLocated() {
        Path f = study("{type: network, data: digits, final-training: {share: 1.5}}", "");
        assertProblem(fails(() -> StudyFiles.read(f)), f, 3, "objective.final-training.share",
                "expected the share of the time budget, a number between 0 and 1 such as 0.35, got 1.5");
        Path g = study("{type: network, data: digits, final-training: {augment: {shift: 1}}}", "");
        assertProblem(fails(() -> StudyFiles.read(g)), g, 3, "objective.final-training.share", "missing; expected the share");
        Path h = study("{type: network, data: digits, final-training: {share: 0.3, augment: {shift: -2}}}", "");
        assertProblem(fails(() -> StudyFiles.read(h)), h, 3, "objective.final-training.augment.shift", "at least 0 pixels, got -2");
        Path i = study("{type: network, data: digits, final-training: {share: 0.3, epochs: 40}}", "");
        assertProblem(fails(() -> StudyFiles.read(i)), i, 3, "objective.final-training.epochs", "unknown key 'epochs'");
        Path k = study("{type: network, data: digits, final-training: {share: 0.3, mirror-average: yes please}}", "");
        assertProblem(fails(() -> StudyFiles.read(k)), k, 3, "objective.final-training.mirror-average", "true or false");
        Path j = study("{type: network, data: digits, final-training: 0.4}", "");
        assertProblem(fails(() -> StudyFiles.read(j)), j, 3, "objective.final-training", "expected a mapping such as {share: 0.35");
    }

    @Test
    void aPrunerFromTheCommandLine() {
        assertEquals("none", StudyFiles.pruner("none", "--pruner", java.util.List.of()).type());
        assertEquals(Map.of("type", "asha", "min-resource", 3000),
                StudyFiles.pruner("{type: asha, min-resource: 3000}", "--pruner", java.util.List.of()).toMap());
        SpecException e = fails(() -> StudyFiles.pruner("{type: nosuch}", "--pruner", java.util.List.of()));
        assertEquals("--pruner:1: pruner.type: unknown pruner 'nosuch'; expected one of none, median, percentile, asha,"
                + " successive-halving, hyperband, patient", e.getMessage());
    }
}
