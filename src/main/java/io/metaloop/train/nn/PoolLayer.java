package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;

import java.util.Arrays;

/** Max or average pooling per channel; max pooling remembers the winning input for the backward pass. */
final class PoolLayer implements Layer {

    private final boolean max;
    private final int size;
    private final int stride;
    private final int c;
    private final int h;
    private final int w;
    private final int oh;
    private final int ow;
    private int[] argmax = new int[0];

    PoolLayer(LayerSpec.Pool spec, Shape in, Shape out) {
        this.max = spec.max();
        this.size = spec.size();
        this.stride = spec.stride();
        this.c = in.channels();
        this.h = in.height();
        this.w = in.width();
        this.oh = out.height();
        this.ow = out.width();
    }

    @Override
    public void reserve(int n) {
        if (max && argmax.length < n * c * oh * ow) {
            argmax = new int[n * c * oh * ow];
        }
    }

    @Override
    public void forward(float[] p, float[] x, float[] y, int n, boolean training) {
        if (max && size == 2 && stride == 2) {
            maxPool2(x, y, n);
            return;
        }
        float inv = 1f / (size * size);
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, o++) {
                    int start = base + oy * stride * w + ox * stride;
                    if (max) {
                        int best = start;
                        float v = x[start];
                        for (int ky = 0; ky < size; ky++) {
                            for (int kx = 0, i = start + ky * w; kx < size; kx++, i++) {
                                if (x[i] > v) {
                                    v = x[i];
                                    best = i;
                                }
                            }
                        }
                        y[o] = v;
                        argmax[o] = best;
                    } else {
                        float s = 0;
                        for (int ky = 0; ky < size; ky++) {
                            for (int kx = 0, i = start + ky * w; kx < size; kx++, i++) {
                                s += x[i];
                            }
                        }
                        y[o] = s * inv;
                    }
                }
            }
        }
    }

    /** The common 2×2, stride-2 max pooling, unrolled. */
    private void maxPool2(float[] x, float[] y, int n) {
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int top = base + 2 * oy * w;
                for (int ox = 0; ox < ow; ox++, o++) {
                    int i = top + 2 * ox;
                    int at = argMax2x2(x, i, w);
                    y[o] = x[at];
                    argmax[o] = at;
                }
            }
        }
    }

    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        if (dx == null) {
            return;
        }
        Arrays.fill(dx, 0, n * c * h * w, 0f);
        int outs = n * c * oh * ow;
        if (max) {
            for (int o = 0; o < outs; o++) {
                dx[argmax[o]] += dy[o];
            }
            return;
        }
        float inv = 1f / (size * size);
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, o++) {
                    float d = dy[o] * inv;
                    int start = base + oy * stride * w + ox * stride;
                    for (int ky = 0; ky < size; ky++) {
                        for (int kx = 0, i = start + ky * w; kx < size; kx++, i++) {
                            dx[i] += d;
                        }
                    }
                }
            }
        }
    }

    /**
     * The index of the largest of {@code x[i]}, {@code x[i + 1]}, {@code x[i + w]},
     * {@code x[i + w + 1]} (ties keep the first). The comparisons are unpredictable, so the
     * winner is found without branches: the sign bit of a difference says which side is larger.
     */
    static int argMax2x2(float[] x, int i, int w) {
        float a = x[i];
        float b = x[i + 1];
        float c = x[i + w];
        float d = x[i + w + 1];
        int upperAt = Float.floatToRawIntBits(a - b) >>> 31;
        int lowerAt = w + (Float.floatToRawIntBits(c - d) >>> 31);
        int below = Float.floatToRawIntBits(Math.max(a, b) - Math.max(c, d)) >>> 31;
        return i + upperAt + below * (lowerAt - upperAt);
    }
}
