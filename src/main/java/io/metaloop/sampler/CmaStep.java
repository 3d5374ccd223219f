package io.metaloop.sampler;

import io.metaloop.study.FrozenTrial;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A trial's place in a CMA-ES search: restart, generation within it, index within the
 * generation, and the unit-cube point. Stored as system attribute {@value #ATTR}.
 *
 * @param space   names the parameters (a trial over another space never matches)
 * @param restart the IPOP restart, from 0
 * @param gen     the generation within the restart, from 0
 * @param index   the sample within the generation; indices past the population are extra samples
 *                given to parallel workers while a generation is still running
 * @param x       the point in the unit cube
 */
record CmaStep(String space, int restart, int gen, int index, double[] x) {

    /** The system attribute holding a trial's step. */
    static final String ATTR = "metaloop:cmaes";

    Map<String, Object> toAttr() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("space", space);
        m.put("restart", restart);
        m.put("gen", gen);
        m.put("index", index);
        m.put("x", PointAttrs.toList(x));
        return m;
    }

    static Optional<CmaStep> of(FrozenTrial t) {
        if (!(t.systemAttrs().get(ATTR) instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        if (!(m.get("space") instanceof String space) || !(m.get("restart") instanceof Number r)
                || !(m.get("gen") instanceof Number g) || !(m.get("index") instanceof Number k)) {
            return Optional.empty();
        }
        return PointAttrs.fromList(m.get("x")).map(x -> new CmaStep(space, r.intValue(), g.intValue(), k.intValue(), x));
    }

    /** Packs (restart, generation) into one map key. */
    static long generationKey(int restart, int gen) {
        return ((long) restart << 32) | (gen & 0xffffffffL);
    }
}
