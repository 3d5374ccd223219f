package io.metaloop.bench;

import io.metaloop.train.data.DataOptions;
import io.metaloop.train.data.DataSplits;
import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.data.Normalization;
import io.metaloop.train.data.Shape;
import io.metaloop.train.nn.Init;
import io.metaloop.train.nn.Network;
import io.metaloop.train.nn.NetworkSpec;
import io.metaloop.train.nn.TrainOptions;
import io.metaloop.train.nn.TrainResult;
import io.metaloop.train.nn.Trainer;
import io.metaloop.train.optim.OptimizerSpec;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Training throughput on Fashion-MNIST, set up as the PyTorch anchors
 * ({@code torch_mlp_throughput.py}, {@code torch_cnn_throughput.py}) do: pixels scaled to
 * [0, 1], Adam with lr 1e-3, PyTorch's default initialisation, shuffled mini-batches, seed 0.
 * Prints one line in the anchors' format so the two can be compared as a ratio.
 */
public final class TrainerBench {

    private TrainerBench() {
    }

    /**
     * Runs the benchmark and returns its line.
     *
     * @param hidden  hidden layer sizes of the MLP (ignored with {@code conv})
     * @param batch   the batch size
     * @param epochs  the number of epochs
     * @param conv    train the CNN (conv c1@5x5 pad 2 → relu → maxpool 2 → conv c2@5x5 pad 2 → relu → maxpool 2 → dense 10)
     * @param filters the CNN's two filter counts, e.g. {@code {8, 16}}
     * @param threads threads to use; only 1 is supported
     * @param warmupSeconds seconds of training on a throwaway network before timing, so the JIT has
     *                compiled the kernels, as it has after a study's first trial; 0 times a cold JVM
     */
    public static String run(int[] hidden, int batch, int epochs, boolean conv, int[] filters, int threads,
                             double warmupSeconds) {
        if (threads != 1) {
            throw new IllegalArgumentException("the trainer is single-threaded: --threads must be 1, got " + threads);
        }
        // all 60,000 training images (no validation part), pixels scaled to [0, 1], as the anchors do
        DataSplits data = Datasets.load(Datasets.FASHION_MNIST, Path.of(""),
                DataOptions.DEFAULTS.withValidationFraction(0).withNormalization(Normalization.SCALE));
        Dataset train = data.training().train();
        Dataset test = data.test();
        NetworkSpec spec = conv ? cnn(filters[0], filters[1]) : mlp(hidden);
        if (warmupSeconds > 0) {
            // Train a throwaway network in slices of 50 batches until the time is up.
            int n = Math.min(train.size(), 50 * batch);
            Dataset part = new Dataset("warm-up", java.util.Arrays.copyOf(train.features(), n * train.shape().size()),
                    java.util.Arrays.copyOf(train.labels(), n), train.shape(), train.classes());
            Network throwaway = Network.create(spec, 1);
            TrainOptions warm = TrainOptions.builder().optimizer(OptimizerSpec.adam(1e-3)).batchSize(batch).epochs(1)
                    .seed(1).build();
            long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
            while (System.nanoTime() < end) {
                Trainer.train(throwaway, part, warm);
            }
        }
        Network net = Network.create(spec, 0);
        TrainOptions options = TrainOptions.builder().optimizer(OptimizerSpec.adam(1e-3))
                .batchSize(batch).epochs(epochs).seed(0).build();
        TrainResult result = Trainer.train(net, train, options);
        double seconds = result.last().seconds();
        double accuracy = net.evaluate(test).accuracy();
        String what = conv ? "cnn=" + filters[0] + "," + filters[1] : "hidden=" + java.util.Arrays.toString(hidden);
        return String.format(Locale.ROOT, "metaloop %s params=%d batch=%d epochs=%d threads=%d train_s=%.2f "
                        + "samples_per_s=%.0f test_acc=%.4f warmup_s=%.1f kernels=%s", what, net.parameterCount(), batch,
                epochs, threads, seconds, (double) epochs * train.size() / seconds, accuracy, warmupSeconds,
                Network.vectorKernels() ? "vector" : "plain");
    }

    /** 784-hidden…-10 with ReLU, as in the MLP anchor. */
    public static NetworkSpec mlp(int... hidden) {
        NetworkSpec.Builder b = NetworkSpec.builder(new Shape(1, 28, 28)).init(Init.FAN_IN_UNIFORM);
        for (int h : hidden) {
            b.dense(h).relu();
        }
        return b.dense(10).build();
    }

    /** The CNN anchor's network. */
    public static NetworkSpec cnn(int c1, int c2) {
        return NetworkSpec.builder(new Shape(1, 28, 28)).init(Init.FAN_IN_UNIFORM)
                .conv(c1, 5, 2).relu().maxPool(2)
                .conv(c2, 5, 2).relu().maxPool(2)
                .flatten().dense(10).build();
    }
}
