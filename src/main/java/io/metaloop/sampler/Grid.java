package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Condition;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The points of a grid search, numbered {@code 0 … size − 1}. Without conditional parameters the
 * grid is the product of its axes and a point's number is read as mixed-radix digits, so nothing
 * is materialised. With conditional parameters only the combinations that can actually occur are
 * points — "optimizer ∈ {sgd, adam}, momentum (sgd only) ∈ 3 values" has 4 points, not 6 — since
 * the product would make the grid evaluate the same configuration several times.
 *
 * <p>A grid has a {@linkplain #key() key} that identifies its points, so that grid numbers stored
 * on trials are never read against a different grid (an edited search space, another number of
 * points per axis).
 */
final class Grid {

    /** The largest grid: point numbers are stored as ints, as Optuna stores {@code grid_id}. */
    static final long MAX_POINTS = Integer.MAX_VALUE;
    /** The largest grid with conditional parameters, whose points are listed in memory. */
    static final int MAX_CONDITIONAL_POINTS = 1 << 20;

    /**
     * One parameter's axis.
     *
     * @param name         the parameter
     * @param distribution its distribution (a categorical of the values for a parameter known only
     *                     from explicit values)
     * @param values       the external values on the grid, in order, at least one
     * @param condition    when the parameter exists, or null when always
     */
    record Axis(String name, Distribution distribution, List<Object> values, Condition condition) {

        Axis {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(distribution, "distribution");
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    private final List<Axis> axes;
    private final long size;
    /** For conditional grids, the value index per axis of every point (−1: inactive), flattened. */
    private final int[] listed;
    private final String key;

    private Grid(List<Axis> axes, long size, int[] listed) {
        this.axes = List.copyOf(axes);
        this.size = size;
        this.listed = listed;
        this.key = keyOf(this.axes);
    }

    /**
     * The grid over {@code params}: per parameter the explicit values given for it, else
     * {@code pointsPerAxis} points of its distribution (see {@link #axisValues}). Explicit values
     * must lie in their parameter's distribution. When the parameters come from a declared space,
     * explicit values for a parameter it does not declare are an error (most likely a typo); when
     * they come from a trial, such parameters are added as axes of their own, since a
     * define-by-run objective may ask for them in later trials.
     */
    static Grid over(List<ParamSpec> params, Map<String, List<Object>> explicit, int pointsPerAxis, boolean declared) {
        List<Axis> axes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ParamSpec p : params) {
            names.add(p.name());
            List<Object> given = explicit.get(p.name());
            List<Object> values = given != null
                    ? explicitValues(p.name(), p.distribution(), given)
                    : axisValues(p.distribution(), pointsPerAxis);
            axes.add(new Axis(p.name(), p.distribution(), values, p.condition()));
        }
        // sorted so that the grid (and its key) does not depend on the map's iteration order
        for (Map.Entry<String, List<Object>> e : new TreeMap<>(explicit).entrySet()) {
            if (names.contains(e.getKey())) {
                continue;
            }
            if (declared) {
                List<String> known = params.stream().map(ParamSpec::name).toList();
                throw new IllegalArgumentException("grid values are given for parameter '" + e.getKey()
                        + "', which the search space does not declare; declared: " + known);
            }
            CategoricalDistribution choices = new CategoricalDistribution(distinct(e.getValue()));
            axes.add(new Axis(e.getKey(), choices, choices.choices(), null));
        }
        if (axes.stream().anyMatch(a -> a.condition() != null)) {
            int[] listed = listActive(axes);
            return new Grid(axes, listed.length / Math.max(1, axes.size()), listed);
        }
        long size = 1;
        for (Axis a : axes) {
            size = Math.multiplyExact(size, (long) a.values().size());
            if (size > MAX_POINTS) {
                throw new IllegalArgumentException("the grid has more than " + MAX_POINTS
                        + " points; use fewer points per axis or explicit values");
            }
        }
        return new Grid(axes, size, null);
    }

    /**
     * The grid values of a distribution: every choice of a categorical; every value of an int
     * range with at most {@code p} values, else {@code p} values evenly spaced (in the logarithm
     * for log ranges), rounded and without repeats; for a float range {@code p} evenly spaced
     * values including both ends (in the logarithm for log ranges, on the step grid for stepped
     * ones, all of them when the step grid has at most {@code p}).
     */
    static List<Object> axisValues(Distribution d, int p) {
        if (p < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points per axis, got " + p);
        }
        if (d instanceof CategoricalDistribution c) {
            return c.choices();
        }
        if (d instanceof IntDistribution i) {
            return intValues(i, p);
        }
        return floatValues((FloatDistribution) d, p);
    }

    private static List<Object> intValues(IntDistribution d, int p) {
        Set<Object> out = new LinkedHashSet<>();
        long n = d.size();
        if (n <= p) {
            for (long k = 0; k < n; k++) {
                out.add((int) (d.low() + k * d.step()));
            }
        } else if (d.log()) {
            double lo = Math.log(d.low());
            double hi = Math.log(d.high());
            for (int j = 0; j < p; j++) {
                long v = Math.round(Math.exp(lo + (hi - lo) * j / (p - 1)));
                out.add((int) Math.min(d.high(), Math.max(d.low(), v)));
            }
        } else {
            for (int j = 0; j < p; j++) {
                long k = Math.round((double) (n - 1) * j / (p - 1));
                out.add((int) (d.low() + k * d.step()));
            }
        }
        return List.copyOf(out);
    }

    private static List<Object> floatValues(FloatDistribution d, int p) {
        double low = d.low();
        double high = d.high();
        if (low == high) {
            return List.of(low);
        }
        Set<Object> out = new LinkedHashSet<>();
        if (d.step() != null) {
            long n = Math.round((high - low) / d.step());
            long count = Math.min(n + 1, p);
            for (long j = 0; j < count; j++) {
                long k = n + 1 <= p ? j : Math.round((double) n * j / (p - 1));
                out.add(k == n ? high : Math.min(high, onStep(low, d.step(), k)));
            }
        } else if (d.log()) {
            double lo = Math.log(low);
            double hi = Math.log(high);
            for (int j = 0; j < p; j++) {
                double v = j == 0 ? low : j == p - 1 ? high : Math.exp(lo + (hi - lo) * j / (p - 1));
                out.add(Math.min(high, Math.max(low, v)));
            }
        } else {
            for (int j = 0; j < p; j++) {
                double v = j == p - 1 ? high : low + (high - low) * j / (p - 1);
                out.add(Math.min(high, Math.max(low, v)));
            }
        }
        return List.copyOf(out);
    }

    /** {@code low + k·step} rounded once, so that 0.1-steps give 0.3 rather than 0.30000000000000004. */
    private static double onStep(double low, double step, long k) {
        return BigDecimal.valueOf(low).add(BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(k))).doubleValue();
    }

    private static List<Object> explicitValues(String name, Distribution d, List<Object> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("grid values for parameter '" + name + "' must not be empty");
        }
        List<Object> out = new ArrayList<>();
        Set<Double> seen = new HashSet<>();
        for (Object v : given) {
            double internal;
            try {
                internal = d.toInternal(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("grid value " + v + " for parameter '" + name + "': " + e.getMessage(), e);
            }
            if (!d.contains(internal)) {
                throw new IllegalArgumentException("grid value " + v + " for parameter '" + name
                        + "' is outside its distribution " + d);
            }
            if (seen.add(internal)) {
                out.add(d.toExternal(internal));
            }
        }
        return out;
    }

    /** The values without repeats (numbers compare by value, as categorical choices do). */
    private static List<Object> distinct(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            if (out.isEmpty() || new CategoricalDistribution(out).indexOf(v) < 0) {
                out.add(v);
            }
        }
        return out;
    }

    /** Every assignment of values to the active axes, depth-first in declaration order. */
    private static int[] listActive(List<Axis> axes) {
        List<int[]> points = new ArrayList<>();
        collect(axes, 0, new LinkedHashMap<>(), new int[axes.size()], points);
        int[] flat = new int[points.size() * axes.size()];
        for (int i = 0; i < points.size(); i++) {
            System.arraycopy(points.get(i), 0, flat, i * axes.size(), axes.size());
        }
        return flat;
    }

    private static void collect(List<Axis> axes, int i, Map<String, Object> chosen, int[] digits, List<int[]> out) {
        if (i == axes.size()) {
            if (out.size() >= MAX_CONDITIONAL_POINTS) {
                throw new IllegalArgumentException("the grid has more than " + MAX_CONDITIONAL_POINTS
                        + " points; use fewer points per axis or explicit values");
            }
            out.add(digits.clone());
            return;
        }
        Axis a = axes.get(i);
        if (a.condition() != null && !a.condition().holds(chosen)) {
            digits[i] = -1;
            collect(axes, i + 1, chosen, digits, out);
            return;
        }
        for (int k = 0; k < a.values().size(); k++) {
            digits[i] = k;
            chosen.put(a.name(), a.values().get(k));
            collect(axes, i + 1, chosen, digits, out);
        }
        chosen.remove(a.name());
    }

    /** The axes, in order. */
    List<Axis> axes() {
        return axes;
    }

    /** The number of points. */
    long size() {
        return size;
    }

    /** What identifies this grid's points: equal keys, equal points under equal numbers. */
    String key() {
        return key;
    }

    /** Each axis's distribution by name. */
    Map<String, Distribution> distributions() {
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (Axis a : axes) {
            out.put(a.name(), a.distribution());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The external values of point {@code id}; a conditional parameter appears only where it exists. */
    Map<String, Object> point(long id) {
        Objects.checkIndex(id, size);
        Map<String, Object> out = new LinkedHashMap<>();
        int n = axes.size();
        if (listed != null) {
            for (int i = 0; i < n; i++) {
                int k = listed[(int) id * n + i];
                if (k >= 0) {
                    out.put(axes.get(i).name(), axes.get(i).values().get(k));
                }
            }
            return Collections.unmodifiableMap(out);
        }
        int[] digits = new int[n];
        long rest = id;
        // the first axis varies slowest, as in nested loops written in declaration order
        for (int i = n - 1; i >= 0; i--) {
            int radix = axes.get(i).values().size();
            digits[i] = (int) (rest % radix);
            rest /= radix;
        }
        for (int i = 0; i < n; i++) {
            out.put(axes.get(i).name(), axes.get(i).values().get(digits[i]));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String keyOf(List<Axis> axes) {
        StringBuilder sb = new StringBuilder();
        for (Axis a : axes) {
            sb.append(a.name().length()).append(':').append(a.name()).append('=');
            for (Object v : a.values()) {
                sb.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v).append(',');
            }
            if (a.condition() != null) {
                sb.append(" if ").append(a.condition().parameter()).append(" in ").append(a.condition().values());
            }
            sb.append(';');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        // two independent 64-bit lanes: a collision would silently mix two grids' numbers
        return String.format("%016x%016x", fold(bytes, 0x243F6A8885A308D3L), fold(bytes, 0x13198A2E03707344L));
    }

    private static long fold(byte[] bytes, long h) {
        h = SeededRandom.mix(h ^ bytes.length);
        for (byte b : bytes) {
            h = SeededRandom.mix(h ^ (b & 0xff));
        }
        return h;
    }
}
