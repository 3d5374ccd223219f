package io.metaloop.train.optim;

/**
 * A learning-rate schedule: the factor by which the base rate is multiplied at a point of the run.
 * The point is a fractional epoch, so the trainer can change the rate at every step: a cosine
 * set once per epoch and ending at 0 would spend its whole last epoch at a rate of 0, a twelfth
 * of a 12-epoch run learning nothing.
 */
public sealed interface Schedule {

    /**
     * The factor at {@code epoch} of {@code epochs}: a fractional epoch in [0, epochs), e.g. 2.5
     * halfway through the third epoch.
     */
    double factor(double epoch, int epochs);

    /** The base rate throughout. */
    static Schedule constant() {
        return new Constant();
    }

    /** Cosine annealing from the base rate towards {@code minFactor} × the base rate at the end of the run. */
    static Schedule cosine(double minFactor) {
        return new Cosine(minFactor);
    }

    /** Multiply by {@code gamma} every {@code every} epochs. */
    static Schedule step(int every, double gamma) {
        return new Step(every, gamma);
    }

    /** A constant rate. */
    record Constant() implements Schedule {
        @Override
        public double factor(double epoch, int epochs) {
            return 1;
        }
    }

    /** Half a cosine period over the run, reaching {@code minFactor} where the run ends. */
    record Cosine(double minFactor) implements Schedule {
        public Cosine {
            if (!(minFactor >= 0 && minFactor <= 1)) {
                throw new IllegalArgumentException("cosine min factor must be in [0, 1], got " + minFactor);
            }
        }

        @Override
        public double factor(double epoch, int epochs) {
            double t = Math.min(1, Math.max(0, epoch / epochs));
            return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t));
        }
    }

    /** Step decay: the rate changes only at the start of every {@code every}-th epoch. */
    record Step(int every, double gamma) implements Schedule {
        public Step {
            if (every < 1) {
                throw new IllegalArgumentException("step schedule needs every >= 1, got " + every);
            }
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("step schedule needs gamma in (0, 1], got " + gamma);
            }
        }

        @Override
        public double factor(double epoch, int epochs) {
            return Math.pow(gamma, Math.floor(epoch / every));
        }
    }
}
