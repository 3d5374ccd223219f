package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What TPE derives from a study's trials before sampling — the trials ranked best first (see
 * {@link GoodBadSplit#rank}), how many have finished, the joint space of the finished ones and
 * how many parameters they have shown — kept up to date incrementally. Finished trials never
 * change, so each is ranked and folded into the joint space once, when first seen; a trial costs
 * O(n) cheap look-ups instead of a sort and a pass over every trial's distributions.
 *
 * <p>The result is exactly what {@link GoodBadSplit#rank} and {@link JointSearchSpace#of} give
 * for the same trials, so a process that starts afresh samples the same points. When the trials
 * shown are not a continuation of those seen (another study, another storage), it starts over.
 */
final class TrialRanking {

    /**
     * A study's trials as TPE uses them for one trial being sampled.
     *
     * @param ranked     best first: finished trials by rank, then running ones (constant liar)
     * @param byNumber   the same trials in trial-number order
     * @param finished   how many ranked trials (COMPLETE, PRUNED or rejected) there are
     * @param jointSpace the parameters all finished trials share
     * @param parameters how many distinct parameters (not fixed to one value) the finished trials have
     */
    record Snapshot(List<FrozenTrial> ranked, List<FrozenTrial> byNumber, int finished,
                    Map<String, Distribution> jointSpace, int parameters) {

        /** Whether enough trials have finished for TPE to use its model (at least one, whatever the options). */
        boolean pastStartup(TpeOptions options) {
            return finished >= Math.max(1, options.startupFor(parameters));
        }
    }

    private final Map<Long, FrozenTrial> seen = new HashMap<>();
    /** The finished trials seen, best first; kept sorted by inserting each new one at its place. */
    private final List<FrozenTrial> finished = new ArrayList<>();
    private Comparator<FrozenTrial> order;
    /** The ranked trials among the leading run of finished trials scanned, in number order. */
    private final List<FrozenTrial> prefix = new ArrayList<>();
    /** How many trials that run spans, how many of them are ranked, and its last trial. */
    private int prefixLength;
    private int prefixRanked;
    private FrozenTrial prefixLast;
    private Map<String, Distribution> joint;
    private final Set<String> names = new HashSet<>();
    private Direction direction;
    private StudyHistory lastHistory;
    private int lastNumber;
    private Snapshot last;

    /** The snapshot for sampling trial {@code current} of {@code history}; the same one for repeated calls. */
    synchronized Snapshot of(StudyHistory history, int current, boolean liar) {
        if (last != null && lastHistory == history && lastNumber == current) {
            return last;
        }
        List<FrozenTrial> trials = history.trials();
        Direction dir = history.directions().get(0);
        if (dir != direction) {
            reset(dir);
        }
        List<FrozenTrial> running = new ArrayList<>();
        List<FrozenTrial> byNumber = scan(trials, current, liar, running);
        if (byNumber == null) {
            reset(dir);
            running.clear();
            byNumber = scan(trials, current, liar, running);
        }
        List<FrozenTrial> ranked = new ArrayList<>(byNumber.size());
        ranked.addAll(finished);
        ranked.addAll(running);
        Map<String, Distribution> space = joint == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(joint));
        last = new Snapshot(Collections.unmodifiableList(ranked), Collections.unmodifiableList(byNumber),
                finished.size(), space, names.size());
        lastHistory = history;
        lastNumber = current;
        return last;
    }

    /**
     * Adds the finished trials not seen before and returns the trials TPE uses in number order;
     * null when the trials are not a continuation of those seen. The running trials among them
     * (the constant liar's) are also added to {@code running}, in number order. The leading run of finished
     * trials already scanned is not looked at again: finished trials never change, and the
     * study's trial cache hands out the same objects for them, so checking that the run's last
     * trial is still the same object is enough. A study's cost per trial then follows the
     * trials that changed, not all of them.
     */
    private List<FrozenTrial> scan(List<FrozenTrial> trials, int current, boolean liar, List<FrozenTrial> running) {
        if (prefixLength > trials.size() || (prefixLength > 0 && trials.get(prefixLength - 1) != prefixLast)) {
            return null;
        }
        List<FrozenTrial> byNumber = new ArrayList<>(trials.size());
        byNumber.addAll(prefix);
        int known = prefixRanked;
        int added = 0;
        boolean extendsPrefix = true;
        for (int i = prefixLength; i < trials.size(); i++) {
            FrozenTrial t = trials.get(i);
            boolean finished = t.state().isFinished();
            if (GoodBadSplit.isRanked(t)) {
                FrozenTrial before = seen.get(t.id());
                if (before == null) {
                    seen.put(t.id(), t);
                    add(t);
                    added++;
                } else {
                    if (before != t && !sameOutcome(before, t)) {
                        return null;
                    }
                    known++;
                    t = before;
                }
                byNumber.add(t);
                if (extendsPrefix) {
                    prefix.add(t);
                    prefixRanked++;
                }
            } else if (liar && t.state() == TrialState.RUNNING && t.number() != current) {
                byNumber.add(t);
                running.add(t);
            }
            if (extendsPrefix && finished) {
                prefixLength = i + 1;
                prefixLast = trials.get(i);
            } else {
                extendsPrefix = false;
            }
        }
        // every trial seen before must still be there (seen now also holds the new ones)
        return known + added == seen.size() ? byNumber : null;
    }

    private static boolean sameOutcome(FrozenTrial a, FrozenTrial b) {
        return a.number() == b.number() && a.state() == b.state() && a.values().equals(b.values())
                && a.params().equals(b.params()) && a.distributions().equals(b.distributions())
                && a.intermediateValues().equals(b.intermediateValues());
    }

    private void reset(Direction dir) {
        direction = dir;
        order = GoodBadSplit.ranking(dir);
        prefix.clear();
        prefixLength = 0;
        prefixRanked = 0;
        prefixLast = null;
        seen.clear();
        finished.clear();
        joint = null;
        names.clear();
    }

    private void add(FrozenTrial t) {
        int at = Collections.binarySearch(finished, t, order);
        finished.add(at < 0 ? -at - 1 : at, t);
        t.distributions().forEach((name, d) -> {
            if (!d.isSingle()) {
                names.add(name);
            }
        });
        if (joint == null) {
            joint = new TreeMap<>(t.distributions());
            joint.values().removeIf(Distribution::isSingle);
        } else {
            joint.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
        }
    }
}
