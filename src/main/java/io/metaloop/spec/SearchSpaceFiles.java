package io.metaloop.spec;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Condition;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.Layout;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes search spaces in the format of {@code search-spaces/*.yaml}: an optional
 * {@code layout:} section ({@link LayoutSection}) and the parameters beside it,
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
    private static final String SPACE = "a search space: a mapping with the keys params and/or layout";

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
        YamlMap m = node.asMap(SPACE);
        m.checkKeys(List.of("params", "layout"));
        YamlNode layoutNode = m.get("layout");
        if (layoutNode == null && !m.has("params")) {
            throw m.missing("params", PARAMS + " (and/or layout: a layer layout)");
        }
        YamlNode paramsNode = m.has("params") ? m.get("params") : new YamlMap(m.location(), Map.of());
        YamlMap params = paramsNode.asMap(PARAMS);
        if (params.entries().isEmpty() && layoutNode == null) {
            throw paramsNode.error("a search space needs at least one parameter");
        }
        Problems problems = new Problems();
        Layout layout = layoutNode == null ? null : problems.attempt(() -> LayoutSection.read(layoutNode));
        // a parameter beside the layout may depend on a layout parameter, which comes first
        Map<String, ParamSpec> read = new LinkedHashMap<>();
        List<String> declared = new ArrayList<>();
        if (layout != null) {
            layout.params().forEach(p -> read.put(p.name(), p));
            declared.addAll(read.keySet());
        }
        declared.addAll(params.keys());
        List<ParamSpec> own = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : params.entries().entrySet()) {
            ParamSpec p = problems.attempt(() -> {
                if (read.containsKey(e.getKey())) {
                    throw e.getValue().error("parameter '" + e.getKey() + "' is one of the layout's; name it otherwise");
                }
                return ParamReader.read(e.getKey(), e.getValue(), read, declared);
            });
            if (p != null) {
                read.put(p.name(), p);
                own.add(p);
            }
        }
        problems.throwIfAny();
        try {
            return layout == null ? SearchSpace.of(own) : SearchSpace.of(layout, own);
        } catch (IllegalArgumentException e) {
            throw m.error(e.getMessage());
        }
    }

    /**
     * The space in the file format, as plain maps and lists (JSON-compatible): reading it back
     * gives the same parameters, and a layout stays a {@code layout:} section. Defaults
     * ({@code log: false}, {@code step: 1} for ints) are left out.
     */
    public static Map<String, Object> toMap(SearchSpace space) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamSpec p : space.paramsBesideLayout()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Distribution d = p.distribution();
            if (d instanceof CategoricalDistribution c) {
                m.put("type", "categorical");
                m.put("choices", new ArrayList<>(c.choices()));
            } else {
                m.put("type", d instanceof IntDistribution ? "int" : "float");
                m.putAll(range(d));
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
        space.layout().ifPresent(l -> out.put("layout", LayoutSection.toMap(l)));
        if (!params.isEmpty() || space.layout().isEmpty()) {
            out.put("params", params);
        }
        return out;
    }

    /** The keys {@code low}, {@code high} and, when not the default, {@code log} and {@code step} of a range. */
    static Map<String, Object> range(Distribution d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d instanceof FloatDistribution f) {
            m.put("low", f.low());
            m.put("high", f.high());
            putIf(m, f.log(), "log", true);
            putIf(m, f.step() != null, "step", f.step());
        } else {
            IntDistribution i = (IntDistribution) d;
            m.put("low", i.low());
            m.put("high", i.high());
            putIf(m, i.log(), "log", true);
            putIf(m, i.step() != 1, "step", i.step());
        }
        return m;
    }

    private static void putIf(Map<String, Object> m, boolean condition, String key, Object value) {
        if (condition) {
            m.put(key, value);
        }
    }
}
