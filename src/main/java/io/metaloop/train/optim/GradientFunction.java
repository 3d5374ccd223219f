package io.metaloop.train.optim;

/** A differentiable objective for full-batch methods such as {@link Lbfgs}. */
@FunctionalInterface
public interface GradientFunction {

    /** The value at {@code x}; writes the gradient at {@code x} into {@code gradient}. */
    double evaluate(float[] x, float[] gradient);
}
