package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Batch normalisation per channel (per feature for flat data): in training, each channel is
 * standardised with the mean and variance of the batch (over its examples and pixels), then
 * scaled and shifted by learned {@code γ} and {@code β}; in inference, with running averages of
 * those statistics.
 *
 * <p>Parameters, in the network's flat array: {@code γ[C], β[C], runningMean[C], runningVar[C]}.
 * The running statistics live there, rather than in the layer, so that model files, the
 * trainer's best-epoch snapshot and {@link Network#setParameters} carry them without a second
 * kind of state; they get no gradient (an optimizer leaves them alone, but for AdamW's decoupled
 * decay of a few parts in a million per step, which the next batch's average overwrites). None
 * is penalised. A batch larger than {@link Network#CHUNK} is normalised chunk by chunk, each
 * with its own statistics.
 */
final class BatchNormLayer implements Layer {

    /** Added to the variance before the square root. */
    static final double EPSILON = 1e-5;
    /** Weight of the newest batch in the running statistics. */
    static final double MOMENTUM = 0.1;

    private final int channels;
    private final int spatial;
    private final int offset;
    private final double[] inverseStd;
    private float[] normalized = new float[0];
    private boolean batchStatistics;

    BatchNormLayer(Shape in, int offset) {
        this.channels = channels(in);
        this.spatial = in.size() / channels;
        this.offset = offset;
        this.inverseStd = new double[channels];
    }

    /** The number of normalised channels (features, for flat input) of {@code in}. */
    static int channels(Shape in) {
        return in.channels() == 1 && in.height() == 1 ? in.width() : in.channels();
    }

    @Override
    public int parameters() {
        return 4 * channels;
    }

    @Override
    public int biases() {
        return 4 * channels;
    }

    @Override
    public void init(float[] params, Init init, SplittableRandom random) {
        Arrays.fill(params, offset, offset + channels, 1f);
        Arrays.fill(params, offset + channels, offset + 3 * channels, 0f);
        Arrays.fill(params, offset + 3 * channels, offset + 4 * channels, 1f);
    }

    @Override
    public void reserve(int n) {
        if (normalized.length < n * channels * spatial) {
            normalized = new float[n * channels * spatial];
        }
    }

    @Override
    public void forward(float[] p, float[] x, float[] y, int n, boolean training) {
        batchStatistics = training;
        int size = channels * spatial;
        int count = n * spatial;
        for (int c = 0; c < channels; c++) {
            int meanAt = offset + 2 * channels + c;
            int varianceAt = meanAt + channels;
            double mean;
            double variance;
            if (training) {
                double sum = 0;
                for (int s = 0; s < n; s++) {
                    for (int j = 0, i = s * size + c * spatial; j < spatial; j++, i++) {
                        sum += x[i];
                    }
                }
                mean = sum / count;
                double squares = 0;
                for (int s = 0; s < n; s++) {
                    for (int j = 0, i = s * size + c * spatial; j < spatial; j++, i++) {
                        double d = x[i] - mean;
                        squares += d * d;
                    }
                }
                variance = squares / count;
                p[meanAt] = (float) ((1 - MOMENTUM) * p[meanAt] + MOMENTUM * mean);
                double unbiased = count > 1 ? variance * count / (count - 1) : variance;
                p[varianceAt] = (float) ((1 - MOMENTUM) * p[varianceAt] + MOMENTUM * unbiased);
            } else {
                mean = p[meanAt];
                variance = p[varianceAt];
            }
            double inv = 1 / Math.sqrt(variance + EPSILON);
            inverseStd[c] = inv;
            float m = (float) mean;
            float scale = (float) inv;
            float gamma = p[offset + c];
            float beta = p[offset + channels + c];
            for (int s = 0; s < n; s++) {
                for (int j = 0, i = s * size + c * spatial; j < spatial; j++, i++) {
                    float h = (x[i] - m) * scale;
                    normalized[i] = h;
                    y[i] = gamma * h + beta;
                }
            }
        }
    }

    /**
     * After a training pass, the gradient through the batch statistics:
     * {@code dx = γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂))}; after an inference pass (full-batch
     * training, which must be deterministic), the layer is the fixed affine map it computed.
     */
    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        int size = channels * spatial;
        int count = n * spatial;
        for (int c = 0; c < channels; c++) {
            double sumDy = 0;
            double sumDyH = 0;
            for (int s = 0; s < n; s++) {
                for (int j = 0, i = s * size + c * spatial; j < spatial; j++, i++) {
                    sumDy += dy[i];
                    sumDyH += dy[i] * normalized[i];
                }
            }
            g[offset + c] += (float) sumDyH;
            g[offset + channels + c] += (float) sumDy;
            if (dx == null) {
                continue;
            }
            float scale = (float) (p[offset + c] * inverseStd[c]);
            float meanDy = batchStatistics ? (float) (sumDy / count) : 0f;
            float meanDyH = batchStatistics ? (float) (sumDyH / count) : 0f;
            for (int s = 0; s < n; s++) {
                for (int j = 0, i = s * size + c * spatial; j < spatial; j++, i++) {
                    dx[i] = scale * (dy[i] - meanDy - normalized[i] * meanDyH);
                }
            }
        }
    }
}
