package io.metaloop.cli;

import io.metaloop.bench.TrainerBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code metaloop bench trainer}: training throughput on Fashion-MNIST, in the format of the torch anchors. */
@Command(name = "trainer", mixinStandardHelpOptions = true,
        description = {"Training speed and accuracy of a small network on Fashion-MNIST (Adam, lr 1e-3, pixels in [0, 1]),",
                "as torch_mlp_throughput.py / torch_cnn_throughput.py measure it.",
                "Prints: metaloop hidden=… params=… batch=… epochs=… threads=… train_s=… samples_per_s=… test_acc=…"})
final class BenchTrainerCommand implements Callable<Integer> {

    @Option(names = "--hidden", split = ",", defaultValue = "12", paramLabel = "N[,N…]",
            description = "Hidden layer sizes of the MLP (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--conv", description = "Train the CNN: conv C1@5x5 → pool → conv C2@5x5 → pool → dense 10.")
    boolean conv;

    @Option(names = "--filters", split = ",", defaultValue = "8,16", paramLabel = "C1,C2",
            description = "The CNN's filter counts (default: ${DEFAULT-VALUE}).")
    int[] filters;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", defaultValue = "1", description = "Threads; the trainer uses one (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS",
            description = "Seconds of throwaway training before timing, so the JIT has compiled the kernels as it has "
                    + "after a study's first trial; 0 times a cold JVM (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Override
    public Integer call() {
        if (batch < 1 || epochs < 1) {
            throw new IllegalArgumentException("--batch and --epochs must be at least 1");
        }
        if (conv && filters.length != 2) {
            throw new IllegalArgumentException("--filters takes two counts, e.g. 8,16");
        }
        System.out.println(TrainerBench.run(hidden, batch, epochs, conv, filters, threads, warmup));
        return 0;
    }
}
