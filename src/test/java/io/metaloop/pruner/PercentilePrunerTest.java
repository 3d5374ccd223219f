package io.metaloop.pruner;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.metaloop.pruner.Histories.complete;
import static io.metaloop.pruner.Histories.completeAt;
import static io.metaloop.pruner.Histories.history;
import static io.metaloop.pruner.Histories.plus;
import static io.metaloop.pruner.Histories.pruned;
import static io.metaloop.pruner.Histories.running;
import static io.metaloop.pruner.Histories.trial;
import static io.metaloop.study.Direction.MAXIMIZE;
import static io.metaloop.study.Direction.MINIMIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PercentilePruner} and {@link MedianPruner} against hand-computed cases. */
class PercentilePrunerTest {

    /** Five COMPLETE trials (0–4) that reported 1, 2, 3, 4, 5 at step 1: median 3, 25th percentile 2, 75th 4. */
    private static final List<FrozenTrial> FIVE = completeAt(0, 1, 1, 2, 3, 4, 5);

    private static boolean prunes(Pruner p, Direction d, List<FrozenTrial> others, FrozenTrial trial) {
        return p.prune(history(d, plus(others, trial)), trial);
    }

    @Test
    void medianMinimizing() {
        Pruner median = MedianPruner.create();
        assertTrue(prunes(median, MINIMIZE, FIVE, running(9, 1, 3.5)));
        assertFalse(prunes(median, MINIMIZE, FIVE, running(9, 1, 3.0)), "equal to the median is not worse");
        assertFalse(prunes(median, MINIMIZE, FIVE, running(9, 1, 2.5)));
    }

    @Test
    void medianMaximizing() {
        Pruner median = MedianPruner.create();
        assertTrue(prunes(median, MAXIMIZE, FIVE, running(9, 1, 2.5)));
        assertFalse(prunes(median, MAXIMIZE, FIVE, running(9, 1, 3.0)));
        assertFalse(prunes(median, MAXIMIZE, FIVE, running(9, 1, 3.5)));
    }

    @Test
    void theTrialsBestValueSoFarCountsNotItsLast() {
        Pruner median = MedianPruner.create();
        // best so far 1.0 (at step 0) beats the median 3 of step 1, although the step-1 value is 10
        assertFalse(prunes(median, MINIMIZE, FIVE, running(9, 0, 1.0, 1, 10.0)));
        assertTrue(prunes(median, MAXIMIZE, FIVE, running(9, 0, 1.0, 1, 2.0)));
    }

    @Test
    void percentileIsCountedFromTheGoodEndWithLinearInterpolation() {
        Pruner quarter = PercentilePruner.builder(25).build();
        // minimize: the 25th percentile of 1..5 is 2.0
        assertTrue(prunes(quarter, MINIMIZE, FIVE, running(9, 1, 2.1)));
        assertFalse(prunes(quarter, MINIMIZE, FIVE, running(9, 1, 2.0)));
        // maximize: keeping the best quarter means comparing with the 75th percentile, 4.0
        assertTrue(prunes(quarter, MAXIMIZE, FIVE, running(9, 1, 3.9)));
        assertFalse(prunes(quarter, MAXIMIZE, FIVE, running(9, 1, 4.0)));
        // between ranks: 10th percentile of 1..5 sits at rank 0.4, i.e. 1.4
        Pruner tenth = PercentilePruner.builder(10).build();
        assertTrue(prunes(tenth, MINIMIZE, FIVE, running(9, 1, 1.45)));
        assertFalse(prunes(tenth, MINIMIZE, FIVE, running(9, 1, 1.35)));
    }

    @Test
    void startupTrialsCountCompleteTrialsOnly() {
        Pruner median = MedianPruner.builder().startupTrials(5).build();
        List<FrozenTrial> fourAndOnePruned = plus(completeAt(0, 1, 1, 2, 3, 4), pruned(4, 1, 5.0));
        assertFalse(prunes(median, MINIMIZE, fourAndOnePruned, running(9, 1, 100)));
        assertTrue(prunes(median, MINIMIZE, FIVE, running(9, 1, 100)));
        assertTrue(prunes(MedianPruner.builder().startupTrials(4).build(), MINIMIZE, fourAndOnePruned, running(9, 1, 100)));
    }

    @Test
    void prunedTrialsAreReferencesRunningAndFailedOnesAreNot() {
        Pruner median = MedianPruner.builder().startupTrials(3).build();
        List<FrozenTrial> three = completeAt(0, 1, 1, 2, 3);
        // complete only: median 2, so 2.5 is pruned
        assertTrue(prunes(median, MINIMIZE, three, running(9, 1, 2.5)));
        // with trials pruned at step 1 reporting 10 and 20 the references are 1, 2, 3, 10, 20: median 3
        List<FrozenTrial> withPruned = plus(three, pruned(3, 1, 10), pruned(4, 1, 20));
        assertFalse(prunes(median, MINIMIZE, withPruned, running(9, 1, 2.5)));
        assertTrue(prunes(median, MINIMIZE, withPruned, running(9, 1, 3.5)));
        // running and failed trials change nothing
        List<FrozenTrial> withOthers = plus(three, running(5, 1, 10), trial(6, TrialState.FAIL, 1, 20));
        assertTrue(prunes(median, MINIMIZE, withOthers, running(9, 1, 2.5)));
    }

    @Test
    void onlyTrialsThatReportedTheSameStepAreReferences() {
        Pruner median = MedianPruner.create();
        // step 2: only trials 0 and 1 reported it (1 and 3: median 2)
        List<FrozenTrial> trials = List.of(complete(0, 1, 9, 2, 1), complete(1, 1, 9, 2, 3),
                complete(2, 1, 0), complete(3, 1, 0), complete(4, 1, 0));
        assertTrue(prunes(median, MINIMIZE, trials, running(9, 1, 5, 2, 2.5)));
        assertFalse(prunes(median, MINIMIZE, trials, running(9, 1, 5, 2, 1.5)));
        // nobody reported step 3: no judgement
        assertFalse(prunes(median, MINIMIZE, trials, running(9, 3, 100)));
    }

    @Test
    void warmupStepsDelayTheFirstJudgement() {
        List<FrozenTrial> refs = plus(FIVE, completeAt(5, 2, 1, 2, 3, 4, 5).toArray(FrozenTrial[]::new));
        Pruner warm = MedianPruner.builder().warmupSteps(2).build();
        assertFalse(prunes(warm, MINIMIZE, refs, running(9, 1, 100)), "step 1 < warm-up 2");
        assertTrue(prunes(warm, MINIMIZE, refs, running(9, 1, 100, 2, 100)), "step 2 = warm-up");
    }

    @Test
    void intervalStepsJudgeTheFirstReportOfEachInterval() {
        // references report 10 at steps 0..6; warm-up 1 and interval 3 judge at steps 1, 4, 7, …
        List<FrozenTrial> refs = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refs.add(complete(i, 0, 10, 1, 10, 2, 10, 3, 10, 4, 10, 5, 10, 6, 10));
        }
        Pruner p = MedianPruner.builder().warmupSteps(1).intervalSteps(3).build();
        assertTrue(prunes(p, MINIMIZE, refs, running(9, 0, 50, 1, 50)));
        assertFalse(prunes(p, MINIMIZE, refs, running(9, 0, 50, 1, 50, 2, 50)));
        assertFalse(prunes(p, MINIMIZE, refs, running(9, 0, 50, 1, 50, 2, 50, 3, 50)));
        assertTrue(prunes(p, MINIMIZE, refs, running(9, 0, 50, 1, 50, 2, 50, 3, 50, 4, 50)));
        // a report that skips step 4 is still the first of its interval
        assertTrue(prunes(p, MINIMIZE, refs, running(9, 1, 50, 5, 50)));
        assertFalse(prunes(p, MINIMIZE, refs, running(9, 1, 50, 5, 50, 6, 50)));
    }

    @Test
    void minTrialsAtTheStep() {
        assertFalse(prunes(MedianPruner.builder().minTrials(6).build(), MINIMIZE, FIVE, running(9, 1, 100)));
        assertTrue(prunes(MedianPruner.builder().minTrials(5).build(), MINIMIZE, FIVE, running(9, 1, 100)));
    }

    @Test
    void nanValues() {
        Pruner median = MedianPruner.create();
        assertTrue(prunes(median, MINIMIZE, FIVE, running(9, 1, Double.NaN)), "only NaN reports");
        List<FrozenTrial> withNan = plus(FIVE, complete(5, 1, Double.NaN));
        assertTrue(prunes(median, MINIMIZE, withNan, running(9, 1, 3.5)), "a NaN reference is left out: median 3");
        assertFalse(prunes(median, MINIMIZE, FIVE, running(9)), "no report yet");
    }

    @Test
    void severalObjectivesPruneOnTheChosenOne() {
        List<Direction> dirs = List.of(MAXIMIZE, MINIMIZE);
        FrozenTrial t = running(9, 1, 3.5);
        StudyHistory h = history(dirs, plus(FIVE, t));
        assertFalse(MedianPruner.create().prune(h, t), "objective 0 is maximized: 3.5 beats the median");
        assertTrue(MedianPruner.builder().objective(1).build().prune(h, t), "objective 1 is minimized");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MedianPruner.builder().objective(2).build().prune(h, t));
        assertTrue(e.getMessage().contains("objective 2"), e.getMessage());
    }

    @Test
    void settingsOutOfRangeNameTheOption() {
        assertMessage("percentile must be between 0 and 100, got 120.0", () -> PercentilePruner.builder(120).build());
        assertMessage("percentile must be between 0 and 100, got NaN", () -> PercentilePruner.builder(Double.NaN).build());
        assertMessage("startup-trials must not be negative, got -1", () -> MedianPruner.builder().startupTrials(-1).build());
        assertMessage("warmup-steps must not be negative, got -2", () -> MedianPruner.builder().warmupSteps(-2).build());
        assertMessage("interval-steps must be at least 1, got 0", () -> MedianPruner.builder().intervalSteps(0).build());
        assertMessage("min-trials must be at least 1, got 0", () -> MedianPruner.builder().minTrials(0).build());
        assertMessage("objective must not be negative, got -1", () -> MedianPruner.builder().objective(-1).build());
        PercentilePruner p = MedianPruner.create();
        assertEquals(List.of(50.0, 5, 0, 1, 1, 0), List.of(p.percentile(), p.startupTrials(), p.warmupSteps(),
                p.intervalSteps(), p.minTrials(), p.objective()));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }
}
