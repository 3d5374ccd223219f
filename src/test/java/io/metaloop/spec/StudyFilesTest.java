package io.metaloop.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.metaloop.objective.BenchmarkFunction;
import io.metaloop.pruner.NopPruner;
import io.metaloop.sampler.RandomSampler;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyFilesTest {

    @TempDir
    Path dir;

    private Path study(String... lines) {
        return write(dir, "studies/x.yaml", lines);
    }

    private SpecException failure(String... lines) {
        Path f = study(lines);
        return fails(() -> StudyFiles.read(f));
    }

    private Path file() {
        return dir.resolve("studies/x.yaml");
    }

    @Test
    void readsEveryField() {
        Path f = study(
                "name: full.study_1",
                "direction: maximize",
                "objective:",
                "  type: function",
                "  function: rosenbrock",
                "  dimension: 3",
                "sampler:",
                "  type: grid",
                "  seed: 42",
                "  points: 4",
                "  values: {x0: [0, 1.5], x2: [-5]}",
                "pruner: {type: none}",
                "budget: {trials: 50, time: 1h30m}",
                "storage: postgresql://db.example:5432/studies?user=ml",
                "export: best/x.yaml");
        StudySpec s = StudyFiles.read(f);
        assertEquals(f, s.file());
        assertEquals("full.study_1", s.name());
        assertEquals(List.of(Direction.MAXIMIZE), s.directions());
        assertEquals(new ObjectiveSpec("function", Map.of("function", "rosenbrock", "dimension", 3)), s.objective());
        assertEquals("rosenbrock3", s.objective().benchmarkFunction().name());
        assertEquals("grid", s.sampler().type());
        assertEquals(42, s.sampler().seed());
        assertEquals(4, s.sampler().gridPoints());
        assertEquals(Map.of("x0", List.of(0.0, 1.5), "x2", List.of(-5.0)), s.sampler().gridValues());
        assertEquals(List.of("x0", "x2"), List.copyOf(s.sampler().gridValues().keySet()));
        assertEquals(PrunerSpec.none(), s.pruner());
        assertEquals(new Budget(50, Duration.ofMinutes(90)), s.budget());
        assertEquals("postgresql://db.example:5432/studies?user=ml", s.storageUrl());
        assertTrue(s.searchSpace().isEmpty());
        assertEquals(BenchmarkFunction.rosenbrock(3).space().params(), s.space().params());
        assertEquals(Path.of("best/x.yaml"), s.export());
    }

    @Test
    void appliesDefaults() {
        Path f = study("name: tiny", "direction: minimize", "objective: {type: function, function: branin}");
        StudySpec s = StudyFiles.read(f);
        assertEquals(SamplerSpec.auto(SamplerSpec.defaultSeed("tiny")), s.sampler());
        assertEquals(PrunerSpec.none(), s.pruner());
        assertEquals(Budget.unlimited(), s.budget());
        assertEquals("sqlite:" + dir.resolve("studies/x.db"), s.storageUrl());
        assertSame(SearchSpace.empty(), s.searchSpace());
        assertNull(s.export());
        assertEquals(List.of("x0", "x1"), s.space().params().stream().map(p -> p.name()).toList());
    }

    @Test
    void defaultSeedDependsOnlyOnTheName() {
        // the published FNV-1a 64 values; pinned so that the default never changes silently
        assertEquals(0xcbf29ce484222325L, SamplerSpec.defaultSeed(""));
        assertEquals(0xaf63dc4c8601ec8cL, SamplerSpec.defaultSeed("a"));
        assertFalse(SamplerSpec.defaultSeed("quickstart") == SamplerSpec.defaultSeed("quickstart2"));
    }

    @Test
    void defaultStorageSitsBesideTheStudyFile() {
        assertEquals("sqlite:studies/x.db", StudyFiles.defaultStorageUrl(Path.of("studies/x.yaml")));
        assertEquals("sqlite:x.db", StudyFiles.defaultStorageUrl(Path.of("x.yml")));
        assertEquals("sqlite:dir/x.conf.db", StudyFiles.defaultStorageUrl(Path.of("dir/x.conf")));
    }

    @Test
    void shortFormsForSamplerAndPruner() {
        StudySpec s = StudyFiles.read(study("name: s", "direction: minimize",
                "objective: {type: function, function: ackley2}", "sampler: sobol", "pruner: none"));
        assertEquals(new SamplerSpec("sobol", SamplerSpec.defaultSeed("s"), Map.of()), s.sampler());
        assertEquals(PrunerSpec.none(), s.pruner());
    }

    @Test
    void createsSamplersAndPruners() {
        SamplerSpec random = SamplerSpec.random(5);
        assertEquals(5, ((RandomSampler) random.create(null)).seed());
        assertEquals(9, ((RandomSampler) random.create(9L)).seed());
        assertEquals(3, ((io.metaloop.sampler.GridSampler) new SamplerSpec("grid", 3, Map.of()).create(null)).seed());
        assertEquals(4, ((io.metaloop.sampler.SobolSampler) new SamplerSpec("sobol", 1, Map.of()).create(4L)).seed());
        assertEquals(SamplerSpec.DEFAULT_GRID_POINTS, new SamplerSpec("grid", 1, Map.of()).gridPoints());
        assertInstanceOf(NopPruner.class, PrunerSpec.none().create());
        assertThrows(IllegalArgumentException.class, () -> new SamplerSpec("nosuch", 1, Map.of()));
        assertEquals(BenchmarkFunction.BRANIN_MINIMUM, ObjectiveSpec.function("branin", null).benchmarkFunction().minimum());
        assertTrue(ObjectiveSpec.function("mixed6", 6).create(io.metaloop.space.SearchSpace.empty()) != null);
    }

    @Test
    void toMapIsAStudyFileThatReadsBackTheSame() throws Exception {
        StudySpec s = StudyFiles.read(study("name: rt", "direction: maximize",
                "objective: {type: function, function: mixed6}",
                "sampler: {type: grid, values: {act: [relu, gelu], depth: [2], units: [8, 64]}}",
                "budget: {trials: 7, time: PT90M}", "export: out/best.yaml"));
        Map<String, Object> map = s.toMap();
        assertEquals(Map.of("trials", 7, "time", "1h30m"), map.get("budget"));
        assertEquals("maximize", map.get("direction"));
        Path again = write(dir, "studies/again.yaml", new YAMLMapper().writeValueAsString(map));
        StudySpec back = StudyFiles.read(again);
        assertEquals(map, back.toMap());
        assertEquals(s.sampler(), back.sampler());
        assertEquals(s.storageUrl(), back.storageUrl());
        // and it is plain JSON
        String json = new ObjectMapper().writeValueAsString(map);
        assertTrue(json.contains("\"values\":{\"act\":[\"relu\",\"gelu\"],\"depth\":[2],\"units\":[8,64]}"), json);
    }

    @Test
    void unknownSamplerIsLocated() {
        SpecException e = failure("name: x", "direction: minimize", "objective: {type: function, function: branin}",
                "sampler: {type: nosuch}");
        assertEquals(file() + ":4: sampler.type: unknown sampler 'nosuch'; expected one of auto, random, grid, sobol, tpe, bobyqa, cmaes, genetic, nsga2, hybrid",
                e.getMessage());
        assertProblem(failure("name: x", "direction: minimize", "objective: {type: function, function: branin}",
                "sampler: radnom"), file(), 4, "sampler", "unknown sampler 'radnom' (did you mean 'random'?)");
    }

    @Test
    void malformedYamlIsLocated() {
        SpecException e = failure("name: x", "direction: minimize", "objective: {type: function, function: branin",
                "budget: {trials: 3}");
        assertProblem(e, file(), 4, "", "malformed YAML: ");
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unknownKeysAreRefusedWithASuggestion() {
        SpecException e = failure("name: x", "dirction: minimize", "objective: {type: function, function: branin}",
                "sampler: {type: random, seeed: 3}");
        assertProblem(e, file(), 2, "dirction", "unknown key 'dirction' (did you mean 'direction'?)");
        assertProblem(e, file(), 4, "sampler.seeed", "unknown key 'seeed' (did you mean 'seed'?); expected one of type, seed");
        // the missing direction is reported too, at the top mapping
        assertProblem(e, file(), 1, "direction", "missing; expected minimize or maximize");
        assertProblem(failure("name: x", "direction: minimize", "objective: {type: function, function: branin}",
                "sampler: {type: sobol, points: 3}"), file(), 4, "sampler.points", "unknown key 'points'");
    }

    @Test
    void nameIsRequiredAndChecked() {
        assertProblem(failure("# study", "direction: minimize", "objective: {type: function, function: branin}"),
                file(), 2, "name", "missing; expected a study name");
        assertProblem(failure("name: my study", "direction: minimize", "objective: {type: function, function: branin}"),
                file(), 1, "name", "may only contain letters, digits");
        assertProblem(failure("name: yes", "direction: minimize", "objective: {type: function, function: branin}"),
                file(), 1, "name", "read as a boolean; quote it");
    }

    @Test
    void directionRules() {
        assertProblem(failure("name: x", "direction: minimize", "directions: [minimize]",
                "objective: {type: function, function: branin}"), file(), 3, "directions",
                "give either direction (one objective) or directions (several), not both");
        assertProblem(failure("name: x", "direction: minimise", "objective: {type: function, function: branin}"),
                file(), 2, "direction", "expected minimize or maximize, got 'minimise' (did you mean 'minimize'?)");
        assertProblem(failure("name: x", "directions: [minimize, up]", "objective: {type: function, function: branin}"),
                file(), 2, "directions[1]", "got 'up'");
        assertProblem(failure("name: x", "directions: [minimize, maximize]", "objective: {type: function, function: branin}"),
                file(), 2, "directions", "a function objective gives one value");
        assertProblem(failure("name: x", "direction: [minimize]", "objective: {type: function, function: branin}"),
                file(), 2, "direction", "write directions: [...]");
    }

    @Test
    void networkObjectiveRules() {
        String space = "search-space: {params: {units: {type: int, low: 4, high: 8}}}";
        assertProblem(failure("name: x", "direction: maximize", "objective: {type: network}", space), file(), 3,
                "objective.data", "missing");
        assertProblem(failure("name: x", "direction: maximize", "objective: {type: network, data: digitz}", space),
                file(), 3, "objective.data", "no data set named 'digitz'");
        assertProblem(failure("name: x", "direction: maximize", "objective: {type: network, data: digits}"),
                file(), 3, "objective", "a network objective needs a search-space");
        assertProblem(failure("name: x", "direction: minimize", "objective: {type: network, data: digits}", space),
                file(), 2, "direction", "set direction: maximize");
        assertProblem(failure("name: x", "direction: maximize", "objective: {type: network, data: digits, epochs: 0}",
                space), file(), 3, "objective.epochs", "epochs must be at least 1");
        assertProblem(failure("name: x", "direction: maximize", "objective: {type: network, data: digits, epoch: 3}",
                space), file(), 3, "objective.epoch", "unknown key 'epoch'");
        assertProblem(failure("name: x", "direction: maximize", "objective: {type: network, data: digits}",
                "search-space: {params: {unit: {type: int, low: 4, high: 8}}}"), file(), 4, "search-space",
                "parameter 'unit' means nothing to the network objective (did you mean 'units'?)");
    }

    @Test
    void networkMetricsGiveOneValuePerDirection() {
        String space = "search-space: {params: {units: {type: int, low: 4, high: 8}}}";
        StudySpec s = StudyFiles.read(study("name: x", "directions: [maximize, minimize]",
                "objective: {type: network, data: digits, metrics: [val_accuracy, params]}", space));
        assertEquals(List.of("val_accuracy", "params"), s.objective().networkSettings().metrics());
        assertEquals(List.of("val_accuracy", "params"), s.objective().toMap().get("metrics"));
        assertEquals("val_accuracy", StudyFiles.read(study("name: x", "direction: maximize",
                "objective: {type: network, data: digits}", space)).objective().toMap().get("metric"));
        assertProblem(failure("name: x", "directions: [maximize, minimize]", "objective: {type: network, data: digits}", space),
                file(), 2, "directions", "set direction: maximize (for a size/accuracy front, set the objective's metrics:"
                        + " [val_accuracy, params])");
        assertProblem(failure("name: x", "directions: [maximize, maximize]",
                "objective: {type: network, data: digits, metrics: [val_accuracy, params]}", space),
                file(), 2, "directions", "set directions: [maximize, minimize]");
        assertProblem(failure("name: x", "directions: [maximize, minimize]",
                "objective: {type: network, data: digits, metrics: [val_accuracy, parms]}", space),
                file(), 3, "objective.metrics[1]", "unknown metric 'parms' (did you mean 'params'?)");
        assertProblem(failure("name: x", "direction: minimize", "objective: {type: network, data: digits, metrics: [params]}",
                space), file(), 3, "objective.metrics", "metrics must include val_accuracy");
        assertProblem(failure("name: x", "directions: [maximize, minimize]",
                "objective: {type: network, data: digits, metric: val_accuracy, metrics: [val_accuracy, params]}", space),
                file(), 3, "objective.metrics", "give metric (one value) or metrics (one per direction), not both");
        assertProblem(failure("name: x", "directions: [minimize, maximize]",
                "objective: {type: network, data: digits, metrics: [params, val_accuracy]}", space, "pruner: median"),
                file(), 5, "pruner", "set the pruner's objective: 1");
        StudyFiles.read(study("name: x", "directions: [minimize, maximize]",
                "objective: {type: network, data: digits, metrics: [params, val_accuracy]}", space,
                "pruner: {type: median, objective: 1}"));
    }

    @Test
    void objectiveRules() {
        assertProblem(failure("name: x", "direction: minimize"), file(), 1, "objective", "missing");
        assertProblem(failure("name: x", "direction: minimize", "objective: {type: networks}"), file(), 3,
                "objective.type", "unknown objective type 'networks' (did you mean 'network'?); expected one of function");
        assertProblem(failure("name: x", "direction: minimize", "objective:", "  type: function", "  function: brannin"),
                file(), 5, "objective.function", "unknown function 'brannin' (did you mean 'branin'?)");
        assertProblem(failure("name: x", "direction: minimize", "objective:", "  type: function",
                "  function: rosenbrock5", "  dimension: 4"), file(), 6, "objective.dimension",
                "names dimension 5 but dimension is 4");
        assertProblem(failure("name: x", "direction: minimize", "objective: {type: function}"), file(), 3,
                "objective.function", "missing; expected a benchmark function");
    }

    @Test
    void budgetRules() {
        String[] head = {"name: x", "direction: minimize", "objective: {type: function, function: branin}"};
        assertProblem(failure(concat(head, "budget: {time: 10 min}")), file(), 4, "budget.time",
                "expected a duration such as 90s, 10m, 1h30m, 2h or PT10M, got '10 min'");
        assertProblem(failure(concat(head, "budget:", "  trials: 5", "  time: 600")), file(), 6, "budget.time",
                "needs a unit, e.g. 600s or 600m");
        assertProblem(failure(concat(head, "budget: {trials: 0}")), file(), 4, "budget.trials", "at least 1, got 0");
        assertProblem(failure(concat(head, "budget: {}")), file(), 4, "budget", "give trials, time or both");
        assertEquals(new Budget(Integer.MAX_VALUE, Duration.ofMinutes(10)),
                StudyFiles.read(study(concat(head, "budget: {time: PT10M}"))).budget());
        assertProblem(failure(concat(head, "budget: {time: 10m, at-end: wait}")), file(), 4, "budget.at-end",
                "expected stop (trials running when the time is up stop at their next report) or finish");
        assertProblem(failure(concat(head, "budget: {trials: 5, at-end: finish}")), file(), 4, "budget.at-end",
                "at-end applies to a time budget; give time too");
        assertEquals(new Budget(Integer.MAX_VALUE, Duration.ofMinutes(10), true),
                StudyFiles.read(study(concat(head, "budget: {time: 10m, at-end: finish}"))).budget());
        assertEquals(new Budget(Integer.MAX_VALUE, Duration.ofMinutes(10), false),
                StudyFiles.read(study(concat(head, "budget: {time: 10m, at-end: stop}"))).budget());
    }

    @Test
    void storageRules() {
        String[] head = {"name: x", "direction: minimize", "objective: {type: function, function: branin}"};
        SpecException e = failure(concat(head, "storage: postgresql://me:s3cret@host/db"));
        assertProblem(e, file(), 4, "storage", "must not contain a password");
        assertFalse(e.getMessage().contains("s3cret"));
        assertProblem(failure(concat(head, "storage: postgresql://host/db?user=me&password=s3cret")), file(), 4,
                "storage", "must not contain a password");
        assertProblem(failure(concat(head, "storage: mysql://host/db")), file(), 4, "storage",
                "unknown storage URL scheme 'mysql:'; expected sqlite:PATH");
        assertProblem(failure(concat(head, "storage: 'sqlite:'")), file(), 4, "storage", "needs a file path");
        assertEquals("memory:", StudyFiles.read(study(concat(head, "storage: 'memory:'"))).storageUrl());
        assertProblem(failure(concat(head, "storage: memory")), file(), 4, "storage", "write 'memory:' in quotes");
        // unquoted, the trailing colon makes it a YAML key: the hint says what to do
        assertProblem(failure(concat(head, "storage: memory:")), file(), 4, "", "ends with ':'");
    }

    @Test
    void gridValuesMustNameParametersOfTheSpace() {
        String[] head = {"name: x", "direction: minimize", "objective: {type: function, function: branin}"};
        assertProblem(failure(concat(head, "sampler:", "  type: grid", "  values:", "    x0: [1]", "    y: [1, 2]")),
                file(), 8, "sampler.values.y", "unknown parameter 'y'; the study's parameters are x0, x1");
        assertProblem(failure(concat(head, "sampler: {type: grid, values: {x1: [3, 20]}}")), file(), 4,
                "sampler.values.x1[1]", "expected a value of parameter 'x1' (a number in [0.0, 15.0]), got 20");
        assertProblem(failure(concat(head, "sampler: {type: grid, values: {x0: [2, 2.0]}}")), file(), 4,
                "sampler.values.x0[1]", "value 2.0 is listed twice");
        assertProblem(failure(concat(head, "sampler: {type: grid, points: 1}")), file(), 4, "sampler.points",
                "at least 2 points per axis, got 1");
        assertProblem(failure(concat(head, "sampler: {type: random, seed: 1.5}")), file(), 4, "sampler.seed",
                "expected an integer seed, got 1.5");
    }

    @Test
    void searchSpaceIsFoundNextToTheStudyFirstThenInTheWorkingDirectory() {
        Path studyFile = Path.of("studies/x.yaml");
        YamlNode node = YamlReader.read("a: b", "t.yaml").get("a");
        assertEquals(List.of(Path.of("search-spaces/s.yaml")),
                StudyFiles.candidates(studyFile, "../search-spaces/s.yaml", node).subList(0, 1));
        assertEquals(List.of(Path.of("studies/search-spaces/s.yaml"), Path.of("search-spaces/s.yaml")),
                StudyFiles.candidates(studyFile, "search-spaces/s.yaml", node));
        assertEquals(List.of(Path.of("s.yaml")), StudyFiles.candidates(Path.of("x.yaml"), "s.yaml", node));
        Path abs = Path.of("/tmp/s.yaml").toAbsolutePath();
        assertEquals(List.of(abs), StudyFiles.candidates(studyFile, abs.toString(), node));
    }

    @Test
    void aSearchSpaceIsReadButRefusedForAFunctionObjective() {
        write(dir, "search-spaces/s.yaml", "params:", "  lr: {type: float, low: 0.0, high: 1, log: true}");
        String[] head = {"name: x", "direction: minimize", "objective: {type: function, function: branin}"};
        // found via the study's folder, read, and its own error reported in its own file
        SpecException e = failure(concat(head, "search-space: ../search-spaces/s.yaml"));
        assertProblem(e, dir.resolve("search-spaces/s.yaml"), 2, "params.lr.low", "a log range needs low > 0, got 0.0");
        assertProblem(e, file(), 4, "search-space", "a function objective has its own parameters (x0, x1 of branin)");

        // found in the working directory (the project root under Maven) and refused
        SpecException shipped = failure(concat(head, "search-space: search-spaces/example.yaml"));
        assertEquals(1, shipped.problems().size(), shipped.getMessage());
        assertProblem(shipped, file(), 4, "search-space", "remove search-space");

        assertProblem(failure(concat(head, "search-space: nowhere/s.yaml")), file(), 4, "search-space",
                "search-space file not found; tried " + dir.resolve("studies/nowhere/s.yaml") + ", nowhere/s.yaml");
        assertProblem(failure(concat(head, "search-space:", "  params:", "    lr: {type: float, low: 2, high: 1}")),
                file(), 6, "search-space.params.lr.low", "must not be greater than high");
    }

    @Test
    void missingStudyFile() {
        Path f = dir.resolve("studies/none.yaml");
        assertEquals(f + ": file not found", fails(() -> StudyFiles.read(f)).getMessage());
    }

    @Test
    void reportsSeveralProblemsAtOnceInLineOrder() {
        SpecException e = failure("name: a b", "direction: sideways", "objective: {type: function, function: branin}",
                "sampler: {type: nosuch}", "budget: {time: forever}", "extra: 1");
        assertEquals(List.of(1, 2, 4, 5, 6), e.problems().stream().map(SpecProblem::line).toList(), e.getMessage());
        assertEquals(5, e.getMessage().lines().count());
    }

    private static String[] concat(String[] head, String... tail) {
        String[] out = new String[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
