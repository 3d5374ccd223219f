package io.metaloop.train.optim;

/**
 * A first-order update rule with its per-parameter state (moments, step sizes). Made by
 * {@link OptimizerSpec#create(int)} for a fixed number of parameters; allocation happens
 * there, never in {@link #step}.
 */
public interface Optimizer {

    /**
     * Updates {@code params} in place from {@code grads} (the gradient at {@code params}) with
     * learning rate {@code learningRate} (the spec's rate after the schedule).
     */
    void step(float[] params, float[] grads, double learningRate);
}
