package io.metaloop.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A declared search space: parameters in order, some conditional on earlier ones. It is what a
 * file in {@code search-spaces/} or a built-in objective declares, and it lets samplers that
 * need the whole space up front (grid, Sobol) see it before the objective runs.
 */
public final class SearchSpace {

    private static final SearchSpace EMPTY = new SearchSpace(List.of());

    private final List<ParamSpec> params;

    private SearchSpace(List<ParamSpec> params) {
        this.params = List.copyOf(params);
    }

    /**
     * A search space of the given parameters. Names must be unique and a condition may refer
     * only to a parameter declared before it.
     */
    public static SearchSpace of(List<ParamSpec> params) {
        Map<String, ParamSpec> seen = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            if (seen.containsKey(p.name())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is declared twice");
            }
            Condition c = p.condition();
            if (c != null && !seen.containsKey(c.parameter())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' depends on '" + c.parameter()
                        + "', which is not declared before it");
            }
            seen.put(p.name(), p);
        }
        return new SearchSpace(params);
    }

    /** The space with no parameters. */
    public static SearchSpace empty() {
        return EMPTY;
    }

    /** The parameters in declaration order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** Whether no parameter is declared. */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** Every parameter's distribution by name, conditions ignored, in declaration order. */
    public Map<String, Distribution> distributions() {
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            out.put(p.name(), p.distribution());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Asks {@code suggester} for every parameter whose condition holds, in order, and returns the
     * chosen external values.
     */
    public Map<String, Object> suggestAll(ParamSuggester suggester) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            if (p.condition() == null || p.condition().holds(chosen)) {
                chosen.put(p.name(), suggester.suggest(p.name(), p.distribution()));
            }
        }
        return chosen;
    }
}
