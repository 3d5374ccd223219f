package io.metaloop.study;

import java.util.Map;

/**
 * Keys metaloop stores in Optuna's trial and study system-attribute tables. Optuna ignores keys
 * it does not know, so these survive a round trip through Optuna's own tools.
 */
public final class SystemAttrs {

    /** Why a trial failed, as free text (Optuna 2.x used the same key). */
    public static final String FAIL_REASON = "fail_reason";
    /** Parameters fixed by {@code enqueue_trial}, as Optuna writes them. */
    public static final String FIXED_PARAMS = "fixed_params";
    /** The process that runs a trial: {@code {"host":..., "pid":..., "start":...}}. */
    public static final String OWNER = "metaloop:owner";
    /** True for a failed trial that does not use up the trial budget (cut short too often, see Study.MAX_PUT_BACKS). */
    public static final String BUDGET_EXEMPT = "metaloop:budget_exempt";
    /** How many times a trial was put back to WAITING after its run was cut short (Ctrl-C, a lost worker). */
    public static final String PUT_BACK = "metaloop:put_back";
    /** Why a trial was last put back to WAITING: {@link #REASON_INTERRUPTED} or {@link #REASON_WORKER_LOST}. */
    public static final String PUT_BACK_REASON = "metaloop:put_back_reason";
    /**
     * True for a trial the objective refused before evaluating it (a network over max-params):
     * FAIL and budget-exempt, yet unlike an interrupted trial its point must not be tried again.
     */
    public static final String REJECTED = "metaloop:rejected";
    /**
     * On a final training (a network objective's {@code final-training}): {@code {"of": N, "epochs":
     * E, "flip": b, "shift": s}}, the trial it trains again and how. Such a trial is enqueued with
     * trial N's parameters, is never pruned and is not a sampler's proposal.
     */
    public static final String FINAL = "metaloop:final";
    /** The study file's settings, as JSON, stored on the study. */
    public static final String STUDY_SPEC = "metaloop:spec";

    /** Reason of a trial whose process ended at Ctrl-C. */
    public static final String REASON_INTERRUPTED = "interrupted";
    /** Reason of a trial whose process was found gone. */
    public static final String REASON_WORKER_LOST = "worker lost";
    /** Fail reason of a trial that ran past its time limit ({@code trial: {timeout: …}}). */
    public static final String REASON_TIMEOUT = "timeout";
    /** Why a trial was stopped although its pruner did not ask for it (see {@link #REASON_TIME_BUDGET}). */
    public static final String STOPPED = "metaloop:stopped";
    /** The value of {@link #STOPPED} for a trial pruned because the study's time budget ran out. */
    public static final String REASON_TIME_BUDGET = "time budget";
    /**
     * The value of {@link #STOPPED} for a trial pruned before the study's time budget ran out
     * because at its pace it could not have finished by then ({@link Trial#expectLastStep}).
     */
    public static final String REASON_CANNOT_FINISH = "time budget: cannot finish in time";

    /** Whether a trial with these system attributes was stopped by the study's time budget, at its end or before. */
    public static boolean stoppedByTimeBudget(Map<String, Object> attrs) {
        Object reason = attrs.get(STOPPED);
        return REASON_TIME_BUDGET.equals(reason) || REASON_CANNOT_FINISH.equals(reason);
    }

    private SystemAttrs() {
    }
}
