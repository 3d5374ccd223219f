package io.metaloop.sampler;

import io.metaloop.sampler.GenerationLedger.Member;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a breeding pool is ordered: values, then pruned trials by step, then failures; Pareto fronts by crowding. */
class EvolutionRankingTest {

    private static FrozenTrial trial(int number, TrialState state, List<Double> values, Map<Integer, Double> steps) {
        Map<String, Object> sys = state == TrialState.FAIL ? Map.of(SystemAttrs.FAIL_REASON, "rejected: too big") : Map.of();
        return new FrozenTrial(number, number, state, values, null, null, Map.of(), Map.of(), Map.of(), sys,
                new TreeMap<>(steps));
    }

    private static List<Integer> order(List<FrozenTrial> trials, List<Direction> directions) {
        List<Member> pool = new ArrayList<>();
        for (FrozenTrial t : trials) {
            pool.add(new Member(t, new double[] {0}));
        }
        return EvolutionRanking.rank(pool, directions).stream().map(m -> m.trial().number()).toList();
    }

    @Test
    void completeByValueThenPrunedByStepThenFailures() {
        List<FrozenTrial> trials = List.of(
                trial(0, TrialState.FAIL, List.of(), Map.of()),
                trial(1, TrialState.PRUNED, List.of(0.1), Map.of(0, 0.5, 1, 0.1)),
                trial(2, TrialState.COMPLETE, List.of(0.9), Map.of()),
                trial(3, TrialState.PRUNED, List.of(0.01), Map.of(0, 0.01)),
                trial(4, TrialState.COMPLETE, List.of(0.3), Map.of()),
                trial(5, TrialState.FAIL, List.of(), Map.of()));
        // pruned trials never beat a complete one, however good their values; 1 got further than 3
        assertEquals(List.of(4, 2, 1, 3, 0, 5), order(trials, List.of(Direction.MINIMIZE)));
        assertEquals(List.of(2, 4, 1, 3, 0, 5), order(trials, List.of(Direction.MAXIMIZE)));
    }

    @Test
    void severalDirectionsRankByFrontThenCrowding() {
        List<Direction> dirs = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);
        List<FrozenTrial> trials = List.of(
                trial(0, TrialState.COMPLETE, List.of(0.5, 50.0), Map.of()),   // front 2 (dominated by 1)
                trial(1, TrialState.COMPLETE, List.of(0.6, 40.0), Map.of()),   // front 1, middle, crowded by 2
                trial(2, TrialState.COMPLETE, List.of(0.62, 45.0), Map.of()),  // front 1, middle
                trial(3, TrialState.COMPLETE, List.of(0.9, 100.0), Map.of()),  // front 1, extreme
                trial(4, TrialState.COMPLETE, List.of(0.1, 5.0), Map.of()),    // front 1, extreme
                trial(5, TrialState.PRUNED, List.of(), Map.of(3, 0.7)),
                trial(6, TrialState.FAIL, List.of(), Map.of()));
        List<Integer> order = order(trials, dirs);
        assertEquals(List.of(3, 4), order.subList(0, 2).stream().sorted().toList(), "extremes first: " + order);
        assertEquals(List.of(1, 2), order.subList(2, 4).stream().sorted().toList(), "then the front's middle: " + order);
        assertEquals(List.of(0, 5, 6), order.subList(4, 7));
    }

    @Test
    void aDiversePopulationTakesAtMostItsShareOfASpeciesWhileOthersCanFillIt() {
        // species = the active parameters: a dense layout (units) and a convolutional one (filters)
        Map<String, Object> dense = Map.of("units", 8);
        Map<String, Object> conv = Map.of("filters", 4);
        Map<String, Object> pool = Map.of("size", 2);
        List<Member> ranked = new ArrayList<>();
        List<Map<String, Object>> species = List.of(dense, dense, dense, conv, dense, pool, conv);
        for (int i = 0; i < species.size(); i++) {
            FrozenTrial t = new FrozenTrial(i, i, TrialState.COMPLETE, List.of((double) i), null, null, species.get(i),
                    Map.of(), Map.of(), Map.of(), new TreeMap<>());
            ranked.add(new Member(t, new double[] {i}));
        }
        assertEquals(List.of(0, 1, 3, 5), numbers(EvolutionRanking.diverse(ranked, 4, 2)));
        // places left once every species had its share go to the best passed over, in rank order
        assertEquals(List.of(0, 1, 2, 3, 5, 6), numbers(EvolutionRanking.diverse(ranked, 6, 2)));
        assertEquals(List.of(0, 3, 5), numbers(EvolutionRanking.diverse(ranked, 3, 1)));
        assertEquals(List.of(0, 1, 2, 3), numbers(EvolutionRanking.diverse(ranked, 4, 4)));
    }

    private static List<Integer> numbers(List<Member> members) {
        return members.stream().map(m -> m.trial().number()).toList();
    }
}
