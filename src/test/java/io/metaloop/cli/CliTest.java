package io.metaloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    @Test
    void trainingWithoutTheVectorApiIsWarnedAbout() {
        String warning = Main.slowKernelsWarning(new String[]{"bench", "study", "x.yaml"}, () -> false).orElseThrow();
        assertTrue(warning.contains("--add-modules jdk.incubator.vector"), warning);
        assertTrue(Main.slowKernelsWarning(new String[]{"optimize", "x.yaml"}, () -> true).isEmpty(), "vector kernels: no warning");
        assertTrue(Main.slowKernelsWarning(new String[]{"studies"}, () -> false).isEmpty(), "no training: no warning");
        assertTrue(Main.slowKernelsWarning(new String[0], () -> false).isEmpty());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [a-z]+\\.");

    @TempDir
    Path dir;

    private Path studyFile(String name, String body) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, body);
        return f;
    }

    private Path branin(int trials) throws IOException {
        return studyFile("b", """
                name: cli-branin
                direction: minimize
                objective: {type: function, function: branin}
                sampler: {type: random, seed: 1}
                budget: {trials: %d}
                """.formatted(trials));
    }

    private JsonNode trialsJson(Path study) throws IOException {
        CliRunner.Result r = CliRunner.run("trials", study.toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.all());
        return JSON.readTree(r.out());
    }

    private static long count(JsonNode trials, String state) {
        long n = 0;
        for (JsonNode t : trials) {
            n += t.get("state").asText().equals(state) ? 1 : 0;
        }
        return n;
    }

    @Test
    void samplerOptionOverridesTheStudyFilesSampler() throws IOException {
        Path study = branin(12);
        CliRunner.Result r = CliRunner.run("optimize", study.toString(), "--sampler", "auto");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("sampler auto: bobyqa (2 of 2 parameters"), r.out());
        JsonNode trials = trialsJson(study);
        assertEquals(12, trials.size());
        // bobyqa stores its step on every trial; the file's random sampler stores none
        try (io.metaloop.storage.Storage st = io.metaloop.storage.StorageUrls.open("sqlite:" + dir.resolve("b.db"))) {
            long id = st.findStudy("cli-branin").orElseThrow().id();
            assertTrue(st.trials(id).stream().allMatch(t -> t.systemAttrs().containsKey("metaloop:bobyqa")));
        }
        assertShortError(CliRunner.run("optimize", study.toString(), "--sampler", "bobyqo"), "unknown sampler 'bobyqo'");
    }

    @Test
    void bestPrintsTheParetoFrontAsAJsonArrayForSeveralDirections() throws IOException {
        Path study = studyFile("pareto", """
                name: cli-pareto
                directions: [minimize, minimize]
                objective: {type: command, command: "python3 -c 'print({x}, (1 - {x}) ** 2)'"}
                search-space: {params: {x: {type: float, low: 0.0, high: 1.0}}}
                sampler: {type: random, seed: 3}
                budget: {trials: 8}
                """);
        assertEquals(0, CliRunner.run("optimize", study.toString(), "--quiet").exitCode());
        CliRunner.Result best = CliRunner.run("best", study.toString(), "--format", "json");
        assertEquals(0, best.exitCode(), best.all());
        JsonNode front = new com.fasterxml.jackson.databind.ObjectMapper().readTree(best.out());
        assertTrue(front.isArray(), best.out());
        // x and (1 - x)^2 trade off over all of [0, 1]: every distinct point is on the front
        assertEquals(8, front.size(), best.out());
    }

    @Test
    void optimizeCreatesResumesAndStopsAtTheStudyBudget() throws IOException {
        Path study = branin(30);
        CliRunner.Result first = CliRunner.run("optimize", study.toString());
        assertEquals(0, first.exitCode(), first.all());
        assertTrue(Files.exists(dir.resolve("b.db")), "default storage is sqlite beside the study file");
        assertTrue(first.out().contains("best: trial"), first.out());
        assertEquals(30, count(trialsJson(study), "COMPLETE"));

        CliRunner.Result again = CliRunner.run("optimize", study.toString());
        assertEquals(0, again.exitCode());
        assertTrue(again.out().contains("already finished"), again.out());
        assertEquals(30, trialsJson(study).size());

        CliRunner.Result more = CliRunner.run("optimize", study.toString(), "--trials", "40", "--quiet");
        assertEquals(0, more.exitCode(), more.all());
        assertEquals("", more.out(), "--quiet prints nothing");
        assertEquals(40, count(trialsJson(study), "COMPLETE"));
    }

    @Test
    void trialsJsonHasTheDocumentedFields() throws IOException {
        Path study = branin(3);
        CliRunner.run("optimize", study.toString(), "--quiet");
        JsonNode trials = trialsJson(study);
        assertEquals(3, trials.size());
        for (String field : List.of("number", "state", "values", "params", "intermediate_values", "datetime_start",
                "datetime_complete", "fail_reason")) {
            assertTrue(trials.get(0).has(field), "missing " + field + " in " + trials.get(0));
        }
        assertEquals(2, trials.get(0).get("params").size());
        assertTrue(trials.get(0).get("values").get(0).isNumber());

        CliRunner.Result csv = CliRunner.run("trials", study.toString(), "--format", "csv");
        assertTrue(csv.out().startsWith("number,state,value,duration_s,params_x0,params_x1,fail_reason\n"), csv.out());
        assertEquals(4, csv.out().lines().count());
        CliRunner.Result table = CliRunner.run("trials", study.toString());
        assertTrue(table.out().lines().findFirst().orElseThrow().matches("number\\s+state\\s+value.*"), table.out());
    }

    @Test
    void bestAndExportNameTheStudyTrialValueAndParams() throws IOException {
        Path study = branin(20);
        CliRunner.run("optimize", study.toString(), "--quiet");
        JsonNode trials = trialsJson(study);
        JsonNode best = null;
        for (JsonNode t : trials) {
            if (best == null || t.get("values").get(0).asDouble() < best.get("values").get(0).asDouble()) {
                best = t;
            }
        }
        CliRunner.Result r = CliRunner.run("best", study.toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.all());
        JsonNode printed = JSON.readTree(r.out());
        assertEquals(best.get("number").asInt(), printed.get("trial").asInt());
        assertEquals(best.get("values").get(0).asDouble(), printed.get("value").asDouble());

        Path out = dir.resolve("exports/best.yaml");
        CliRunner.Result e = CliRunner.run("export", study.toString(), "--out", out.toString());
        assertEquals(0, e.exitCode(), e.all());
        JsonNode exported = new YAMLMapper().readTree(out.toFile());
        assertEquals("cli-branin", exported.get("study").asText());
        assertEquals(best.get("number").asInt(), exported.get("trial").asInt());
        assertEquals(best.get("values").get(0).asDouble(), exported.get("value").asDouble());
        assertEquals(best.get("params"), exported.get("params"));
        assertEquals("branin", exported.get("settings").get("objective").get("function").asText());

        CliRunner.Result j = CliRunner.run("export", study.toString(), "-o", dir.resolve("best.json").toString());
        assertEquals(0, j.exitCode(), j.all());
        assertEquals(best.get("params"), JSON.readTree(dir.resolve("best.json").toFile()).get("params"));
    }

    @Test
    void studiesListsAndDeleteStudyRemoves() throws IOException {
        Path study = branin(5);
        CliRunner.run("optimize", study.toString(), "--quiet");
        String url = "sqlite:" + dir.resolve("b.db");
        CliRunner.Result list = CliRunner.run("studies", "--storage", url);
        assertTrue(list.out().contains("cli-branin"), list.all());
        CliRunner.Result byName = CliRunner.run("trials", "cli-branin", "--storage", url, "--format", "json");
        assertEquals(5, JSON.readTree(byName.out()).size());
        CliRunner.Result del = CliRunner.run("delete-study", study.toString());
        assertEquals(0, del.exitCode(), del.all());
        assertTrue(CliRunner.run("studies", "--storage", url).out().contains("no studies"));
    }

    private void assertShortError(CliRunner.Result r, String... mustContain) {
        assertNotEquals(0, r.exitCode(), r.all());
        assertFalse(STACK_FRAME.matcher(r.all()).find(), "stack trace printed:\n" + r.all());
        assertTrue(r.err().lines().count() <= 3, "message is not short:\n" + r.err());
        for (String s : mustContain) {
            assertTrue(r.err().contains(s), "message lacks '" + s + "':\n" + r.err());
        }
    }

    @Test
    void badInputGivesAShortMessageAndNonZeroExit() throws IOException {
        assertShortError(CliRunner.run("optimize", studyFile("malformed", "name: x\ndirection: [\n").toString()),
                "malformed.yaml");
        assertShortError(CliRunner.run("optimize", studyFile("sampler", """
                name: x
                direction: minimize
                objective: {type: function, function: branin}
                sampler: {type: nosuch}
                """).toString()), "nosuch", "sampler.yaml:4");
        assertShortError(CliRunner.run("optimize", dir.resolve("missing.yaml").toString()), "missing.yaml");
        assertShortError(CliRunner.run("trials", "no-such-study", "--storage", "sqlite:" + dir.resolve("x.db")),
                "no-such-study");
        assertShortError(CliRunner.run("trials", "some-name"), "--storage");
        assertShortError(CliRunner.run("optimize", branin(3).toString(), "--storage", "postgresql://localhost/db"),
                "PostgreSQL");
        assertShortError(CliRunner.run("optimize", branin(3).toString(), "--timeout", "ten minutes"), "ten minutes");
        assertShortError(CliRunner.run("nosuchcommand"), "nosuchcommand");
    }

    @Test
    void badSearchSpacesAreReportedWithFileAndField() throws IOException {
        String[][] cases = {
                {"lowhigh", "x: {type: float, low: 5, high: 1}", "x"},
                {"loglow", "x: {type: float, low: 0, high: 1, log: true}", "low > 0"},
                {"nochoice", "x: {type: categorical, choices: []}", "choice"},
        };
        for (String[] c : cases) {
            Path space = dir.resolve(c[0] + "-space.yaml");
            Files.writeString(space, "params:\n  " + c[1] + "\n");
            Path study = studyFile(c[0], """
                    name: x
                    direction: minimize
                    objective: {type: command, command: [echo, "1"]}
                    search-space: %s
                    budget: {trials: 3}
                    """.formatted(space.getFileName()));
            CliRunner.Result r = CliRunner.run("optimize", study.toString());
            assertShortError(r, c[0] + "-space.yaml", c[2]);
        }
    }

    @Test
    void commandObjectiveRunsAProgramPerTrialOverASearchSpace() throws IOException {
        Files.writeString(dir.resolve("space.yaml"), """
                params:
                  kind: {type: categorical, choices: [square, fail]}
                  x: {type: float, low: -2, high: 2}
                """);
        // the program reports two steps, prints its result last, and fails for kind=fail
        Path study = studyFile("cmd", """
                name: cmd
                direction: minimize
                objective:
                  type: command
                  command: "test {kind} = square || { echo 'diverged' >&2; exit 3; }; echo metaloop:report 0 5; echo metaloop:report 1 {x}; echo chatter; python3 -c 'print(({x})**2)'"
                search-space: space.yaml
                sampler: {type: random, seed: 3}
                budget: {trials: 12}
                """);
        CliRunner.Result r = CliRunner.run("optimize", study.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.all());
        JsonNode trials = trialsJson(study);
        assertEquals(12, trials.size());
        assertTrue(count(trials, "COMPLETE") > 0 && count(trials, "FAIL") > 0, trials.toString());
        for (JsonNode t : trials) {
            double x = t.get("params").get("x").asDouble();
            if (t.get("params").get("kind").asText().equals("square")) {
                assertEquals("COMPLETE", t.get("state").asText(), t.toString());
                assertEquals(x * x, t.get("values").get(0).asDouble(), 1e-9);
                assertEquals(5.0, t.get("intermediate_values").get("0").asDouble());
                assertEquals(x, t.get("intermediate_values").get("1").asDouble(), 1e-12);
            } else {
                assertEquals("FAIL", t.get("state").asText());
                assertEquals("IllegalStateException: command exited with code 3: diverged", t.get("fail_reason").asText());
            }
        }
    }

    @Test
    void verboseShowsTheStackTrace() throws IOException {
        CliRunner.Result r = CliRunner.run("trials", "nope", "--storage", "sqlite:" + dir.resolve("v.db"), "--verbose");
        assertNotEquals(0, r.exitCode());
        assertTrue(STACK_FRAME.matcher(r.err()).find(), r.err());
    }
}
