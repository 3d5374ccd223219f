package io.metaloop.train.nn;

import java.util.SplittableRandom;

/** Fully connected layer; weights row-major {@code [out][in]}, then {@code out} biases. */
final class DenseLayer implements Layer {

    private final int in;
    private final int out;
    private final int w;
    private final int b;
    private final int[] weightRows;
    private int[] inputRows = new int[0];

    DenseLayer(int in, int out, int offset) {
        this.in = in;
        this.out = out;
        this.w = offset;
        this.b = offset + in * out;
        this.weightRows = Kernels.rows(offset, in, out);
    }

    @Override
    public void reserve(int n) {
        if (inputRows.length < n) {
            inputRows = Kernels.rows(0, in, n);
        }
    }

    @Override
    public int parameters() {
        return in * out + out;
    }

    @Override
    public int biases() {
        return out;
    }

    @Override
    public void init(float[] p, Init init, SplittableRandom random) {
        init.fill(p, w, in * out, b, out, in, out, random);
    }

    @Override
    public void forward(float[] p, float[] x, float[] y, int n, boolean training) {
        Kernels.nt(x, 0, p, weightRows, y, 0, n, out, in, false); // y = x · Wᵀ
        for (int r = 0; r < n; r++) {
            for (int o = 0, yo = r * out; o < out; o++) {
                y[yo + o] += p[b + o];
            }
        }
    }

    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        for (int r = 0; r < n; r++) {
            for (int o = 0, yo = r * out; o < out; o++) {
                g[b + o] += dy[yo + o];
            }
        }
        Kernels.tn(dy, 0, x, inputRows, g, w, out, in, n, true); // dW += dyᵀ · x
        if (dx != null) {
            Kernels.nn(dy, 0, p, weightRows, dx, 0, n, in, out, false); // dx = dy · W
        }
    }
}
