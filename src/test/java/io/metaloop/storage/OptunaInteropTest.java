package io.metaloop.storage;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.Study;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * metaloop and the real Optuna 3.1 ({@code /usr/bin/python3}) on one SQLite file: each reads
 * what the other wrote, exactly, and continues the other's studies. The Python side is in
 * {@code src/test/resources/interop/}. Without Optuna these tests fail, never skip.
 */
class OptunaInteropTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void optunaIsInstalled() throws Exception {
        Result r;
        try {
            r = run(List.of(PYTHON, "-c", "import optuna; print(optuna.__version__)"));
        } catch (IOException e) {
            fail(PYTHON + " cannot be run (" + e.getMessage() + "): the Optuna interop tests need Python 3 with"
                    + " Optuna 3.1; install it with `apt-get install python3-optuna`");
            return;
        }
        if (r.exit != 0) {
            fail("`" + PYTHON + " -c 'import optuna'` failed: the Optuna interop tests need Optuna 3.1; install it"
                    + " with `apt-get install python3-optuna`\n" + r.err);
        }
        assertTrue(r.out.trim().startsWith("3.1"), "these tests are written against Optuna 3.1, found " + r.out);
    }

    /**
     * Suggests every kind of parameter, reports NaN and infinite intermediate values, sets a
     * nested user attribute, and fails the trial numbered {@code failOn}.
     */
    private static Objective objective(int failOn) {
        return trial -> {
            double x = trial.suggestFloat("x", -5, 5);
            double lr = trial.suggestFloat("lr", 1e-5, 1, true);
            int n = trial.suggestInt("n", 1, 10, 2);
            Object c = trial.suggestCategorical("c", Arrays.asList("relu", "tanh", null, 1.5, 2, true));
            trial.report(Double.NaN, 0);
            trial.report(x, 1);
            trial.report(Double.NEGATIVE_INFINITY, 2);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("list", Arrays.asList(1, 2.5, null, "é"));
            info.put("choice", c);
            trial.setUserAttr("info", info);
            if (trial.number() == failOn) {
                throw new IllegalStateException("boom");
            }
            return new double[]{x * x + lr + n};
        };
    }

    private String url(Path file) {
        return "sqlite:///" + file.toAbsolutePath();
    }

    @Test
    void optunaReadsWhatMetaloopWrote() throws Exception {
        Path file = dir.resolve("metaloop.db");
        try (Storage storage = JdbcStorage.sqlite(file)) {
            Study study = Study.builder(storage, "ml").direction(Direction.MINIMIZE).sampler(new RandomSampler(7))
                    .create();
            study.setUserAttr("purpose", Map.of("interop", true));
            study.optimize(objective(3), Budget.trials(8));
            Study multi = Study.builder(storage, "ml-mo").directions(List.of(Direction.MINIMIZE, Direction.MAXIMIZE))
                    .sampler(new RandomSampler(8)).create();
            multi.optimize(t -> {
                double x = t.suggestFloat("x", 0, 1);
                return new double[]{x, t.number() == 1 ? Double.POSITIVE_INFINITY : -x};
            }, Budget.trials(3));

            Map<String, Object> dump = python("dump_study.py", url(file));
            Map<String, Map<String, Object>> studies = byName(dump);
            assertEquals(List.of("MINIMIZE"), studies.get("ml").get("directions"));
            assertEquals(Map.of("purpose", Map.of("interop", true)), studies.get("ml").get("user_attrs"));
            assertEquals(List.of("MINIMIZE", "MAXIMIZE"), studies.get("ml-mo").get("directions"));

            List<FrozenTrial> mine = storage.trials(study.record().id());
            assertEquals(8, mine.size());
            assertEquals(TrialState.FAIL, mine.get(3).state());
            assertSame(mine, trials(studies.get("ml")));
            assertSame(storage.trials(multi.record().id()), trials(studies.get("ml-mo")));
            // the round trip above would not notice a consistent mis-encoding: check against the objective
            Map<String, Object> first = trials(studies.get("ml")).get(0);
            Object x = ((Map<?, ?>) first.get("params")).get("x");
            assertEquals(Arrays.asList(List.of(0, Double.NaN), List.of(1, x), List.of(2, Double.NEGATIVE_INFINITY)),
                    first.get("intermediate_values"));
            Object secondValues = trials(studies.get("ml-mo")).get(1).get("values");
            assertEquals(Double.POSITIVE_INFINITY, ((List<?>) secondValues).get(1), "values " + secondValues);
            assertEquals("boom", mine.get(3).failReason().replaceAll(".*: ", ""));
        }
    }

    /** Compares metaloop's trials with Optuna's view of them, field by field, exactly. */
    private static void assertSame(List<FrozenTrial> mine, List<Map<String, Object>> theirs) {
        assertEquals(mine.size(), theirs.size());
        for (int i = 0; i < mine.size(); i++) {
            FrozenTrial m = mine.get(i);
            Map<String, Object> o = theirs.get(i);
            String what = "trial " + m.number();
            assertEquals(m.number(), o.get("number"), what);
            assertEquals(m.state().name(), o.get("state"), what);
            assertEquals(m.params(), o.get("params"), what + " params");
            Map<String, Object> distributions = new LinkedHashMap<>();
            m.distributions().forEach((k, d) -> distributions.put(k, OptunaEncoding.distributionToJson(d)));
            assertEquals(distributions, o.get("distributions"), what + " distributions");
            assertEquals(m.values().isEmpty() ? null : m.values(), o.get("values"), what + " values");
            List<List<Object>> intermediate = new ArrayList<>();
            m.intermediateValues().forEach((step, v) -> intermediate.add(List.of(step, v)));
            assertEquals(intermediate, o.get("intermediate_values"), what + " intermediate values");
            assertEquals(m.userAttrs(), o.get("user_attrs"), what + " user attrs");
            assertEquals(m.systemAttrs(), o.get("system_attrs"), what + " system attrs");
            assertEquals(OptunaEncoding.formatTime(m.datetimeStart()), micros(o.get("datetime_start")), what + " start");
            assertEquals(OptunaEncoding.formatTime(m.datetimeComplete()), micros(o.get("datetime_complete")),
                    what + " complete");
        }
    }

    /** Python's isoformat drops a zero fraction; ours always has six digits. */
    private static String micros(Object isoformat) {
        if (isoformat == null) {
            return null;
        }
        String s = (String) isoformat;
        return s.length() == 19 ? s + ".000000" : s;
    }

    @Test
    void metaloopContinuesAStudyOptunaExtended() throws Exception {
        Path file = dir.resolve("shared.db");
        try (Storage storage = JdbcStorage.sqlite(file)) {
            Study study = Study.builder(storage, "shared").sampler(new RandomSampler(5)).create();
            study.optimize(objective(-1), Budget.trials(3));

            Map<String, Object> added = python("optuna_continue.py", url(file), "shared", "4", "42");
            assertEquals(List.of(3, 4, 5, 6), added.get("numbers"));

            List<FrozenTrial> seen = study.trials();
            assertEquals(IntStream.range(0, 7).boxed().toList(), seen.stream().map(FrozenTrial::number).toList());
            for (FrozenTrial t : seen.subList(3, 7)) {
                assertEquals(TrialState.COMPLETE, t.state());
                assertEquals("optuna", t.userAttrs().get("by"));
                assertEquals(List.of("x", "lr", "n", "c"), List.copyOf(t.params().keySet()));
                assertTrue(t.intermediateValues().get(0).isNaN());
                assertEquals(t.params().get("x"), t.intermediateValues().get(1));
            }

            study.optimize(objective(-1), Budget.trials(10));
            List<FrozenTrial> all = study.trials();
            assertEquals(IntStream.range(0, 10).boxed().toList(), all.stream().map(FrozenTrial::number).toList());
            assertTrue(all.subList(7, 10).stream().allMatch(t -> t.userAttrs().containsKey("info")));

            List<Map<String, Object>> theirs = trials(byName(python("dump_study.py", url(file))).get("shared"));
            assertSame(storage.trials(study.record().id()), theirs);
        }
    }

    @Test
    void metaloopContinuesAStudyOptunaCreatedTakingTheEnqueuedTrialFirst() throws Exception {
        Path file = dir.resolve("optuna.db");
        assertEquals(Map.of("trials", 4), python("optuna_create.py", url(file), "py"));
        try (Storage storage = JdbcStorage.sqlite(file)) {
            Study study = Study.builder(storage, "py").direction(Direction.MAXIMIZE).sampler(new RandomSampler(3))
                    .load();
            List<FrozenTrial> before = study.trials();
            assertEquals(List.of(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.COMPLETE, TrialState.WAITING),
                    before.stream().map(FrozenTrial::state).toList());
            assertEquals(Map.of("created_by", "optuna"), storage.studyUserAttrs(study.record().id()));

            // budget 5: three done, the WAITING one does not count until started, so two more run
            study.optimize(t -> {
                double v = objective(-1).evaluate(t)[0];
                return new double[]{-v};
            }, Budget.trials(5));
            List<FrozenTrial> after = study.trials();
            assertEquals(5, after.size());
            FrozenTrial enqueued = after.get(3);
            assertEquals(TrialState.COMPLETE, enqueued.state());
            assertEquals(1.25, enqueued.params().get("x"));
            assertEquals("tanh", enqueued.params().get("c"));
            assertEquals(Map.of("x", 1.25, "c", "tanh"), enqueued.systemAttrs().get(SystemAttrs.FIXED_PARAMS));
            assertNotNull(enqueued.systemAttrs().get(SystemAttrs.OWNER));
            assertEquals(TrialState.COMPLETE, after.get(4).state());

            List<Map<String, Object>> theirs = trials(byName(python("dump_study.py", url(file))).get("py"));
            assertSame(storage.trials(study.record().id()), theirs);
        }
    }

    @Test
    void schemaIsOptunasAndOptunaAcceptsIt() throws Exception {
        Path ours = dir.resolve("ours.db");
        JdbcStorage.sqlite(ours).close();
        Map<String, Object> theirs = python("describe_schema.py", dir.resolve("theirs.db").toString(), "--create");
        Map<String, Object> mine = python("describe_schema.py", ours.toString());
        assertEquals(theirs.get("schema"), mine.get("schema"));
        assertEquals("v3.0.0.d", mine.get("current"));
        assertEquals(true, mine.get("compatible"));
        // and metaloop opens a database Optuna created
        try (Storage storage = JdbcStorage.sqlite(dir.resolve("theirs.db"))) {
            assertEquals(List.of(), storage.listStudies());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byName(Map<String, Object> dump) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object s : (List<Object>) dump.get("studies")) {
            Map<String, Object> study = (Map<String, Object>) s;
            out.put((String) study.get("name"), study);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> trials(Map<String, Object> study) {
        return (List<Map<String, Object>>) study.get("trials");
    }

    /** Runs an interop script and returns the JSON it printed last. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> python(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, script(script).toString()));
        command.addAll(List.of(args));
        Result r = run(command);
        if (r.exit != 0) {
            fail(String.join(" ", command) + " exited with " + r.exit + ":\n" + r.err + r.out);
        }
        String[] lines = r.out.strip().split("\n");
        return (Map<String, Object>) PythonJson.read(lines[lines.length - 1]);
    }

    private Path script(String name) throws URISyntaxException {
        var url = getClass().getResource("/interop/" + name);
        assertNotNull(url, "test resource interop/" + name);
        return Path.of(url.toURI());
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 180 s");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read: " + e.getMessage() + ")";
        }
    }
}
