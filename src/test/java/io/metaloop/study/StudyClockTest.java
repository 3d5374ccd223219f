package io.metaloop.study;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StudyClockTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 12, 0);

    private static FrozenTrial trial(int n, long startS, Long endS, TrialState state) {
        return new FrozenTrial(n, n, state, List.of(), T0.plusSeconds(startS), endS == null ? null : T0.plusSeconds(endS),
                Map.of(), Map.of(), Map.of(), Map.of(), new TreeMap<>());
    }

    @Test
    void overlappingAndNearTrialsMergeWhileLongPausesDoNotCount() {
        List<FrozenTrial> trials = List.of(
                trial(0, 0, 30L, TrialState.COMPLETE),
                trial(1, 10, 40L, TrialState.COMPLETE),   // parallel with 0
                trial(2, 45, 60L, TrialState.COMPLETE),   // 5 s gap: counted
                trial(3, 3600, 3660L, TrialState.COMPLETE)); // an hour later: a second session
        assertEquals(Duration.ofSeconds(60 + 60), StudyClock.timeUsed(trials, T0.plusSeconds(7200)));
    }

    @Test
    void aRunningTrialCountsUntilNow() {
        List<FrozenTrial> trials = List.of(trial(0, 100, null, TrialState.RUNNING));
        assertEquals(Duration.ofSeconds(50), StudyClock.timeUsed(trials, T0.plusSeconds(150)));
    }
}
