package io.metaloop.train.optim;

/** A learning-rate schedule: the factor by which the base rate is multiplied in each epoch. */
public sealed interface Schedule {

    /** The factor for {@code epoch} (0-based) of {@code epochs}. */
    double factor(int epoch, int epochs);

    /** The base rate throughout. */
    static Schedule constant() {
        return new Constant();
    }

    /** Cosine annealing from the base rate down to {@code minFactor} × the base rate at the last epoch. */
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
        public double factor(int epoch, int epochs) {
            return 1;
        }
    }

    /** Half a cosine period over the run, ending at {@code minFactor}. */
    record Cosine(double minFactor) implements Schedule {
        public Cosine {
            if (!(minFactor >= 0 && minFactor <= 1)) {
                throw new IllegalArgumentException("cosine min factor must be in [0, 1], got " + minFactor);
            }
        }

        @Override
        public double factor(int epoch, int epochs) {
            double t = epochs <= 1 ? 0 : (double) epoch / (epochs - 1);
            return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t));
        }
    }

    /** Step decay. */
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
        public double factor(int epoch, int epochs) {
            return Math.pow(gamma, epoch / every);
        }
    }
}
