package io.metaloop.train.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK Vector API; loaded only when the incubator module is present.
 * Both products are register-blocked (2×4 dot products; 4 rows × 2 vectors of updates), so
 * each vector loaded from memory feeds several fused multiply-adds instead of one.
 *
 * <p>Each block is its own small method, called many times per product. That is for the JIT:
 * a method reaches C2 (the only compiler that turns these calls into vector instructions)
 * after some thousands of invocations, and before that the Vector API runs as slow Java code.
 * One big method per product would be invoked only a few times per batch and stay there for
 * hundreds of batches; small block methods are compiled within the first few batches.
 */
final class VectorKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {
    }

    static void nt(float[] a, int ao, float[] b, int[] bRows, float[] c, int co, int m, int n, int k, boolean add) {
        int i = 0;
        for (; i + 1 < m; i += 2) {
            int ar = ao + i * k;
            int cr = co + i * n;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                dots2x4(a, ar, ar + k, b, bRows[j], bRows[j + 1], bRows[j + 2], bRows[j + 3], k, c, cr + j, cr + n + j, add);
            }
            for (; j < n; j++) {
                store(c, cr + j, dot(a, ar, b, bRows[j], k), add);
                store(c, cr + n + j, dot(a, ar + k, b, bRows[j], k), add);
            }
        }
        for (; i < m; i++) {
            int ar = ao + i * k;
            int cr = co + i * n;
            for (int j = 0; j < n; j++) {
                store(c, cr + j, dot(a, ar, b, bRows[j], k), add);
            }
        }
    }

    /** Rows {@code ar, as} of A against rows {@code b0..b3} of B: eight dot products of length k. */
    private static void dots2x4(float[] a, int ar, int as, float[] b, int b0, int b1, int b2, int b3, int k,
                                float[] c, int cr, int cs, boolean add) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        FloatVector t0 = FloatVector.zero(S);
        FloatVector t1 = FloatVector.zero(S);
        FloatVector t2 = FloatVector.zero(S);
        FloatVector t3 = FloatVector.zero(S);
        int p = 0;
        for (int vk = S.loopBound(k); p < vk; p += L) {
            FloatVector av = FloatVector.fromArray(S, a, ar + p);
            FloatVector aw = FloatVector.fromArray(S, a, as + p);
            FloatVector v0 = FloatVector.fromArray(S, b, b0 + p);
            FloatVector v1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector v2 = FloatVector.fromArray(S, b, b2 + p);
            FloatVector v3 = FloatVector.fromArray(S, b, b3 + p);
            s0 = av.fma(v0, s0);
            s1 = av.fma(v1, s1);
            s2 = av.fma(v2, s2);
            s3 = av.fma(v3, s3);
            t0 = aw.fma(v0, t0);
            t1 = aw.fma(v1, t1);
            t2 = aw.fma(v2, t2);
            t3 = aw.fma(v3, t3);
        }
        float r0 = s0.reduceLanes(VectorOperators.ADD);
        float r1 = s1.reduceLanes(VectorOperators.ADD);
        float r2 = s2.reduceLanes(VectorOperators.ADD);
        float r3 = s3.reduceLanes(VectorOperators.ADD);
        float q0 = t0.reduceLanes(VectorOperators.ADD);
        float q1 = t1.reduceLanes(VectorOperators.ADD);
        float q2 = t2.reduceLanes(VectorOperators.ADD);
        float q3 = t3.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            float x = a[ar + p];
            float y = a[as + p];
            r0 += x * b[b0 + p];
            r1 += x * b[b1 + p];
            r2 += x * b[b2 + p];
            r3 += x * b[b3 + p];
            q0 += y * b[b0 + p];
            q1 += y * b[b1 + p];
            q2 += y * b[b2 + p];
            q3 += y * b[b3 + p];
        }
        store(c, cr, r0, add);
        store(c, cr + 1, r1, add);
        store(c, cr + 2, r2, add);
        store(c, cr + 3, r3, add);
        store(c, cs, q0, add);
        store(c, cs + 1, q1, add);
        store(c, cs + 2, q2, add);
        store(c, cs + 3, q3, add);
    }

    private static float dot(float[] a, int ar, float[] b, int br, int k) {
        // Independent accumulators: one would wait on each multiply-add's latency.
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int p = 0;
        for (int up = k - 4 * L; p <= up; p += 4 * L) {
            s0 = FloatVector.fromArray(S, a, ar + p).fma(FloatVector.fromArray(S, b, br + p), s0);
            s1 = FloatVector.fromArray(S, a, ar + p + L).fma(FloatVector.fromArray(S, b, br + p + L), s1);
            s2 = FloatVector.fromArray(S, a, ar + p + 2 * L).fma(FloatVector.fromArray(S, b, br + p + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, ar + p + 3 * L).fma(FloatVector.fromArray(S, b, br + p + 3 * L), s3);
        }
        for (int vk = S.loopBound(k); p < vk; p += L) {
            s0 = FloatVector.fromArray(S, a, ar + p).fma(FloatVector.fromArray(S, b, br + p), s0);
        }
        float r = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            r += a[ar + p] * b[br + p];
        }
        return r;
    }

    private static void store(float[] c, int at, float v, boolean add) {
        c[at] = add ? c[at] + v : v;
    }

    /**
     * {@code C[m×n] (+)= Σ_p A(i, p) B(p, ·)} where {@code A(i, p) = a[ao + i·ai + p·ap]} and row p
     * of B starts at {@code bRows[p]}.
     */
    static void xn(float[] a, int ao, int ai, int ap, float[] b, int[] bRows, float[] c, int co, int m, int n, int k,
                   boolean add) {
        int vn = S.loopBound(n);
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int cr = co + i * n;
            int ar = ao + i * ai;
            int j = 0;
            for (; j + L < vn; j += 2 * L) {
                updates4x2(a, ar, ai, ap, b, bRows, j, c, cr + j, n, k, add);
            }
            for (; j < vn; j += L) {
                for (int r = 0; r < 4; r++) {
                    updates1x1(a, ar + r * ai, ap, b, bRows, j, c, cr + r * n + j, k, add);
                }
            }
            for (; j < n; j++) {
                for (int r = 0; r < 4; r++) {
                    scalar(a, ar + r * ai, ap, b, bRows, j, c, cr + r * n + j, k, add);
                }
            }
        }
        for (; i < m; i++) {
            int cr = co + i * n;
            int ar = ao + i * ai;
            int j = 0;
            for (; j < vn; j += L) {
                updates1x1(a, ar, ap, b, bRows, j, c, cr + j, k, add);
            }
            for (; j < n; j++) {
                scalar(a, ar, ap, b, bRows, j, c, cr + j, k, add);
            }
        }
    }

    /** Four rows of C, two vectors wide, starting at column {@code j} (C row {@code r} at {@code c0 + r·n}). */
    private static void updates4x2(float[] a, int a0, int ai, int ap, float[] b, int[] bRows, int j, float[] c, int c0,
                                   int n, int k, boolean add) {
        int a1 = a0 + ai;
        int a2 = a1 + ai;
        int a3 = a2 + ai;
        int c1 = c0 + n;
        int c2 = c1 + n;
        int c3 = c2 + n;
        FloatVector s0 = add ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
        FloatVector s1 = add ? FloatVector.fromArray(S, c, c1) : FloatVector.zero(S);
        FloatVector s2 = add ? FloatVector.fromArray(S, c, c2) : FloatVector.zero(S);
        FloatVector s3 = add ? FloatVector.fromArray(S, c, c3) : FloatVector.zero(S);
        FloatVector t0 = add ? FloatVector.fromArray(S, c, c0 + L) : FloatVector.zero(S);
        FloatVector t1 = add ? FloatVector.fromArray(S, c, c1 + L) : FloatVector.zero(S);
        FloatVector t2 = add ? FloatVector.fromArray(S, c, c2 + L) : FloatVector.zero(S);
        FloatVector t3 = add ? FloatVector.fromArray(S, c, c3 + L) : FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int br = bRows[p] + j;
            FloatVector bv = FloatVector.fromArray(S, b, br);
            FloatVector bw = FloatVector.fromArray(S, b, br + L);
            int q = p * ap;
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + q]);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + q]);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + q]);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + q]);
            s0 = bv.fma(x0, s0);
            s1 = bv.fma(x1, s1);
            s2 = bv.fma(x2, s2);
            s3 = bv.fma(x3, s3);
            t0 = bw.fma(x0, t0);
            t1 = bw.fma(x1, t1);
            t2 = bw.fma(x2, t2);
            t3 = bw.fma(x3, t3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
        t0.intoArray(c, c0 + L);
        t1.intoArray(c, c1 + L);
        t2.intoArray(c, c2 + L);
        t3.intoArray(c, c3 + L);
    }

    private static void updates1x1(float[] a, int ar, int ap, float[] b, int[] bRows, int j, float[] c, int cr, int k,
                                   boolean add) {
        FloatVector s0 = add ? FloatVector.fromArray(S, c, cr) : FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            s0 = FloatVector.fromArray(S, b, bRows[p] + j).fma(FloatVector.broadcast(S, a[ar + p * ap]), s0);
        }
        s0.intoArray(c, cr);
    }

    private static void scalar(float[] a, int ar, int ap, float[] b, int[] bRows, int j, float[] c, int cr, int k,
                               boolean add) {
        float s0 = add ? c[cr] : 0f;
        for (int p = 0; p < k; p++) {
            s0 += a[ar + p * ap] * b[bRows[p] + j];
        }
        c[cr] = s0;
    }

    /** {@code y = max(x, 0)} on {@code [0, n)}. */
    static void relu(float[] x, float[] y, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) {
            FloatVector.fromArray(S, x, i).max(zero).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    /** {@code dx = x > 0 ? dy : 0} on {@code [0, n)}. */
    static void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            zero.blend(FloatVector.fromArray(S, dy, i), xv.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
        for (; i < n; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }
}
