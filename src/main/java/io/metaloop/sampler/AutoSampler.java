package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.space.Layout;
import io.metaloop.space.ParamSpec;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.List;
import java.util.Map;

/**
 * The default sampler: picks one of the others from the study's search space and directions,
 * by rules measured on the benchmark functions and the layout toys (see docs/study-files.md, "auto"):
 * <ul>
 *   <li>a layer layout (a parameter {@code blocks}) → {@link HybridSampler}: genetic search over
 *       the layout with BOBYQA refining the continuous hyperparameters (with several objectives,
 *       the genetic search alone, ranked by Pareto fronts);</li>
 *   <li>a single objective and at least {@value #MIN_BOBYQA_PARAMS} numeric parameters without
 *       conditions, at least as many as all the other parameters → {@link BobyqaSampler}
 *       (its categorical and conditional parameters by TPE): model-based local search with
 *       restarts was far ahead wherever the space is mostly continuous;</li>
 *   <li>anything else — mostly categorical or conditional spaces, one numeric parameter, several
 *       objectives — → {@link TpeSampler}, which models each parameter on its own and needs no
 *       smooth landscape.</li>
 * </ul>
 * The choice is a function of the declared space (for define-by-run studies: of the first
 * finished trial's parameters, as for BOBYQA), so every process and every resume makes the same
 * one; before anything is known it is TPE, which samples at random for its startup trials.
 */
public final class AutoSampler implements Sampler {

    /** BOBYQA's own minimum dimension; below it, padding costs more than TPE's model gains. */
    static final int MIN_BOBYQA_PARAMS = 2;

    private final long seed;
    private final TpeSampler tpe;
    private final BobyqaSampler bobyqa;
    private final HybridSampler hybrid;

    /** An auto sampler; {@code seed} seeds whichever sampler it picks. */
    public AutoSampler(long seed) {
        this.seed = seed;
        this.tpe = new TpeSampler(seed);
        this.bobyqa = new BobyqaSampler(seed);
        this.hybrid = new HybridSampler(seed);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Which sampler the rules pick for this history: {@code "hybrid"}, {@code "bobyqa"} or {@code "tpe"}. */
    public static String choice(StudyHistory history) {
        List<ParamSpec> params = JointSpace.of(history);
        if (hasLayout(params)) {
            return "hybrid";
        }
        if (history.directions().size() != 1) {
            return "tpe";
        }
        int numeric = BobyqaSampler.params(history).size();
        int others = params.size() - numeric;
        return numeric >= MIN_BOBYQA_PARAMS && numeric >= others ? "bobyqa" : "tpe";
    }

    /** A one-line account of the choice, for the user. */
    public static String describe(StudyHistory history) {
        String picked = choice(history);
        List<ParamSpec> params = JointSpace.of(history);
        if (params.isEmpty()) {
            return "tpe until the first trial shows the parameters";
        }
        if (picked.equals("hybrid")) {
            List<String> continuous = HybridSampler.continuousParams(params);
            if (history.directions().size() != 1 || continuous.isEmpty()) {
                return "hybrid (a layer layout; genetic search over all " + params.size() + " parameters"
                        + (continuous.isEmpty() ? ", none continuous to refine)" : ", several objectives: no refinement)");
            }
            return "hybrid (a layer layout: genetic search over all " + params.size() + " parameters, bobyqa refining "
                    + String.join(", ", continuous) + " of the best trial after each generation)";
        }
        int numeric = BobyqaSampler.params(history).size();
        String what = numeric + " of " + params.size() + " parameters numeric and unconditional";
        if (history.directions().size() != 1) {
            return "tpe (several objectives)";
        }
        return picked.equals("bobyqa") ? "bobyqa (" + what + "; the others by tpe)" : "tpe (" + what + ")";
    }

    private static boolean hasLayout(List<ParamSpec> params) {
        return params.stream().anyMatch(p -> p.name().equals(Layout.BLOCKS));
    }

    private Sampler pick(StudyHistory history) {
        return switch (choice(history)) {
            case "hybrid" -> hybrid;
            case "bobyqa" -> bobyqa;
            default -> tpe;
        };
    }

    @Override
    public Map<String, Object> beforeTrial(StudyHistory history, FrozenTrial trial) {
        return pick(history).beforeTrial(history, trial);
    }

    @Override
    public Map<String, Distribution> relativeSearchSpace(StudyHistory history, FrozenTrial trial) {
        return pick(history).relativeSearchSpace(history, trial);
    }

    @Override
    public Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial, Map<String, Distribution> space) {
        return pick(history).sampleRelative(history, trial, space);
    }

    @Override
    public Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution) {
        return pick(history).sampleIndependent(history, trial, name, distribution);
    }
}
