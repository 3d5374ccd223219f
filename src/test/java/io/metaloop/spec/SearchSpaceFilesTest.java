package io.metaloop.spec;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Condition;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpaceFilesTest {

    @TempDir
    Path dir;

    /** A file with a header line, so that the parameter lines start at line 2. */
    private Path space(String... paramLines) {
        String[] lines = new String[paramLines.length + 1];
        lines[0] = "params:";
        for (int i = 0; i < paramLines.length; i++) {
            lines[i + 1] = "  " + paramLines[i];
        }
        return write(dir, "search-spaces/s.yaml", lines);
    }

    private SpecException failure(String... paramLines) {
        Path f = space(paramLines);
        return fails(() -> SearchSpaceFiles.read(f));
    }

    private Path file() {
        return dir.resolve("search-spaces/s.yaml");
    }

    @Test
    void readsEveryKindOfParameterInOrder() {
        Path f = space(
                "optimizer: {type: categorical, choices: [sgd, adam]}",
                "lr:        {type: float, low: 1.0e-5, high: 1.0e-1, log: true}",
                "momentum:  {type: float, low: 0.0, high: 0.99, when: {optimizer: sgd}}",
                "units:     {type: int, low: 4, high: 256, log: true}",
                "layers:    {type: int, low: 1, high: 9, step: 2, when: {units: [8, 16]}}",
                "dropout:",
                "  type: float",
                "  low: 0",
                "  high: 0.5",
                "  step: 0.05",
                "mixed:     {type: categorical, choices: [1, 2.5, true, null, 'yes']}",
                "gate:      {type: float, low: 1, high: 2, when: {mixed: [null, 1.0]}}");
        SearchSpace s = SearchSpaceFiles.read(f);
        List<ParamSpec> expected = List.of(
                ParamSpec.of("optimizer", CategoricalDistribution.of("sgd", "adam")),
                ParamSpec.of("lr", FloatDistribution.log(1e-5, 1e-1)),
                new ParamSpec("momentum", FloatDistribution.of(0.0, 0.99), new Condition("optimizer", List.of("sgd"))),
                ParamSpec.of("units", IntDistribution.log(4, 256)),
                new ParamSpec("layers", new IntDistribution(1, 9, false, 2), new Condition("units", List.of(8, 16))),
                ParamSpec.of("dropout", FloatDistribution.stepped(0.0, 0.5, 0.05)),
                ParamSpec.of("mixed", CategoricalDistribution.of(1, 2.5, true, null, "yes")),
                // the condition holds the choices themselves: null, and 1 (written 1.0)
                new ParamSpec("gate", FloatDistribution.of(1, 2), new Condition("mixed", Arrays.asList(null, 1))));
        assertEquals(expected, s.params());
        // the condition on null works end to end
        assertFalse(s.params().get(7).condition().holds(new HashMap<>(Map.of("mixed", 2.5))));
        Map<String, Object> chosen = new HashMap<>();
        chosen.put("mixed", null);
        assertTrue(s.params().get(7).condition().holds(chosen));
    }

    @Test
    void writesWhatItReads() throws Exception {
        Path f = space(
                "optimizer: {type: categorical, choices: [sgd, adam, 3, null]}",
                "lr:        {type: float, low: 1.0e-5, high: 1.0e-1, log: true}",
                "momentum:  {type: float, low: 0.0, high: 0.99, when: {optimizer: [sgd, 3]}}",
                "units:     {type: int, low: 4, high: 256, log: true, when: {optimizer: adam}}",
                "batch:     {type: int, low: 16, high: 250, step: 16}",
                "dropout:   {type: float, low: 0.0, high: 0.5, step: 0.05}");
        SearchSpace s = SearchSpaceFiles.read(f);
        String yaml = new YAMLMapper().writeValueAsString(SearchSpaceFiles.toMap(s));
        SearchSpace back = SearchSpaceFiles.parse(yaml, "written.yaml");
        assertEquals(s.params(), back.params());
        assertEquals(240, ((IntDistribution) back.params().get(4).distribution()).high());
    }

    @Test
    void inlineNodesAreLocatedInTheirFile() {
        YamlMap root = YamlReader.read("name: x\nsearch-space:\n  params:\n    lr: {type: float, low: 0.0, high: 1, log: true}\n",
                "studies/x.yaml");
        SpecException e = fails(() -> SearchSpaceFiles.read(root.get("search-space")));
        assertEquals("studies/x.yaml:4: search-space.params.lr.low: a log range needs low > 0, got 0.0", e.getMessage());
    }

    @Test
    void logRangeNeedsPositiveLow() {
        SpecException e = failure("a: {type: int, low: 1, high: 3}", "lr: {type: float, low: 0.0, high: 1.0, log: true}");
        assertEquals(file() + ":3: params.lr.low: a log range needs low > 0, got 0.0", e.getMessage());
        assertProblem(failure("u: {type: int, low: -1, high: 8, log: true}"), file(), 2, "params.u.low", "low > 0, got -1");
    }

    @Test
    void lowMustNotExceedHigh() {
        assertProblem(failure("c: {type: float, low: 5, high: 1.5}"), file(), 2, "params.c.low",
                "low (5) must not be greater than high (1.5)");
        assertProblem(failure("c: {type: int, low: 5, high: 1}"), file(), 2, "params.c.low", "must not be greater");
    }

    @Test
    void stepRules() {
        assertProblem(failure("d: {type: float, low: 0.1, high: 1, log: true, step: 0.1}"), file(), 2, "params.d.step",
                "step cannot be combined with log: true");
        assertProblem(failure("d: {type: int, low: 1, high: 8, log: true, step: 2}"), file(), 2, "params.d.step",
                "step cannot be combined with log");
        assertProblem(failure("d: {type: float, low: 0, high: 1, step: -0.5}"), file(), 2, "params.d.step",
                "step must be > 0, got -0.5");
        assertProblem(failure("d: {type: int, low: 0, high: 1, step: 0}"), file(), 2, "params.d.step",
                "step must be at least 1, got 0");
    }

    @Test
    void boundsAndFlagsHaveTypes() {
        assertProblem(failure("e:", "  type: int", "  low: 1.5", "  high: 4"), file(), 4, "params.e.low",
                "expected an integer (the parameter is of type int), got 1.5");
        assertProblem(failure("e: {type: float, low: a, high: 4}"), file(), 2, "params.e.low", "expected a number, got 'a'");
        assertProblem(failure("e: {type: float, low: 1, high: 4, log: maybe}"), file(), 2, "params.e.log",
                "expected true or false, got 'maybe'");
        assertProblem(failure("e: {type: int, low: 1, high: 99999999999}"), file(), 2, "params.e.high", "too large");
    }

    @Test
    void missingBoundsAndUnknownTypesAndKeys() {
        assertProblem(failure("i:", "  type: float", "  high: 2"), file(), 2, "params.i.low", "missing; expected a number");
        assertProblem(failure("g: {type: floot, low: 1, high: 2}"), file(), 2, "params.g.type",
                "unknown parameter type 'floot' (did you mean 'float'?); expected one of float, int, categorical");
        assertProblem(failure("g: {low: 1, high: 2}"), file(), 2, "params.g.type", "missing; expected the parameter type");
        assertProblem(failure("h:", "  type: float", "  low: 1", "  hihg: 2"), file(), 5, "params.h.hihg",
                "unknown key 'hihg' (did you mean 'high'?); expected one of type, low, high, log, step, when");
        assertProblem(failure("h: {type: categorical, choices: [a], low: 1}"), file(), 2, "params.h.low",
                "unknown key 'low'; expected one of type, choices, when");
        assertProblem(failure("h: 3"), file(), 2, "params.h", "expected a parameter definition");
    }

    @Test
    void categoricalChoices() {
        assertProblem(failure("a: {type: categorical, choices: []}"), file(), 2, "params.a.choices",
                "a categorical parameter needs at least one choice");
        assertProblem(failure("a: {type: categorical}"), file(), 2, "params.a.choices", "missing; expected a list of choices");
        assertProblem(failure("a: {type: categorical, choices: sgd}"), file(), 2, "params.a.choices",
                "expected a list of choices, e.g. [sgd, adam], got 'sgd'");
        assertProblem(failure("a:", "  type: categorical", "  choices:", "    - sgd", "    - {x: 1}"), file(), 6,
                "params.a.choices[1]", "expected a choice: text, a number, true/false or null, got a mapping");
        assertProblem(failure("a:", "  type: categorical", "  choices:", "    - sgd", "    - adam", "    - sgd"), file(), 7,
                "params.a.choices[2]", "choice 'sgd' is listed twice");
        assertProblem(failure("a: {type: categorical, choices: [1, 1.0]}"), file(), 2, "params.a.choices[1]", "listed twice");
    }

    @Test
    void conditionsReferToEarlierParametersAndTheirValues() {
        assertProblem(failure("opt: {type: categorical, choices: [sgd, adam]}",
                        "m: {type: float, low: 0, high: 1, when: {optt: sgd}}"), file(), 3, "params.m.when.optt",
                "unknown parameter 'optt' (did you mean 'opt'?); expected one of opt");
        assertProblem(failure("m: {type: float, low: 0, high: 1, when: {opt: sgd}}",
                        "opt: {type: categorical, choices: [sgd, adam]}"), file(), 2, "params.m.when.opt",
                "'opt' is declared after 'm'; a condition may only refer to a parameter declared before it");
        assertProblem(failure("opt: {type: categorical, choices: [sgd, adam]}",
                        "m: {type: float, low: 0, high: 1, when: {opt: adamw}}"), file(), 3, "params.m.when.opt",
                "expected a value of parameter 'opt' (one of sgd, adam), got 'adamw'");
        assertProblem(failure("n: {type: int, low: 1, high: 9, step: 2}",
                        "m: {type: float, low: 0, high: 1, when: {n: [3, 4]}}"), file(), 3, "params.m.when.n[1]",
                "expected a value of parameter 'n' (an integer in [1, 9] in steps of 2), got 4");
        assertProblem(failure("opt: {type: categorical, choices: [sgd, adam]}",
                        "m: {type: float, low: 0, high: 1, when: {opt: []}}"), file(), 3, "params.m.when.opt",
                "expected at least one value");
        assertProblem(failure("m: {type: float, low: 0, high: 1, when: {m: 1}}"), file(), 2, "params.m.when.m",
                "cannot depend on itself");
        assertProblem(failure("a: {type: int, low: 0, high: 1}", "b: {type: int, low: 0, high: 1}",
                        "m: {type: float, low: 0, high: 1, when: {a: 1, b: 1}}"), file(), 4, "params.m.when",
                "one parameter only, got a, b");
    }

    @Test
    void reportsEveryFaultyParameterInLineOrder() {
        SpecException e = failure(
                "a: {type: categorical, choices: []}",
                "ok: {type: int, low: 0, high: 3}",
                "b: {type: float, low: 2, high: 1}",
                "c: {type: float, low: 0, high: 1, when: {a: x}}");
        assertEquals(3, e.problems().size(), e.getMessage());
        assertProblem(e, file(), 2, "params.a.choices", "at least one choice");
        assertProblem(e, file(), 4, "params.b.low", "must not be greater");
        assertProblem(e, file(), 5, "params.c.when.a", "'a' has errors");
        assertEquals(List.of(2, 4, 5), e.problems().stream().map(SpecProblem::line).toList());
    }

    @Test
    void theFileNeedsParams() {
        Path empty = write(dir, "e.yaml", "params: {}");
        assertProblem(fails(() -> SearchSpaceFiles.read(empty)), empty, 1, "params", "at least one parameter");
        Path other = write(dir, "o.yaml", "parameters:", "  a: {type: int, low: 0, high: 1}");
        assertProblem(fails(() -> SearchSpaceFiles.read(other)), other, 1, "parameters",
                "unknown key 'parameters'; expected one of params");
        Path missing = dir.resolve("nope.yaml");
        assertEquals(missing + ": file not found", fails(() -> SearchSpaceFiles.read(missing)).getMessage());
    }
}
