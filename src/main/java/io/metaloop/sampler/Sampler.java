package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.Map;

/**
 * Proposes parameter values. As in Optuna, a sampler may choose several parameters jointly when
 * a trial starts ({@link #sampleRelative}) and then answers any parameter it did not choose one
 * at a time ({@link #sampleIndependent}). A sampler keeps no state a process could lose: it is a
 * function of the stored history and its seed, so any worker can continue a study.
 */
public interface Sampler {

    /**
     * Called once when a trial starts, before any sampling; returns system attributes to store
     * on the trial (e.g. which grid point it took). Default: none.
     */
    default Map<String, Object> beforeTrial(StudyHistory history, FrozenTrial trial) {
        return Map.of();
    }

    /**
     * The parameters to sample jointly for this trial (name → distribution). Default: the
     * study's declared space when the sampler needs it, else nothing.
     */
    default Map<String, Distribution> relativeSearchSpace(StudyHistory history, FrozenTrial trial) {
        return Map.of();
    }

    /** Joint values (external) for some or all of {@code space}. Default: none. */
    default Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial,
                                               Map<String, Distribution> space) {
        return Map.of();
    }

    /**
     * Whether the sampler has nothing new to propose — a grid whose every point is taken — so
     * an optimize loop should stop. Default: never.
     */
    default boolean isExhausted(StudyHistory history) {
        return false;
    }

    /** A value (external) for one parameter the relative step did not choose. */
    Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution);
}
