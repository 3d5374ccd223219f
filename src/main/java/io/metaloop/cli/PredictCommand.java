package io.metaloop.cli;

import io.metaloop.run.PredictRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code metaloop predict MODEL DATA}: writes a model's predictions as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the class of every example of DATA with a model file; writes CSV: index,predicted,label.")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file from `metaloop train`.")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA",
            description = "IDX images or a CSV file with a label column, or digits / fashion-mnist for their test part.")
    String data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "The CSV file to write (default: standard output).")
    Path out;

    @Override
    public Integer call() {
        int[] predicted = new PredictRun(model, data, out).run(System.out);
        if (out != null) {
            System.out.println("wrote " + predicted.length + " predictions to " + out);
        }
        return 0;
    }
}
