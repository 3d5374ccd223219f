package io.metaloop.sampler;

import java.util.random.RandomGenerator;

/**
 * The normal law restricted to an interval, the kernel of TPE's Parzen estimators for numeric
 * parameters. Only what TPE needs: the standard normal CDF with relative precision in both tails,
 * the probability of an interval, the log-density of a truncated kernel and sampling from it.
 */
public final class TruncatedNormal {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private TruncatedNormal() {
    }

    /**
     * The standard normal CDF Φ(x). Hart's rational approximation (algorithm 5666, in Graeme
     * West's form) keeps about 14 significant digits even far in the lower tail, where
     * {@code 1 - Φ(-x)} would lose them all; that matters for the mass of a narrow bin far from a
     * kernel's centre.
     */
    public static double cdf(double x) {
        double a = Math.abs(x);
        double lower;
        if (a > 37) {
            lower = 0;
        } else {
            double e = Math.exp(-0.5 * a * a);
            if (a < 7.07106781186547) {
                double num = 3.52624965998911E-02 * a + 0.700383064443688;
                num = num * a + 6.37396220353165;
                num = num * a + 33.912866078383;
                num = num * a + 112.079291497871;
                num = num * a + 221.213596169931;
                num = num * a + 220.206867912376;
                double den = 8.83883476483184E-02 * a + 1.75566716318264;
                den = den * a + 16.064177579207;
                den = den * a + 86.7807322029461;
                den = den * a + 296.564248779674;
                den = den * a + 637.333633378831;
                den = den * a + 793.826512519948;
                den = den * a + 440.413735824752;
                lower = e * num / den;
            } else {
                double cf = a + 0.65;
                cf = a + 4 / cf;
                cf = a + 3 / cf;
                cf = a + 2 / cf;
                cf = a + 1 / cf;
                lower = e / cf / SQRT_2PI;
            }
        }
        return x > 0 ? 1 - lower : lower;
    }

    /**
     * The probability that a standard normal variable lies in {@code [a, b]}, computed from the
     * tail nearer to the interval so that a far-away interval keeps its relative precision.
     */
    public static double mass(double a, double b) {
        if (b <= a) {
            return 0;
        }
        if (a < -9 && b > 9) {
            // both tails below 1.2e-19: 1 minus them rounds to exactly 1.0 anyway
            return 1;
        }
        if (a >= 0) {
            return cdf(-a) - cdf(-b);
        }
        if (b <= 0) {
            return cdf(b) - cdf(a);
        }
        return 1 - cdf(a) - cdf(-b);
    }

    /**
     * The log-density at {@code x} of N(mu, sigma²) truncated to {@code [low, high]}, for an
     * {@code x} inside the interval.
     */
    public static double logDensity(double x, double mu, double sigma, double low, double high) {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - Math.log(mass((low - mu) / sigma, (high - mu) / sigma));
    }

    /**
     * The log of the normalising constant's inverse part for a kernel: {@code -log σ - log Z}
     * with Z the kernel's mass inside {@code [low, high]}, precomputed once per kernel.
     */
    static double logNormalizer(double mu, double sigma, double low, double high) {
        return logNormalizer(Math.log(sigma), mass((low - mu) / sigma, (high - mu) / sigma));
    }

    /**
     * {@link #logNormalizer(double, double, double, double)} from its parts, for callers that
     * already hold log σ (shared by many kernels) or Z (needed for other things too).
     */
    static double logNormalizer(double logSigma, double massInside) {
        return -LOG_SQRT_2PI - logSigma - (massInside == 1 ? 0 : Math.log(massInside));
    }

    /**
     * A draw from N(mu, sigma²) truncated to {@code [low, high]}, by rejection. TPE's kernels
     * have their centre inside the interval and a width of at most the interval's, so at least
     * a third of the untruncated draws land inside; the cap on tries only guards against misuse.
     */
    public static double sample(RandomGenerator rng, double mu, double sigma, double low, double high) {
        for (int i = 0; i < 1000; i++) {
            double x = mu + sigma * rng.nextGaussian();
            if (x >= low && x <= high) {
                return x;
            }
        }
        return Math.min(high, Math.max(low, mu));
    }
}
