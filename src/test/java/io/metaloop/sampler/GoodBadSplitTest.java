package io.metaloop.sampler;

import io.metaloop.space.FloatDistribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GoodBadSplitTest {

    private static FrozenTrial trial(int number, TrialState state, Double value, Map<Integer, Double> steps) {
        return new FrozenTrial(number, number, state, value == null ? List.of() : List.of(value), null, null,
                Map.of("x", 0.5), Map.of("x", FloatDistribution.of(0, 1)), Map.of(), Map.of(), new TreeMap<>(steps));
    }

    private static List<Integer> numbers(List<FrozenTrial> ts) {
        return ts.stream().map(FrozenTrial::number).toList();
    }

    @Test
    void completeByValueThenPrunedByStepReachedThenRunning() {
        List<FrozenTrial> trials = new ArrayList<>();
        trials.add(trial(0, TrialState.COMPLETE, 3.0, Map.of()));
        trials.add(trial(1, TrialState.PRUNED, 0.1, Map.of(0, 0.5, 1, 0.1)));   // reached step 1
        trials.add(trial(2, TrialState.PRUNED, 9.0, Map.of(0, 1.0, 5, 9.0)));   // reached step 5: ranks first among pruned
        trials.add(trial(3, TrialState.FAIL, null, Map.of()));                  // left out
        trials.add(trial(4, TrialState.COMPLETE, 1.0, Map.of()));
        trials.add(trial(5, TrialState.RUNNING, null, Map.of()));
        trials.add(trial(6, TrialState.RUNNING, null, Map.of()));               // the trial being sampled
        trials.add(trial(7, TrialState.PRUNED, 2.0, Map.of(1, 2.0)));           // step 1 as trial 1, worse value
        trials.add(trial(8, TrialState.WAITING, null, Map.of()));               // left out
        assertEquals(List.of(4, 0, 2, 1, 7, 5), numbers(GoodBadSplit.rank(trials, Direction.MINIMIZE, 6, true)));
        assertEquals(List.of(4, 0, 2, 1, 7), numbers(GoodBadSplit.rank(trials, Direction.MINIMIZE, 6, false)));
        assertEquals(List.of(0, 4, 2, 7, 1, 5), numbers(GoodBadSplit.rank(trials, Direction.MAXIMIZE, 6, true)));
    }

    @Test
    void rejectedTrialsRankBelowEveryEvaluatedTrialAndAreNeverGood() {
        FrozenTrial rejected = new FrozenTrial(9, 9, TrialState.FAIL, List.of(), null, null, Map.of("x", 0.9),
                Map.of("x", FloatDistribution.of(0, 1)), Map.of(),
                Map.of(SystemAttrs.FAIL_REASON, "rejected: 12000 parameters > max-params 10000",
                        SystemAttrs.BUDGET_EXEMPT, true, SystemAttrs.REJECTED, true), new TreeMap<>());
        List<FrozenTrial> trials = List.of(rejected, trial(0, TrialState.PRUNED, null, Map.of()),
                trial(1, TrialState.COMPLETE, 5.0, Map.of()), trial(2, TrialState.FAIL, null, Map.of()),
                trial(3, TrialState.RUNNING, null, Map.of()));
        List<FrozenTrial> ranked = GoodBadSplit.rank(trials, Direction.MAXIMIZE, 4, true);
        assertEquals(List.of(1, 0, 9, 3), numbers(ranked), "a plain failure is left out, a rejected one is last but running");
        // with only rejected trials ranked, the good group stays empty rather than hold one
        GoodBadSplit onlyRejected = GoodBadSplit.of(List.of(rejected), t -> true);
        assertEquals(List.of(), onlyRejected.good());
        assertEquals(List.of(9), numbers(onlyRejected.bad()));
    }

    @Test
    void goodGroupIsATenthRoundedUpAndNeverRunning() {
        assertEquals(1, GoodBadSplit.gamma(1));
        assertEquals(1, GoodBadSplit.gamma(10));
        assertEquals(2, GoodBadSplit.gamma(11));
        assertEquals(25, GoodBadSplit.gamma(1000));
        List<FrozenTrial> ranked = List.of(trial(3, TrialState.RUNNING, null, Map.of()),
                trial(1, TrialState.COMPLETE, 1.0, Map.of()), trial(0, TrialState.COMPLETE, 2.0, Map.of()));
        GoodBadSplit s = GoodBadSplit.of(ranked, t -> true);
        assertEquals(List.of(1), numbers(s.good()));
        assertEquals(List.of(0, 3), numbers(s.bad()));
    }

    @Test
    void olderObservationsWeighLessBeyondTwentyFive() {
        assertArrayEquals(new double[] {1, 1, 1}, GoodBadSplit.weights(3));
        double[] w = GoodBadSplit.weights(35);
        assertEquals(1.0 / 35, w[0], 1e-12);
        assertEquals(1.0, w[9], 1e-12);
        for (int i = 1; i < 35; i++) {
            assertEquals(true, w[i] >= w[i - 1]);
        }
    }
}
