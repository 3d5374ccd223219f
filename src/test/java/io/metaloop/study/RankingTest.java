package io.metaloop.study;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingTest {

    private static FrozenTrial trial(int n, TrialState state, Double... values) {
        return new FrozenTrial(n, n, state, List.of(values), null, null, Map.of(), Map.of(), Map.of(), Map.of(),
                new TreeMap<>());
    }

    @Test
    void bestIgnoresUnfinishedTrialsAndRespectsDirection() {
        List<FrozenTrial> ts = List.of(trial(0, TrialState.COMPLETE, 3.0), trial(1, TrialState.PRUNED, -9.0),
                trial(2, TrialState.COMPLETE, 1.0), trial(3, TrialState.COMPLETE, 5.0));
        assertEquals(2, Ranking.best(ts, Direction.MINIMIZE).orElseThrow().number());
        assertEquals(3, Ranking.best(ts, Direction.MAXIMIZE).orElseThrow().number());
    }

    @Test
    void paretoFrontOfAccuracyAndSize() {
        List<Direction> dirs = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);
        List<FrozenTrial> ts = List.of(
                trial(0, TrialState.COMPLETE, 0.90, 9000.0),
                trial(1, TrialState.COMPLETE, 0.85, 3000.0),
                trial(2, TrialState.COMPLETE, 0.84, 5000.0),   // dominated by 1
                trial(3, TrialState.COMPLETE, 0.90, 9500.0),   // dominated by 0
                trial(4, TrialState.COMPLETE, 0.70, 500.0));
        assertEquals(List.of(0, 1, 4), Ranking.paretoFront(ts, dirs).stream().map(FrozenTrial::number).toList());
        assertTrue(Ranking.dominates(ts.get(1), ts.get(2), dirs));
        assertFalse(Ranking.dominates(ts.get(0), ts.get(0), dirs));
    }
}
