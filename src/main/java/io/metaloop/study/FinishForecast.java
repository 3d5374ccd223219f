package io.metaloop.study;

import java.util.ArrayList;
import java.util.List;

/**
 * When a trial will reach its last step, forecast from its pace over its latest reports.
 * A trial under a time budget that stops running trials ({@code at-end: stop}) and cannot reach
 * its last step before the budget ends would be stopped there anyway, after holding its worker
 * to the end for nothing; stopped as soon as that is plain, it leaves the worker to trials that
 * can finish. On Fashion-MNIST a promoted deep network paced at 1.8 ms per example needed about
 * 1,000 s for 12 epochs, and two such trials held both workers through the last seven minutes of
 * a ten-minute study.
 *
 * <p>Two forecasts, either of which stops the trial:
 * <ul>
 *   <li>From the reports' times. A pace measured over a short stretch is not trusted: early
 *       reports also carry a full validation pass each, which would make a short stretch look
 *       slow. The pace is measured over the latest stretch of reports that spans at least
 *       1/{@value #MIN_STRETCH_DIVISOR} of the run — on Fashion-MNIST with reports from 3,000
 *       examples on, not before the first epoch's end.</li>
 *   <li>From the objective's own pace of work ({@link #workPace}), measured without its
 *       evaluations: the time the remaining steps need at that pace with no evaluation at all is
 *       a lower bound of the time they need, so a trial it shows cannot finish cannot. It speaks
 *       as soon as the objective tells a pace: in a ten-minute Fashion-MNIST study, networks
 *       paced at over 2 ms per example held a worker for about 110 s each until the first trusted
 *       stretch (48,000 examples); the network objective tells its pace from its second report
 *       on, at 6,000.</li>
 * </ul>
 * Not synchronised: {@link Trial} calls it under its lock.
 */
final class FinishForecast {

    /** The shortest stretch of steps a pace is measured over, as a divisor of the last step. */
    static final int MIN_STRETCH_DIVISOR = 16;

    /** A report: its step and its {@link System#nanoTime()}. */
    private record Report(int step, long nanos) {
    }

    private int lastStep = -1;
    /** Nanoseconds of work per step without evaluations; NaN: not known. */
    private double workPace = Double.NaN;
    /** The reports so far, in step order. */
    private final List<Report> reports = new ArrayList<>();

    /** Sets the step of the trial's last report; non-positive: unknown, never forecast. */
    void expectLastStep(int last) {
        lastStep = last;
    }

    /**
     * Sets the objective's time per step spent on its work alone (for a network: training,
     * without validation passes), in nanoseconds; non-positive: not known.
     */
    void workPace(double nanosPerStep) {
        workPace = nanosPerStep > 0 ? nanosPerStep : Double.NaN;
    }

    /**
     * Notes a report at {@code step} made at {@code at} ({@link System#nanoTime()}); a step not
     * past the latest is ignored.
     */
    void reported(int step, long at) {
        if (reports.isEmpty() || step > reports.get(reports.size() - 1).step()) {
            reports.add(new Report(step, at));
        }
    }

    /**
     * Whether the trial would reach its last step only after {@code deadline}
     * ({@link System#nanoTime()}) at the work pace or at the reports' pace, whichever says so;
     * false while neither pace is known or the last step is reached.
     */
    boolean finishesAfter(long deadline) {
        int n = reports.size();
        if (lastStep <= 0 || n < 1 || reports.get(n - 1).step() >= lastStep) {
            return false;
        }
        Report latest = reports.get(n - 1);
        long left = (long) lastStep - latest.step();
        // nanoTime values are compared by their differences only: they may wrap
        double available = deadline - latest.nanos();
        return isLate(workPace, left, available) || isLate(reportsPace(), left, available);
    }

    /** Whether {@code left} steps at {@code nanosPerStep} (NaN: unknown) need more than {@code available}. */
    private static boolean isLate(double nanosPerStep, long left, double available) {
        return nanosPerStep * left > available;
    }

    /**
     * Nanoseconds per step from the latest report at least a trusted stretch before the latest
     * one to the latest; NaN when no stretch is long enough.
     */
    private double reportsPace() {
        Report latest = reports.get(reports.size() - 1);
        for (int j = reports.size() - 2; j >= 0; j--) {
            Report from = reports.get(j);
            long stretch = (long) latest.step() - from.step();
            if (stretch * MIN_STRETCH_DIVISOR >= lastStep) {
                return (double) (latest.nanos() - from.nanos()) / stretch;
            }
        }
        return Double.NaN;
    }
}
