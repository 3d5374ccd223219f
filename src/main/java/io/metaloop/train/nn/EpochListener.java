package io.metaloop.train.nn;

/**
 * Told of training progress: after every epoch and after every optimizer step. An objective
 * reports the value to its trial here and may stop the run, at an epoch's end or between two
 * steps (a pruner's sub-epoch checkpoint, a trial's time limit).
 */
@FunctionalInterface
public interface EpochListener {

    /** Does nothing and never stops. */
    EpochListener NONE = report -> true;

    /** Receives the epoch's figures; returning false stops training after this epoch. */
    boolean onEpoch(EpochReport report);

    /**
     * Called after every optimizer step (a mini-batch, or a full-batch step) with the number of
     * training examples processed so far in this run, over all epochs; returning false stops
     * training at once, before the epoch ends. The network's weights are those after the step,
     * so the listener may evaluate it. The default never stops.
     */
    default boolean onStep(long examplesSeen) {
        return true;
    }
}
