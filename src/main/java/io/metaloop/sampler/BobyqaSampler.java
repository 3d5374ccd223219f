package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.SystemAttrs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Powell's BOBYQA (Commons Math's {@code BOBYQAOptimizer}), a trust-region method on quadratic
 * models, inside the ask/tell loop by replay ({@link BobyqaReplay}): each trial's place in the
 * search — restart, evaluation index, point — is stored as its system attribute
 * {@value BobyqaStep#ATTR}, and the next point is found by running the optimizer again on the
 * stored values. Nothing else is kept, so any process can continue a study and a resumed study
 * proposes what an uninterrupted one would have (one worker). Running trials are answered with a
 * constant liar, so parallel workers get different points.
 *
 * <p><b>Space.</b> The numeric parameters of the declared space that have no condition (or, for
 * define-by-run objectives, those of the first finished trial), each mapped to [0, 1] by
 * {@link Distributions} — log ranges in the logarithm, integers and steps rounded, so the
 * objective sees the rounded value and the optimizer its continuous point. A single numeric
 * parameter is padded with a dimension nothing reads, since BOBYQA needs two: it costs two extra
 * evaluations per restart and keeps one code path. Categorical and conditional parameters go to
 * {@link TpeSampler}, as does everything before the space is known.
 *
 * <p>Single-objective studies only; with several objectives every parameter goes to TPE.
 */
public final class BobyqaSampler implements Sampler {

    private final long seed;
    private final TpeSampler tpe;
    /** Steps proposed by this process, until their attribute can be read back from storage. */
    private final Map<Long, BobyqaStep> proposed = RecentTrials.map();

    /** A BOBYQA sampler; {@code seed} chooses the restart points and TPE's draws. */
    public BobyqaSampler(long seed) {
        this.seed = seed;
        this.tpe = new TpeSampler(seed);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    @Override
    public Map<String, Object> beforeTrial(StudyHistory history, FrozenTrial trial) {
        if (history.directions().size() != 1 || trial.systemAttrs().containsKey(SystemAttrs.FIXED_PARAMS)) {
            return Map.of();
        }
        Map<String, Distribution> params = params(history);
        if (params.isEmpty()) {
            return Map.of();
        }
        // one replay at a time, so that this process's parallel trials see each other's steps
        synchronized (proposed) {
            BobyqaLedger ledger = new BobyqaLedger(key(params), params, history.directions().get(0), history.trials(), proposed);
            BobyqaStep step = new BobyqaReplay(dims(params), seed).next(ledger, key(params));
            if (step == null) {
                return Map.of();
            }
            proposed.put(trial.id(), step);
            return Map.of(BobyqaStep.ATTR, step.toAttr());
        }
    }

    @Override
    public Map<String, Distribution> relativeSearchSpace(StudyHistory history, FrozenTrial trial) {
        Map<String, Distribution> params = params(history);
        return BobyqaStep.of(trial).filter(s -> s.space().equals(key(params))).isPresent() ? params : Map.of();
    }

    @Override
    public Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial, Map<String, Distribution> space) {
        BobyqaStep step = BobyqaStep.of(trial).orElse(null);
        if (step == null || !step.space().equals(key(space))) {
            return Map.of();
        }
        return Distributions.fromUnit(space, step.x());
    }

    /** Categorical and conditional parameters, and all of them before the space is known: TPE. */
    @Override
    public Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution) {
        return tpe.sampleIndependent(history, trial, name, distribution);
    }

    /** The parameters BOBYQA places, in coordinate order. */
    static Map<String, Distribution> params(StudyHistory history) {
        boolean conditionsKnown = JointSpace.isDeclared(history);
        List<ParamSpec> specs = JointSpace.of(history);
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (ParamSpec p : specs) {
            boolean numeric = !(p.distribution() instanceof CategoricalDistribution) && !p.distribution().isSingle();
            if (numeric && (!conditionsKnown || p.condition() == null)) {
                out.put(p.name(), p.distribution());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Identifies the space in stored steps, so that steps over another space are never matched. */
    static String key(Map<String, Distribution> params) {
        return String.join(",", params.keySet());
    }

    /** The optimizer's dimension: the parameters, padded to BOBYQA's minimum of two. */
    static int dims(Map<String, Distribution> params) {
        return Math.max(2, params.size());
    }
}
