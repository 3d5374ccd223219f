package io.metaloop.sampler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A unit-cube point as it is kept in a trial's system attribute: a JSON list of numbers. Shared
 * by the samplers that record where a trial sits in their replay (BOBYQA, CMA-ES).
 */
final class PointAttrs {

    private PointAttrs() {
    }

    /** The point as a JSON-ready list. */
    static List<Double> toList(double[] x) {
        List<Double> xs = new ArrayList<>(x.length);
        for (double v : x) {
            xs.add(v);
        }
        return xs;
    }

    /** The point stored as {@code value}, if it is a list of numbers (JSON gives any number type). */
    static Optional<double[]> fromList(Object value) {
        if (!(value instanceof List<?> xs)) {
            return Optional.empty();
        }
        double[] x = new double[xs.size()];
        for (int i = 0; i < x.length; i++) {
            if (!(xs.get(i) instanceof Number v)) {
                return Optional.empty();
            }
            x[i] = v.doubleValue();
        }
        return Optional.of(x);
    }
}
