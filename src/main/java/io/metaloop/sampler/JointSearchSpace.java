package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.study.FrozenTrial;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters multivariate TPE models jointly: those that every ranked trial (COMPLETE,
 * PRUNED or rejected) has, with the same distribution (the intersection of their spaces). Parameters with a single
 * possible value are left out, as there is nothing to choose. Ordered by name, so that every
 * process builds the same joint model whatever order its storage returns parameters in.
 */
final class JointSearchSpace {

    private JointSearchSpace() {
    }

    /** The intersection of the finished trials' distributions; empty before any trial finished. */
    static Map<String, Distribution> of(List<FrozenTrial> trials) {
        Map<String, Distribution> common = null;
        for (FrozenTrial t : trials) {
            if (!GoodBadSplit.isRanked(t)) {
                continue;
            }
            if (common == null) {
                common = new TreeMap<>(t.distributions());
            } else {
                common.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
            }
            if (common.isEmpty()) {
                break;
            }
        }
        if (common == null) {
            return Map.of();
        }
        common.values().removeIf(Distribution::isSingle);
        return Collections.unmodifiableMap(common);
    }
}
