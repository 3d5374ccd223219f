package io.metaloop.train.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares the fast float gradients of a network (parameters and input) with central finite
 * differences of {@link ReferenceNet}'s double-precision loss.
 */
final class GradientCheck {

    static final double EPS = 1e-5;
    static final double TOLERANCE = 2e-3;

    /** The analytic and numeric gradients of one check. */
    record Gradients(double[] analyticParams, double[] numericParams, double[] analyticInput, double[] numericInput) {
    }

    private GradientCheck() {
    }

    /** Computes both gradients for {@code n} random examples (values in [-1, 1]) and random labels, in inference mode. */
    static Gradients compute(NetworkSpec spec, long seed, int n, Penalty penalty) {
        return compute(spec, seed, n, penalty, false);
    }

    /**
     * As {@link #compute(NetworkSpec, long, int, Penalty)}, in training mode when {@code training}
     * (batch normalisation on the batch's statistics; specs with dropout cannot be checked so).
     */
    static Gradients compute(NetworkSpec spec, long seed, int n, Penalty penalty, boolean training) {
        Network net = Network.create(spec, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        int in = spec.input().size();
        // Randomise biases too (they start at zero with He init), so every path carries signal.
        float[] p = net.parameters();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0f) {
                p[i] = (float) (random.nextDouble() - 0.5);
            }
        }
        net.setParameters(p);
        net.reserve(n);
        float[] x = net.input();
        int[] labels = net.labels();
        for (int i = 0; i < n * in; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(spec.outputs());
        }
        net.zeroGradients();
        net.backward(n, training, 1f, true);
        penalty.apply(net.params(), net.grads(), net.penalised());

        double[] dp = toDouble(net.grads(), net.parameterCount());
        double[] dx = toDouble(net.inputGradient(), n * in);
        double[] pd = toDouble(net.params(), net.parameterCount());
        double[] xd = toDouble(x, n * in);
        int[] y = labels.clone();
        boolean[] mask = net.penalised();
        double[] numericP = new double[pd.length];
        for (int i = 0; i < pd.length; i++) {
            numericP[i] = central(pd, i, () -> ReferenceNet.loss(spec, pd, xd, y, n, penalty, mask, training));
        }
        double[] numericX = new double[xd.length];
        for (int i = 0; i < xd.length; i++) {
            numericX[i] = central(xd, i, () -> ReferenceNet.loss(spec, pd, xd, y, n, penalty, mask, training));
        }
        return new Gradients(dp, numericP, dx, numericX);
    }

    private static double central(double[] v, int i, java.util.function.DoubleSupplier f) {
        double keep = v[i];
        v[i] = keep + EPS;
        double plus = f.getAsDouble();
        v[i] = keep - EPS;
        double minus = f.getAsDouble();
        v[i] = keep;
        return (plus - minus) / (2 * EPS);
    }

    /** The indices where {@code analytic} and {@code numeric} disagree, described; empty when they agree. */
    static List<String> mismatches(String what, double[] analytic, double[] numeric) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < analytic.length; i++) {
            double a = analytic[i];
            double b = numeric[i];
            double error = Math.abs(a - b) / Math.max(1e-2, Math.abs(a) + Math.abs(b));
            if (!(error <= TOLERANCE)) {
                bad.add(what + "[" + i + "]: analytic " + a + " vs numeric " + b);
            }
        }
        return bad;
    }

    /** All mismatches of a check, parameters and input. */
    static List<String> mismatches(Gradients g) {
        List<String> bad = new ArrayList<>(mismatches("param", g.analyticParams(), g.numericParams()));
        bad.addAll(mismatches("input", g.analyticInput(), g.numericInput()));
        return bad;
    }

    private static double[] toDouble(float[] v, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
