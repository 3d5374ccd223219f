package io.metaloop.pruner;

import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.OptionalInt;

/**
 * Decides, from a running trial's intermediate values and the study's history, whether the
 * trial should stop early. Like samplers, pruners keep no state of their own.
 */
@FunctionalInterface
public interface Pruner {

    /** Whether {@code trial}, RUNNING with the intermediate values it reported, should stop. */
    boolean prune(StudyHistory history, FrozenTrial trial);

    /**
     * The last step before a trial's end at which this pruner compares it with other trials, when
     * it has one (ASHA and Hyperband: their last rung below {@code max-resource}); empty when it may
     * judge a trial at any step. A trial that reached it and is then stopped by the time budget has
     * left a result the search uses: its value there counts at the rung, and a network objective's
     * final phase chooses among the trials compared there. So a trial under a time budget is
     * stopped early only when it cannot reach this step in time ({@code study.Trial#expectLastStep}).
     */
    default OptionalInt lastRung() {
        return OptionalInt.empty();
    }
}
