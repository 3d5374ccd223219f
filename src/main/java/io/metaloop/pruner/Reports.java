package io.metaloop.pruner;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * What the pruners read from intermediate values (reports): the step just reported, whether a
 * boundary was crossed by that report, a trial's value on reaching a step, nan-ignoring bests and
 * percentiles. Everything is derived from the reported values alone, which is what keeps the
 * pruners stateless.
 */
final class Reports {

    private Reports() {
    }

    /** The direction of objective {@code objective} of the study; fails if the study has fewer objectives. */
    static Direction direction(StudyHistory history, int objective) {
        List<Direction> directions = history.directions();
        if (objective >= directions.size()) {
            throw new IllegalStateException("the pruner judges objective " + objective + " but the study has "
                    + directions.size() + " objective(s), numbered from 0");
        }
        return directions.get(objective);
    }

    /** Checks an objective index given to a pruner's builder. */
    static int checkObjective(int objective) {
        if (objective < 0) {
            throw new IllegalArgumentException("objective must not be negative, got " + objective);
        }
        return objective;
    }

    /**
     * Whether the trial's last report is its first at or past {@code boundary}: the last step is
     * at least the boundary and the report before it (if any) came before the boundary. A pruner
     * that judges a trial once per boundary (an interval, a rung) asks this instead of
     * remembering which boundaries it judged; it assumes the pruner is asked after every report,
     * as metaloop's objectives do.
     */
    static boolean justCrossed(SortedMap<Integer, Double> reports, long boundary) {
        if (reports.isEmpty()) {
            return false;
        }
        int last = reports.lastKey();
        if (last < boundary) {
            return false;
        }
        SortedMap<Integer, Double> before = reports.headMap(last);
        return before.isEmpty() || before.lastKey() < boundary;
    }

    /** Whether the trial reported again after its first report at a step of at least {@code step}: it went on from there. */
    static boolean wentOn(FrozenTrial trial, long step) {
        return step <= Integer.MAX_VALUE && trial.intermediateValues().tailMap((int) step).size() > 1;
    }

    /** The best non-NaN value in the direction, or NaN when there is none. */
    static double best(Iterable<Double> values, Direction direction) {
        double best = Double.NaN;
        for (double v : values) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    /**
     * The {@code q}-th percentile (0 to 100) of {@code values}, NaN values left out, interpolated
     * linearly between the closest ranks (numpy's default); NaN when no value is left.
     */
    static double percentile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q / 100.0 * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** Whether {@code value} is worse than {@code reference} in the direction (NaN compares as neither). */
    static boolean worse(double value, double reference, Direction direction) {
        return direction.isBetter(reference, value);
    }
}
