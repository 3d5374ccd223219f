package io.metaloop.sampler;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruncatedNormalTest {

    private static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Simpson's rule with {@code n} (even) intervals. */
    private static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            sum += f.applyAsDouble(a + i * h) * (i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    @Test
    void cdfIsTheIntegralOfTheDensity() {
        for (double x : new double[] {-6, -3.3, -1, -0.2, 0, 0.7, 2, 5}) {
            double expected = x < 0 ? integrate(TruncatedNormalTest::pdf, -40, x, 200_000)
                    : 1 - integrate(TruncatedNormalTest::pdf, x, 40, 200_000);
            assertEquals(expected, TruncatedNormal.cdf(x), 1e-12 + 1e-9 * expected, "x = " + x);
        }
    }

    @Test
    void farTailsKeepTheirRelativePrecision() {
        for (double x : new double[] {-9, -15, -30}) {
            double expected = integrate(TruncatedNormalTest::pdf, x - 5, x, 200_000);
            assertEquals(1, TruncatedNormal.cdf(x) / expected, 1e-6, "x = " + x);
            assertEquals(1, TruncatedNormal.mass(-x, -x + 5) / expected, 1e-6, "upper tail at " + -x);
        }
    }

    @Test
    void truncatedDensityIntegratesToOneOverItsInterval() {
        double[][] cases = {{0.3, 0.1, 0, 1}, {0.0, 1.0, 0, 1}, {0.99, 0.01, 0, 1}, {2, 5, -1, 3}};
        for (double[] c : cases) {
            double total = integrate(x -> Math.exp(TruncatedNormal.logDensity(x, c[0], c[1], c[2], c[3])), c[2], c[3], 100_000);
            assertEquals(1, total, 1e-8, java.util.Arrays.toString(c));
        }
    }

    @Test
    void samplesFollowTheTruncatedDensity() {
        double mu = 0.9;
        double sigma = 0.3;
        SplittableRandom rng = new SplittableRandom(42);
        int bins = 10;
        int n = 200_000;
        int[] counts = new int[bins];
        for (int i = 0; i < n; i++) {
            double x = TruncatedNormal.sample(rng, mu, sigma, 0, 1);
            assertTrue(x >= 0 && x <= 1, "sample " + x);
            counts[Math.min(bins - 1, (int) (x * bins))]++;
        }
        double chi2 = 0;
        for (int b = 0; b < bins; b++) {
            double lo = (double) b / bins;
            double hi = (double) (b + 1) / bins;
            double p = integrate(x -> Math.exp(TruncatedNormal.logDensity(x, mu, sigma, 0, 1)), lo, hi, 2_000);
            chi2 += Math.pow(counts[b] - n * p, 2) / (n * p);
        }
        // 27.9 is the 0.1% point of chi-square with 9 degrees of freedom
        assertTrue(chi2 < 27.9, "chi2 = " + chi2);
    }
}
