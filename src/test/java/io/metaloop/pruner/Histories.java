package io.metaloop.pruner;

import io.metaloop.space.SearchSpace;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small study histories written by hand: trials with known intermediate values. */
final class Histories {

    private Histories() {
    }

    /** A trial with reports {@code step, value, step, value, …}. */
    static FrozenTrial trial(int number, TrialState state, double... stepsAndValues) {
        TreeMap<Integer, Double> reports = new TreeMap<>();
        for (int i = 0; i < stepsAndValues.length; i += 2) {
            reports.put((int) stepsAndValues[i], stepsAndValues[i + 1]);
        }
        return new FrozenTrial(number, number, state, List.of(), null, null, Map.of(), Map.of(), Map.of(),
                Map.of(), reports);
    }

    /** A RUNNING trial: the one being judged, or another worker's. */
    static FrozenTrial running(int number, double... stepsAndValues) {
        return trial(number, TrialState.RUNNING, stepsAndValues);
    }

    /** A COMPLETE trial. */
    static FrozenTrial complete(int number, double... stepsAndValues) {
        return trial(number, TrialState.COMPLETE, stepsAndValues);
    }

    /** A PRUNED trial. */
    static FrozenTrial pruned(int number, double... stepsAndValues) {
        return trial(number, TrialState.PRUNED, stepsAndValues);
    }

    /** COMPLETE trials numbered from {@code first}, each reporting {@code value} at {@code step}. */
    static List<FrozenTrial> completeAt(int first, int step, double... values) {
        List<FrozenTrial> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(complete(first + i, step, values[i]));
        }
        return out;
    }

    /** A history of a study with {@code directions} and these trials. */
    static StudyHistory history(List<Direction> directions, List<FrozenTrial> trials) {
        return new StudyHistory() {
            @Override
            public List<Direction> directions() {
                return directions;
            }

            @Override
            public SearchSpace declaredSpace() {
                return SearchSpace.empty();
            }

            @Override
            public List<FrozenTrial> trials() {
                return trials;
            }
        };
    }

    /** A single-objective history. */
    static StudyHistory history(Direction direction, List<FrozenTrial> trials) {
        return history(List.of(direction), trials);
    }

    /** {@code trials} followed by {@code more}. */
    static List<FrozenTrial> plus(List<FrozenTrial> trials, FrozenTrial... more) {
        List<FrozenTrial> out = new ArrayList<>(trials);
        out.addAll(List.of(more));
        return out;
    }
}
