package io.metaloop.train.nn;

/**
 * The three matrix products every layer is built from, on row-major blocks of flat arrays. The
 * right-hand operand is given by the offsets of its rows, so that a convolution can pass
 * shifted, overlapping windows of one padded image as the rows of a matrix without copying.
 * <ul>
 *   <li>{@code nt}: {@code C[m×n] (+)= A[m×k] · B[n×k]ᵀ} (rows of A against rows of B: dot products)</li>
 *   <li>{@code nn}: {@code C[m×n] (+)= A[m×k] · B[k×n]}</li>
 *   <li>{@code tn}: {@code C[m×n] (+)= A[k×m]ᵀ · B[k×n]}</li>
 * </ul>
 *
 * <p>Why the Vector API: Java 17's C2 vectorises a loop only when all its array accesses share
 * one offset, and never vectorises a float sum (strict evaluation order). These products read
 * and write rows at different offsets of different arrays, so plain loops run scalar; measured
 * on the 784-12-10 layer with a 64-example batch, the forward product takes 75 µs with the
 * Vector API and 540 µs with the best plain loop. The incubator module is used only when the
 * JVM was started with {@code --add-modules jdk.incubator.vector}; otherwise the plain loops in
 * {@link PlainKernels} run, with the same results up to float rounding. Either way, one
 * configuration gives one result for one seed.
 */
final class Kernels {

    /** True when the Vector API kernels are in use. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("metaloop.plainKernels");

    private Kernels() {
    }

    /** {@code C[m×n] (+)= A[m×k] · Bᵀ} where row j of B (length k) starts at {@code bRows[j]}. */
    static void nt(float[] a, int ao, float[] b, int[] bRows, float[] c, int co, int m, int n, int k, boolean add) {
        if (VECTOR) {
            VectorKernels.nt(a, ao, b, bRows, c, co, m, n, k, add);
        } else {
            PlainKernels.nt(a, ao, b, bRows, c, co, m, n, k, add);
        }
    }

    /** {@code C[m×n] (+)= A[m×k] · B} where row p of B (length n) starts at {@code bRows[p]}. */
    static void nn(float[] a, int ao, float[] b, int[] bRows, float[] c, int co, int m, int n, int k, boolean add) {
        if (VECTOR) {
            VectorKernels.xn(a, ao, k, 1, b, bRows, c, co, m, n, k, add);
        } else {
            PlainKernels.xn(a, ao, k, 1, b, bRows, c, co, m, n, k, add);
        }
    }

    /** {@code C[m×n] (+)= A[k×m]ᵀ · B} where row p of B (length n) starts at {@code bRows[p]}. */
    static void tn(float[] a, int ao, float[] b, int[] bRows, float[] c, int co, int m, int n, int k, boolean add) {
        if (VECTOR) {
            VectorKernels.xn(a, ao, 1, m, b, bRows, c, co, m, n, k, add);
        } else {
            PlainKernels.xn(a, ao, 1, m, b, bRows, c, co, m, n, k, add);
        }
    }

    /** Offsets {@code start, start + stride, …} of {@code count} rows. */
    static int[] rows(int start, int stride, int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            r[i] = start + i * stride;
        }
        return r;
    }
}
