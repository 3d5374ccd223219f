package io.metaloop.sampler;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Predicate;

/**
 * TPE's division of the trials into a small <em>good</em> group and the <em>bad</em> rest.
 *
 * <p>Trials are ranked: COMPLETE trials by value; then PRUNED trials, those that got further
 * first (a trial stopped at epoch 20 beat one stopped at epoch 2, whatever their values) and by
 * their last reported value among equals; then, as the constant liar, RUNNING trials, which can
 * only be bad — treating the points other workers are evaluating as bad steers this worker away
 * from them. Rejected trials (refused before evaluation, e.g. a network over max-params) rank
 * below all of these and are never good, so the search learns to leave their region. Other
 * failed trials say nothing about the objective and are left out. The best
 * {@link #gamma(int) γ(n)} ranked trials are good, never a running or rejected one.
 *
 * @param good the good trials, in trial-number order
 * @param bad  the bad trials, in trial-number order
 */
record GoodBadSplit(List<FrozenTrial> good, List<FrozenTrial> bad) {

    /** The largest good group: beyond it the good model would only get blurrier. */
    static final int MAX_GOOD = 25;
    /** The number of trials from which on γ is {@value #MAX_GOOD}. */
    static final int FULL_GOOD_AT = 10 * MAX_GOOD - 9;

    /** How many of n ranked trials are good: ceil(n / 10), at most {@value #MAX_GOOD}. */
    static int gamma(int n) {
        return Math.min(MAX_GOOD, (n + 9) / 10);
    }

    /**
     * The trials TPE learns from, best first: COMPLETE (by value), PRUNED (by step reached, then
     * value), rejected, and, when {@code liar}, RUNNING trials other than the one being sampled.
     */
    static List<FrozenTrial> rank(List<FrozenTrial> trials, Direction direction, int current, boolean liar) {
        List<FrozenTrial> finished = new ArrayList<>();
        List<FrozenTrial> running = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (isRanked(t)) {
                finished.add(t);
            } else if (liar && t.state() == TrialState.RUNNING && t.number() != current) {
                running.add(t);
            }
        }
        finished.sort(ranking(direction));
        running.sort(Comparator.comparingInt(FrozenTrial::number));
        finished.addAll(running);
        return finished;
    }

    /** Whether a trial is ranked: COMPLETE with one value, PRUNED, or rejected. */
    static boolean isRanked(FrozenTrial t) {
        return (t.state() == TrialState.COMPLETE && t.values().size() == 1) || t.state() == TrialState.PRUNED
                || t.isRejected();
    }

    /** The order of ranked trials, best first; ties go to the lower trial number. */
    static Comparator<FrozenTrial> ranking(Direction direction) {
        Comparator<Key> order = Comparator.comparingInt(Key::tier).thenComparingDouble(Key::step)
                .thenComparingDouble(Key::value).thenComparingInt(Key::number);
        return (a, b) -> order.compare(key(a, direction), key(b, direction));
    }

    private static Key key(FrozenTrial t, Direction direction) {
        if (t.state() == TrialState.COMPLETE) {
            return new Key(0, 0, direction.toMinimization(t.value()), t.number());
        }
        if (t.isRejected()) {
            return new Key(3, 0, 0, t.number());
        }
        Map.Entry<Integer, Double> last = lastFinite(t);
        return last == null ? new Key(2, 0, 0, t.number())
                : new Key(1, -last.getKey(), direction.toMinimization(last.getValue()), t.number());
    }

    private static Map.Entry<Integer, Double> lastFinite(FrozenTrial t) {
        Map.Entry<Integer, Double> last = null;
        for (Map.Entry<Integer, Double> e : t.intermediateValues().entrySet()) {
            if (!e.getValue().isNaN()) {
                last = e;
            }
        }
        return last;
    }

    private record Key(int tier, double step, double value, int number) {
    }

    /**
     * Splits the ranked trials that pass {@code uses} (e.g. those that have a parameter):
     * the first γ(n) of them are good, unless running.
     */
    static GoodBadSplit of(List<FrozenTrial> ranked, Predicate<FrozenTrial> uses) {
        List<FrozenTrial> byNumber = new ArrayList<>(ranked);
        byNumber.sort(Comparator.comparingInt(FrozenTrial::number));
        return of(ranked, byNumber, uses, Integer.MAX_VALUE);
    }

    /**
     * {@link #of(List, Predicate)} keeping only the {@code maxBad} most recent bad trials, given
     * the same trials also in trial-number order. It looks at O(γ + maxBad) trials, not all:
     * γ(n) stops growing at n = {@value #FULL_GOOD_AT}, so counting further is pointless.
     */
    static GoodBadSplit of(List<FrozenTrial> ranked, List<FrozenTrial> byNumber, Predicate<FrozenTrial> uses,
                           int maxBad) {
        // each loop is a method of its own, so that the JIT compiles small units once (see ParzenEstimator)
        int nGood = gamma(countUsing(byNumber, uses, FULL_GOOD_AT));
        Set<FrozenTrial> isGood = Collections.newSetFromMap(new IdentityHashMap<>());
        List<FrozenTrial> good = best(ranked, uses, nGood, isGood);
        List<FrozenTrial> bad = latestOthers(byNumber, uses, maxBad, isGood);
        good.sort(Comparator.comparingInt(FrozenTrial::number));
        return new GoodBadSplit(List.copyOf(good), List.copyOf(bad));
    }

    /** How many trials pass {@code uses}, counting up to {@code limit}. */
    private static int countUsing(List<FrozenTrial> trials, Predicate<FrozenTrial> uses, int limit) {
        int n = 0;
        for (int i = 0; i < trials.size() && n < limit; i++) {
            if (uses.test(trials.get(i))) {
                n++;
            }
        }
        return n;
    }

    /** The first {@code n} ranked trials that pass {@code uses}, neither running nor rejected; also added to {@code chosen}. */
    private static List<FrozenTrial> best(List<FrozenTrial> ranked, Predicate<FrozenTrial> uses, int n,
                                          Set<FrozenTrial> chosen) {
        List<FrozenTrial> out = new ArrayList<>(n);
        for (int i = 0; i < ranked.size() && out.size() < n; i++) {
            FrozenTrial t = ranked.get(i);
            if (t.state() != TrialState.RUNNING && !t.isRejected() && uses.test(t)) {
                out.add(t);
                chosen.add(t);
            }
        }
        return out;
    }

    /** The {@code max} most recent trials that pass {@code uses} and are not in {@code excluded}, in number order. */
    private static List<FrozenTrial> latestOthers(List<FrozenTrial> byNumber, Predicate<FrozenTrial> uses, int max,
                                                  Set<FrozenTrial> excluded) {
        List<FrozenTrial> out = new ArrayList<>();
        for (int i = byNumber.size() - 1; i >= 0 && out.size() < max; i--) {
            FrozenTrial t = byNumber.get(i);
            if (!excluded.contains(t) && uses.test(t)) {
                out.add(t);
            }
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * Weights of a group's observations in trial-number order: equal for up to
     * {@value #MAX_GOOD}; beyond that the most recent {@value #MAX_GOOD} keep weight 1 and older
     * ones fade linearly towards 1/n, since early trials were sampled from a cruder model and say
     * less about where the search now is.
     */
    static double[] weights(int n) {
        double[] w = new double[n];
        int ramp = n - MAX_GOOD;
        for (int i = 0; i < n; i++) {
            if (i >= ramp) {
                w[i] = 1;
            } else {
                w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
            }
        }
        return w;
    }
}
