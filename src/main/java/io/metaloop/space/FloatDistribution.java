package io.metaloop.space;

/**
 * A real-valued range {@code [low, high]}, optionally log-scaled or on a grid of {@code step}.
 * A step is not allowed together with log; with a step, {@code high} is moved down onto the
 * grid that starts at {@code low}, as Optuna does.
 *
 * @param low  the smallest value
 * @param high the largest value
 * @param log  sample uniformly in the logarithm (needs {@code low > 0})
 * @param step grid spacing, or {@code null} for a continuous range
 */
public record FloatDistribution(double low, double high, boolean log, Double step) implements Distribution {

    public FloatDistribution {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("low and high must be finite numbers, got low=" + low + ", high=" + high);
        }
        if (low > high) {
            throw new IllegalArgumentException("low (" + low + ") must not be greater than high (" + high + ")");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("a log range needs low > 0, got low=" + low);
        }
        if (step != null) {
            if (log) {
                throw new IllegalArgumentException("a float range cannot have both log and step");
            }
            if (!(step > 0) || !Double.isFinite(step)) {
                throw new IllegalArgumentException("step must be a positive number, got " + step);
            }
            high = low + Math.floor((high - low) / step + 1e-9) * step;
        }
    }

    /** A continuous, linear range. */
    public static FloatDistribution of(double low, double high) {
        return new FloatDistribution(low, high, false, null);
    }

    /** A continuous, log-scaled range. */
    public static FloatDistribution log(double low, double high) {
        return new FloatDistribution(low, high, true, null);
    }

    /** A linear range on a grid of {@code step}. */
    public static FloatDistribution stepped(double low, double high, double step) {
        return new FloatDistribution(low, high, false, step);
    }

    @Override
    public double toInternal(Object externalValue) {
        if (!(externalValue instanceof Number n)) {
            throw new IllegalArgumentException("expected a number, got " + externalValue);
        }
        return n.doubleValue();
    }

    @Override
    public Object toExternal(double internalValue) {
        return internalValue;
    }

    @Override
    public boolean contains(double v) {
        if (step != null) {
            double k = (v - low) / step;
            return v >= low - 1e-12 && v <= high + 1e-12 && Math.abs(k - Math.rint(k)) < 1e-8;
        }
        return v >= low && v <= high;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }
}
