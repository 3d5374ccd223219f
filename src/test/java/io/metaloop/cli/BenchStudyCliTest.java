package io.metaloop.cli;

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

/** {@code metaloop bench study}: a tiny network study for a few seconds, from empty storage, scored on the test set. */
class BenchStudyCliTest {

    private static final Pattern LINE = Pattern.compile("study=tiny budget=3s seed=(\\d+) sampler=(\\S+) pruner=(\\S+) jobs=1 "
            + "wall_s=([\\d.]+) trials=(\\d+) complete=(\\d+) pruned=(\\d+) stopped=(\\d+) failed=(\\d+) rejected=\\d+ best_val=(0\\.\\d{4}|1\\.0000) "
            + "params=(\\d+) test_accuracy=(0\\.\\d{4}|1\\.0000)");

    @TempDir
    Path dir;

    private Path study() throws IOException {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, """
                name: tiny
                direction: maximize
                objective: {type: network, data: digits, max-params: 1000, epochs: 3, fidelity: {resource: examples, first-report: 200}}
                search-space: {params: {units: {type: int, low: 4, high: 24}, lr: {type: float, low: 1.0e-4, high: 0.1, log: true}}}
                sampler: {type: random, seed: 4}
                pruner: {type: asha, min-resource: 200, reduction-factor: 3}
                budget: {trials: 1}
                """);
        return f;
    }

    private static Matcher line(CliRunner.Result r) {
        assertEquals(0, r.exitCode(), r.all());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(1, lines.size(), "one line on standard output:\n" + r.out());
        Matcher m = LINE.matcher(lines.get(0));
        assertTrue(m.matches(), lines.get(0));
        return m;
    }

    @Test
    void printsOneLineWithPlausibleFiguresAndLeavesTheStudyAlone() throws IOException {
        Path study = study();
        Matcher m = line(CliRunner.run("bench", "study", study.toString(), "--budget", "3s", "--seed", "9"));
        assertEquals("9", m.group(1));
        assertEquals("asha", m.group(3));
        assertTrue(Double.parseDouble(m.group(4)) >= 3, "ran for the budget");
        int trials = Integer.parseInt(m.group(5));
        int complete = Integer.parseInt(m.group(6));
        int pruned = Integer.parseInt(m.group(7));
        int stopped = Integer.parseInt(m.group(8));
        int failed = Integer.parseInt(m.group(9));
        assertTrue(trials > 1, "the file's budget of 1 trial is ignored: " + trials);
        // stopped: the one trial running when the budget is up, and those stopped before because they could not finish
        assertEquals(trials, complete + pruned + stopped + failed);
        assertTrue(complete >= 1);
        double bestVal = Double.parseDouble(m.group(10));
        long params = Long.parseLong(m.group(11));
        double test = Double.parseDouble(m.group(12));
        assertTrue(bestVal > 0.1 && test > 0.1, m.group());
        assertTrue(params >= 64 * 4 + 4 + 4 * 10 + 10 && params <= 1000, "within max-params: " + params);
        assertFalse(Files.exists(dir.resolve("tiny.db")), "the study's own storage is not touched");
        assertFalse(Files.exists(dir.resolve("tiny.models")), "nor its kept model");
    }

    @Test
    void thePrunerCanBeReplaced() throws IOException {
        Matcher m = line(CliRunner.run("bench", "study", study().toString(), "--budget", "3s", "--pruner", "none", "-q"));
        assertEquals("none", m.group(3));
        assertEquals("0", m.group(7), "nothing is pruned without a pruner");
    }

    @Test
    void theSamplerCanBeReplaced() throws IOException {
        Matcher file = line(CliRunner.run("bench", "study", study().toString(), "--budget", "3s", "-q"));
        assertEquals("random", file.group(2));
        Matcher m = line(CliRunner.run("bench", "study", study().toString(), "--budget", "3s", "--sampler", "tpe", "-q"));
        assertEquals("tpe", m.group(2));
        CliRunner.Result bad = CliRunner.run("bench", "study", study().toString(), "--budget", "3s", "--sampler", "tpee");
        assertNotEquals(0, bad.exitCode());
        assertTrue(bad.err().contains("tpee"), bad.err());
    }

    @Test
    void badArgumentsGiveShortMessages() throws IOException {
        CliRunner.Result r = CliRunner.run("bench", "study", study().toString(), "--budget", "3s", "--pruner", "{type: asha, min-resource: 0}");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("--pruner:1: pruner.min-resource: min-resource must be at least 1, got 0"), r.err());
        CliRunner.Result b = CliRunner.run("bench", "study", study().toString(), "--budget", "-5s");
        assertNotEquals(0, b.exitCode());
        assertTrue(b.err().contains("a duration must be positive"), b.err());
    }
}
