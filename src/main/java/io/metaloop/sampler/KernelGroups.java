package io.metaloop.sampler;

import java.util.HashMap;
import java.util.Map;

/**
 * The kernels of a Parzen estimator on one discrete axis, grouped by equal centre and width.
 * Observations of a discrete parameter sit on bin centres, and a search that has found a good
 * region keeps proposing the same few values, so two hundred kernels often hold a few dozen
 * distinct (centre, width) pairs: the bin masses, two normal CDFs each, are computed per group.
 * Kernels in one group get bit-for-bit the masses they would get one by one.
 */
final class KernelGroups {

    private record Key(double mu, double sigma) {
    }

    private final int[] groupOf;
    private final double[] mu;
    private final double[] sigma;
    /** Per group: 1 / (its kernel's mass inside [0, 1]). */
    private final double[] inverseMass;
    private final double[] logNormalizer;

    private KernelGroups(int[] groupOf, double[] mu, double[] sigma) {
        this.groupOf = groupOf;
        this.mu = mu;
        this.sigma = sigma;
        int g = mu.length;
        this.inverseMass = new double[g];
        this.logNormalizer = new double[g];
        for (int i = 0; i < g; i++) {
            // one mass inside [0, 1] serves both
            double inside = TruncatedNormal.mass(-mu[i] / sigma[i], (1 - mu[i]) / sigma[i]);
            inverseMass[i] = 1 / inside;
            logNormalizer[i] = TruncatedNormal.logNormalizer(Math.log(sigma[i]), inside);
        }
    }

    /**
     * Groups the kernels' centres and widths on axis {@code j}, given kernel after kernel
     * ({@code mu[k * d + j]}).
     */
    static KernelGroups of(double[] mu, double[] sigma, int d, int j) {
        int kernels = mu.length / d;
        int[] groupOf = new int[kernels];
        Map<Key, Integer> index = new HashMap<>();
        double[] gm = new double[kernels];
        double[] gs = new double[kernels];
        for (int k = 0; k < kernels; k++) {
            Key key = new Key(mu[k * d + j], sigma[k * d + j]);
            Integer g = index.get(key);
            if (g == null) {
                g = index.size();
                index.put(key, g);
                gm[g] = key.mu();
                gs[g] = key.sigma();
            }
            groupOf[k] = g;
        }
        int n = index.size();
        return new KernelGroups(groupOf, java.util.Arrays.copyOf(gm, n), java.util.Arrays.copyOf(gs, n));
    }

    /** Each kernel's group number. The array is shared: do not modify it. */
    int[] groupOf() {
        return groupOf;
    }

    /** Kernel {@code k}'s {@link TruncatedNormal#logNormalizer} on [0, 1]. */
    double logNormalizer(int k) {
        return logNormalizer[groupOf[k]];
    }

    /**
     * Each group's probability of {@code [lo, hi]}, given that it lies in [0, 1]; 0 for a bin
     * more than {@code far} widths away, whose mass next to the near kernels' is below what a
     * double can hold.
     */
    double[] binMasses(double lo, double hi, double far) {
        double[] out = new double[mu.length];
        for (int g = 0; g < out.length; g++) {
            double a = (lo - mu[g]) / sigma[g];
            double b = (hi - mu[g]) / sigma[g];
            out[g] = a > far || b < -far ? 0 : TruncatedNormal.mass(a, b) * inverseMass[g];
        }
        return out;
    }
}
