package io.metaloop.train.optim;

/**
 * An optimizer and its hyperparameters as an immutable value; {@link #create(int)} makes the
 * stateful {@link Optimizer} for a given number of parameters.
 */
public sealed interface OptimizerSpec {

    /** The base learning rate (for Rprop, the initial step size; unused by L-BFGS). */
    double learningRate();

    /** A new optimizer for {@code parameters} parameters. */
    Optimizer create(int parameters);

    /** True for methods that need the gradient of the whole training set (L-BFGS). */
    default boolean fullBatch() {
        return false;
    }

    /** Plain SGD. */
    static OptimizerSpec sgd(double learningRate) {
        return new Sgd(learningRate, 0, false);
    }

    /** Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    static OptimizerSpec adam(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /** AdamW with the usual β₁, β₂, ε and decoupled weight decay. */
    static OptimizerSpec adamW(double learningRate, double weightDecay) {
        return new AdamW(learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** RMSprop with ρ = 0.99, ε = 1e-8, no momentum. */
    static OptimizerSpec rmsProp(double learningRate) {
        return new RmsProp(learningRate, 0.99, 1e-8, 0);
    }

    /** iRprop− with initial step 0.01, η+ = 1.2, η− = 0.5, steps in [1e-6, 50]. */
    static OptimizerSpec rprop() {
        return new Rprop(0.01, 1.2, 0.5, 1e-6, 50);
    }

    /** L-BFGS with 10 correction pairs and up to 20 line-search evaluations. */
    static OptimizerSpec lbfgs() {
        return new Lbfgs(10, 20);
    }

    /** Stochastic gradient descent, optionally with (Nesterov) momentum {@code v ← μv + g}. */
    record Sgd(double learningRate, double momentum, boolean nesterov) implements OptimizerSpec {
        public Sgd {
            positive(learningRate, "sgd learning rate");
            unit(momentum, "sgd momentum");
            if (nesterov && momentum == 0) {
                throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
            }
        }

        @Override
        public Optimizer create(int n) {
            return new SgdOptimizer(n, momentum, nesterov);
        }
    }

    /** Adam with bias-corrected moments. */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements OptimizerSpec {
        public Adam {
            positive(learningRate, "adam learning rate");
            unit(beta1, "adam beta1");
            unit(beta2, "adam beta2");
            positive(epsilon, "adam epsilon");
        }

        @Override
        public Optimizer create(int n) {
            return new AdamOptimizer(n, beta1, beta2, epsilon, 0);
        }
    }

    /** Adam with decoupled weight decay ({@code p ← p − lr·decay·p} before the Adam step). */
    record AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
            implements OptimizerSpec {
        public AdamW {
            positive(learningRate, "adamw learning rate");
            unit(beta1, "adamw beta1");
            unit(beta2, "adamw beta2");
            positive(epsilon, "adamw epsilon");
            if (!(weightDecay >= 0)) {
                throw new IllegalArgumentException("adamw weight decay must be >= 0, got " + weightDecay);
            }
        }

        @Override
        public Optimizer create(int n) {
            return new AdamOptimizer(n, beta1, beta2, epsilon, weightDecay);
        }
    }

    /** RMSprop: divide by a running root-mean-square of the gradient; optional momentum. */
    record RmsProp(double learningRate, double rho, double epsilon, double momentum) implements OptimizerSpec {
        public RmsProp {
            positive(learningRate, "rmsprop learning rate");
            unit(rho, "rmsprop rho");
            positive(epsilon, "rmsprop epsilon");
            unit(momentum, "rmsprop momentum");
        }

        @Override
        public Optimizer create(int n) {
            return new RmsPropOptimizer(n, rho, epsilon, momentum);
        }
    }

    /**
     * iRprop−: per-parameter step sizes grown by {@code etaPlus} while the gradient keeps its sign
     * and shrunk by {@code etaMinus} when it flips. Meant for full or large batches.
     */
    record Rprop(double initialStep, double etaPlus, double etaMinus, double minStep, double maxStep)
            implements OptimizerSpec {
        public Rprop {
            positive(initialStep, "rprop initial step");
            if (!(etaPlus > 1)) {
                throw new IllegalArgumentException("rprop eta+ must be > 1, got " + etaPlus);
            }
            if (!(etaMinus > 0 && etaMinus < 1)) {
                throw new IllegalArgumentException("rprop eta- must be in (0, 1), got " + etaMinus);
            }
            if (!(minStep > 0 && minStep <= initialStep && initialStep <= maxStep)) {
                throw new IllegalArgumentException("rprop needs 0 < min step <= initial step <= max step");
            }
        }

        @Override
        public double learningRate() {
            return initialStep;
        }

        @Override
        public Optimizer create(int n) {
            return new RpropOptimizer(n, this);
        }
    }

    /** Limited-memory BFGS with {@code memory} correction pairs and a backtracking line search; full batch. */
    record Lbfgs(int memory, int maxLineSearch) implements OptimizerSpec {
        public Lbfgs {
            if (memory < 1) {
                throw new IllegalArgumentException("l-bfgs memory must be >= 1, got " + memory);
            }
            if (maxLineSearch < 1) {
                throw new IllegalArgumentException("l-bfgs line search steps must be >= 1, got " + maxLineSearch);
            }
        }

        @Override
        public double learningRate() {
            return 1;
        }

        @Override
        public boolean fullBatch() {
            return true;
        }

        /** Not a step rule: use {@link #minimizer(int)}. */
        @Override
        public Optimizer create(int n) {
            throw new UnsupportedOperationException("L-BFGS needs the full-batch objective: use minimizer(n)");
        }

        /** The L-BFGS state for {@code n} parameters. */
        public io.metaloop.train.optim.Lbfgs minimizer(int n) {
            return new io.metaloop.train.optim.Lbfgs(n, memory, maxLineSearch);
        }
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
    }

    private static void unit(double v, String what) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
        }
    }
}
