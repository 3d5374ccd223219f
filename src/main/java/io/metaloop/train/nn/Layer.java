package io.metaloop.train.nn;

import java.util.SplittableRandom;

/**
 * The runtime of one layer. Parameters and their gradients live in the network's flat arrays
 * at this layer's offset; activations are batch-major ({@code n} rows of the layer's size).
 * Implementations keep only scratch buffers, grown by {@link #reserve(int)} outside the
 * training loop.
 */
interface Layer {

    /** The number of parameters this layer owns in the flat arrays. */
    default int parameters() {
        return 0;
    }

    /** How many of this layer's parameters are biases (stored after the weights, not penalised). */
    default int biases() {
        return 0;
    }

    /** Writes initial parameter values. */
    default void init(float[] params, Init init, SplittableRandom random) {
    }

    /** Makes room for batches of up to {@code n} examples. */
    default void reserve(int n) {
    }

    /** {@code y = f(x)} for {@code n} rows; {@code training} switches dropout on. */
    void forward(float[] params, float[] x, float[] y, int n, boolean training);

    /**
     * Adds this layer's parameter gradients into {@code grads} and, when {@code dx} is not
     * null, overwrites {@code dx} with the gradient with respect to the input.
     */
    void backward(float[] params, float[] grads, float[] x, float[] y, float[] dy, float[] dx, int n);
}
