package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;

import java.util.List;

/**
 * A deliberately naive double-precision forward pass of a {@link NetworkSpec}, written
 * independently of the fast layers, for finite-difference gradient checks. Dropout layers are
 * the identity here (they are checked on their own). Batch normalisation uses the batch's own
 * statistics in training mode and the stored running ones otherwise.
 */
final class ReferenceNet {

    private ReferenceNet() {
    }

    /** The outputs for {@code n} examples. */
    static double[] forward(NetworkSpec spec, double[] p, double[] x, int n, boolean training) {
        List<Shape> shapes = spec.shapes();
        int offset = 0;
        double[] a = x;
        for (int li = 0; li < spec.layers().size(); li++) {
            LayerSpec layer = spec.layers().get(li);
            Shape in = shapes.get(li);
            Shape out = shapes.get(li + 1);
            double[] b = new double[n * out.size()];
            if (layer instanceof LayerSpec.Dense d) {
                int I = in.size();
                int O = d.units();
                for (int s = 0; s < n; s++) {
                    for (int o = 0; o < O; o++) {
                        double sum = p[offset + O * I + o];
                        for (int i = 0; i < I; i++) {
                            sum += p[offset + o * I + i] * a[s * I + i];
                        }
                        b[s * O + o] = sum;
                    }
                }
            } else if (layer instanceof LayerSpec.Conv c) {
                int C = in.channels(), H = in.height(), W = in.width(), K = c.kernel();
                int F = c.filters(), OH = out.height(), OW = out.width();
                int biases = offset + F * C * K * K;
                for (int s = 0; s < n; s++) {
                    for (int f = 0; f < F; f++) {
                        for (int oy = 0; oy < OH; oy++) {
                            for (int ox = 0; ox < OW; ox++) {
                                double sum = p[biases + f];
                                for (int ch = 0; ch < C; ch++) {
                                    for (int ky = 0; ky < K; ky++) {
                                        for (int kx = 0; kx < K; kx++) {
                                            int iy = oy * c.stride() - c.padding() + ky;
                                            int ix = ox * c.stride() - c.padding() + kx;
                                            if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
                                                sum += p[offset + ((f * C + ch) * K + ky) * K + kx]
                                                        * a[s * in.size() + (ch * H + iy) * W + ix];
                                            }
                                        }
                                    }
                                }
                                b[s * out.size() + (f * OH + oy) * OW + ox] = sum;
                            }
                        }
                    }
                }
            } else if (layer instanceof LayerSpec.Pool pool) {
                int C = in.channels(), H = in.height(), W = in.width(), OH = out.height(), OW = out.width();
                for (int s = 0; s < n; s++) {
                    for (int ch = 0; ch < C; ch++) {
                        for (int oy = 0; oy < OH; oy++) {
                            for (int ox = 0; ox < OW; ox++) {
                                double v = pool.max() ? Double.NEGATIVE_INFINITY : 0;
                                for (int ky = 0; ky < pool.size(); ky++) {
                                    for (int kx = 0; kx < pool.size(); kx++) {
                                        double e = a[s * in.size() + (ch * H + oy * pool.stride() + ky) * W
                                                + ox * pool.stride() + kx];
                                        v = pool.max() ? Math.max(v, e) : v + e / (pool.size() * pool.size());
                                    }
                                }
                                b[s * out.size() + (ch * OH + oy) * OW + ox] = v;
                            }
                        }
                    }
                }
            } else if (layer instanceof LayerSpec.Act act) {
                for (int i = 0; i < b.length; i++) {
                    b[i] = activate(act.function(), a[i]);
                }
            } else if (layer instanceof LayerSpec.BatchNorm) {
                batchNorm(in, p, offset, a, b, n, training);
            } else {
                System.arraycopy(a, 0, b, 0, b.length); // flatten, dropout
            }
            offset += (int) layer.parameterCount(in);
            a = b;
        }
        return a;
    }

    /** Per channel (per feature of flat data): {@code γ (x − μ) / √(σ² + ε) + β}. */
    private static void batchNorm(Shape in, double[] p, int offset, double[] a, double[] b, int n, boolean training) {
        boolean flat = in.channels() == 1 && in.height() == 1;
        int C = flat ? in.width() : in.channels();
        int S = flat ? 1 : in.height() * in.width();
        for (int c = 0; c < C; c++) {
            double mean = p[offset + 2 * C + c];
            double variance = p[offset + 3 * C + c];
            if (training) {
                mean = 0;
                for (int s = 0; s < n; s++) {
                    for (int j = 0; j < S; j++) {
                        mean += a[s * C * S + c * S + j] / (n * S);
                    }
                }
                variance = 0;
                for (int s = 0; s < n; s++) {
                    for (int j = 0; j < S; j++) {
                        double d = a[s * C * S + c * S + j] - mean;
                        variance += d * d / (n * S);
                    }
                }
            }
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < S; j++) {
                    int i = s * C * S + c * S + j;
                    b[i] = p[offset + c] * (a[i] - mean) / Math.sqrt(variance + BatchNormLayer.EPSILON) + p[offset + C + c];
                }
            }
        }
    }

    static double activate(Activation f, double v) {
        return switch (f) {
            case RELU -> Math.max(v, 0);
            case LEAKY_RELU -> v > 0 ? v : 0.01 * v;
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case GELU -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
        };
    }

    /** The summed loss of {@code n} examples plus the weight penalty, in training mode or not. */
    static double loss(NetworkSpec spec, double[] p, double[] x, int[] labels, int n, Penalty penalty, boolean[] weights,
                       boolean training) {
        double[] out = forward(spec, p, x, n, training);
        int k = spec.outputs();
        double total = 0;
        for (int s = 0; s < n; s++) {
            if (spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
                double z = 0;
                for (int j = 0; j < k; j++) {
                    z += Math.exp(out[s * k + j]);
                }
                total += Math.log(z) - out[s * k + labels[s]];
            } else {
                for (int j = 0; j < k; j++) {
                    double e = out[s * k + j] - (j == labels[s] ? 1 : 0);
                    total += 0.5 * e * e;
                }
            }
        }
        for (int i = 0; i < p.length; i++) {
            if (weights[i]) {
                total += penalty.l1() * Math.abs(p[i]) + 0.5 * penalty.l2() * p[i] * p[i];
            }
        }
        return total;
    }
}
