package io.metaloop.train.nn;

/**
 * L1 and L2 weight penalties, {@code l1·Σ|w| + l2/2·Σw²} over weights (not biases).
 *
 * @param l1 the L1 coefficient
 * @param l2 the L2 coefficient
 */
public record Penalty(double l1, double l2) {

    /** No penalty. */
    public static final Penalty NONE = new Penalty(0, 0);

    public Penalty {
        if (!(l1 >= 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("penalties must be >= 0, got l1=" + l1 + ", l2=" + l2);
        }
    }

    /** True when both coefficients are zero. */
    public boolean isNone() {
        return l1 == 0 && l2 == 0;
    }

    /**
     * Adds the penalty's gradient into {@code grads} for the parameters where {@code mask} is
     * true and returns the penalty's value.
     */
    public double apply(float[] params, float[] grads, boolean[] mask) {
        if (isNone()) {
            return 0;
        }
        double value = 0;
        float a = (float) l1;
        float b = (float) l2;
        for (int i = 0; i < params.length; i++) {
            if (mask[i]) {
                float w = params[i];
                value += l1 * Math.abs(w) + 0.5 * l2 * w * w;
                grads[i] += a * Math.signum(w) + b * w;
            }
        }
        return value;
    }
}
