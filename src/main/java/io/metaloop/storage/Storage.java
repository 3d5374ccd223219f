package io.metaloop.storage;

import io.metaloop.space.Distribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyRecord;
import io.metaloop.study.TrialState;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where studies and trials live. Every method is atomic and safe to call from many threads; a
 * storage may be shared by many processes (SQLite file, PostgreSQL server), so nothing here
 * relies on a worker's own counters. Attribute values are JSON-compatible Java objects.
 */
public interface Storage extends AutoCloseable {

    /** Creates a study; fails with {@link StorageException} if the name is taken. */
    StudyRecord createStudy(String name, List<Direction> directions);

    /** The study of that name, if any. */
    Optional<StudyRecord> findStudy(String name);

    /** Every study, in creation order. */
    List<StudyRecord> listStudies();

    /** Deletes a study and all its trials. */
    void deleteStudy(long studyId);

    /** Sets a study user attribute. */
    void setStudyUserAttr(long studyId, String key, Object value);

    /** Sets a study system attribute. */
    void setStudySystemAttr(long studyId, String key, Object value);

    /** The study's user attributes. */
    Map<String, Object> studyUserAttrs(long studyId);

    /** The study's system attributes. */
    Map<String, Object> studySystemAttrs(long studyId);

    /**
     * Starts a trial atomically: unless {@code budget} trials that count against the budget
     * (see {@link FrozenTrial#countsTowardsBudget()}) already exist, takes the oldest WAITING
     * trial or else creates a new one, marks it RUNNING with the next trial number, and adds the
     * given system attributes and a heartbeat. Empty when the budget is used up.
     */
    Optional<FrozenTrial> startTrial(long studyId, int budget, Map<String, Object> systemAttrs);

    /** Adds a WAITING trial with the given system attributes (e.g. fixed parameters). */
    FrozenTrial enqueueTrial(long studyId, Map<String, Object> systemAttrs);

    /** Stores parameters of a RUNNING trial, all in one transaction, keyed by name. */
    void setParams(long trialId, Map<String, Distribution> distributions, Map<String, Object> values);

    /** Stores an intermediate value; a second report for the same step replaces the first. */
    void setIntermediateValue(long trialId, int step, double value);

    /** Sets a trial user attribute. */
    void setTrialUserAttr(long trialId, String key, Object value);

    /** Sets a trial system attribute. */
    void setTrialSystemAttr(long trialId, String key, Object value);

    /**
     * Ends a trial if it is still RUNNING: sets its state, values, completion time and the given
     * system attributes in one transaction. Returns false, changing nothing, when the trial was
     * no longer RUNNING (another process ended it).
     */
    boolean finishTrial(long trialId, TrialState state, List<Double> values,
                        Map<String, Object> systemAttrs, LocalDateTime completedAt);

    /**
     * Like {@link #finishTrial(long, TrialState, List, Map, LocalDateTime)}, storing first the
     * parameters not yet written — in the same transaction where the storage can, so a trial
     * costs one write fewer. The parameters are stored only if the trial was still RUNNING.
     */
    default boolean finishTrial(long trialId, Map<String, Distribution> distributions, Map<String, Object> params,
                                TrialState state, List<Double> values, Map<String, Object> systemAttrs,
                                LocalDateTime completedAt) {
        if (!params.isEmpty()) {
            try {
                setParams(trialId, distributions, params);
            } catch (StorageException e) {
                return false; // finished by someone else meanwhile
            }
        }
        return finishTrial(trialId, state, values, systemAttrs, completedAt);
    }

    /**
     * Puts a RUNNING trial back to WAITING, as if it had never started, so that the next
     * {@link #startTrial} takes it again under the same number: drops its start time, values,
     * intermediate values, parameters, user attributes, heartbeat and system attributes (except
     * fixed parameters), then sets the given system attributes. Used when the run was cut short
     * through no fault of the trial (Ctrl-C, a lost worker). Returns false, changing nothing,
     * when the trial was no longer RUNNING.
     */
    boolean requeueTrial(long trialId, Map<String, Object> systemAttrs);

    /**
     * Records that the given RUNNING trials' owners are alive now. A trial has no heartbeat
     * until its first one; its start time stands for it until then.
     */
    void heartbeat(Collection<Long> trialIds);

    /** The last heartbeat of each RUNNING trial of a study that has had one. */
    Map<Long, LocalDateTime> heartbeats(long studyId);

    /**
     * The trials of a study that may have changed since a reader last looked: those with an id
     * greater than {@code afterTrialId} and those in {@code unfinishedIds}. Ordered by id.
     * A reader that keeps finished trials and asks with its highest id and unfinished ids
     * stays current while reading only what changed.
     */
    List<FrozenTrial> trialsChangedSince(long studyId, long afterTrialId, Collection<Long> unfinishedIds);

    /** Every trial of a study, ordered by number. */
    default List<FrozenTrial> trials(long studyId) {
        return trialsChangedSince(studyId, -1, List.of());
    }

    @Override
    void close();
}
