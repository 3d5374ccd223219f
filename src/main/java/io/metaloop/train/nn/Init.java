package io.metaloop.train.nn;

import java.util.SplittableRandom;

/** How the weights of dense and convolutional layers start; biases start at zero unless stated. */
public enum Init {
    /** He (Kaiming) normal: {@code N(0, 2 / fanIn)}, suited to ReLU-like activations. */
    HE,
    /** Glorot (Xavier) uniform: {@code U(±sqrt(6 / (fanIn + fanOut)))}, suited to tanh and sigmoid. */
    GLOROT,
    /**
     * Weights and biases {@code U(±1 / sqrt(fanIn))}: the default of PyTorch's linear and
     * convolution layers, so comparisons with PyTorch anchors start from the same distribution.
     */
    FAN_IN_UNIFORM;

    /** The name used in specs and model files. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The initialisation named {@code id} (case-insensitive, '-' or '_'). */
    public static Init of(String id) {
        for (Init i : values()) {
            if (i.id().equalsIgnoreCase(id.replace('-', '_'))) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown init '" + id + "', expected one of he, glorot, fan_in_uniform");
    }

    void fill(float[] p, int weightOffset, int weights, int biasOffset, int biases, int fanIn, int fanOut,
              SplittableRandom random) {
        switch (this) {
            case HE -> {
                double sd = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < weights; i++) {
                    p[weightOffset + i] = (float) (gaussian(random) * sd);
                }
            }
            case GLOROT -> uniform(p, weightOffset, weights, Math.sqrt(6.0 / (fanIn + fanOut)), random);
            case FAN_IN_UNIFORM -> {
                double bound = 1 / Math.sqrt(fanIn);
                uniform(p, weightOffset, weights, bound, random);
                uniform(p, biasOffset, biases, bound, random);
                return;
            }
        }
        java.util.Arrays.fill(p, biasOffset, biasOffset + biases, 0f);
    }

    private static void uniform(float[] p, int offset, int n, double bound, SplittableRandom random) {
        for (int i = 0; i < n; i++) {
            p[offset + i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
    }

    // Box-Muller on SplittableRandom, which has no nextGaussian in Java 17.
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
