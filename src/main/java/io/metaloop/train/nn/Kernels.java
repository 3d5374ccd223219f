package io.metaloop.train.nn;

/**
 * The two inner loops every layer is built from. They are kept tiny and free of branches so
 * that C2 compiles them to AVX code: {@code axpy} has no loop-carried dependency and
 * vectorises directly; {@code dot} splits the sum over four independent accumulators
 * because Java's strict float semantics forbid the JIT from reordering a single running sum.
 */
final class Kernels {

    private Kernels() {
    }

    /** {@code y[yo..yo+n) += a * x[xo..xo+n)}. */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    /** The dot product of {@code a[ao..ao+n)} and {@code b[bo..bo+n)}. */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
