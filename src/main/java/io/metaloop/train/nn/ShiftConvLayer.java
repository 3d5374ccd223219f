package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Stride-1 convolution without im2col. Each example is copied once into a zero-padded buffer
 * of row width {@code wp = w + 2·pad}; the kernel tap {@code (c, ky, kx)} then sees the input
 * as one contiguous window starting at {@code c·hp·wp + ky·wp + kx}, and the output, computed
 * at row width {@code wp}, is a plain matrix product of the weights with these overlapping
 * windows (the {@code wp − ow} extra columns per row are discarded). This trades
 * {@code wp/ow − 1} extra multiply-adds for removing im2col's copies and index arithmetic, and
 * gives long contiguous rows to the vector kernels.
 * Weights are {@code [filters][c][k][k]}, then {@code filters} biases.
 */
final class ShiftConvLayer implements Layer {

    private final int c;
    private final int h;
    private final int w;
    private final int f;
    private final int pad;
    private final int oh;
    private final int ow;
    private final int hp;
    private final int wp;
    private final int taps;    // c·k·k
    private final int span;    // one output plane at padded width, oh·wp rounded up
    private final int wOff;
    private final int bOff;
    private final int[] windows;
    private final int[] outRows;
    private final float[] padded;
    private final float[] dPadded;
    private final float[] out;
    private final float[] dOut;
    private final float[] tapGrad;
    private boolean relu;

    ShiftConvLayer(LayerSpec.Conv spec, Shape in, Shape outShape, int offset) {
        int k = spec.kernel();
        this.c = in.channels();
        this.h = in.height();
        this.w = in.width();
        this.f = spec.filters();
        this.pad = spec.padding();
        this.oh = outShape.height();
        this.ow = outShape.width();
        this.hp = h + 2 * pad;
        this.wp = w + 2 * pad;
        this.taps = c * k * k;
        // Rounded up to whole vectors (16 floats covers AVX-512): the extra columns are discarded
        // like the padding columns, and the kernels then have no scalar tails.
        this.span = (oh * wp + 15) / 16 * 16;
        this.wOff = offset;
        this.bOff = offset + f * taps;
        this.windows = new int[taps];
        for (int ch = 0, t = 0; ch < c; ch++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++, t++) {
                    windows[t] = ch * hp * wp + ky * wp + kx;
                }
            }
        }
        this.outRows = Kernels.rows(0, span, f);
        // The last windows read past the padded image: slack keeps those reads in bounds (and zero).
        int slack = k + span - oh * wp;
        this.padded = new float[c * hp * wp + slack];
        this.dPadded = new float[c * hp * wp + slack];
        this.out = new float[f * span];
        this.dOut = new float[f * span]; // its extra columns stay zero, so they add nothing to gradients
        this.tapGrad = new float[taps * span];
    }

    /** Applies a ReLU to the output (and its derivative in the backward pass). */
    void fuseRelu() {
        relu = true;
    }

    @Override
    public int parameters() {
        return f * taps + f;
    }

    @Override
    public int biases() {
        return f;
    }

    @Override
    public void init(float[] p, Init init, SplittableRandom random) {
        init.fill(p, wOff, f * taps, bOff, f, taps, f * taps / c, random);
    }

    @Override
    public void forward(float[] p, float[] x, float[] y, int n, boolean training) {
        for (int s = 0; s < n; s++) {
            loadPadded(x, s * c * h * w);
            Kernels.nn(p, wOff, padded, windows, out, 0, f, span, taps, false); // out = W · windows
            int yo = s * f * oh * ow;
            for (int o = 0; o < f; o++) {
                float bias = p[bOff + o];
                for (int r = 0; r < oh; r++) {
                    int src = o * span + r * wp;
                    int dst = yo + (o * oh + r) * ow;
                    if (relu) {
                        for (int i = 0; i < ow; i++) {
                            y[dst + i] = Math.max(out[src + i] + bias, 0f);
                        }
                    } else {
                        for (int i = 0; i < ow; i++) {
                            y[dst + i] = out[src + i] + bias;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        for (int s = 0; s < n; s++) {
            int yo = s * f * oh * ow;
            for (int o = 0; o < f; o++) {
                float sum = 0;
                for (int r = 0; r < oh; r++) {
                    int src = yo + (o * oh + r) * ow;
                    int dst = o * span + r * wp;
                    if (relu) {
                        for (int i = 0; i < ow; i++) {
                            // y > 0 exactly where the pre-activation was positive. Whether it is, is
                            // unpredictable, so the gradient is masked with bits instead of a branch:
                            // (bits(y) − 1) >> 31 is all ones for y = +0 and zero for y > 0.
                            int dead = (Float.floatToRawIntBits(y[src + i]) - 1) >> 31;
                            float d = Float.intBitsToFloat(Float.floatToRawIntBits(dy[src + i]) & ~dead);
                            dOut[dst + i] = d;
                            sum += d;
                        }
                    } else {
                        for (int i = 0; i < ow; i++) {
                            dOut[dst + i] = dy[src + i];
                            sum += dy[src + i];
                        }
                    }
                }
                g[bOff + o] += sum;
            }
            loadPadded(x, s * c * h * w);
            Kernels.nt(dOut, 0, padded, windows, g, wOff, f, taps, span, true); // dW += dOut · windowsᵀ
            if (dx != null) {
                Kernels.tn(p, wOff, dOut, outRows, tapGrad, 0, taps, span, f, false); // per-tap gradient Wᵀ · dOut
                Arrays.fill(dPadded, 0f);
                for (int t = 0; t < taps; t++) {
                    Kernels.add(tapGrad, t * span, dPadded, windows[t], span);
                }
                int xo = s * c * h * w;
                for (int ch = 0; ch < c; ch++) {
                    for (int r = 0; r < h; r++) {
                        System.arraycopy(dPadded, (ch * hp + r + pad) * wp + pad, dx, xo + (ch * h + r) * w, w);
                    }
                }
            }
        }
    }

    /** Copies one example into the interior of the padded buffer; the border is never written, so stays zero. */
    private void loadPadded(float[] x, int xo) {
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(x, xo + (ch * h + r) * w, padded, (ch * hp + r + pad) * wp + pad, w);
            }
        }
    }
}
