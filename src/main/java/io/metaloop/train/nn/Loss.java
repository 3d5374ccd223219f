package io.metaloop.train.nn;

/**
 * Training losses over a batch of network outputs and integer class labels. Both return the
 * summed loss of the batch and write the gradient of {@code scale ×} that sum, so that a large
 * batch processed in chunks accumulates the gradient of its mean.
 */
public enum Loss {
    /** Softmax over the outputs followed by the negative log-likelihood of the label. */
    SOFTMAX_CROSS_ENTROPY,
    /** Half the squared error against the one-hot label, summed over outputs ({@code ½‖y − onehot‖²}). */
    MSE;

    /** The name used in specs and model files. */
    public String id() {
        return this == MSE ? "mse" : "cross_entropy";
    }

    /** The loss named {@code id}. */
    public static Loss of(String id) {
        return switch (id.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "cross_entropy", "softmax_cross_entropy" -> SOFTMAX_CROSS_ENTROPY;
            case "mse" -> MSE;
            default -> throw new IllegalArgumentException("unknown loss '" + id + "', expected cross_entropy or mse");
        };
    }

    /**
     * The summed loss of {@code n} rows of {@code k} outputs; writes {@code d(scale × loss)/d out}
     * into {@code grad} (which may be null when only the loss is wanted).
     */
    public double apply(float[] out, int[] labels, int labelOffset, int n, int k, float[] grad, float scale) {
        double total = 0;
        for (int r = 0; r < n; r++) {
            int o = r * k;
            int label = labels[labelOffset + r];
            if (this == SOFTMAX_CROSS_ENTROPY) {
                float max = out[o];
                for (int j = 1; j < k; j++) {
                    max = Math.max(max, out[o + j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += Math.exp(out[o + j] - max);
                }
                double logSum = Math.log(sum);
                total += logSum - (out[o + label] - max);
                if (grad != null) {
                    for (int j = 0; j < k; j++) {
                        double p = Math.exp(out[o + j] - max - logSum);
                        grad[o + j] = (float) (scale * (p - (j == label ? 1 : 0)));
                    }
                }
            } else {
                for (int j = 0; j < k; j++) {
                    double e = out[o + j] - (j == label ? 1 : 0);
                    total += 0.5 * e * e;
                    if (grad != null) {
                        grad[o + j] = (float) (scale * e);
                    }
                }
            }
        }
        return total;
    }
}
