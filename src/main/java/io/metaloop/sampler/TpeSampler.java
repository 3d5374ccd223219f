package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al., 2011). Instead of modelling the
 * objective, TPE models where parameters of <em>good</em> trials lie, l(x), and where those of the
 * other trials lie, g(x) ({@link GoodBadSplit}, {@link ParzenEstimator}); it draws candidates from
 * l and takes the one with the largest l(x)/g(x), which maximises expected improvement under the
 * model. Until {@code startupTrials} trials have finished (by default 10, or one per parameter
 * the finished trials have shown if that is more) it samples at random.
 *
 * <p><b>Joint or independent.</b> With {@code multivariate} (the default) the parameters that
 * every finished trial has, with the same distribution, are modelled jointly, which captures
 * interactions such as a curved valley; the others (conditional parameters) are modelled one by
 * one. Without it every parameter is modelled on its own from the trials that have it.
 *
 * <p><b>No state.</b> A suggestion is a function of the stored trials and of a random stream
 * derived from (seed, trial number, parameter), so a study resumed after a crash proposes what
 * an uninterrupted run would have. What it keeps in memory changes no suggestion: caches of what
 * it derived from finished trials ({@link TrialRanking}, {@link Observations}), which keep the
 * cost per trial flat, and what this process proposed for its own running trials, whose
 * parameters may not be stored yet but which the constant liar must count at once.
 *
 * <p>Single-objective studies only; with several objectives this sampler samples at random.
 */
public final class TpeSampler implements Sampler {

    private static final String RELATIVE = "tpe:joint";
    /**
     * The most bad trials the bad model is fitted to: the most recent ones, which the weights
     * favour anyway. It keeps a trial's cost flat once a study is large; below it (e.g. at 200
     * trials) nothing is left out. 100 halved the cost of the bad model but was measured worse
     * (200 evaluations, 10 seeds: branin 6.1e-3 instead of 3.5e-3, rosenbrock10 830 instead of 600).
     */
    static final int MAX_BAD = 200;

    private final long seed;
    private final TpeOptions options;
    private final RandomSampler random;
    private final RunningParams running = new RunningParams();
    private final Observations observations = new Observations(running);
    private final TrialRanking ranking = new TrialRanking();

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
        return ranking.of(history, trial.number(), options.constantLiar()).jointSpace();
    }

    @Override
    public Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial, Map<String, Distribution> space) {
        TrialRanking.Snapshot ranked = ranking.of(history, trial.number(), options.constantLiar());
        if (space.isEmpty() || !ranked.pastStartup(options)) {
            return Map.of();
        }
        List<String> names = List.copyOf(space.keySet());
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
            TrialRanking.Snapshot ranked = ranking.of(history, trial.number(), options.constantLiar());
            if (ranked.pastStartup(options)) {
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
    private double[] choose(TrialRanking.Snapshot ranked, List<ParamAxis> axes, List<String> names, SplittableRandom rng) {
        Observations.Axes coordinates = observations.on(names, axes);
        GoodBadSplit split = GoodBadSplit.of(ranked.ranked(), ranked.byNumber(), t -> coordinates.of(t) != null, MAX_BAD);
        if (split.good().isEmpty()) {
            return null;
        }
        ParzenEstimator good = fit(split.good(), axes, coordinates);
        ParzenEstimator worse = fit(split.bad(), axes, coordinates);
        double[][] candidates = new double[options.candidates()][];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = good.sample(rng);
        }
        double[] lGood = good.logDensities(candidates);
        double[] lBad = worse.logDensities(candidates);
        int best = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (lGood[i] - lBad[i] > lGood[best] - lBad[best]) {
                best = i;
            }
        }
        return candidates[best];
    }

    private ParzenEstimator fit(List<FrozenTrial> group, List<ParamAxis> axes, Observations.Axes coordinates) {
        double[][] obs = new double[group.size()][];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = coordinates.of(group.get(i));
        }
        return ParzenEstimator.fit(axes, obs, GoodBadSplit.weights(obs.length), options.priorWeight());
    }
}
