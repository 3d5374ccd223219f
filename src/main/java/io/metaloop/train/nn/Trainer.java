package io.metaloop.train.nn;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.optim.Lbfgs;
import io.metaloop.train.optim.Optimizer;
import io.metaloop.train.optim.OptimizerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop: shuffled (and, if asked, augmented) mini-batches or full-batch steps, the
 * optimizer with the schedule's rate at every step, weight penalties, per-epoch validation with
 * early stopping, and a listener that sees every epoch and every step and may stop the run, at an
 * epoch's end or between two steps. With early stopping or validation data, the network ends
 * with the weights of its best validation epoch.
 */
public final class Trainer {

    private Trainer() {
    }

    /** Trains {@code network} on {@code train}; {@code validation} may be null. */
    public static TrainResult train(Network network, Dataset train, Dataset validation, TrainOptions options,
                                    EpochListener listener) {
        network.checkData(train);
        options.augmentation().check(network.spec().input());
        if (validation != null) {
            network.checkData(validation);
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException(train.name() + " has no examples to train on");
        }
        return new Run(network, train, validation, options, listener).run();
    }

    /** Trains without validation data and without a listener. */
    public static TrainResult train(Network network, Dataset train, TrainOptions options) {
        return train(network, train, null, options, EpochListener.NONE);
    }

    /** The state of one training run. */
    private static final class Run {
        private final Network net;
        private final Dataset train;
        private final Dataset validation;
        private final TrainOptions options;
        private final EpochListener listener;
        private final int[] order;
        private final SplittableRandom random;
        // a stream of its own, so that runs without augmentation shuffle as they always did
        private final SplittableRandom augmentRandom;
        private final float[] augmentScratch;
        // training examples processed so far, over all epochs; set when the listener stops a step
        private long seen;
        private boolean halted;

        Run(Network net, Dataset train, Dataset validation, TrainOptions options, EpochListener listener) {
            this.net = net;
            this.train = train;
            this.validation = validation;
            this.options = options;
            this.listener = listener;
            this.order = new int[train.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            this.random = new SplittableRandom(options.seed());
            this.augmentRandom = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
            this.augmentScratch = new float[net.spec().input().size()];
        }

        TrainResult run() {
            OptimizerSpec spec = options.optimizer();
            boolean fullBatch = spec.fullBatch() || options.batchSize() == 0;
            Optimizer optimizer = spec instanceof OptimizerSpec.Lbfgs ? null : spec.create(net.parameterCount());
            Lbfgs lbfgs = spec instanceof OptimizerSpec.Lbfgs l ? l.minimizer(net.parameterCount()) : null;
            int batch = fullBatch ? Math.min(train.size(), Network.CHUNK) : options.batchSize();
            net.reserve(Math.min(batch, Network.CHUNK));

            List<EpochReport> reports = new ArrayList<>();
            float[] best = validation != null ? new float[net.parameterCount()] : null;
            double bestAccuracy = Double.NEGATIVE_INFINITY;
            int bestEpoch = 0;
            String stopped = null;
            long trainNanos = 0;
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                long t0 = System.nanoTime();
                double loss;
                if (lbfgs != null) {
                    loss = lbfgs.minimize(net.params(), (x, g) -> fullGradient(g), options.fullBatchSteps());
                    stepped((long) train.size() * options.fullBatchSteps());
                } else if (fullBatch) {
                    loss = 0;
                    int steps = options.fullBatchSteps();
                    for (int s = 0; s < steps && !halted; s++) {
                        loss = fullGradient(net.grads());
                        optimizer.step(net.params(), net.grads(), learningRate(epoch + (double) s / steps));
                        stepped(train.size());
                    }
                } else {
                    loss = miniBatchEpoch(optimizer, epoch);
                }
                trainNanos += System.nanoTime() - t0;
                if (halted) {
                    stopped = "stopped by the caller after " + seen + " examples, during epoch " + (epoch + 1);
                    break;
                }
                if (!Double.isFinite(loss)) {
                    stopped = "training loss is " + loss + " at epoch " + (epoch + 1) + " (learning rate too high?)";
                }
                double accuracy = Double.NaN;
                double validationLoss = Double.NaN;
                if (validation != null) {
                    Evaluation e = net.evaluate(validation);
                    accuracy = e.accuracy();
                    validationLoss = e.loss();
                }
                EpochReport report = new EpochReport(epoch + 1, loss, accuracy, validationLoss, trainNanos / 1e9);
                reports.add(report);
                if (validation == null) {
                    bestEpoch = epoch + 1;
                } else if (accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    bestEpoch = epoch + 1;
                    System.arraycopy(net.params(), 0, best, 0, best.length);
                }
                if (stopped == null && !listener.onEpoch(report)) {
                    stopped = "stopped by the caller after epoch " + (epoch + 1);
                }
                if (stopped == null && options.patience() > 0 && epoch + 1 - bestEpoch >= options.patience()) {
                    stopped = "no better validation accuracy for " + options.patience() + " epochs";
                }
                if (stopped != null) {
                    break;
                }
            }
            if (best != null && bestEpoch > 0) {
                net.setParameters(best);
            }
            return new TrainResult(reports, reports.isEmpty() ? 0 : Math.max(bestEpoch, 1), stopped, trainNanos / 1e9);
        }

        /** Counts {@code examples} more as trained on and asks the listener whether to go on. */
        private void stepped(long examples) {
            seen += examples;
            if (!listener.onStep(seen)) {
                halted = true;
            }
        }

        /** The scheduled learning rate at a fractional epoch: the rate changes at every step, not once per epoch. */
        private double learningRate(double epoch) {
            return options.optimizer().learningRate() * options.schedule().factor(epoch, options.epochs());
        }

        /** One pass over the shuffled training set, unless the listener stops it; returns the mean batch loss. */
        private double miniBatchEpoch(Optimizer optimizer, int epoch) {
            shuffle();
            int n = order.length;
            int size = options.batchSize();
            double total = 0;
            int steps = 0;
            for (int from = 0; from < n; from += size) {
                int m = Math.min(size, n - from);
                net.zeroGradients();
                double loss = 0;
                // Batches larger than a chunk are processed in chunks into the same gradient.
                for (int c = 0; c < m; c += Network.CHUNK) {
                    int k = Math.min(Network.CHUNK, m - c);
                    net.gather(train, order, from + c, k);
                    options.augmentation().apply(net.input(), k, net.spec().input(), augmentRandom, augmentScratch);
                    loss += net.backward(k, true, 1f / m, false);
                }
                options.penalty().apply(net.params(), net.grads(), net.penalised());
                optimizer.step(net.params(), net.grads(), learningRate(epoch + (double) from / n));
                total += loss / m;
                steps++;
                stepped(m);
                if (halted) {
                    break;
                }
            }
            return total / steps;
        }

        /**
         * The mean loss (plus penalty) over the whole training set at the current parameters, its
         * gradient written to {@code into}. Dropout is off: a full-batch objective must be deterministic.
         */
        private double fullGradient(float[] into) {
            net.zeroGradients();
            int n = order.length;
            double loss = 0;
            for (int from = 0; from < n; from += Network.CHUNK) {
                int k = Math.min(Network.CHUNK, n - from);
                net.gather(train, order, from, k);
                loss += net.backward(k, false, 1f / n, false);
            }
            double value = loss / n + options.penalty().apply(net.params(), net.grads(), net.penalised());
            if (into != net.grads()) {
                System.arraycopy(net.grads(), 0, into, 0, into.length);
            }
            return value;
        }

        private void shuffle() {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }
}
