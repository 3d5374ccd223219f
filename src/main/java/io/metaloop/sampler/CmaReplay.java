package io.metaloop.sampler;

import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rebuilds a CMA-ES search from the stored trials and names the next sample. Generation g of
 * restart r draws its samples from streams derived from (seed, r, g, index), so its points are a
 * function of the state, which is a function of the earlier, finished generations. A generation
 * is used for an update once each of its first λ samples is finished; until then new trials take
 * its free indices, then extra samples (index ≥ λ) of the same distribution, so parallel workers
 * never wait and never share a point. IPOP: a stagnated run restarts from a seeded point with
 * twice the population.
 */
final class CmaReplay {

    /** The first step size, in unit-cube coordinates. */
    static final double SIGMA0 = 0.2;
    private static final int MAX_RESAMPLES = 50;
    private static final double FAILED = Double.POSITIVE_INFINITY;

    private final int n;
    private final long seed;
    private final int population;
    private final boolean separable;
    private final SobolSampler starts;

    CmaReplay(int n, long seed, int population, boolean separable) {
        this.n = n;
        this.seed = seed;
        this.population = population;
        this.separable = separable;
        this.starts = new SobolSampler(seed);
    }

    /** The point restart {@code r} starts from: the centre, then seeded Sobol points. */
    double[] start(int restart) {
        if (restart == 0) {
            double[] c = new double[n];
            Arrays.fill(c, 0.5);
            return c;
        }
        return starts.unitPoint(restart - 1, n);
    }

    /** The next step, given the stored trials and the steps this process proposed. */
    CmaStep next(String space, Direction direction, List<FrozenTrial> trials, Map<Long, CmaStep> proposed) {
        Map<Long, Map<Integer, Double>> outcomes = outcomes(space, direction, trials, proposed);
        int restart = 0;
        int lambda = population;
        CmaState state = new CmaState(start(0), SIGMA0, lambda, separable);
        Deque<Double> bests = new ArrayDeque<>();
        while (true) {
            int gen = state.generation();
            Map<Integer, Double> held = outcomes.getOrDefault(CmaStep.generationKey(restart, gen), Map.of());
            double[][] points = new double[lambda][];
            boolean running = false;
            for (int k = 0; k < lambda; k++) {
                points[k] = point(state, restart, gen, k);
                Double v = held.get(k);
                if (v == null) {
                    return new CmaStep(space, restart, gen, k, points[k]);
                }
                running |= Double.isNaN(v);
            }
            if (running) {
                int k = lambda;
                while (held.containsKey(k)) {
                    k++;
                }
                return new CmaStep(space, restart, gen, k, point(state, restart, gen, k));
            }
            Integer[] order = new Integer[lambda];
            for (int k = 0; k < lambda; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> Double.compare(held.get(a), held.get(b)));
            double[][] sorted = new double[lambda][];
            for (int k = 0; k < lambda; k++) {
                sorted[k] = points[order[k]];
            }
            state.update(sorted);
            bests.addLast(held.get(order[0]));
            int window = 10 + (int) Math.ceil(30.0 * n / lambda);
            while (bests.size() > window) {
                bests.removeFirst();
            }
            // flat: the window of generation bests, or this generation's values, span nothing
            double range = bests.size() < window ? Double.POSITIVE_INFINITY
                    : bests.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                    - bests.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double genRange = held.get(order[lambda - 1]) - held.get(order[0]);
            double flatness = Math.min(Double.isNaN(range) ? Double.POSITIVE_INFINITY : range,
                    Double.isNaN(genRange) ? Double.POSITIVE_INFINITY : genRange);
            if (state.stagnated(flatness)) {
                restart++;
                lambda *= 2;
                state = new CmaState(start(restart), SIGMA0, lambda, separable);
                bests.clear();
            }
        }
    }

    /** Sample k of a generation, redrawn (from the same stream) until it lies in the unit cube. */
    private double[] point(CmaState state, int restart, int gen, int k) {
        SplittableRandom rng = SeededRandom.of(seed, gen, "cmaes:" + restart + ":" + k);
        double[] x = state.sample(rng);
        for (int tries = 1; tries < MAX_RESAMPLES && !inside(x); tries++) {
            x = state.sample(rng);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(1, Math.max(0, x[i]));
        }
        return x;
    }

    private static boolean inside(double[] x) {
        for (double v : x) {
            if (v < 0 || v > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per generation, per index: the value to rank by (minimised), +∞ for failures, NaN while
     * running. Interrupted or lost trials hold nothing, so their index is proposed again.
     */
    private static Map<Long, Map<Integer, Double>> outcomes(String space, Direction direction, List<FrozenTrial> trials,
                                                            Map<Long, CmaStep> proposed) {
        double sign = direction == Direction.MAXIMIZE ? -1 : 1;
        Map<Long, Map<Integer, Double>> out = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        for (FrozenTrial t : trials) {
            seen.add(t.id());
            CmaStep step = CmaStep.of(t).orElse(t.state() == TrialState.RUNNING ? proposed.get(t.id()) : null);
            if (step == null || !step.space().equals(space)) {
                continue;
            }
            Double v = switch (t.state()) {
                case COMPLETE -> Double.isFinite(t.value()) ? sign * t.value() : FAILED;
                case PRUNED -> t.values().size() == 1 ? sign * t.value() : FAILED;
                case RUNNING -> Double.NaN;
                case FAIL -> t.isRetryable() ? null : FAILED;
                default -> null;
            };
            if (v != null) {
                out.computeIfAbsent(CmaStep.generationKey(step.restart(), step.gen()), g -> new HashMap<>())
                        .merge(step.index(), v, CmaReplay::preferFinished);
            }
        }
        for (Map.Entry<Long, CmaStep> e : proposed.entrySet()) {
            CmaStep step = e.getValue();
            if (!seen.contains(e.getKey()) && step.space().equals(space)) {
                out.computeIfAbsent(CmaStep.generationKey(step.restart(), step.gen()), g -> new HashMap<>())
                        .merge(step.index(), Double.NaN, CmaReplay::preferFinished);
            }
        }
        return out;
    }

    /** Of two trials at one index, a value beats a failure, which beats a running trial. */
    private static Double preferFinished(Double a, Double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return Math.min(a, b);
    }
}
