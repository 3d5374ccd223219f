package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.Layout;
import io.metaloop.space.ParamSpec;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Ranking;
import io.metaloop.study.TrialState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The refinement trials of {@link HybridSampler}: BOBYQA over the continuous hyperparameters of
 * the study's best trial so far (the <em>incumbent</em>), with everything else about it — its
 * layout, its other categorical parameters — held fixed.
 *
 * <p><b>Which parameters move.</b> A parameter is continuous when it is numeric (float or int
 * with more than one value), not part of a layout ({@link Layout#isLayoutParam}: {@code blocks},
 * {@code block_*}), and no other parameter's condition refers to it (a parent such as a
 * {@code layers} count shapes the space, so it is structure). Of those, refinement moves the ones
 * the incumbent has: a conditional one such as {@code weight_decay} when {@code optimizer} is
 * {@code adamw} moves whenever the incumbent's optimizer is adamw. Everything else the incumbent
 * has is its <em>structure</em>.
 *
 * <p><b>One BOBYQA search per structure.</b> The search is keyed by the structure (a hash of its
 * values), and its ledger sees only the trials with that structure: the genetic search's trials
 * that happened to build it and the refinement trials over it. Its first run starts at the
 * continuous values of the best of those trials that refinement did not propose — normally the
 * genetic trial that found the structure — so a structure's search goes on from phase to phase as
 * long as it stays the incumbent's, and begins again from a better genetic point if one appears.
 * BOBYQA's stored steps ({@value BobyqaStep#ATTR}) and replay do the rest, as for
 * {@link BobyqaSampler}: resumable, and parallel trials get the constant liar.
 *
 * <p>A refinement trial's genotype is the incumbent's with the moved genes replaced by BOBYQA's
 * point, so it can join the genetic search's population. Without an incumbent (no COMPLETE trial
 * yet), without continuous parameters, or when the replay has nothing new to propose, the moved
 * genes (or, without an incumbent, all genes) are drawn at random from (seed, trial number).
 */
final class Refinement {

    /** Prefix of the space key under which refinement trials keep their {@link EvolutionStep}. */
    static final String PREFIX = "refine:";
    /**
     * BOBYQA's first trust radius here, of each unit-cube axis: refinement starts from a point the
     * genetic search already found good, so its first probes are near (a learning rate over
     * 3e-4..1e-2 is tried ×1.4 and ÷1.4). Measured on the layout toys against 0.3, 0.2 and 0.05:
     * refinement trials beat the best trial most often at 0.1 and 0.05, and gained most per trial at 0.1.
     */
    static final double INITIAL_RADIUS = 0.1;
    /**
     * BOBYQA's final trust radius here. A network's accuracy is noisy: steps of a thousandth of an
     * axis measure the noise, so a run ends when its radius reaches this and the next run begins
     * (at a seeded point, as {@link BobyqaSampler}'s restarts do).
     */
    static final double STOPPING_RADIUS = 1e-2;

    private final long seed;
    /** BOBYQA steps proposed by this process, until their attribute can be read back (guarded by the sampler's lock). */
    private final Map<Long, BobyqaStep> proposed = RecentTrials.map();

    Refinement(long seed) {
        this.seed = seed;
    }

    /** The key of the refinement steps of the genetic search over {@code space}. */
    static String key(String space) {
        return PREFIX + space;
    }

    /** The positions (in {@code params}) of the continuous parameters, active or not. */
    static List<Integer> continuous(List<ParamSpec> params) {
        Set<String> parents = new HashSet<>();
        for (ParamSpec p : params) {
            if (p.condition() != null) {
                parents.add(p.condition().parameter());
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < params.size(); j++) {
            ParamSpec p = params.get(j);
            boolean numeric = !(p.distribution() instanceof CategoricalDistribution) && !p.distribution().isSingle();
            if (numeric && !Layout.isLayoutParam(p.name()) && !parents.contains(p.name())) {
                out.add(j);
            }
        }
        return out;
    }

    /**
     * The genotype of the next refinement trial {@code trial} of the genetic search over
     * {@code params} ({@code space} its key); its BOBYQA step, if any, is put into {@code attrs}.
     * {@code running} holds the genotypes of the running trials, whose parameters may not be
     * stored yet: no refinement trial may evaluate what one of them does.
     */
    double[] genotype(List<ParamSpec> params, String space, Direction direction, List<FrozenTrial> trials,
                      List<double[]> running, FrozenTrial trial, Map<String, Object> attrs) {
        SplittableRandom random = SeededRandom.of(seed, trial.number(), "hybrid:refine");
        FrozenTrial incumbent = Ranking.best(trials, direction).orElse(null);
        if (incumbent == null) {
            return random.doubles(params.size()).toArray();
        }
        double[] x = genes(incumbent, params, space);
        List<Integer> moved = continuous(params).stream().filter(j -> incumbent.params().containsKey(params.get(j).name())).toList();
        if (moved.isEmpty()) {
            return random.doubles(params.size()).toArray();
        }
        Map<String, Distribution> axes = new LinkedHashMap<>();
        moved.forEach(j -> axes.put(params.get(j).name(), params.get(j).distribution()));
        Structure structure = Structure.of(incumbent, axes);
        String key = "hybrid:" + BobyqaSampler.key(axes) + "@" + structure.fingerprint();
        List<FrozenTrial> same = trials.stream()
                .filter(t -> key.equals(stepKey(t)) || structure.holds(t.params(), t.distributions(), axes)).toList();
        double[] start = start(same, space, direction, params).orElse(x);
        double[] first = new double[BobyqaSampler.dims(axes)];
        Arrays.fill(first, 0.5);
        for (int i = 0; i < moved.size(); i++) {
            first[i] = start[moved.get(i)];
        }
        BobyqaLedger ledger = new BobyqaLedger(key, axes, direction, same, proposed);
        Map<String, Distribution> declared = EvolutionSampler.distributions(params);
        for (double[] r : running) {
            if (structure.holds(Breeder.configuration(params, r), declared, axes)) {
                ledger.running(moved.stream().mapToDouble(j -> r[j]).toArray());
            }
        }
        BobyqaStep step = new BobyqaReplay(first.length, seed, first, INITIAL_RADIUS, STOPPING_RADIUS).next(ledger, key);
        for (int i = 0; i < moved.size(); i++) {
            x[moved.get(i)] = step == null ? random.nextDouble() : step.x()[i];
        }
        if (step != null) {
            proposed.put(trial.id(), step);
            attrs.put(BobyqaStep.ATTR, step.toAttr());
        }
        return x;
    }

    /** The genotype of the best trial of {@code same} that refinement did not propose, if any. */
    private static Optional<double[]> start(List<FrozenTrial> same, String space, Direction direction,
                                            List<ParamSpec> params) {
        List<FrozenTrial> found = same.stream()
                .filter(t -> EvolutionStep.of(t).map(s -> !s.space().equals(key(space))).orElse(true))
                .toList();
        return Ranking.best(found, direction).map(t -> genes(t, params, space));
    }

    /** The key of a trial's BOBYQA step (stored, or proposed by this process while it runs), or null. */
    private String stepKey(FrozenTrial t) {
        Optional<BobyqaStep> step = BobyqaStep.of(t);
        if (step.isEmpty() && t.state() == TrialState.RUNNING) {
            step = Optional.ofNullable(proposed.get(t.id()));
        }
        return step.map(BobyqaStep::space).orElse(null);
    }

    /**
     * A trial's genotype over {@code params}: the one it was bred or refined with, else one
     * derived from its values (unit positions; 0.5 for parameters it does not have).
     */
    static double[] genes(FrozenTrial t, List<ParamSpec> params, String space) {
        Optional<EvolutionStep> step = EvolutionStep.of(t)
                .filter(s -> (s.space().equals(space) || s.space().equals(key(space))) && s.x().length == params.size());
        if (step.isPresent()) {
            return step.get().x().clone();
        }
        double[] x = new double[params.size()];
        for (int j = 0; j < x.length; j++) {
            ParamSpec p = params.get(j);
            boolean has = t.params().containsKey(p.name()) && p.distribution().equals(t.distributions().get(p.name()));
            x[j] = has ? Distributions.toUnit(p.distribution(), t.params().get(p.name())) : 0.5;
        }
        return x;
    }

    /**
     * The fixed part of a configuration: every parameter but the moved ones, with its internal
     * value and distribution.
     */
    private record Structure(Map<String, Double> values, Map<String, Distribution> distributions) {

        static Structure of(FrozenTrial t, Map<String, Distribution> axes) {
            Map<String, Double> values = new TreeMap<>();
            Map<String, Distribution> distributions = new TreeMap<>();
            for (String name : t.params().keySet()) {
                if (!axes.containsKey(name)) {
                    values.put(name, t.internalParam(name));
                    distributions.put(name, t.distributions().get(name));
                }
            }
            return new Structure(values, distributions);
        }

        /**
         * Whether a configuration ({@code params} with their {@code dists}) has exactly this
         * structure and the moved parameters, over the same distributions.
         */
        boolean holds(Map<String, Object> params, Map<String, Distribution> dists, Map<String, Distribution> axes) {
            if (params.size() != values.size() + axes.size()) {
                return false;
            }
            for (Map.Entry<String, Distribution> a : axes.entrySet()) {
                if (!params.containsKey(a.getKey()) || !a.getValue().equals(dists.get(a.getKey()))) {
                    return false;
                }
            }
            for (Map.Entry<String, Double> e : values.entrySet()) {
                Distribution d = distributions.get(e.getKey());
                if (!params.containsKey(e.getKey()) || !d.equals(dists.get(e.getKey()))
                        || d.toInternal(params.get(e.getKey())) != e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        /** A short, stable name: 16 hex digits of the SHA-256 of the names and internal values. */
        String fingerprint() {
            StringBuilder sb = new StringBuilder();
            values.forEach((name, v) -> sb.append(name).append('=').append(v).append(';'));
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
