package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;

/**
 * Maps between a distribution's values and the unit interval, the coordinate system of
 * quasi-random and model-based samplers: log ranges are uniform in the logarithm, steps and
 * integers are rounded onto their grid, categoricals split the interval into equal parts.
 */
public final class Distributions {

    private Distributions() {
    }

    /** The external value at position {@code u ∈ [0, 1]} of {@code d}. */
    public static Object fromUnit(Distribution d, double u) {
        u = Math.min(1.0, Math.max(0.0, u));
        if (d instanceof FloatDistribution f) {
            if (f.log()) {
                double v = Math.exp(Math.log(f.low()) + u * (Math.log(f.high()) - Math.log(f.low())));
                return Math.min(f.high(), Math.max(f.low(), v));
            }
            if (f.step() != null) {
                long n = Math.round((f.high() - f.low()) / f.step());
                long k = Math.min(n, (long) Math.floor(u * (n + 1)));
                return Math.min(f.high(), f.low() + k * f.step());
            }
            return f.low() + u * (f.high() - f.low());
        }
        if (d instanceof IntDistribution i) {
            if (i.log()) {
                // uniform in log over [low - 0.5, high + 0.5], as Optuna's random sampler does
                double lo = Math.log(i.low() - 0.5);
                double hi = Math.log(i.high() + 0.5);
                long v = Math.round(Math.exp(lo + u * (hi - lo)));
                return (int) Math.min(i.high(), Math.max(i.low(), v));
            }
            long n = i.size();
            long k = Math.min(n - 1, (long) Math.floor(u * n));
            return (int) (i.low() + k * i.step());
        }
        CategoricalDistribution c = (CategoricalDistribution) d;
        int k = Math.min(c.choices().size() - 1, (int) Math.floor(u * c.choices().size()));
        return c.choices().get(k);
    }

    /** The position in {@code [0, 1]} of an external value of {@code d}; inverse of {@link #fromUnit}. */
    public static double toUnit(Distribution d, Object value) {
        double x = d.toInternal(value);
        if (d instanceof FloatDistribution f) {
            if (f.high() == f.low()) {
                return 0.5;
            }
            if (f.log()) {
                return (Math.log(x) - Math.log(f.low())) / (Math.log(f.high()) - Math.log(f.low()));
            }
            if (f.step() != null) {
                long n = Math.round((f.high() - f.low()) / f.step());
                return (Math.round((x - f.low()) / f.step()) + 0.5) / (n + 1);
            }
            return (x - f.low()) / (f.high() - f.low());
        }
        if (d instanceof IntDistribution i) {
            if (i.log()) {
                double lo = Math.log(i.low() - 0.5);
                double hi = Math.log(i.high() + 0.5);
                return (Math.log(x) - lo) / (hi - lo);
            }
            return ((x - i.low()) / i.step() + 0.5) / i.size();
        }
        CategoricalDistribution c = (CategoricalDistribution) d;
        return (x + 0.5) / c.choices().size();
    }

    /** The external values at unit-cube point {@code x}, one coordinate per entry of {@code space}, in order. */
    public static java.util.Map<String, Object> fromUnit(java.util.Map<String, Distribution> space, double[] x) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        int j = 0;
        for (java.util.Map.Entry<String, Distribution> e : space.entrySet()) {
            out.put(e.getKey(), fromUnit(e.getValue(), x[j++]));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
