package io.metaloop.train.nn;

import io.metaloop.train.optim.OptimizerSpec;
import io.metaloop.train.optim.Schedule;

import java.util.Objects;

/**
 * How to train: optimizer, schedule, epochs, batch size, penalties, early stopping, augmentation
 * of the training images and seed.
 *
 * @param optimizer      the update rule
 * @param schedule       the learning-rate schedule
 * @param epochs         the maximum number of epochs
 * @param batchSize      examples per step; 0 means the whole training set (full batch)
 * @param fullBatchSteps steps per epoch when training full batch (L-BFGS iterations, Rprop steps)
 * @param penalty        L1/L2 weight penalties
 * @param patience       stop after this many epochs without a better validation accuracy; 0 never stops early
 * @param augmentation   random changes to the images of each mini-batch ({@link Augmentation#NONE} for none)
 * @param seed           seeds shuffling, dropout and augmentation; with one thread, one seed gives one result
 */
public record TrainOptions(OptimizerSpec optimizer, Schedule schedule, int epochs, int batchSize,
                           int fullBatchSteps, Penalty penalty, int patience, Augmentation augmentation, long seed) {

    public TrainOptions {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(augmentation, "augmentation");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0 (0 = full batch), got " + batchSize);
        }
        if (fullBatchSteps < 1) {
            throw new IllegalArgumentException("full-batch steps per epoch must be >= 1, got " + fullBatchSteps);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
    }

    /** A builder starting from Adam (lr 1e-3), constant rate, 10 epochs, batch 64, no augmentation, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects options; every setter returns the builder. */
    public static final class Builder {
        private OptimizerSpec optimizer = OptimizerSpec.adam(1e-3);
        private Schedule schedule = Schedule.constant();
        private int epochs = 10;
        private int batchSize = 64;
        private int fullBatchSteps = 10;
        private Penalty penalty = Penalty.NONE;
        private int patience;
        private Augmentation augmentation = Augmentation.NONE;
        private long seed;

        private Builder() {
        }

        public Builder optimizer(OptimizerSpec v) {
            optimizer = v;
            return this;
        }

        public Builder schedule(Schedule v) {
            schedule = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder fullBatchSteps(int v) {
            fullBatchSteps = v;
            return this;
        }

        public Builder penalty(Penalty v) {
            penalty = v;
            return this;
        }

        public Builder l1(double v) {
            penalty = new Penalty(v, penalty.l2());
            return this;
        }

        public Builder l2(double v) {
            penalty = new Penalty(penalty.l1(), v);
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder augmentation(Augmentation v) {
            augmentation = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public TrainOptions build() {
            return new TrainOptions(optimizer, schedule, epochs, batchSize, fullBatchSteps, penalty, patience, augmentation, seed);
        }
    }
}
