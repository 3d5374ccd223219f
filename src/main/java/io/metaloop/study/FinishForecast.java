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
 * <p>A pace measured over a short stretch is not trusted: early reports also carry a full
 * validation pass each, which would make a short stretch look slow. The pace is measured over
 * the latest stretch of reports that spans at least 1/{@value #MIN_STRETCH_DIVISOR} of the run.
 * Not synchronised: {@link Trial} calls it under its lock.
 */
final class FinishForecast {

    /** The shortest stretch of steps a pace is measured over, as a divisor of the last step. */
    static final int MIN_STRETCH_DIVISOR = 16;

    /** A report: its step and its {@link System#nanoTime()}. */
    private record Report(int step, long nanos) {
    }

    private int lastStep = -1;
    /** The reports so far, in step order. */
    private final List<Report> reports = new ArrayList<>();

    /** Sets the step of the trial's last report; non-positive: unknown, never forecast. */
    void expectLastStep(int last) {
        lastStep = last;
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
     * Whether the trial, at its latest pace, would reach its last step only after
     * {@code deadline} ({@link System#nanoTime()}); false while there is no trusted pace or the
     * last step is reached. The pace is measured from the latest report at least a trusted
     * stretch before the latest one.
     */
    boolean finishesAfter(long deadline) {
        int n = reports.size();
        if (lastStep <= 0 || n < 2 || reports.get(n - 1).step() >= lastStep) {
            return false;
        }
        Report latest = reports.get(n - 1);
        for (int j = n - 2; j >= 0; j--) {
            Report from = reports.get(j);
            long stretch = (long) latest.step() - from.step();
            if (stretch * MIN_STRETCH_DIVISOR >= lastStep) {
                double nanosPerStep = (double) (latest.nanos() - from.nanos()) / stretch;
                // nanoTime values are compared by their differences only: they may wrap
                return nanosPerStep * ((long) lastStep - latest.step()) > (double) (deadline - latest.nanos());
            }
        }
        return false;
    }
}
