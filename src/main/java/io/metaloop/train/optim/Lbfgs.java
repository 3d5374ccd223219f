package io.metaloop.train.optim;

/**
 * Limited-memory BFGS for full-batch objectives: the two-loop recursion over the last
 * {@code memory} pairs gives a quasi-Newton direction, and a weak Wolfe line search picks the step. History is kept between calls, so a trainer can run a few
 * iterations per epoch. Curvature pairs are kept in double precision; parameters stay float.
 */
public final class Lbfgs {

    private static final double ARMIJO = 1e-4;
    private static final double CURVATURE = 0.9;

    private final int n;
    private final int memory;
    private final int maxLineSearch;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private final double[] direction;
    private final float[] start;
    private final float[] gradient;
    private final float[] previousGradient;
    private int stored;
    private int newest = -1;
    private double value = Double.NaN;
    private boolean hasGradient;

    Lbfgs(int n, int memory, int maxLineSearch) {
        this.n = n;
        this.memory = memory;
        this.maxLineSearch = maxLineSearch;
        this.s = new double[memory][n];
        this.y = new double[memory][n];
        this.rho = new double[memory];
        this.alpha = new double[memory];
        this.direction = new double[n];
        this.start = new float[n];
        this.gradient = new float[n];
        this.previousGradient = new float[n];
    }

    /**
     * Runs up to {@code iterations} iterations on {@code x} in place and returns the last value.
     * Stops early when the gradient vanishes or no decrease can be found along the direction.
     */
    public double minimize(float[] x, GradientFunction f, int iterations) {
        if (x.length != n) {
            throw new IllegalArgumentException("expected " + n + " parameters, got " + x.length);
        }
        if (!hasGradient) {
            value = f.evaluate(x, gradient);
            hasGradient = true;
        }
        for (int it = 0; it < iterations; it++) {
            double gg = dot(gradient, gradient);
            if (gg == 0 || !Double.isFinite(value)) {
                break;
            }
            computeDirection();
            double slope = 0;
            for (int i = 0; i < n; i++) {
                slope += direction[i] * gradient[i];
            }
            if (slope >= 0) { // not a descent direction: forget curvature and use the gradient
                stored = 0;
                computeDirection();
                slope = -gg;
            }
            // The first step, without curvature information, is scaled to a unit move.
            double t = stored == 0 ? Math.min(1, 1 / Math.sqrt(gg)) : 1;
            System.arraycopy(x, 0, start, 0, n);
            System.arraycopy(gradient, 0, previousGradient, 0, n);
            double fStart = value;
            if (!lineSearch(x, f, fStart, slope, t)) {
                System.arraycopy(start, 0, x, 0, n);
                System.arraycopy(previousGradient, 0, gradient, 0, n);
                value = fStart;
                break;
            }
            remember(x);
        }
        return value;
    }

    /**
     * A weak Wolfe line search by bracketing: shrink the step while the decrease is too small
     * (Armijo), grow it while the slope is still steep (curvature condition), bisect once both
     * bounds are known. The curvature condition keeps every accepted pair's {@code s·y} positive.
     */
    private boolean lineSearch(float[] x, GradientFunction f, double fStart, double slope, double t) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (int ls = 0; ls < maxLineSearch; ls++) {
            for (int i = 0; i < n; i++) {
                x[i] = (float) (start[i] + t * direction[i]);
            }
            value = f.evaluate(x, gradient);
            if (!(value <= fStart + ARMIJO * t * slope)) {
                hi = t;
            } else {
                double newSlope = 0;
                for (int i = 0; i < n; i++) {
                    newSlope += direction[i] * gradient[i];
                }
                if (newSlope >= CURVATURE * slope) {
                    return true;
                }
                lo = t;
            }
            t = Double.isInfinite(hi) ? 2 * t : 0.5 * (lo + hi);
        }
        // Out of steps: keep the last point that decreased enough, if any.
        if (lo > 0) {
            for (int i = 0; i < n; i++) {
                x[i] = (float) (start[i] + lo * direction[i]);
            }
            value = f.evaluate(x, gradient);
            return true;
        }
        return false;
    }

    private void remember(float[] x) {
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sy += ((double) x[i] - start[i]) * ((double) gradient[i] - previousGradient[i]);
        }
        if (!(sy > 1e-12)) { // no positive curvature (float noise near the optimum): keep the history as is
            return;
        }
        int slot = (newest + 1) % memory;
        for (int i = 0; i < n; i++) {
            s[slot][i] = (double) x[i] - start[i];
            y[slot][i] = (double) gradient[i] - previousGradient[i];
        }
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, memory);
    }

    private void computeDirection() {
        for (int i = 0; i < n; i++) {
            direction[i] = -gradient[i];
        }
        for (int j = 0; j < stored; j++) {
            int k = Math.floorMod(newest - j, memory);
            alpha[k] = rho[k] * dot(s[k], direction);
            axpy(-alpha[k], y[k], direction);
        }
        if (stored > 0) {
            double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
            for (int i = 0; i < n; i++) {
                direction[i] *= gamma;
            }
        }
        for (int j = stored - 1; j >= 0; j--) {
            int k = Math.floorMod(newest - j, memory);
            double beta = rho[k] * dot(y[k], direction);
            axpy(alpha[k] - beta, s[k], direction);
        }
    }

    private static double dot(double[] a, double[] b) {
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            r += a[i] * b[i];
        }
        return r;
    }

    private static double dot(float[] a, float[] b) {
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            r += (double) a[i] * b[i];
        }
        return r;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
