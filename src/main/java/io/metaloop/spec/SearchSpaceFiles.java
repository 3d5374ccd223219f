package io.metaloop.spec;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Condition;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes search spaces in the format of {@code search-spaces/*.yaml}:
 * <pre>
 * params:
 *   optimizer: {type: categorical, choices: [sgd, adam]}
 *   lr:        {type: float, low: 1.0e-5, high: 1.0e-1, log: true}
 *   momentum:  {type: float, low: 0.0, high: 0.99, when: {optimizer: sgd}}
 *   units:     {type: int, low: 4, high: 256, log: true}
 * </pre>
 * Parameters keep the order of the file; a {@code when} condition may refer only to a parameter
 * declared before it and only to values that parameter can take. See {@code docs/study-files.md}.
 */
public final class SearchSpaceFiles {

    private static final String PARAMS = "a mapping of parameter names to definitions";

    private SearchSpaceFiles() {
    }

    /** Reads a search-space file. */
    public static SearchSpace read(Path file) {
        return read(YamlReader.readFile(file));
    }

    /** Reads search-space YAML text; {@code source} names it in errors. */
    public static SearchSpace parse(String yaml, String source) {
        return read(YamlReader.read(yaml, source));
    }

    /**
     * Reads a search space from a node — the top of a search-space file, or the inline
     * {@code search-space:} mapping of a study file. Reports every faulty parameter at once.
     */
    public static SearchSpace read(YamlNode node) {
        YamlMap m = node.asMap("a search space: a mapping with the key params");
        m.checkKeys(List.of("params"));
        YamlNode paramsNode = m.require("params", PARAMS);
        YamlMap params = paramsNode.asMap(PARAMS);
        if (params.entries().isEmpty()) {
            throw paramsNode.error("a search space needs at least one parameter");
        }
        List<String> declared = List.copyOf(params.keys());
        Map<String, ParamSpec> read = new LinkedHashMap<>();
        Problems problems = new Problems();
        for (Map.Entry<String, YamlNode> e : params.entries().entrySet()) {
            ParamSpec p = problems.attempt(() -> ParamReader.read(e.getKey(), e.getValue(), read, declared));
            if (p != null) {
                read.put(p.name(), p);
            }
        }
        problems.throwIfAny();
        try {
            return SearchSpace.of(List.copyOf(read.values()));
        } catch (IllegalArgumentException e) {
            throw params.error(e.getMessage());
        }
    }

    /**
     * The space in the file format, as plain maps and lists (JSON-compatible): reading it back
     * gives the same parameters. Defaults ({@code log: false}, {@code step: 1} for ints) are left out.
     */
    public static Map<String, Object> toMap(SearchSpace space) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamSpec p : space.params()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Distribution d = p.distribution();
            if (d instanceof FloatDistribution f) {
                m.put("type", "float");
                m.put("low", f.low());
                m.put("high", f.high());
                putIf(m, f.log(), "log", true);
                putIf(m, f.step() != null, "step", f.step());
            } else if (d instanceof IntDistribution i) {
                m.put("type", "int");
                m.put("low", i.low());
                m.put("high", i.high());
                putIf(m, i.log(), "log", true);
                putIf(m, i.step() != 1, "step", i.step());
            } else {
                m.put("type", "categorical");
                m.put("choices", new ArrayList<>(((CategoricalDistribution) d).choices()));
            }
            Condition c = p.condition();
            if (c != null) {
                Map<String, Object> when = new LinkedHashMap<>();
                when.put(c.parameter(), c.values().size() == 1 ? c.values().get(0) : new ArrayList<>(c.values()));
                m.put("when", when);
            }
            params.put(p.name(), m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("params", params);
        return out;
    }

    private static void putIf(Map<String, Object> m, boolean condition, String key, Object value) {
        if (condition) {
            m.put(key, value);
        }
    }
}
