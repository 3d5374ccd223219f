package io.metaloop.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A declared search space: parameters in order, some conditional on earlier ones. It is what a
 * file in {@code search-spaces/} or a built-in objective declares, and it lets samplers that
 * need the whole space up front (grid, Sobol) see it before the objective runs. A space may
 * hold a {@link Layout}, whose parameters come first.
 */
public final class SearchSpace {

    private static final SearchSpace EMPTY = new SearchSpace(List.of(), null, 0);

    private final List<ParamSpec> params;
    private final Layout layout;
    private final int layoutParams;

    private SearchSpace(List<ParamSpec> params, Layout layout, int layoutParams) {
        this.params = List.copyOf(params);
        this.layout = layout;
        this.layoutParams = layoutParams;
    }

    /**
     * A search space of the given parameters. Names must be unique and a condition may refer
     * only to a parameter declared before it.
     */
    public static SearchSpace of(List<ParamSpec> params) {
        return new SearchSpace(checked(params), null, 0);
    }

    /** A space of a layout's parameters ({@link Layout#params()}) followed by {@code others}. */
    public static SearchSpace of(Layout layout, List<ParamSpec> others) {
        List<ParamSpec> all = new ArrayList<>(layout.params());
        int n = all.size();
        all.addAll(others);
        return new SearchSpace(checked(all), layout, n);
    }

    private static List<ParamSpec> checked(List<ParamSpec> params) {
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
        return params;
    }

    /** The space with no parameters. */
    public static SearchSpace empty() {
        return EMPTY;
    }

    /** The parameters in declaration order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** The layout whose parameters start the space, if any. */
    public Optional<Layout> layout() {
        return Optional.ofNullable(layout);
    }

    /** The parameters declared beside the layout: all of them when there is none. */
    public List<ParamSpec> paramsBesideLayout() {
        return params.subList(layoutParams, params.size());
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
