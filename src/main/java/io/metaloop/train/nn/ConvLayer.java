package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * 2-D convolution of any stride by im2col (stride 1 uses the faster {@link ShiftConvLayer}): each example's input patches are unrolled into a
 * {@code [c·k·k][oh·ow]} matrix so that forward, weight gradient and input gradient all become
 * loops over contiguous rows of {@code oh·ow} values, which the JIT vectorises. The unrolled
 * matrix is rebuilt in the backward pass rather than kept for the whole batch: rebuilding costs
 * one copy, keeping it would stream the batch's patches through memory twice.
 * Weights are {@code [filters][c][k][k]}, then {@code filters} biases.
 */
final class ConvLayer implements Layer {

    private final int c;
    private final int h;
    private final int w;
    private final int f;
    private final int k;
    private final int stride;
    private final int pad;
    private final int oh;
    private final int ow;
    private final int rows;    // c·k·k
    private final int cols;    // oh·ow
    private final int wOff;
    private final int bOff;
    private final float[] col;
    private final float[] dcol;
    private final int[] colRows;
    private final int[] dyRows;

    ConvLayer(LayerSpec.Conv spec, Shape in, Shape out, int offset) {
        this.c = in.channels();
        this.h = in.height();
        this.w = in.width();
        this.f = spec.filters();
        this.k = spec.kernel();
        this.stride = spec.stride();
        this.pad = spec.padding();
        this.oh = out.height();
        this.ow = out.width();
        this.rows = c * k * k;
        this.cols = oh * ow;
        this.wOff = offset;
        this.bOff = offset + f * rows;
        this.col = new float[rows * cols];
        this.dcol = new float[rows * cols];
        this.colRows = Kernels.rows(0, cols, rows);
        this.dyRows = new int[f];
    }

    @Override
    public int parameters() {
        return f * rows + f;
    }

    @Override
    public int biases() {
        return f;
    }

    @Override
    public void init(float[] p, Init init, SplittableRandom random) {
        init.fill(p, wOff, f * rows, bOff, f, rows, f * k * k, random);
    }

    @Override
    public void forward(float[] p, float[] x, float[] y, int n, boolean training) {
        int inSize = c * h * w;
        int outSize = f * cols;
        for (int s = 0; s < n; s++) {
            im2col(x, s * inSize);
            int yo = s * outSize;
            Kernels.nn(p, wOff, col, colRows, y, yo, f, cols, rows, false); // y = W · col
            for (int o = 0; o < f; o++) {
                float bias = p[bOff + o];
                for (int i = yo + o * cols, e = i + cols; i < e; i++) {
                    y[i] += bias;
                }
            }
        }
    }

    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        int inSize = c * h * w;
        int outSize = f * cols;
        for (int s = 0; s < n; s++) {
            im2col(x, s * inSize);
            int yo = s * outSize;
            for (int o = 0; o < f; o++) {
                float sum = 0;
                for (int i = yo + o * cols, e = i + cols; i < e; i++) {
                    sum += dy[i];
                }
                g[bOff + o] += sum;
            }
            Kernels.nt(dy, yo, col, colRows, g, wOff, f, rows, cols, true); // dW += dy · colᵀ
            if (dx != null) {
                for (int o = 0; o < f; o++) {
                    dyRows[o] = yo + o * cols;
                }
                Kernels.tn(p, wOff, dy, dyRows, dcol, 0, rows, cols, f, false); // dcol = Wᵀ · dy
                col2im(dx, s * inSize);
            }
        }
    }

    private void im2col(float[] x, int xo) {
        int r = 0;
        for (int ch = 0; ch < c; ch++) {
            int plane = xo + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, r++) {
                    int ro = r * cols;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride - pad + ky;
                        int co = ro + oy * ow;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(col, co, co + ow, 0f);
                            continue;
                        }
                        int rowBase = plane + iy * w;
                        if (stride == 1) {
                            // ix = ox - pad + kx: one contiguous run inside the image, zeros either side
                            int lo = Math.max(0, pad - kx);
                            int hi = Math.min(ow, w + pad - kx);
                            Arrays.fill(col, co, co + lo, 0f);
                            if (hi > lo) {
                                System.arraycopy(x, rowBase + lo - pad + kx, col, co + lo, hi - lo);
                            }
                            Arrays.fill(col, co + Math.max(lo, hi), co + ow, 0f);
                            continue;
                        }
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * stride - pad + kx;
                            col[co + ox] = ix >= 0 && ix < w ? x[rowBase + ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    /** Adds the unrolled gradient back onto the input positions it came from (overwriting {@code dx}'s example). */
    private void col2im(float[] dx, int xo) {
        Arrays.fill(dx, xo, xo + c * h * w, 0f);
        int r = 0;
        for (int ch = 0; ch < c; ch++) {
            int plane = xo + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, r++) {
                    int ro = r * cols;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int rowBase = plane + iy * w;
                        int co = ro + oy * ow;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * stride - pad + kx;
                            if (ix >= 0 && ix < w) {
                                dx[rowBase + ix] += dcol[co + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
