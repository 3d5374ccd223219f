package io.metaloop.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted normalisation: feature {@code j} becomes {@code (x - offsets[j]) * factors[j]}. It
 * is fitted on the training part and applied unchanged to validation, test and any later data
 * (so a model file must store it with the weights to predict on raw data).
 *
 * @param method  the method that produced it ({@link Normalization#NONE},
 *                {@link Normalization#SCALE} or {@link Normalization#STANDARDIZE})
 * @param offsets what is subtracted from each feature
 * @param factors what each feature is then multiplied by
 */
public record Normalizer(Normalization method, float[] offsets, float[] factors) {

    public Normalizer {
        Objects.requireNonNull(method, "method");
        if (method == Normalization.AUTO) {
            throw new IllegalArgumentException("a fitted normalizer has a definite method, not auto");
        }
        if (offsets.length != factors.length) {
            throw new IllegalArgumentException(offsets.length + " offsets but " + factors.length + " factors");
        }
        offsets = offsets.clone();
        factors = factors.clone();
    }

    /** The identity on {@code features} values. */
    public static Normalizer none(int features) {
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        return new Normalizer(Normalization.NONE, new float[features], ones);
    }

    /**
     * Fits {@code method} on {@code train}.
     *
     * @param method   the method; {@link Normalization#AUTO} must be resolved by the caller
     * @param valueMax the largest value the format allows, or NaN when it does not say
     */
    public static Normalizer fit(Normalization method, Dataset train, float valueMax) {
        int width = train.shape().size();
        float[] x = train.features();
        switch (method) {
            case NONE:
                return none(width);
            case SCALE: {
                float max = valueMax;
                if (Float.isNaN(max)) {
                    max = 0;
                    for (float v : x) {
                        max = Math.max(max, Math.abs(v));
                    }
                }
                float[] f = new float[width];
                Arrays.fill(f, max > 0 ? 1f / max : 1f);
                return new Normalizer(method, new float[width], f);
            }
            case STANDARDIZE: {
                // sums in double: 60,000 floats of 0..255 would lose digits in float
                double[] sum = new double[width];
                double[] sq = new double[width];
                int n = train.size();
                for (int i = 0; i < n; i++) {
                    for (int j = 0, at = i * width; j < width; j++, at++) {
                        sum[j] += x[at];
                    }
                }
                float[] mean = new float[width];
                for (int j = 0; j < width; j++) {
                    mean[j] = n == 0 ? 0f : (float) (sum[j] / n);
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0, at = i * width; j < width; j++, at++) {
                        double d = x[at] - mean[j];
                        sq[j] += d * d;
                    }
                }
                float[] f = new float[width];
                for (int j = 0; j < width; j++) {
                    double sd = n == 0 ? 0 : Math.sqrt(sq[j] / n);
                    // a constant feature (an always-blank border pixel) is only centred
                    f[j] = sd > 1e-12 ? (float) (1 / sd) : 1f;
                }
                return new Normalizer(method, mean, f);
            }
            default:
                throw new IllegalArgumentException("resolve " + method + " before fitting");
        }
    }

    /** The number of features this normalizer expects. */
    public int features() {
        return offsets.length;
    }

    /** {@code data} normalised, as a new data set ({@code data} itself for {@link Normalization#NONE}). */
    public Dataset apply(Dataset data) {
        int width = data.shape().size();
        if (width != offsets.length) {
            throw new DataException(data.name() + ": examples have " + width + " features, the normalizer expects "
                    + offsets.length);
        }
        if (method == Normalization.NONE) {
            return data;
        }
        float[] x = data.features();
        float[] out = new float[x.length];
        for (int at = 0; at < x.length; at += width) {
            for (int j = 0; j < width; j++) {
                out[at + j] = (x[at + j] - offsets[j]) * factors[j];
            }
        }
        return new Dataset(data.name(), out, data.labels().clone(), data.shape(), data.classes());
    }

    /**
     * Normalises {@code data} in place, for data sets that nobody else holds: a copy of
     * Fashion-MNIST's training images is 188 MB.
     */
    Dataset applyInPlace(Dataset data) {
        int width = data.shape().size();
        if (method == Normalization.NONE) {
            return data;
        }
        if (width != offsets.length) {
            throw new DataException(data.name() + ": examples have " + width + " features, the normalizer expects "
                    + offsets.length);
        }
        float[] x = data.features();
        for (int at = 0; at < x.length; at += width) {
            for (int j = 0; j < width; j++) {
                x[at + j] = (x[at + j] - offsets[j]) * factors[j];
            }
        }
        return data;
    }

    /** The offsets (a copy). */
    @Override
    public float[] offsets() {
        return offsets.clone();
    }

    /** The factors (a copy). */
    @Override
    public float[] factors() {
        return factors.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalizer n && n.method == method && Arrays.equals(n.offsets, offsets)
                && Arrays.equals(n.factors, factors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, Arrays.hashCode(offsets), Arrays.hashCode(factors));
    }

    @Override
    public String toString() {
        return "Normalizer[" + method + ", " + offsets.length + " features]";
    }
}
