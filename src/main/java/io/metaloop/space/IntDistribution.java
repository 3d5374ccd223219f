package io.metaloop.space;

/**
 * An integer range {@code [low, high]}, optionally log-scaled or on a grid of {@code step}
 * (log and a step other than 1 are exclusive). With a step, {@code high} is moved down onto the
 * grid that starts at {@code low}.
 *
 * @param low  the smallest value
 * @param high the largest value
 * @param log  sample uniformly in the logarithm (needs {@code low >= 1})
 * @param step grid spacing, at least 1
 */
public record IntDistribution(int low, int high, boolean log, int step) implements Distribution {

    public IntDistribution {
        if (low > high) {
            throw new IllegalArgumentException("low (" + low + ") must not be greater than high (" + high + ")");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("a log range needs low > 0, got low=" + low);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, got " + step);
        }
        if (log && step != 1) {
            throw new IllegalArgumentException("an int range cannot have both log and a step other than 1");
        }
        high = low + (int) (((long) high - low) / step) * step;
    }

    /** A linear range with step 1. */
    public static IntDistribution of(int low, int high) {
        return new IntDistribution(low, high, false, 1);
    }

    /** A log-scaled range. */
    public static IntDistribution log(int low, int high) {
        return new IntDistribution(low, high, true, 1);
    }

    /** The number of values in the range. */
    public long size() {
        return ((long) high - low) / step + 1;
    }

    @Override
    public double toInternal(Object externalValue) {
        if (!(externalValue instanceof Number n)) {
            throw new IllegalArgumentException("expected an integer, got " + externalValue);
        }
        return n.doubleValue();
    }

    @Override
    public Object toExternal(double internalValue) {
        return (int) Math.round(internalValue);
    }

    @Override
    public boolean contains(double v) {
        return v >= low && v <= high && v == Math.rint(v) && (((long) v - low) % step == 0);
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }
}
