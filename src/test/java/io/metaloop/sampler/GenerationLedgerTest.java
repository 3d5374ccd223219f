package io.metaloop.sampler;

import io.metaloop.sampler.GenerationLedger.Member;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which trials are a generation's members: its regular places, and extra offspring that finished in time. */
class GenerationLedgerTest {

    private static final String SPACE = "x";
    private static final int POP = 3;
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 12, 0);

    /** Trial {@code number} at place {@code index} of generation 0, finished {@code second}s after T0 (null: running). */
    private static FrozenTrial trial(int number, int index, Integer second) {
        EvolutionStep step = new EvolutionStep(SPACE, POP, 0, index, new double[] {index / 10.0});
        TrialState state = second == null ? TrialState.RUNNING : TrialState.PRUNED;
        return new FrozenTrial(number, number, state, List.of(), T0, second == null ? null : T0.plusSeconds(second),
                Map.of("x", index / 10.0), Map.of(), Map.of(), Map.of(EvolutionStep.ATTR, step.toAttr()), new TreeMap<>());
    }

    private static List<Integer> members(List<FrozenTrial> trials) {
        return new GenerationLedger(SPACE, POP, trials, Map.of()).members(0).stream()
                .map(Member::trial).map(FrozenTrial::number).toList();
    }

    @Test
    void extraOffspringThatFinishedBeforeTheLastRegularMemberAreMembersToo() {
        List<FrozenTrial> trials = new ArrayList<>(List.of(
                trial(0, 0, 5), trial(1, 1, 100), trial(2, 2, 8),   // place 1 held the generation open until 100 s
                trial(3, 3, 20), trial(4, 4, 100), trial(5, 5, 101), trial(6, 6, null)));
        GenerationLedger ledger = new GenerationLedger(SPACE, POP, trials, Map.of());
        assertTrue(ledger.isFinished(0));
        // regular places in order, then the extras that finished by 100 s; 5 finished after, 6 still runs
        assertEquals(List.of(0, 1, 2, 3, 4), members(trials));
        // whoever reads later, when 6 has finished too, finds the same members
        trials.set(6, trial(6, 6, 300));
        assertEquals(List.of(0, 1, 2, 3, 4), members(trials));
    }

    @Test
    void anUnfinishedGenerationHasNoMembersYetAndExtrasDoNotFinishIt() {
        List<FrozenTrial> trials = List.of(trial(0, 0, 5), trial(1, 1, null), trial(2, 2, 8), trial(3, 3, 9));
        assertFalse(new GenerationLedger(SPACE, POP, trials, Map.of()).isFinished(0));
    }
}
