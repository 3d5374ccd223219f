package io.metaloop.train.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both kernel implementations against naive products, on sizes with and without vector tails. */
class KernelsTest {

    private static final int[][] SIZES = {{1, 1, 1}, {3, 5, 7}, {4, 8, 16}, {5, 12, 33}, {9, 17, 64}, {6, 3, 200}};

    @Test
    void vectorKernelsAreInUseInTests() {
        assertTrue(Kernels.VECTOR, "surefire runs with --add-modules jdk.incubator.vector");
    }

    @Test
    void productsMatchNaiveLoops() {
        SplittableRandom random = new SplittableRandom(5);
        for (int[] s : SIZES) {
            int m = s[0], n = s[1], k = s[2];
            int off = 3; // operands start inside larger arrays, as layer blocks do
            float[] a = fill(random, off + m * k);
            float[] b = fill(random, off + n * k);
            float[] bn = fill(random, off + k * n);
            float[] at = fill(random, off + k * m);
            float[] c0 = fill(random, off + m * n);
            for (boolean add : new boolean[]{false, true}) {
                double[] nt = new double[m * n];
                double[] nn = new double[m * n];
                double[] tn = new double[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double base = add ? c0[off + i * n + j] : 0;
                        nt[i * n + j] = base;
                        nn[i * n + j] = base;
                        tn[i * n + j] = base;
                        for (int p = 0; p < k; p++) {
                            nt[i * n + j] += (double) a[off + i * k + p] * b[off + j * k + p];
                            nn[i * n + j] += (double) a[off + i * k + p] * bn[off + p * n + j];
                            tn[i * n + j] += (double) at[off + p * m + i] * bn[off + p * n + j];
                        }
                    }
                }
                for (int impl = 0; impl < 2; impl++) {
                    float[] c = c0.clone();
                    if (impl == 0) {
                        PlainKernels.nt(a, off, b, Kernels.rows(off, k, n), c, off, m, n, k, add);
                    } else {
                        VectorKernels.nt(a, off, b, Kernels.rows(off, k, n), c, off, m, n, k, add);
                    }
                    assertClose(nt, c, off, "nt " + impl);
                    c = c0.clone();
                    if (impl == 0) {
                        PlainKernels.xn(a, off, k, 1, bn, Kernels.rows(off, n, k), c, off, m, n, k, add);
                    } else {
                        VectorKernels.xn(a, off, k, 1, bn, Kernels.rows(off, n, k), c, off, m, n, k, add);
                    }
                    assertClose(nn, c, off, "nn " + impl);
                    c = c0.clone();
                    if (impl == 0) {
                        PlainKernels.xn(at, off, 1, m, bn, Kernels.rows(off, n, k), c, off, m, n, k, add);
                    } else {
                        VectorKernels.xn(at, off, 1, m, bn, Kernels.rows(off, n, k), c, off, m, n, k, add);
                    }
                    assertClose(tn, c, off, "tn " + impl);
                    assertEquals(c0[0], c[0], "writes stay inside the block");
                }
            }
        }
    }

    private static void assertClose(double[] expected, float[] actual, int off, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[off + i], 1e-4 * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }

    private static float[] fill(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
