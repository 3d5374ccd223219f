package io.metaloop.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which trials are best: by value for one objective, by Pareto dominance for several. */
public final class Ranking {

    private Ranking() {
    }

    /** The COMPLETE trial with the best value; ties go to the earlier trial. */
    public static Optional<FrozenTrial> best(List<FrozenTrial> trials, Direction direction) {
        FrozenTrial best = null;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.values().size() == 1
                    && (best == null || direction.isBetter(t.value(), best.value()))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The COMPLETE trials no other COMPLETE trial dominates, ordered by number. For one objective
     * this is the best trial (all trials tied for best).
     */
    public static List<FrozenTrial> paretoFront(List<FrozenTrial> trials, List<Direction> directions) {
        List<FrozenTrial> complete = trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.values().size() == directions.size())
                .toList();
        List<FrozenTrial> front = new ArrayList<>();
        for (FrozenTrial a : complete) {
            boolean dominated = false;
            for (FrozenTrial b : complete) {
                if (b != a && dominates(b, a, directions)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(a);
            }
        }
        return front;
    }

    /** Whether {@code a} is no worse than {@code b} in every objective and better in one. */
    public static boolean dominates(FrozenTrial a, FrozenTrial b, List<Direction> directions) {
        boolean better = false;
        for (int i = 0; i < directions.size(); i++) {
            double x = directions.get(i).toMinimization(a.values().get(i));
            double y = directions.get(i).toMinimization(b.values().get(i));
            if (x > y) {
                return false;
            }
            if (x < y) {
                better = true;
            }
        }
        return better;
    }
}
