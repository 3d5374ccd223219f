package io.metaloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaloop.train.data.DataOptions;
import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.data.Normalization;
import io.metaloop.train.nn.ModelFile;
import io.metaloop.train.nn.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network workflow end to end: optimize → export → train → predict, and its error messages. */
class NetworkCliTest {

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [a-z]+\\.");
    private static final Pattern TRAIN_LINE = Pattern.compile("test_accuracy=(0\\.\\d{4}) .*params=(\\d+)");

    @TempDir
    Path dir;

    private Path write(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, body);
        return f;
    }

    private Path study(String objective, String space) throws IOException {
        return write("net.yaml", """
                name: cli-net
                direction: maximize
                objective: %s
                %s
                sampler: {type: random, seed: 2}
                budget: {trials: 3}
                """.formatted(objective, space));
    }

    private static final String SPACE = "search-space: {params: {units: {type: int, low: 8, high: 32}, "
            + "lr: {type: float, low: 0.005, high: 0.02, log: true}}}";

    @Test
    void optimizeExportTrainPredictRoundTrip() throws IOException {
        Path study = study("{type: network, data: digits, max-params: 10000, epochs: 3}", SPACE);
        CliRunner.Result opt = CliRunner.run("optimize", study.toString(), "--quiet");
        assertEquals(0, opt.exitCode(), opt.all());
        assertTrue(Files.exists(dir.resolve("cli-net.models").resolve("best.model")), "the best model is kept");

        Path config = dir.resolve("best").resolve("net.yaml");
        CliRunner.Result exp = CliRunner.run("export", study.toString(), "--out", config.toString());
        assertEquals(0, exp.exitCode(), exp.all());

        CliRunner.Result train = CliRunner.run("train", config.toString());
        assertEquals(0, train.exitCode(), train.all());
        Matcher m = TRAIN_LINE.matcher(train.out());
        assertTrue(m.find(), train.out());
        assertTrue(Double.parseDouble(m.group(1)) > 0.8, train.out());
        Path model = dir.resolve("best").resolve("net.model");
        assertTrue(Files.exists(model), "train writes CONFIG.model by default");

        Path csv = dir.resolve("pred.csv");
        CliRunner.Result pred = CliRunner.run("predict", model.toString(), "digits", "--out", csv.toString());
        assertEquals(0, pred.exitCode(), pred.all());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("index,predicted,label", lines.get(0));
        assertEquals(359 + 1, lines.size(), "one line per test digit");

        // the model read back predicts exactly what predict wrote, and what the trainer's test accuracy says
        TrainedModel loaded = ModelFile.readModel(model);
        assertEquals(Long.parseLong(m.group(2)), loaded.network().parameterCount());
        Dataset raw = Datasets.load("digits", dir, DataOptions.DEFAULTS.withNormalization(Normalization.NONE)).test();
        int[] again = loaded.predict(raw);
        int correct = 0;
        for (int i = 0; i < again.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(loaded.className(again[i]), cells[1], "line " + (i + 2));
            correct += cells[1].equals(cells[2]) ? 1 : 0;
        }
        assertEquals(m.group(1), String.format(java.util.Locale.ROOT, "%.4f", (double) correct / again.length));

        // raw rows of a CSV file (64 pixel columns and a label) go through the stored normaliser too
        StringBuilder table = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            table.append("p").append(j).append(',');
        }
        table.append("label\n");
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 64; j++) {
                table.append((int) raw.features()[i * 64 + j]).append(',');
            }
            table.append(raw.labels()[i]).append('\n');
        }
        Path rows = write("rows.csv", table.toString());
        CliRunner.Result fromCsv = CliRunner.run("predict", model.toString(), rows.toString());
        assertEquals(0, fromCsv.exitCode(), fromCsv.all());
        assertEquals(String.join("\n", lines.subList(0, 21)), fromCsv.out().strip());
    }

    /**
     * A size/accuracy study (metrics: [val_accuracy, params]) on the digits: export --pick writes
     * the front's most accurate trial within the parameter limit, and train rebuilds that network.
     */
    @Test
    void aParetoStudyExportsThePickedPointOfItsFront() throws IOException {
        Path study = write("pareto.yaml", """
                name: cli-pareto
                directions: [maximize, minimize]
                objective: {type: network, data: digits, metrics: [val_accuracy, params], epochs: 2}
                %s
                sampler: {type: nsga2, seed: 2, population: 4}
                budget: {trials: 8}
                """.formatted(SPACE));
        CliRunner.Result opt = CliRunner.run("optimize", study.toString(), "--quiet");
        assertEquals(0, opt.exitCode(), opt.all());
        CliRunner.Result best = CliRunner.run("best", study.toString(), "--format", "json");
        assertEquals(0, best.exitCode(), best.all());
        JsonNode front = new ObjectMapper().readTree(best.out());
        assertTrue(front.size() >= 2, "a front of several sizes: " + best.out());
        long largest = 0;
        for (JsonNode t : front) {
            assertEquals(t.get("user_attrs").get("params").asLong(), t.get("values").get(1).asLong(), "the second value is the size");
            largest = Math.max(largest, t.get("values").get(1).asLong());
        }
        long limit = largest - 1;
        JsonNode expected = null;
        for (JsonNode t : front) {
            if (t.get("values").get(1).asLong() <= limit && (expected == null
                    || t.get("values").get(0).asDouble() > expected.get("values").get(0).asDouble())) {
                expected = t;
            }
        }
        for (String pick : List.of("max-params=" + limit, "params<=" + limit)) {
            Path out = dir.resolve("picked.yaml");
            CliRunner.Result exp = CliRunner.run("export", study.toString(), "--pick", pick, "--out", out.toString());
            assertEquals(0, exp.exitCode(), exp.all());
            Matcher trial = Pattern.compile("(?m)^trial: (\\d+)$").matcher(Files.readString(out));
            assertTrue(trial.find(), Files.readString(out));
            assertEquals(expected.get("trial").asInt(), Integer.parseInt(trial.group(1)), pick + " in " + best.out());
        }
        CliRunner.Result train = CliRunner.run("train", dir.resolve("picked.yaml").toString());
        assertEquals(0, train.exitCode(), train.all());
        Matcher m = TRAIN_LINE.matcher(train.out());
        assertTrue(m.find(), train.out());
        assertEquals(expected.get("values").get(1).asLong(), Long.parseLong(m.group(2)), "train rebuilds the picked network");

        assertShortError(CliRunner.run("export", study.toString(), "--pick", "max-params=100", "--out", "x.yaml"),
                "no trial of the Pareto front of study 'cli-pareto'", "at most 100 parameters", "the smallest");
        assertShortError(CliRunner.run("export", study.toString(), "--pick", "small", "--out", "x.yaml"),
                "--pick: expected max-params=N");
        Path single = study("{type: network, data: digits, epochs: 1}", SPACE);
        assertEquals(0, CliRunner.run("optimize", single.toString(), "--quiet").exitCode());
        assertShortError(CliRunner.run("export", single.toString(), "--pick", "max-params=5000", "--out", "x.yaml"),
                "study 'cli-net' has one direction");
        assertFalse(Files.exists(Path.of("x.yaml")), "nothing written on an error");
    }

    private static void assertShortError(CliRunner.Result r, String... mustContain) {
        assertNotEquals(0, r.exitCode(), r.all());
        assertFalse(STACK_FRAME.matcher(r.all()).find(), "stack trace printed:\n" + r.all());
        assertTrue(r.err().lines().count() <= 3, "message is not short:\n" + r.err());
        for (String s : mustContain) {
            assertTrue(r.err().contains(s), "message lacks '" + s + "':\n" + r.err());
        }
    }

    @Test
    void badNetworkConfigsGiveLocatedMessages() throws IOException {
        assertShortError(CliRunner.run("optimize", study("{type: network, data: nosuch-data}", SPACE).toString()),
                "net.yaml:3", "objective.data", "nosuch-data");
        assertShortError(CliRunner.run("optimize", study("{type: network, data: digits}", "").toString()),
                "net.yaml:3", "needs a search-space");
        assertShortError(CliRunner.run("train", dir.resolve("missing.yaml").toString()), "missing.yaml", "not found");
        Path conv = write("conv.yaml", """
                params: {conv_layers: 4, conv_filters: 4}
                objective: {type: network, data: digits, epochs: 1}
                """);
        assertShortError(CliRunner.run("train", conv.toString()), "conv.yaml", "do not make a network", "1x8x8", "layer");
        Path function = write("fn.yaml", """
                params: {x: 1}
                settings: {objective: {type: function, function: branin}}
                """);
        assertShortError(CliRunner.run("train", function.toString()), "fn.yaml", "needs a network objective");
        assertShortError(CliRunner.run("predict", dir.resolve("none.model").toString(), "digits"), "none.model");
    }
}
