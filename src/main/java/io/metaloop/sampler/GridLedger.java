package io.metaloop.sampler;

import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Which points of one grid a study's trials hold. It remembers what the finished trials at the
 * start of the history hold, so that a new trial reads only the trials after them instead of
 * every trial again (which would make a study's cost grow with the square of its length).
 *
 * <p>This is a cache, not state: finished trials never change, so what it remembers is a
 * function of the history. It is trusted only for histories from the same trial cache as the one
 * it was built from — checked by the identity of trial 0, which a study's trial cache keeps — and
 * rebuilt from scratch otherwise (another study, a reloaded study, another storage). Workers of
 * one process hand in snapshots of slightly different ages; an older snapshot may use what the
 * ledger learnt from a newer one, since a finished trial holds the same point in every snapshot
 * that shows it finished.
 */
final class GridLedger {

    private final Grid grid;
    private final SeededPermutation order;

    /** Trial 0 of the history this ledger was built from, compared by identity. */
    private FrozenTrial first;
    /** Trials 0 … settled − 1 are finished and accounted for in {@link #held}. */
    private int settled;
    private final BitSet held = new BitSet();

    /** An empty ledger of {@code grid}, whose trials' own points follow {@code order}. */
    GridLedger(Grid grid, SeededPermutation order) {
        this.grid = grid;
        this.order = order;
    }

    /**
     * The points held by a COMPLETE, PRUNED or RUNNING trial of {@code trials} (ordered by
     * number), ignoring the trial with id {@code exclude}. With {@code reserve}, a RUNNING trial
     * that has not stored a point yet is taken to hold its own point: it is about to take it.
     */
    synchronized BitSet taken(List<FrozenTrial> trials, long exclude, boolean reserve) {
        if (settled > 0 && (trials.isEmpty() || trials.get(0) != first)) {
            settled = 0;
            held.clear();
        }
        while (settled < trials.size()) {
            FrozenTrial t = trials.get(settled);
            if (!t.state().isFinished() || t.number() != settled || t.id() == exclude) {
                break;
            }
            gridId(t).ifPresent(held::set);
            if (settled == 0) {
                first = t;
            }
            settled++;
        }
        BitSet out = (BitSet) held.clone();
        for (int i = settled; i < trials.size(); i++) {
            FrozenTrial t = trials.get(i);
            if (t.id() == exclude) {
                continue;
            }
            Optional<Integer> id = gridId(t);
            if (id.isPresent()) {
                out.set(id.get());
            } else if (reserve && t.state() == TrialState.RUNNING && !t.systemAttrs().containsKey(GridSampler.GRID_ID)) {
                out.set((int) order.apply(t.number() % grid.size()));
            }
        }
        return out;
    }

    /**
     * The point of this grid that {@code t} holds: it has one and is COMPLETE, PRUNED, RUNNING or
     * rejected (a rejected point would be rejected again; other failures are retried).
     */
    Optional<Integer> gridId(FrozenTrial t) {
        TrialState s = t.state();
        if (s != TrialState.COMPLETE && s != TrialState.PRUNED && s != TrialState.RUNNING && !t.isRejected()) {
            return Optional.empty();
        }
        return GridSampler.gridId(t, grid);
    }
}
