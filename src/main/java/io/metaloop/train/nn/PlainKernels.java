package io.metaloop.train.nn;

/** {@link Kernels} in plain Java, for JVMs started without the Vector API module. */
final class PlainKernels {

    private PlainKernels() {
    }

    static void nt(float[] a, int ao, float[] b, int[] bRows, float[] c, int co, int m, int n, int k, boolean add) {
        for (int i = 0; i < m; i++) {
            int ar = ao + i * k;
            for (int j = 0; j < n; j++) {
                int br = bRows[j];
                // Four independent sums: a single running sum would serialise on the add latency.
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int p = 0;
                for (; p + 3 < k; p += 4) {
                    s0 += a[ar + p] * b[br + p];
                    s1 += a[ar + p + 1] * b[br + p + 1];
                    s2 += a[ar + p + 2] * b[br + p + 2];
                    s3 += a[ar + p + 3] * b[br + p + 3];
                }
                for (; p < k; p++) {
                    s0 += a[ar + p] * b[br + p];
                }
                float s = (s0 + s1) + (s2 + s3);
                c[co + i * n + j] = add ? c[co + i * n + j] + s : s;
            }
        }
    }

    /** {@code C[m×n] (+)= Σ_p A(i, p) B(p, ·)} where {@code A(i, p) = a[ao + i·ai + p·ap]} and row p of B starts at {@code bRows[p]}. */
    static void xn(float[] a, int ao, int ai, int ap, float[] b, int[] bRows, float[] c, int co, int m, int n, int k,
                   boolean add) {
        for (int i = 0; i < m; i++) {
            int cr = co + i * n;
            if (!add) {
                java.util.Arrays.fill(c, cr, cr + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float s = a[ao + i * ai + p * ap];
                if (s == 0f) {
                    continue;
                }
                int br = bRows[p];
                for (int j = 0; j < n; j++) {
                    c[cr + j] += s * b[br + j];
                }
            }
        }
    }
}
