package io.metaloop.study;

import io.metaloop.storage.Storage;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trials whose run was cut short through no fault of their own — Ctrl-C, a worker killed — and
 * how they get back into the study: put back to WAITING, so the next start takes each again
 * under its own number. A resumed study then holds exactly the trials an uninterrupted one
 * would, and samplers propose the same points.
 */
final class LostTrials {

    /** Put-backs after which a trial ends FAIL instead (say, one whose configuration kills its worker). */
    static final int MAX_PUT_BACKS = 3;

    private final Storage storage;

    LostTrials(Storage storage) {
        this.storage = storage;
    }

    /**
     * Puts back the RUNNING trials not run by this process ({@code ours}) whose owner is known
     * to be gone: owners on this host whose process has ended, and owners elsewhere whose last
     * heartbeat is older than {@link Study#HEARTBEAT_GRACE}. A trial with no owner and no
     * heartbeat (e.g. a Python worker without heartbeats) is never taken. Returns those put back.
     */
    List<FrozenTrial> reap(List<FrozenTrial> trials, Set<Long> ours, Map<Long, LocalDateTime> beats, LocalDateTime now) {
        List<FrozenTrial> lost = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.RUNNING || ours.contains(t.id())) {
                continue;
            }
            Optional<Owner> owner = Owner.fromAttrs(t.systemAttrs());
            LocalDateTime beat = beats.get(t.id());
            boolean gone;
            if (owner.isPresent() && owner.get().isOnThisHost()) {
                gone = !owner.get().isAlive();
            } else {
                // a metaloop owner's start time is its first beat; a foreign trial without
                // heartbeats (a Python worker that does not send them) is never taken
                LocalDateTime seen = beat != null ? beat : owner.isPresent() ? t.datetimeStart() : null;
                gone = seen != null && seen.plus(Study.HEARTBEAT_GRACE).isBefore(now);
            }
            if (gone && putBack(t, SystemAttrs.REASON_WORKER_LOST, beat != null ? beat : t.datetimeStart())) {
                lost.add(t);
            }
        }
        return lost;
    }

    /**
     * Puts a RUNNING trial back to WAITING with the reason; after {@value #MAX_PUT_BACKS}
     * put-backs it ends FAIL with the reason instead, budget-exempt, at {@code lastSeen} (or
     * now). Returns false when the trial was no longer RUNNING.
     */
    boolean putBack(FrozenTrial t, String reason, LocalDateTime lastSeen) {
        int times = t.systemAttrs().get(SystemAttrs.PUT_BACK) instanceof Number n ? n.intValue() : 0;
        if (times >= MAX_PUT_BACKS) {
            Map<String, Object> attrs = Map.of(SystemAttrs.FAIL_REASON, reason, SystemAttrs.BUDGET_EXEMPT, true);
            return storage.finishTrial(t.id(), TrialState.FAIL, List.of(), attrs, lastSeen != null ? lastSeen : LocalDateTime.now());
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put(SystemAttrs.PUT_BACK, times + 1);
        attrs.put(SystemAttrs.PUT_BACK_REASON, reason);
        return storage.requeueTrial(t.id(), attrs);
    }
}
