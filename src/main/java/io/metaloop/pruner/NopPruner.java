package io.metaloop.pruner;

import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

/** The pruner that never prunes: every trial runs to its end. */
public final class NopPruner implements Pruner {

    @Override
    public boolean prune(StudyHistory history, FrozenTrial trial) {
        return false;
    }
}
