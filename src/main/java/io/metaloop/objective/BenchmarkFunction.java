package io.metaloop.objective;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.Objective;
import io.metaloop.study.Trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Test functions with known minima, defined exactly as in the Optuna anchor
 * ({@code optuna_functions.py}) so that regrets compare one to one: branin, rosenbrock and
 * ackley in any dimension, and mixed6, a hyperparameter-like landscape with log, integer and
 * categorical parameters.
 *
 * @param name    the name with its dimension, e.g. {@code rosenbrock10}
 * @param space   the parameters the function asks for
 * @param minimum the known global minimum value
 * @param f       the function of the parameter values
 */
public record BenchmarkFunction(String name, SearchSpace space, double minimum,
                                ToDoubleFunction<Map<String, Object>> f) {

    /** The names accepted by {@link #of}. */
    public static final List<String> NAMES = List.of("branin", "rosenbrock", "ackley", "mixed6");

    /** The minimum of branin, to the precision the anchor uses. */
    public static final double BRANIN_MINIMUM = 0.397887;

    /**
     * The function named {@code name}. A dimension may be given as a suffix
     * ({@code rosenbrock10}) or as {@code dimension}; rosenbrock and ackley default to 10,
     * branin is 2-D and mixed6 6-D only.
     */
    public static BenchmarkFunction of(String name, Integer dimension) {
        String lower = name.toLowerCase(Locale.ROOT).trim();
        String base = lower.replaceAll("\\d+$", "");
        Integer suffix = base.length() < lower.length() && !base.equals("mixed")
                ? Integer.valueOf(lower.substring(base.length())) : null;
        if (suffix != null && dimension != null && !suffix.equals(dimension)) {
            throw new IllegalArgumentException("function '" + name + "' names dimension " + suffix
                    + " but dimension is " + dimension);
        }
        Integer dim = suffix != null ? suffix : dimension;
        switch (base) {
            case "branin" -> {
                requireDimension(name, dim, 2);
                return branin();
            }
            case "mixed" -> {
                if (!lower.equals("mixed6")) {
                    throw new IllegalArgumentException("unknown function '" + name + "'; expected one of " + NAMES);
                }
                requireDimension(name, dim, 6);
                return mixed6();
            }
            case "rosenbrock" -> {
                return rosenbrock(dim == null ? 10 : checkDim(name, dim, 2));
            }
            case "ackley" -> {
                return ackley(dim == null ? 10 : checkDim(name, dim, 1));
            }
            default -> throw new IllegalArgumentException("unknown function '" + name + "'; expected one of " + NAMES);
        }
    }

    private static void requireDimension(String name, Integer dim, int fixed) {
        if (dim != null && dim != fixed) {
            throw new IllegalArgumentException("function '" + name + "' has dimension " + fixed + ", not " + dim);
        }
    }

    private static int checkDim(String name, int dim, int min) {
        if (dim < min || dim > 1000) {
            throw new IllegalArgumentException("function '" + name + "' needs a dimension between " + min
                    + " and 1000, got " + dim);
        }
        return dim;
    }

    /** The objective: asks the trial for every parameter in order and returns the value. */
    public Objective objective() {
        return Objective.single(this::evaluate);
    }

    /** Evaluates the function on a trial. */
    public double evaluate(Trial trial) {
        return f.applyAsDouble(space.suggestAll(trial));
    }

    /** Branin–Hoo on [-5, 10] × [0, 15]; minimum 0.397887 at three points. */
    public static BenchmarkFunction branin() {
        SearchSpace s = SearchSpace.of(List.of(
                ParamSpec.of("x0", FloatDistribution.of(-5, 10)),
                ParamSpec.of("x1", FloatDistribution.of(0, 15))));
        return new BenchmarkFunction("branin", s, BRANIN_MINIMUM, p -> {
            double x = num(p, "x0");
            double y = num(p, "x1");
            double a = y - 5.1 / (4 * Math.PI * Math.PI) * x * x + 5 / Math.PI * x - 6;
            return a * a + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
        });
    }

    /** Rosenbrock on [-5, 10]^d; minimum 0 at (1, …, 1). */
    public static BenchmarkFunction rosenbrock(int d) {
        return new BenchmarkFunction("rosenbrock" + d, cube(d, -5, 10), 0.0, p -> {
            double sum = 0;
            for (int i = 0; i < d - 1; i++) {
                double xi = num(p, "x" + i);
                double xn = num(p, "x" + (i + 1));
                sum += 100 * (xn - xi * xi) * (xn - xi * xi) + (1 - xi) * (1 - xi);
            }
            return sum;
        });
    }

    /** Ackley on [-32.768, 32.768]^d; minimum 0 at the origin. */
    public static BenchmarkFunction ackley(int d) {
        return new BenchmarkFunction("ackley" + d, cube(d, -32.768, 32.768), 0.0, p -> {
            double sq = 0;
            double cos = 0;
            for (int i = 0; i < d; i++) {
                double v = num(p, "x" + i);
                sq += v * v;
                cos += Math.cos(2 * Math.PI * v);
            }
            return -20 * Math.exp(-0.2 * Math.sqrt(sq / d)) - Math.exp(cos / d) + 20 + Math.E;
        });
    }

    /** A hyperparameter-like landscape: log rates, integer width and depth, a categorical; minimum 0. */
    public static BenchmarkFunction mixed6() {
        SearchSpace s = SearchSpace.of(List.of(
                ParamSpec.of("lr", FloatDistribution.log(1e-5, 1e-1)),
                ParamSpec.of("wd", FloatDistribution.log(1e-7, 1e-2)),
                ParamSpec.of("units", IntDistribution.log(4, 256)),
                ParamSpec.of("depth", IntDistribution.of(1, 4)),
                ParamSpec.of("act", CategoricalDistribution.of("relu", "tanh", "gelu", "sigmoid")),
                ParamSpec.of("dropout", FloatDistribution.of(0.0, 0.5))));
        Map<String, Double> actCost = Map.of("relu", 0.2, "tanh", 0.5, "gelu", 0.0, "sigmoid", 1.0);
        return new BenchmarkFunction("mixed6", s, 0.0, p -> {
            double lr = Math.log10(num(p, "lr")) + 2.5;
            double wd = Math.log10(num(p, "wd")) + 4;
            double units = Math.log(num(p, "units")) / Math.log(2) - 6;
            double depth = Math.abs(num(p, "depth") - 2);
            double drop = num(p, "dropout") - 0.1;
            return lr * lr + 0.3 * wd * wd + 0.5 * units * units + 0.7 * depth
                    + actCost.get((String) p.get("act")) + 2 * drop * drop;
        });
    }

    private static SearchSpace cube(int d, double low, double high) {
        List<ParamSpec> ps = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            ps.add(ParamSpec.of("x" + i, FloatDistribution.of(low, high)));
        }
        return SearchSpace.of(ps);
    }

    private static double num(Map<String, Object> p, String name) {
        return ((Number) p.get(name)).doubleValue();
    }
}
