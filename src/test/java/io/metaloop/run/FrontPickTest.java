package io.metaloop.run;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code export --pick max-params=N}: the syntax and which point of a front it takes. */
class FrontPickTest {

    private static final List<Direction> ACCURACY_AND_SIZE = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);

    private static FrozenTrial trial(int number, double accuracy, Long params) {
        Map<String, Object> attrs = params == null ? Map.of() : Map.of("params", params);
        return new FrozenTrial(number, number, TrialState.COMPLETE, List.of(accuracy, params == null ? 0.0 : params),
                null, null, Map.of(), Map.of(), attrs, Map.of(), new TreeMap<>());
    }

    @Test
    void readsBothFormsAndGroupedNumbers() {
        assertEquals(new FrontPick(5000), FrontPick.parse("max-params=5000"));
        assertEquals(new FrontPick(5000), FrontPick.parse("params<=5000"));
        assertEquals(new FrontPick(5000), FrontPick.parse(" Max-Params = 5_000 "));
        assertEquals(new FrontPick(5000), FrontPick.parse("params <= 5,000"));
        for (String bad : List.of("5000", "max-params:5000", "params<5000", "max-params=-1", "max-params=", "max-params=0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrontPick.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--pick"), e.getMessage());
        }
    }

    @Test
    void takesTheMostAccurateWithinTheLimitAndOnTiesTheSmaller() {
        List<FrozenTrial> front = List.of(trial(0, 0.80, 1200L), trial(1, 0.86, 4000L), trial(2, 0.86, 3000L),
                trial(3, 0.90, 9000L));
        assertEquals(2, new FrontPick(5000).choose("s", ACCURACY_AND_SIZE, front).number());
        assertEquals(3, new FrontPick(9000).choose("s", ACCURACY_AND_SIZE, front).number());
        assertEquals(0, new FrontPick(1200).choose("s", ACCURACY_AND_SIZE, front).number());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new FrontPick(1000).choose("s", ACCURACY_AND_SIZE, front));
        assertEquals("no trial of the Pareto front of study 's' (4 trials) has at most 1000 parameters; the smallest,"
                + " trial 0, has 1200", none.getMessage());
    }

    @Test
    void needsSeveralDirectionsAndParameterCounts() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> new FrontPick(10).choose("s", List.of(Direction.MAXIMIZE), List.of(trial(0, 0.9, 5L))));
        assertTrue(one.getMessage().contains("study 's' has one direction"), one.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new FrontPick(10).choose("s", ACCURACY_AND_SIZE, List.of(trial(0, 0.9, 5L), trial(7, 0.8, null))));
        assertTrue(unknown.getMessage().contains("trial 7 of study 's' has no parameter count"), unknown.getMessage());
    }
}
