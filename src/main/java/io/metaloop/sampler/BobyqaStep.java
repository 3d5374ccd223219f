package io.metaloop.sampler;

import io.metaloop.study.FrozenTrial;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a trial sits in the BOBYQA replay: the restart it belongs to, its evaluation index within
 * that restart, and the unit-cube point the optimizer asked for. Stored as the trial's system
 * attribute {@value #ATTR}, so any process replaying the study matches trials exactly rather than
 * by their rounded parameter values.
 *
 * @param space names the parameters the point is over; a trial of another space never matches
 * @param run   the restart number, from 0
 * @param eval  the evaluation index within the restart, from 0
 * @param x     the optimizer's continuous point (padded dimensions included)
 */
record BobyqaStep(String space, int run, int eval, double[] x) {

    /** The system attribute holding a trial's step. */
    static final String ATTR = "metaloop:bobyqa";

    /** The attribute value: a JSON object. */
    Map<String, Object> toAttr() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("space", space);
        m.put("run", run);
        m.put("eval", eval);
        m.put("x", PointAttrs.toList(x));
        return m;
    }

    /** The trial's step, if it has a well-formed one (attributes come back from JSON as any number type). */
    static Optional<BobyqaStep> of(FrozenTrial t) {
        if (!(t.systemAttrs().get(ATTR) instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        if (!(m.get("space") instanceof String space) || !(m.get("run") instanceof Number run)
                || !(m.get("eval") instanceof Number eval)) {
            return Optional.empty();
        }
        return PointAttrs.fromList(m.get("x")).map(x -> new BobyqaStep(space, run.intValue(), eval.intValue(), x));
    }

    /** Whether this step's point is the point {@code y} (equal up to JSON round-off). */
    boolean sameRunPoint(int run, int eval, double[] y) {
        if (this.run != run || this.eval != eval || x.length != y.length) {
            return false;
        }
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(x[i] - y[i]) > 1e-12) {
                return false;
            }
        }
        return true;
    }
}
