package io.metaloop.run;

import io.metaloop.train.data.DataFile;
import io.metaloop.train.data.DataOptions;
import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.data.Normalization;
import io.metaloop.train.nn.ModelFile;
import io.metaloop.train.nn.TrainedModel;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code metaloop predict MODEL DATA}: predicts the class of every example of DATA with a
 * model file and writes CSV {@code index,predicted,label}. DATA is a file (IDX images or CSV
 * with a label column) or a built-in name, which stands for that data set's test part. Raw
 * features are normalised with the normaliser stored in the model.
 *
 * @param model the model file
 * @param data  {@code digits}, {@code fashion-mnist} or a path
 * @param out   the CSV file to write, or null for standard output
 */
public record PredictRun(Path model, String data, Path out) {

    /** Predicts and writes the CSV; returns the predicted class indices. */
    public int[] run(PrintStream stdout) {
        TrainedModel m;
        try {
            m = ModelFile.readModel(model);
        } catch (IOException e) {
            throw new UncheckedIOException(Files.exists(model) ? e.getMessage() : model + ": model file not found", e);
        }
        Dataset raw = read(m);
        int[] predicted = m.predict(raw);
        StringBuilder csv = new StringBuilder("index,predicted,label\n");
        for (int i = 0; i < predicted.length; i++) {
            csv.append(i).append(',').append(m.className(predicted[i])).append(',')
                    .append(m.className(raw.labels()[i])).append('\n');
        }
        if (out == null) {
            stdout.print(csv);
        } else {
            try {
                Path dir = out.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Files.writeString(out, csv);
            } catch (IOException e) {
                throw new UncheckedIOException(out + ": cannot write the predictions: " + e.getMessage(), e);
            }
        }
        return predicted;
    }

    private Dataset read(TrainedModel m) {
        if (Datasets.NAMES.contains(data.trim().toLowerCase(Locale.ROOT))) {
            // the raw test part: the same split as training used, left unnormalised for the model's normaliser
            return Datasets.load(data, Path.of(""), DataOptions.DEFAULTS.withNormalization(Normalization.NONE)).test();
        }
        List<String> classes = m.classNames();
        if (classes.isEmpty()) {
            classes = new ArrayList<>();
            for (int i = 0; i < m.network().spec().outputs(); i++) {
                classes.add(Integer.toString(i));
            }
        }
        return Datasets.read(DataFile.of(Path.of(data)), DataOptions.LABEL, classes);
    }
}
