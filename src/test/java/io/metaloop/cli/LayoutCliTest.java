package io.metaloop.cli;

import io.metaloop.objective.NetworkObjective;
import io.metaloop.storage.JdbcStorage;
import io.metaloop.storage.Storage;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Study;
import io.metaloop.study.TrialState;
import io.metaloop.train.nn.ModelFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A layer-layout study on the digits end to end on SQLite: optimize (proposals over max-params
 * rejected outside the budget), export the best trial, and train rebuilds the same network.
 */
class LayoutCliTest {

    private static final Pattern TRAIN_LINE = Pattern.compile("test_accuracy=(0\\.\\d{4}) .*params=(\\d+)");
    private static final int TRIALS = 8;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tpe", "random"})
    void aLayoutStudyRunsExportsAndRetrains(String sampler) throws IOException {
        Path space = Path.of("search-spaces/digits-layout.yaml").toAbsolutePath();
        Path study = dir.resolve("layout.yaml");
        // max-params 3000 rejects, e.g., a dense block of 64 (4,810 parameters) or 16 filters without pooling
        Files.writeString(study, """
                name: layout-%s
                direction: maximize
                objective: {type: network, data: digits, max-params: 3000, epochs: 1}
                search-space: %s
                sampler: {type: %s, seed: 3, %s}
                budget: {trials: %d}
                storage: sqlite:%s
                """.formatted(sampler, space, sampler, "tpe".equals(sampler) ? "startup-trials: 3" : "",
                TRIALS, dir.resolve("layout.db")).replace(", }", "}"));
        CliRunner.Result opt = CliRunner.run("optimize", study.toString());
        assertEquals(0, opt.exitCode(), opt.all());
        assertTrue(opt.out().contains("rejected (not trained, outside the trial budget)"), opt.out());

        List<FrozenTrial> trials;
        try (Storage storage = JdbcStorage.sqlite(dir.resolve("layout.db"))) {
            trials = Study.builder(storage, "layout-" + sampler).load().trials();
        }
        List<FrozenTrial> rejected = trials.stream().filter(FrozenTrial::isRejected).toList();
        assertFalse(rejected.isEmpty(), "some proposals exceed 3,000 parameters");
        for (FrozenTrial t : rejected) {
            assertTrue(t.failReason().matches("rejected: \\d+ parameters > max-params 3000"), t.failReason());
            assertTrue(((Number) t.userAttrs().get(NetworkObjective.PARAMS_ATTR)).longValue() > 3000);
            assertTrue(t.intermediateValues().isEmpty(), "not trained");
        }
        assertEquals(TRIALS, trials.stream().filter(FrozenTrial::countsTowardsBudget).count());
        assertEquals(TRIALS, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count(),
                "rejected trials do not use the budget: " + TRIALS + " trained trials");
        assertTrue(trials.stream().allMatch(t -> t.params().containsKey("blocks") && t.params().containsKey("block_0_type")));

        Path config = dir.resolve("best.yaml");
        CliRunner.Result exp = CliRunner.run("export", study.toString(), "--out", config.toString());
        assertEquals(0, exp.exitCode(), exp.all());
        assertTrue(Files.readString(config).contains("block_0_type"), Files.readString(config));
        CliRunner.Result train = CliRunner.run("train", config.toString());
        assertEquals(0, train.exitCode(), train.all());
        Matcher m = TRAIN_LINE.matcher(train.out());
        assertTrue(m.find(), train.out());

        Matcher number = Pattern.compile("(?m)^trial: (\\d+)$").matcher(Files.readString(config));
        assertTrue(number.find(), Files.readString(config));
        FrozenTrial best = trials.get(Integer.parseInt(number.group(1)));
        assertEquals(TrialState.COMPLETE, best.state());
        assertEquals(((Number) best.userAttrs().get(NetworkObjective.PARAMS_ATTR)).longValue(), Long.parseLong(m.group(2)));
        String network = ModelFile.readModel(dir.resolve("best.model")).network().spec().describe();
        assertEquals(best.userAttrs().get(NetworkObjective.NETWORK_ATTR), network, "train rebuilds the trial's network");
    }
}
