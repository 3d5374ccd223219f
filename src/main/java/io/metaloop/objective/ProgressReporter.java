package io.metaloop.objective;

import io.metaloop.study.Trial;
import io.metaloop.study.TrialPrunedException;
import io.metaloop.study.TrialTimeoutException;
import io.metaloop.train.data.Dataset;
import io.metaloop.train.nn.EpochListener;
import io.metaloop.train.nn.EpochReport;
import io.metaloop.train.nn.Network;

/**
 * Turns a network trial's training progress into its intermediate values and stops training
 * when the trial should stop: it reports the validation accuracy at the steps its
 * {@link Fidelity} names (every epoch's end; with sub-epoch reports, also at the first batch
 * boundary at or after each of them, scoring the network on the whole validation part there),
 * asks the pruner after every report, and checks the trial's time limit after every batch, so a
 * trial past it stops within one batch, as does a trial whose run's time budget is up (a final
 * training then ends with its best epoch so far, see {@link Trial#isFinalTraining}). It tells
 * the trial its last step, so that under a time budget a trial that cannot finish in time stops
 * early ({@link Trial#expectLastStep}), and from its second report on its training pace since the
 * previous report: the time between consecutive batches, without its own validation passes and
 * the trainer's at epoch ends ({@link Trial#reportWorkPace}). Used for one training run; then
 * {@link #throwIfStopped()} ends the trial the right way.
 */
final class ProgressReporter implements EpochListener {

    private final Trial trial;
    private final Fidelity fidelity;
    private final Network net;
    private final Dataset validation;
    private final int trainSize;
    // the step of the next sub-epoch report, in examples; none left once it reaches trainSize
    private long nextReport;
    private boolean pruned;
    private boolean timedOut;
    /** Steps of the trial per training example: 1 when steps count examples. */
    private final double stepsPerExample;
    // The training pace: nanoseconds and examples of the batches since the latest report. A batch
    // is timed from the end of the previous call (onStep, or onEpoch after the epoch's validation)
    // to its own onStep, so no validation pass is counted.
    private long batchStart;
    private long examplesBefore;
    private long trainingNanos;
    private long trainingExamples;
    private int reports;

    /**
     * @param epochs     the epochs the run may last, to check that its steps fit an int
     * @param trainSize  the number of training examples per epoch
     */
    ProgressReporter(Trial trial, Fidelity fidelity, Network net, Dataset validation, int trainSize, int epochs) {
        this.trial = trial;
        this.fidelity = fidelity;
        this.net = net;
        this.validation = validation;
        this.trainSize = trainSize;
        this.nextReport = fidelity.firstReport() > 0 ? fidelity.firstReport() : Long.MAX_VALUE;
        int lastStep = fidelity.epochStep(epochs, trainSize);
        this.stepsPerExample = (double) lastStep / ((long) epochs * trainSize);
        trial.expectLastStep(lastStep);
        this.batchStart = System.nanoTime();
    }

    @Override
    public boolean onStep(long examplesSeen) {
        trainingNanos += System.nanoTime() - batchStart;
        trainingExamples += examplesSeen - examplesBefore;
        examplesBefore = examplesSeen;
        boolean goOn = afterBatch(examplesSeen);
        batchStart = System.nanoTime();
        return goOn;
    }

    private boolean afterBatch(long examplesSeen) {
        if (trial.isTimedOut()) {
            timedOut = true;
            return false;
        }
        if (trial.isPastTimeBudget()) {
            if (trial.isFinalTraining()) {
                // a final training cut short still holds the study's longest training: end it with its best epoch
                return false;
            }
            // the budget is up: stop within a batch rather than train on to the next report
            pruned = trial.shouldPrune();
            return !pruned;
        }
        if (examplesSeen < nextReport || nextReport >= trainSize) {
            return true;
        }
        int step = (int) nextReport;
        while (nextReport <= examplesSeen) {
            nextReport *= 2;
        }
        return report(net.evaluate(validation).accuracy(), step);
    }

    @Override
    public boolean onEpoch(EpochReport report) {
        if (trial.isTimedOut()) {
            timedOut = true;
            return false;
        }
        boolean goOn = report(report.validationAccuracy(), fidelity.epochStep(report.epoch(), trainSize));
        batchStart = System.nanoTime();
        return goOn;
    }

    private boolean report(double value, int step) {
        // Paced over the batches since the previous report, and not before the second: the first
        // stretch also carries the JIT compiler's warm-up in a fresh process, which can make it
        // look slower than the rest of the run.
        if (reports++ > 0 && trainingExamples > 0) {
            trial.reportWorkPace(trainingNanos / (trainingExamples * stepsPerExample));
        }
        trainingNanos = 0;
        trainingExamples = 0;
        trial.report(value, step);
        pruned = trial.shouldPrune();
        return !pruned;
    }

    /** Ends the trial when training stopped for it: past its time limit, or pruned. */
    void throwIfStopped() {
        if (timedOut) {
            throw new TrialTimeoutException();
        }
        if (pruned) {
            throw new TrialPrunedException();
        }
    }
}
