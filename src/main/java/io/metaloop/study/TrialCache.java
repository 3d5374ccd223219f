package io.metaloop.study;

import io.metaloop.storage.Storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A process's copy of a study's trials, kept current by reading only what can have changed:
 * trials that were unfinished at the last read and trials with a higher id. Finished trials
 * never change, so the cost of a refresh does not grow with the study.
 */
final class TrialCache {

    private final Storage storage;
    private final long studyId;
    private final List<FrozenTrial> byNumber = new ArrayList<>();
    private final Set<Long> unfinished = new HashSet<>();
    private long maxId = -1;
    /** How many numbers below the highest read have no trial yet (another process holds them, unread). */
    private int gaps;

    TrialCache(Storage storage, long studyId) {
        this.storage = storage;
        this.studyId = studyId;
    }

    /** Reads what changed and returns every trial, ordered by number. */
    synchronized List<FrozenTrial> refresh() {
        for (FrozenTrial t : storage.trialsChangedSince(studyId, maxId, unfinished)) {
            store(t);
            maxId = Math.max(maxId, t.id());
        }
        // a bulk copy: looking at each trial would cost a cache miss per trial of a large study
        FrozenTrial[] all = byNumber.toArray(new FrozenTrial[0]);
        if (gaps > 0) {
            all = java.util.Arrays.stream(all).filter(java.util.Objects::nonNull).toArray(FrozenTrial[]::new);
        }
        return Collections.unmodifiableList(java.util.Arrays.asList(all));
    }

    /**
     * Records a trial whose stored state this process knows, e.g. one it just finished. Only a
     * read moves the id mark: other processes may have added trials below this one's id that
     * were never read, and the next refresh must still fetch them.
     */
    synchronized void put(FrozenTrial t) {
        store(t);
    }

    private void store(FrozenTrial t) {
        while (byNumber.size() <= t.number()) {
            byNumber.add(null);
            gaps++;
        }
        if (byNumber.set(t.number(), t) == null) {
            gaps--;
        }
        if (t.state().isFinished()) {
            unfinished.remove(t.id());
        } else {
            unfinished.add(t.id());
        }
    }
}
