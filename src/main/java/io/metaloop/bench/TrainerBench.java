package io.metaloop.bench;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Shape;
import io.metaloop.train.nn.Init;
import io.metaloop.train.nn.Network;
import io.metaloop.train.nn.NetworkSpec;
import io.metaloop.train.nn.TrainOptions;
import io.metaloop.train.nn.TrainResult;
import io.metaloop.train.nn.Trainer;
import io.metaloop.train.optim.OptimizerSpec;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Training throughput on Fashion-MNIST, set up as the PyTorch anchors
 * ({@code torch_mlp_throughput.py}, {@code torch_cnn_throughput.py}) do: pixels scaled to
 * [0, 1], Adam with lr 1e-3, PyTorch's default initialisation, shuffled mini-batches, seed 0.
 * Prints one line in the anchors' format so the two can be compared as a ratio.
 */
public final class TrainerBench {

    /** Where Debian's {@code dataset-fashion-mnist} installs the data. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

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
                             double warmupSeconds)
            throws IOException {
        if (threads != 1) {
            throw new IllegalArgumentException("the trainer is single-threaded: --threads must be 1, got " + threads);
        }
        Dataset train = read("train", 60_000);
        Dataset test = read("t10k", 10_000);
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

    /** {@code bench trainer [--hidden 12] [--batch 64] [--epochs 1] [--conv] [--filters 8,16] [--threads 1] [--warmup SECONDS (3)]}. */
    public static void main(String[] args) throws IOException {
        int[] hidden = {12};
        int batch = 64;
        int epochs = 1;
        int threads = 1;
        boolean conv = false;
        int[] filters = {8, 16};
        double warmup = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hidden" -> hidden = ints(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--conv" -> conv = true;
                case "--filters" -> filters = ints(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println(run(hidden, batch, epochs, conv, filters, threads, warmup));
    }

    private static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).mapToInt(Integer::parseInt).toArray();
    }

    // TODO(merge): use io.metaloop.train.data (the IDX reader and Fashion-MNIST by name) instead of this private reader.
    private static Dataset read(String prefix, int expected) throws IOException {
        Path images = FASHION_MNIST.resolve(prefix + "-images-idx3-ubyte.gz");
        Path labels = FASHION_MNIST.resolve(prefix + "-labels-idx1-ubyte.gz");
        try (DataInputStream in = open(images); DataInputStream lin = open(labels)) {
            if (in.readInt() != 0x803 || lin.readInt() != 0x801) {
                throw new IOException("not IDX image/label files: " + images + ", " + labels);
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (lin.readInt() != n || n != expected) {
                throw new IOException("unexpected example count in " + images);
            }
            byte[] pixels = in.readNBytes(n * rows * cols);
            byte[] classes = lin.readNBytes(n);
            float[] features = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                features[i] = (pixels[i] & 0xff) / 255f;
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = classes[i];
            }
            return new Dataset("fashion-mnist " + prefix, features, y, new Shape(1, rows, cols), 10);
        } catch (NoSuchFileException e) {
            throw new IOException("Fashion-MNIST not found at " + e.getFile()
                    + "; install Debian's dataset-fashion-mnist package", e);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(p), 1 << 16);
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }
}
