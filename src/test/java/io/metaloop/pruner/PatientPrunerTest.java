package io.metaloop.pruner;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.metaloop.pruner.Histories.history;
import static io.metaloop.pruner.Histories.running;
import static io.metaloop.pruner.PercentilePrunerTest.assertMessage;
import static io.metaloop.study.Direction.MAXIMIZE;
import static io.metaloop.study.Direction.MINIMIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PatientPruner}: stagnation over the last reports, min-delta, and deferring to the wrapped pruner. */
class PatientPrunerTest {

    private static final PatientPruner TWO = PatientPruner.builder(2).build();

    private static boolean prunes(Pruner p, Direction d, FrozenTrial trial) {
        return p.prune(history(d, List.of(trial)), trial);
    }

    @Test
    void stagnantAfterPatienceReportsWithoutImprovement() {
        // best before the last two reports: 0.9; the last two (0.95, 0.93) do not beat it
        assertTrue(prunes(TWO, MINIMIZE, running(0, 1, 1.0, 2, 0.9, 3, 0.95, 4, 0.93)));
        assertFalse(prunes(TWO, MINIMIZE, running(0, 1, 1.0, 2, 0.9, 3, 0.95, 4, 0.85)));
        assertFalse(prunes(TWO, MINIMIZE, running(0, 1, 1.0, 2, 0.9, 3, 0.85, 4, 0.95)), "one improvement in the window");
        assertTrue(prunes(TWO, MINIMIZE, running(0, 1, 1.0, 2, 0.9, 3, 0.9, 4, 0.9)), "a plateau is no improvement");
        assertFalse(prunes(TWO, MINIMIZE, running(0, 1, 1.0, 2, 2.0)), "two reports: nothing before the window");
        assertTrue(prunes(TWO, MINIMIZE, running(0, 1, 1.0, 2, 2.0, 3, 3.0)));
    }

    @Test
    void maximizingMirrorsIt() {
        assertTrue(prunes(TWO, MAXIMIZE, running(0, 1, 0.5, 2, 0.9, 3, 0.85, 4, 0.88)));
        assertFalse(prunes(TWO, MAXIMIZE, running(0, 1, 0.5, 2, 0.9, 3, 0.85, 4, 0.91)));
        assertFalse(prunes(TWO, MAXIMIZE, running(0, 1, 1.0, 2, 2.0, 3, 3.0)));
    }

    @Test
    void patienceCountsReportsNotSteps() {
        assertTrue(prunes(TWO, MINIMIZE, running(0, 0, 1.0, 10, 2.0, 20, 3.0)));
    }

    @Test
    void minDeltaIsTheLeastImprovement() {
        PatientPruner strict = PatientPruner.builder(2).minDelta(0.05).build();
        FrozenTrial small = running(0, 1, 1.0, 2, 0.9, 3, 0.95, 4, 0.89);
        assertFalse(prunes(TWO, MINIMIZE, small));
        assertTrue(prunes(strict, MINIMIZE, small), "0.01 better is below min-delta 0.05");
        assertFalse(prunes(strict, MINIMIZE, running(0, 1, 1.0, 2, 0.9, 3, 0.95, 4, 0.84)));
        assertTrue(prunes(strict, MAXIMIZE, running(0, 1, 0.5, 2, 0.9, 3, 0.85, 4, 0.93)));
        assertFalse(prunes(strict, MAXIMIZE, running(0, 1, 0.5, 2, 0.9, 3, 0.85, 4, 0.96)));
    }

    @Test
    void nanReports() {
        assertFalse(prunes(TWO, MINIMIZE, running(0, 1, Double.NaN, 2, 5.0, 3, 6.0)), "anything beats only NaN");
        assertTrue(prunes(TWO, MINIMIZE, running(0, 1, 1.0, 2, Double.NaN, 3, Double.NaN)), "only NaN is no improvement");
    }

    @Test
    void aStagnantTrialIsLeftToTheWrappedPruner() {
        AtomicInteger asked = new AtomicInteger();
        boolean[] answer = {false};
        Pruner inner = (h, t) -> {
            asked.incrementAndGet();
            return answer[0];
        };
        PatientPruner patient = PatientPruner.builder(1).wrapping(inner).build();
        FrozenTrial improving = running(0, 1, 3.0, 2, 2.0);
        FrozenTrial stagnant = running(0, 1, 2.0, 2, 3.0);
        answer[0] = true;
        assertFalse(prunes(patient, MINIMIZE, improving));
        assertEquals(0, asked.get(), "an improving trial is not judged by the wrapped pruner");
        assertTrue(prunes(patient, MINIMIZE, stagnant));
        answer[0] = false;
        assertFalse(prunes(patient, MINIMIZE, stagnant));
        assertEquals(2, asked.get());
        assertSame(inner, patient.wrapped().orElseThrow());
        assertTrue(TWO.wrapped().isEmpty());
    }

    @Test
    void severalObjectivesPruneOnTheChosenOne() {
        FrozenTrial falling = running(0, 1, 3.0, 2, 2.0, 3, 1.0);
        PatientPruner onSecond = PatientPruner.builder(1).objective(1).build();
        assertTrue(PatientPruner.builder(1).build().prune(history(List.of(MAXIMIZE, MINIMIZE), List.of(falling)), falling));
        assertFalse(onSecond.prune(history(List.of(MAXIMIZE, MINIMIZE), List.of(falling)), falling));
    }

    @Test
    void settingsOutOfRangeNameTheOption() {
        assertMessage("patience must be at least 1, got 0", () -> PatientPruner.builder(0).build());
        assertMessage("min-delta must be a number of at least 0, got -0.1", () -> PatientPruner.builder(3).minDelta(-0.1).build());
        assertMessage("min-delta must be a number of at least 0, got NaN", () -> PatientPruner.builder(3).minDelta(Double.NaN).build());
    }
}
