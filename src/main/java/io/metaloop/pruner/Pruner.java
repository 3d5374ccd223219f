package io.metaloop.pruner;

import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

/**
 * Decides, from a running trial's intermediate values and the study's history, whether the
 * trial should stop early. Like samplers, pruners keep no state of their own.
 */
@FunctionalInterface
public interface Pruner {

    /** Whether {@code trial}, RUNNING with the intermediate values it reported, should stop. */
    boolean prune(StudyHistory history, FrozenTrial trial);
}
