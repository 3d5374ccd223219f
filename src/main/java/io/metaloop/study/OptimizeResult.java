package io.metaloop.study;

import java.time.Duration;

/**
 * What one call of {@link Study#optimize} did.
 *
 * @param trialsRun    trials this call ran to an end (any state)
 * @param stopReason   why it stopped
 * @param elapsed      wall-clock time of this call
 * @param studyTimeUsed the study's running time after this call, over all calls
 */
public record OptimizeResult(int trialsRun, StopReason stopReason, Duration elapsed, Duration studyTimeUsed) {

    /** Rejected proposals in a row after which an optimize call stops ({@link StopReason#REJECTED}). */
    public static final int MAX_REJECTED_IN_A_ROW = 1000;

    /** Why an optimize call stopped. */
    public enum StopReason {
        /** The trial budget was already used up before the call; nothing ran. */
        ALREADY_DONE,
        /** The trial budget was used up. */
        TRIAL_BUDGET,
        /** The time budget was used up. */
        TIME_BUDGET,
        /** The sampler has nothing new to propose (every grid point is taken). */
        SEARCH_SPACE_EXHAUSTED,
        /**
         * The objective rejected {@value #MAX_REJECTED_IN_A_ROW} proposals in a row
         * (e.g. all over max-params): rejected trials use no budget, so the run would not end.
         */
        REJECTED,
        /** {@link Study#interrupt()} or a thread interrupt ended it. */
        INTERRUPTED
    }
}
