package io.metaloop.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.metaloop.objective.NetworkParams;
import io.metaloop.objective.NetworkSettings;
import io.metaloop.train.data.DataSplits;
import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.nn.Evaluation;
import io.metaloop.train.nn.ModelFile;
import io.metaloop.train.nn.Network;
import io.metaloop.train.nn.NetworkSpec;
import io.metaloop.train.nn.TrainOptions;
import io.metaloop.train.nn.TrainResult;
import io.metaloop.train.nn.TrainedModel;
import io.metaloop.train.nn.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code metaloop train CONFIG}: reads a best-configuration file (as {@code metaloop export}
 * writes it, or by hand: {@code params} and the network objective under
 * {@code settings.objective} or {@code objective}), trains that network on all the training
 * data (training and validation parts), scores it once on the test part and writes the model.
 *
 * @param config the configuration file
 * @param out    the model file to write, or null for the config's path with {@code .model}
 */
public record TrainRun(Path config, Path out) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What the run produced. */
    public record Result(double testAccuracy, double testLoss, long params, double trainSeconds, Path model) {

        /** The one line printed: {@code test_accuracy=0.XXXX params=N …}. */
        public String line() {
            return String.format(Locale.ROOT, "test_accuracy=%.4f test_loss=%.4f params=%d train_s=%.2f model=%s",
                    testAccuracy, testLoss, params, trainSeconds, model);
        }
    }

    /** Trains, evaluates on the test part and writes the model. */
    public Result run() {
        Map<String, Object> root = readConfig();
        Map<String, Object> params = section(root, "params");
        NetworkSettings settings = settings(root);
        DataSplits splits = Datasets.load(settings.data(), dataBase(settings.data()),
                settings.dataOptions().withValidationFraction(0));
        Dataset train = splits.training().train();
        NetworkSpec spec;
        TrainOptions options;
        try {
            spec = NetworkParams.network(params, splits.shape(), splits.classes());
            options = NetworkParams.training(params, settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config + ": params do not make a network for " + settings.data() + " ("
                    + splits.shape().channels() + "x" + splits.shape().height() + "x" + splits.shape().width() + ", "
                    + splits.classes() + " classes): " + e.getMessage(), e);
        }
        Network net = Network.create(spec, settings.seed());
        TrainResult trained = Trainer.train(net, train, options);
        if (trained.stopped() != null && !Double.isFinite(trained.last().trainLoss())) {
            throw new IllegalStateException(config + ": " + trained.stopped());
        }
        Evaluation test = net.evaluate(splits.test());
        Path target = out != null ? out : defaultOut(config);
        try {
            ModelFile.write(new TrainedModel(net, splits.training().normalizer(), splits.classNames()), target);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write the model: " + e.getMessage(), e);
        }
        return new Result(test.accuracy(), test.loss(), spec.parameterCount(), trained.last().seconds(), target);
    }

    /** {@code best/x.yaml} → {@code best/x.model}. */
    static Path defaultOut(Path config) {
        String name = config.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return config.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".model");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readConfig() {
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(config + ": file not found");
        }
        try {
            Object o = YAML.readValue(config.toFile(), Object.class);
            if (o instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(config + ": not a readable YAML or JSON file: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(config + ": expected a mapping with params and settings (from metaloop export)");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> s) {
            return (Map<String, Object>) s;
        }
        throw new IllegalArgumentException(config + ": " + key + ": expected a mapping");
    }

    private NetworkSettings settings(Map<String, Object> root) {
        Map<String, Object> objective = section(section(root, "settings"), "objective");
        if (objective.isEmpty()) {
            objective = section(root, "objective");
        }
        if (objective.isEmpty()) {
            throw new IllegalArgumentException(config + ": no objective; expected settings.objective (as metaloop export "
                    + "writes it) or objective: {type: network, data: ...}");
        }
        if (!"network".equals(objective.get("type"))) {
            throw new IllegalArgumentException(config + ": objective.type: metaloop train needs a network objective, got "
                    + objective.get("type"));
        }
        try {
            return NetworkSettings.fromMap(objective);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config + ": objective: " + e.getMessage(), e);
        }
    }

    /**
     * The directory a relative data path is read from: the config's folder when the path
     * exists there, else the working directory (an exported file usually sits in {@code best/}
     * while its study's data paths are relative to {@code studies/}).
     */
    private Path dataBase(String data) {
        Path dir = config.toAbsolutePath().getParent();
        if (Datasets.NAMES.contains(data.trim().toLowerCase(Locale.ROOT)) || Files.exists(dir.resolve(data))) {
            return dir;
        }
        return Path.of("");
    }
}
