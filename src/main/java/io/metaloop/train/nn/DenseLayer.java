package io.metaloop.train.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Fully connected layer; weights row-major {@code [out][in]}, then {@code out} biases. */
final class DenseLayer implements Layer {

    private final int in;
    private final int out;
    private final int w;
    private final int b;

    DenseLayer(int in, int out, int offset) {
        this.in = in;
        this.out = out;
        this.w = offset;
        this.b = offset + in * out;
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
        // One contiguous dot product of length `in` per output: both operands are read in order.
        for (int r = 0; r < n; r++) {
            int xo = r * in;
            int yo = r * out;
            for (int o = 0; o < out; o++) {
                y[yo + o] = p[b + o] + Kernels.dot(x, xo, p, w + o * in, in);
            }
        }
    }

    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        if (dx != null) {
            Arrays.fill(dx, 0, n * in, 0f);
        }
        for (int r = 0; r < n; r++) {
            int xo = r * in;
            int yo = r * out;
            for (int o = 0; o < out; o++) {
                float d = dy[yo + o];
                if (d == 0f) {
                    continue; // common after ReLU: skip a whole row update
                }
                g[b + o] += d;
                Kernels.axpy(d, x, xo, g, w + o * in, in);
                if (dx != null) {
                    Kernels.axpy(d, p, w + o * in, dx, xo, in);
                }
            }
        }
    }
}
