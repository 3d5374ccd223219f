package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters that the joint samplers (grid, Sobol) place together: the study's declared
 * space when it has one, otherwise the parameters of the study's lowest-numbered COMPLETE or
 * PRUNED trial, so that define-by-run objectives work from their second trial on. Failed trials
 * are passed over because they may have stopped before asking for every parameter.
 *
 * <p>Parameters taken from a trial are ordered by name, not by the order the objective asked
 * for them, so that every process sees the same order whatever order its storage returns.
 */
final class JointSpace {

    private JointSpace() {
    }

    /** The declared parameters, or those of the first finished trial, or none yet. */
    static List<ParamSpec> of(StudyHistory history) {
        SearchSpace declared = history.declaredSpace();
        if (isDeclared(history)) {
            return declared.params();
        }
        for (FrozenTrial t : history.trials()) {
            if ((t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) && !t.distributions().isEmpty()) {
                List<ParamSpec> out = new ArrayList<>();
                for (Map.Entry<String, Distribution> e : new TreeMap<>(t.distributions()).entrySet()) {
                    out.add(ParamSpec.of(e.getKey(), e.getValue()));
                }
                return List.copyOf(out);
            }
        }
        return List.of();
    }

    /** Whether the study declared its space up front (then no trial needs to be read). */
    static boolean isDeclared(StudyHistory history) {
        SearchSpace declared = history.declaredSpace();
        return declared != null && !declared.isEmpty();
    }
}
