package io.metaloop.sampler;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * TPE's division of the trials into a small <em>good</em> group and the <em>bad</em> rest.
 *
 * <p>Trials are ranked: COMPLETE trials by value; then PRUNED trials, those that got further
 * first (a trial stopped at epoch 20 beat one stopped at epoch 2, whatever their values) and by
 * their last reported value among equals; then, as the constant liar, RUNNING trials, which can
 * only be bad — treating the points other workers are evaluating as bad steers this worker away
 * from them. Failed trials say nothing about the objective and are left out. The best
 * {@link #gamma(int) γ(n)} ranked trials are good, never a running one.
 *
 * @param good the good trials, in trial-number order
 * @param bad  the bad trials, in trial-number order
 */
record GoodBadSplit(List<FrozenTrial> good, List<FrozenTrial> bad) {

    /** The largest good group: beyond it the good model would only get blurrier. */
    static final int MAX_GOOD = 25;

    /** How many of n ranked trials are good: ceil(n / 10), at most {@value #MAX_GOOD}. */
    static int gamma(int n) {
        return Math.min(MAX_GOOD, (n + 9) / 10);
    }

    /**
     * The trials TPE learns from, best first: COMPLETE (by value), PRUNED (by step reached, then
     * value), and, when {@code liar}, RUNNING trials other than the one being sampled.
     */
    static List<FrozenTrial> rank(List<FrozenTrial> trials, Direction direction, int current, boolean liar) {
        List<Ranked> ranked = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.number() == current) {
                continue;
            }
            switch (t.state()) {
                case COMPLETE -> {
                    if (t.values().size() == 1) {
                        ranked.add(new Ranked(t, 0, 0, direction.toMinimization(t.value())));
                    }
                }
                case PRUNED -> {
                    Map.Entry<Integer, Double> last = lastFinite(t);
                    ranked.add(last == null ? new Ranked(t, 2, 0, 0)
                            : new Ranked(t, 1, -last.getKey(), direction.toMinimization(last.getValue())));
                }
                case RUNNING -> {
                    if (liar) {
                        ranked.add(new Ranked(t, 3, 0, 0));
                    }
                }
                default -> {
                    // FAIL and WAITING trials carry no information about the objective
                }
            }
        }
        ranked.sort(Comparator.comparingInt(Ranked::tier).thenComparingDouble(Ranked::step)
                .thenComparingDouble(Ranked::value).thenComparingInt(r -> r.trial().number()));
        return ranked.stream().map(Ranked::trial).toList();
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

    /**
     * Splits the ranked trials that pass {@code uses} (e.g. those that have a parameter):
     * the first γ(n) of them are good, unless running.
     */
    static GoodBadSplit of(List<FrozenTrial> ranked, Predicate<FrozenTrial> uses) {
        List<FrozenTrial> usable = ranked.stream().filter(uses).toList();
        int nGood = gamma(usable.size());
        List<FrozenTrial> good = new ArrayList<>();
        List<FrozenTrial> bad = new ArrayList<>();
        for (FrozenTrial t : usable) {
            if (good.size() < nGood && t.state() != TrialState.RUNNING) {
                good.add(t);
            } else {
                bad.add(t);
            }
        }
        Comparator<FrozenTrial> byNumber = Comparator.comparingInt(FrozenTrial::number);
        good.sort(byNumber);
        bad.sort(byNumber);
        return new GoodBadSplit(List.copyOf(good), List.copyOf(bad));
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

    private record Ranked(FrozenTrial trial, int tier, double step, double value) {
    }
}
