package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;

/**
 * One parameter as TPE's Parzen estimators see it. Numeric parameters live on the unit interval
 * of {@link Distributions} (so log ranges are linear in the logarithm, and every axis has the same
 * scale, which lets one bandwidth rule serve all); a value of a discrete numeric parameter (int,
 * stepped float) owns the bin of the unit interval that rounds to it, and its probability is the
 * kernel's mass on that bin rather than a density. Categorical parameters are choice indices.
 *
 * @param distribution the parameter's distribution
 * @param choices      the number of choices of a categorical, or 0 for a numeric parameter
 * @param discrete     whether a numeric parameter takes only grid values
 */
record ParamAxis(Distribution distribution, int choices, boolean discrete) {

    /** The axis of a distribution. */
    static ParamAxis of(Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return new ParamAxis(d, c.choices().size(), false);
        }
        boolean discrete = d instanceof IntDistribution || (d instanceof FloatDistribution f && f.step() != null);
        return new ParamAxis(d, 0, discrete);
    }

    /** Whether this is a categorical parameter. */
    boolean categorical() {
        return choices > 0;
    }

    /**
     * The coordinate of an external value: its position in [0, 1] (the centre of its bin when
     * discrete), or its choice index; NaN when the value does not belong to this distribution,
     * e.g. a trial stored under an older range.
     */
    double coordinate(Object external) {
        double internal;
        try {
            internal = distribution.toInternal(external);
        } catch (IllegalArgumentException | ClassCastException e) {
            return Double.NaN;
        }
        if (!distribution.contains(internal)) {
            return Double.NaN;
        }
        return categorical() ? internal : Distributions.toUnit(distribution, external);
    }

    /** The external value at a coordinate. */
    Object value(double coordinate) {
        if (categorical()) {
            return ((CategoricalDistribution) distribution).choices().get((int) coordinate);
        }
        return Distributions.fromUnit(distribution, coordinate);
    }

    /**
     * A sampled unit position moved to the centre of the bin of the value it rounds to, so that a
     * candidate is scored by the value it will actually become.
     */
    double snap(double u) {
        return discrete ? Distributions.toUnit(distribution, Distributions.fromUnit(distribution, u)) : u;
    }

    /** The lower edge, in [0, 1], of the bin around the bin centre {@code c}. */
    double binLow(double c) {
        return binEdge(c, -1);
    }

    /** The upper edge, in [0, 1], of the bin around the bin centre {@code c}. */
    double binHigh(double c) {
        return binEdge(c, +1);
    }

    private double binEdge(double c, int side) {
        if (distribution instanceof IntDistribution i && i.log()) {
            // bins are [v - 0.5, v + 0.5] in the original scale, uneven in the logarithm
            double lo = Math.log(i.low() - 0.5);
            double hi = Math.log(i.high() + 0.5);
            long v = Math.round(Math.exp(lo + c * (hi - lo)));
            return (Math.log(v + 0.5 * side) - lo) / (hi - lo);
        }
        double size = distribution instanceof IntDistribution i ? i.size()
                : Math.round((((FloatDistribution) distribution).high() - ((FloatDistribution) distribution).low())
                / ((FloatDistribution) distribution).step()) + 1;
        return Math.min(1, Math.max(0, c + 0.5 * side / size));
    }
}
