package io.metaloop.train.optim;

import java.util.SplittableRandom;

/** L2-regularised logistic regression with a bias, solved exactly by Newton's method for reference. */
record LogisticProblem(double[][] x, int[] y, double l2) {

    static LogisticProblem generate(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double z = 0.3;
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextDouble() * 4 - 2;
                z += (j + 1) * 0.7 * x[i][j] * (j % 2 == 0 ? 1 : -1);
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0; // noisy labels: a finite optimum
        }
        return new LogisticProblem(x, y, 0.01);
    }

    /** Mean log-loss + l2/2·|w|² (bias last, not penalised) and its gradient. */
    double lossAndGradient(float[] w, float[] g) {
        int d = x[0].length;
        double[] grad = new double[d + 1];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double z = w[d];
            for (int j = 0; j < d; j++) {
                z += w[j] * x[i][j];
            }
            double p = 1 / (1 + Math.exp(-z));
            loss += y[i] == 1 ? -Math.log(p) : -Math.log(1 - p);
            for (int j = 0; j < d; j++) {
                grad[j] += (p - y[i]) * x[i][j];
            }
            grad[d] += p - y[i];
        }
        for (int j = 0; j <= d; j++) {
            grad[j] /= x.length;
        }
        loss /= x.length;
        for (int j = 0; j < d; j++) {
            loss += 0.5 * l2 * w[j] * w[j];
            grad[j] += l2 * w[j];
        }
        for (int j = 0; j <= d; j++) {
            g[j] = (float) grad[j];
        }
        return loss;
    }

    /** The optimum by Newton's method in double precision. */
    double[] newton() {
        int d = x[0].length;
        double[] w = new double[d + 1];
        for (int it = 0; it < 50; it++) {
            double[] grad = new double[d + 1];
            double[][] h = new double[d + 1][d + 1];
            for (int i = 0; i < x.length; i++) {
                double[] xi = new double[d + 1];
                System.arraycopy(x[i], 0, xi, 0, d);
                xi[d] = 1;
                double z = 0;
                for (int j = 0; j <= d; j++) {
                    z += w[j] * xi[j];
                }
                double p = 1 / (1 + Math.exp(-z));
                for (int j = 0; j <= d; j++) {
                    grad[j] += (p - y[i]) * xi[j] / x.length;
                    for (int k = 0; k <= d; k++) {
                        h[j][k] += p * (1 - p) * xi[j] * xi[k] / x.length;
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                grad[j] += l2 * w[j];
                h[j][j] += l2;
            }
            double[] step = solve(h, grad);
            for (int j = 0; j <= d; j++) {
                w[j] -= step[j];
            }
        }
        return w;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
