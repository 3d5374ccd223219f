package io.metaloop.cli;

import io.metaloop.run.TrainRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code metaloop train CONFIG}: trains an exported (or hand-written) network configuration. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the network of a best-configuration file (from `metaloop export`, or written by hand)",
                "on all the training data, print its test metrics and write a model file.",
                "Prints: test_accuracy=… test_loss=… params=… train_s=… model=…"})
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONFIG", description = "The configuration: FILE.yaml or FILE.json with params and settings.")
    Path config;

    @Option(names = {"-o", "--out"}, paramLabel = "MODEL",
            description = "The model file to write (default: CONFIG with the extension .model).")
    Path out;

    @Override
    public Integer call() {
        System.out.println(new TrainRun(config, out).run().line());
        return 0;
    }
}
