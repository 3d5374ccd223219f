package io.metaloop.train.nn;

/**
 * Element-wise activation functions. Each works on a flat range of a batch buffer; the
 * backward pass reads the layer's input and output so that no extra state is kept.
 */
public enum Activation {
    /** {@code max(0, x)}. */
    RELU,
    /** {@code x} for positive {@code x}, else {@code 0.01 x}. */
    LEAKY_RELU,
    /** The hyperbolic tangent. */
    TANH,
    /** The logistic function {@code 1 / (1 + e^-x)}. */
    SIGMOID,
    /** The Gaussian error linear unit in its tanh approximation. */
    GELU;

    /** The slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final float LEAKY_SLOPE = 0.01f;

    private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);
    private static final float GELU_A = 0.044715f;

    /** The name used in specs and model files, e.g. {@code leaky_relu}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The activation named {@code id} (case-insensitive, '-' or '_'). */
    public static Activation of(String id) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(id.replace('-', '_'))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "', expected one of relu, leaky_relu, tanh, sigmoid, gelu");
    }

    /** {@code y[i] = f(x[i])} for {@code i < n}. */
    void forward(float[] x, float[] y, int n) {
        switch (this) {
            case RELU -> {
                if (Kernels.VECTOR) {
                    VectorKernels.relu(x, y, n);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    y[i] = Math.max(x[i], 0f);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    y[i] = v > 0f ? v : LEAKY_SLOPE * v;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.tanh(x[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    y[i] = 0.5f * v * (1f + (float) Math.tanh(GELU_C * (v + GELU_A * v * v * v)));
                }
            }
        }
    }

    /** {@code dx[i] = f'(x[i]) dy[i]}, using the forward output {@code y} where that is cheaper. */
    void backward(float[] x, float[] y, float[] dy, float[] dx, int n) {
        switch (this) {
            case RELU -> {
                if (Kernels.VECTOR) {
                    VectorKernels.reluBackward(x, dy, dx, n);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    dx[i] = x[i] > 0f ? dy[i] : 0f;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = x[i] > 0f ? dy[i] : LEAKY_SLOPE * dy[i];
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = (1f - y[i] * y[i]) * dy[i];
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = y[i] * (1f - y[i]) * dy[i];
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    float t = (float) Math.tanh(GELU_C * (v + GELU_A * v * v * v));
                    float dInner = GELU_C * (1f + 3f * GELU_A * v * v);
                    dx[i] = (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * dInner) * dy[i];
                }
            }
        }
    }
}
