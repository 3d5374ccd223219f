package io.metaloop.run;

import io.metaloop.report.TrialRows;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Study;
import io.metaloop.study.TrialState;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints an optimize run's progress — trials done, best value so far, elapsed time — at most
 * once a second (and for every failed trial, with its reason), so that fast studies do not
 * flood the terminal and slow ones still show life.
 */
public final class ProgressPrinter implements OptimizeOptions.OptimizeListener {

    private final PrintStream out;
    private final int budgetTrials;
    private final long startNanos = System.nanoTime();
    private long lastPrint;
    private int done;
    private FrozenTrial best;

    /** A printer to {@code out} for a run whose trial budget is {@code budgetTrials} (MAX_VALUE: none). */
    public ProgressPrinter(PrintStream out, int budgetTrials) {
        this.out = out;
        this.budgetTrials = budgetTrials;
    }

    @Override
    public synchronized void trialFinished(Study study, FrozenTrial trial) {
        done++;
        if (trial.state() == TrialState.COMPLETE && trial.values().size() == 1) {
            Direction d = study.directions().get(0);
            if (best == null || d.isBetter(trial.value(), best.value())) {
                best = trial;
            }
        }
        if (trial.isRejected()) {
            // the reason starts with "rejected: "
            out.printf("trial %d %s%n", trial.number(), trial.failReason());
        } else if (trial.state() == TrialState.FAIL) {
            out.printf("trial %d failed: %s%n", trial.number(), trial.failReason());
        }
        long now = System.nanoTime();
        if (now - lastPrint >= 1_000_000_000L) {
            lastPrint = now;
            out.println(line(trial.number()));
        }
    }

    private String line(int lastNumber) {
        String of = budgetTrials == Integer.MAX_VALUE ? "" : "/" + budgetTrials;
        String bestText = best == null ? "-" : TrialRows.format(best.value()) + " (trial " + best.number() + ")";
        return String.format("trial %d%s  run %d  best %s  elapsed %s", lastNumber + 1, of, done, bestText,
                format(Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    /** A duration as {@code 1h02m03s}, {@code 2m05s} or {@code 4.2s}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
