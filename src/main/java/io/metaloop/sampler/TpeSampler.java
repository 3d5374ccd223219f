package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al., 2011). Instead of modelling the
 * objective, TPE models where parameters of <em>good</em> trials lie, l(x), and where those of the
 * other trials lie, g(x) ({@link GoodBadSplit}, {@link ParzenEstimator}); it draws candidates from
 * l and takes the one with the largest l(x)/g(x), which maximises expected improvement under the
 * model. Until {@code startupTrials} trials have finished it samples at random.
 *
 * <p><b>Independent or joint.</b> By default each parameter is modelled on its own, from the
 * trials that have it — so conditional parameters need no special care. With
 * {@code multivariate}, the parameters that every finished trial has (with the same
 * distribution) are modelled jointly, which captures interactions such as a valley along a
 * diagonal; parameters outside that set are still modelled one by one.
 *
 * <p><b>No state.</b> A suggestion is a function of the stored trials and of a random stream
 * derived from (seed, trial number, parameter), so a study resumed after a crash proposes what
 * an uninterrupted run would have. The one thing kept in memory is what this process proposed
 * for its own running trials, whose parameters may not be stored yet: the constant liar needs
 * them to steer parallel workers apart.
 *
 * <p>Single-objective studies only; with several objectives this sampler samples at random.
 */
public final class TpeSampler implements Sampler {

    private static final String RELATIVE = "tpe:joint";

    private final long seed;
    private final TpeOptions options;
    private final RandomSampler random;
    private final RunningParams running = new RunningParams();
    private final HistoryMemo memo = new HistoryMemo();

    /** A TPE sampler with the given seed and options. */
    public TpeSampler(long seed, TpeOptions options) {
        this.seed = seed;
        this.options = options;
        this.random = new RandomSampler(seed);
    }

    /** A TPE sampler with the default options. */
    public TpeSampler(long seed) {
        this(seed, TpeOptions.defaults());
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The options. */
    public TpeOptions options() {
        return options;
    }

    @Override
    public Map<String, Distribution> relativeSearchSpace(StudyHistory history, FrozenTrial trial) {
        if (!options.multivariate() || history.directions().size() != 1) {
            return Map.of();
        }
        return memo.of(history, trial, options.constantLiar()).jointSpace();
    }

    @Override
    public Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial, Map<String, Distribution> space) {
        Ranked ranked = memo.of(history, trial, options.constantLiar());
        if (space.isEmpty() || ranked.finished() < Math.max(1, options.startupTrials())) {
            return Map.of();
        }
        List<String> names = new ArrayList<>(space.keySet());
        List<ParamAxis> axes = names.stream().map(n -> ParamAxis.of(space.get(n))).toList();
        double[] x = choose(ranked, axes, names, SeededRandom.of(seed, trial.number(), RELATIVE));
        if (x == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            out.put(names.get(j), axes.get(j).value(x[j]));
        }
        running.put(trial.id(), out);
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution) {
        Object value = null;
        if (!distribution.isSingle() && history.directions().size() == 1) {
            Ranked ranked = memo.of(history, trial, options.constantLiar());
            if (ranked.finished() >= Math.max(1, options.startupTrials())) {
                ParamAxis axis = ParamAxis.of(distribution);
                double[] x = choose(ranked, List.of(axis), List.of(name), SeededRandom.of(seed, trial.number(), "tpe:" + name));
                value = x == null ? null : axis.value(x[0]);
            }
        }
        if (value == null) {
            value = random.sampleIndependent(history, trial, name, distribution);
        }
        running.put(trial.id(), name, value);
        return value;
    }

    /**
     * The best of the candidates drawn from the good model by l(x)/g(x), as coordinates; null
     * when no trial has these parameters yet.
     */
    private double[] choose(Ranked ranked, List<ParamAxis> axes, List<String> names, SplittableRandom rng) {
        Predicate<FrozenTrial> hasAll = t -> coordinates(t, axes, names) != null;
        GoodBadSplit split = GoodBadSplit.of(ranked.trials(), hasAll);
        if (split.good().isEmpty()) {
            return null;
        }
        ParzenEstimator good = fit(split.good(), axes, names);
        ParzenEstimator bad = fit(split.bad(), axes, names);
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < options.candidates(); i++) {
            double[] x = good.sample(rng);
            double score = good.logDensity(x) - bad.logDensity(x);
            if (best == null || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return best;
    }

    private ParzenEstimator fit(List<FrozenTrial> group, List<ParamAxis> axes, List<String> names) {
        double[][] obs = new double[group.size()][];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = coordinates(group.get(i), axes, names);
        }
        return ParzenEstimator.fit(axes, obs, GoodBadSplit.weights(obs.length), options.priorWeight());
    }

    /** A trial's coordinates on the axes, or null when it lacks one of the parameters. */
    private double[] coordinates(FrozenTrial t, List<ParamAxis> axes, List<String> names) {
        double[] x = new double[axes.size()];
        for (int j = 0; j < x.length; j++) {
            Object v = t.params().get(names.get(j));
            if (v == null && !t.params().containsKey(names.get(j))) {
                if (t.state() != TrialState.RUNNING || !running.has(t.id(), names.get(j))) {
                    return null;
                }
                v = running.get(t.id(), names.get(j));
            }
            x[j] = axes.get(j).coordinate(v);
            if (Double.isNaN(x[j])) {
                return null;
            }
        }
        return x;
    }

    /**
     * What the sampler derives once per trial from the history: the ranked trials, how many
     * finished, and the joint space.
     */
    record Ranked(StudyHistory history, int number, List<FrozenTrial> trials, int finished,
                  Map<String, Distribution> jointSpace) {
    }

    /** The last trial's {@link Ranked}, so that sampling several parameters ranks the trials once. */
    private static final class HistoryMemo {
        private Ranked last;

        synchronized Ranked of(StudyHistory history, FrozenTrial trial, boolean liar) {
            if (last != null && last.history() == history && last.number() == trial.number()) {
                return last;
            }
            List<FrozenTrial> all = history.trials();
            List<FrozenTrial> ranked = GoodBadSplit.rank(all, history.directions().get(0), trial.number(), liar);
            int finished = 0;
            for (FrozenTrial t : ranked) {
                if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
                    finished++;
                }
            }
            last = new Ranked(history, trial.number(), ranked, finished, JointSearchSpace.of(all));
            return last;
        }
    }
}
