package io.metaloop.sampler;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The state of one CMA-ES run (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016): mean,
 * step size, covariance and the two evolution paths, with the tutorial's default learning rates.
 * The separable variant keeps only the covariance's diagonal (Ros and Hansen, 2008), which costs
 * O(n) per sample instead of O(n²) and learns faster in many dimensions, at the price of axis
 * alignment. Purely a function of its inputs: replaying the same generations gives the same state.
 */
final class CmaState {

    private final int n;
    private final int lambda;
    private final boolean separable;
    private final double[] weights;
    private final double muEff;
    private final double cSigma;
    private final double dSigma;
    private final double cc;
    private final double c1;
    private final double cMu;
    private final double chiN;

    private double[] mean;
    private double sigma;
    private final double[][] c;
    private final double[] pSigma;
    private final double[] pc;
    /** Eigenvectors (columns) and square roots of the eigenvalues of c. */
    private double[][] b;
    private double[] d;
    private int generation;

    CmaState(double[] mean, double sigma, int lambda, boolean separable) {
        this.n = mean.length;
        this.lambda = lambda;
        this.separable = separable;
        int mu = lambda / 2;
        double[] w = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            w[i] = Math.log(mu + 0.5) - Math.log(i + 1);
            sum += w[i];
        }
        double sq = 0;
        for (int i = 0; i < mu; i++) {
            w[i] /= sum;
            sq += w[i] * w[i];
        }
        this.weights = w;
        this.muEff = 1 / sq;
        this.cSigma = (muEff + 2) / (n + muEff + 5);
        this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        this.cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        // the separable variant may learn its n variances faster: (n + 2) / 3 times (Ros and Hansen)
        double speed = separable ? (n + 2) / 3.0 : 1;
        this.c1 = Math.min(1, speed * 2 / ((n + 1.3) * (n + 1.3) + muEff));
        this.cMu = Math.min(1 - c1, speed * 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        this.mean = mean.clone();
        this.sigma = sigma;
        this.c = new double[n][n];
        this.b = new double[n][n];
        this.d = new double[n];
        for (int i = 0; i < n; i++) {
            c[i][i] = 1;
            b[i][i] = 1;
            d[i] = 1;
        }
        this.pSigma = new double[n];
        this.pc = new double[n];
    }

    /** The tutorial's default population size for {@code n} dimensions: 4 + ⌊3 ln n⌋. */
    static int defaultPopulation(int n) {
        return 4 + (int) Math.floor(3 * Math.log(n));
    }

    int lambda() {
        return lambda;
    }

    int generation() {
        return generation;
    }

    /** A sample m + σ B D z with z standard normal from {@code rng}. */
    double[] sample(SplittableRandom rng) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = gaussian(rng);
        }
        double[] x = mean.clone();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += b[i][j] * d[j] * z[j];
            }
            x[i] += sigma * s;
        }
        return x;
    }

    /** One generation's update from its points sorted best first (at least μ of them). */
    void update(double[][] sortedBestFirst) {
        int mu = weights.length;
        double[][] y = new double[mu][n];
        double[] yw = new double[n];
        for (int k = 0; k < mu; k++) {
            for (int i = 0; i < n; i++) {
                y[k][i] = (sortedBestFirst[k][i] - mean[i]) / sigma;
                yw[i] += weights[k] * y[k][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] += sigma * yw[i];
        }
        // C^(-1/2) y_w = B D^-1 B' y_w
        double[] bty = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                bty[j] += b[i][j] * yw[i];
            }
            bty[j] /= d[j];
        }
        double ps = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += b[i][j] * bty[j];
            }
            pSigma[i] = (1 - cSigma) * pSigma[i] + ps * s;
            norm += pSigma[i] * pSigma[i];
        }
        norm = Math.sqrt(norm);
        generation++;
        boolean hSigma = norm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * generation)) < (1.4 + 2.0 / (n + 1)) * chiN;
        double pcs = hSigma ? Math.sqrt(cc * (2 - cc) * muEff) : 0;
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + pcs * yw[i];
        }
        double keep = 1 - c1 - cMu + (hSigma ? 0 : c1 * cc * (2 - cc));
        for (int i = 0; i < n; i++) {
            for (int j = separable ? i : 0; j <= (separable ? i : n - 1); j++) {
                double rankMu = 0;
                for (int k = 0; k < mu; k++) {
                    rankMu += weights[k] * y[k][i] * y[k][j];
                }
                c[i][j] = keep * c[i][j] + c1 * pc[i] * pc[j] + cMu * rankMu;
            }
        }
        sigma *= Math.exp(Math.min(1, cSigma / dSigma * (norm / chiN - 1)));
        decompose();
    }

    private void decompose() {
        if (separable) {
            for (int i = 0; i < n; i++) {
                d[i] = Math.sqrt(Math.max(c[i][i], 1e-300));
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[i][j] = (c[i][j] + c[j][i]) / 2;
                c[j][i] = c[i][j];
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(c, true);
        EigenDecomposition e = new EigenDecomposition(m);
        b = e.getV().getData();
        double[] ev = e.getRealEigenvalues();
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(Math.max(ev[i], 1e-300));
        }
    }

    /**
     * Whether this run has stopped making progress: the step is below {@code 1e-12} of the unit
     * cube on every axis, the covariance is ill-conditioned, or the recent values are flat.
     */
    boolean stagnated(double valueRange) {
        double maxD = Arrays.stream(d).max().orElse(1);
        double minD = Arrays.stream(d).min().orElse(1);
        boolean tiny = sigma * maxD < 1e-12;
        boolean illConditioned = maxD / minD > 1e7;
        boolean flat = generation > 10 && valueRange < 1e-12;
        return tiny || illConditioned || flat || !Double.isFinite(sigma);
    }

    /** A standard normal draw (Box–Muller on the trial's own stream). */
    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
