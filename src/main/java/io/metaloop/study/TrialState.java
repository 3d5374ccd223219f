package io.metaloop.study;

/** The life of a trial, with Optuna's names (they are stored as these strings). */
public enum TrialState {
    /** Being evaluated by some worker. */
    RUNNING,
    /** Evaluated; its values are stored. */
    COMPLETE,
    /** Stopped early by a pruner; its intermediate values are stored. */
    PRUNED,
    /** The objective threw, returned NaN, was interrupted or its worker was lost. */
    FAIL,
    /** Enqueued with fixed parameters, not yet taken by a worker. */
    WAITING;

    /** Whether the trial can no longer change. */
    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
