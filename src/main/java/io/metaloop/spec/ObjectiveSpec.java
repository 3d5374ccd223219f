package io.metaloop.spec;

import io.metaloop.objective.BenchmarkFunction;
import io.metaloop.objective.CommandObjective;
import io.metaloop.objective.NetworkObjective;
import io.metaloop.objective.NetworkSettings;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.Objective;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a study evaluates: a type and that type's options, as read (and validated) from the
 * {@code objective:} section: {@code function}, a benchmark function with options
 * {@code function} (e.g. {@code branin}, {@code rosenbrock10}) and, optionally,
 * {@code dimension}; or {@code command}, an external program with options {@code command} (a list
 * of arguments, or one string run by {@code /bin/sh -c}) and, optionally, {@code workdir}; or
 * {@code network}, a network trained by metaloop's own trainer ({@link NetworkSettings}).
 *
 * @param type    the objective type, one of {@link #TYPES}
 * @param options the type's options, in file order (JSON-compatible values)
 */
public record ObjectiveSpec(String type, Map<String, Object> options) {

    /** The benchmark-function objective type. */
    public static final String FUNCTION = "function";
    /** The external-command objective type. */
    public static final String COMMAND = "command";
    /** The built-in network-training objective type. */
    public static final String NETWORK = "network";
    /** The objective types a study file may name. */
    public static final List<String> TYPES = List.of(FUNCTION, COMMAND, NETWORK);

    public ObjectiveSpec {
        Objects.requireNonNull(type, "type");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown objective type '" + type + "'; expected one of " + Hints.list(TYPES));
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A benchmark-function objective; {@code dimension} may be null. */
    public static ObjectiveSpec function(String function, Integer dimension) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("function", function);
        if (dimension != null) {
            o.put("dimension", dimension);
        }
        return new ObjectiveSpec(FUNCTION, o);
    }

    /**
     * The benchmark function of a {@code function} objective.
     *
     * @throws IllegalStateException for another type
     */
    public BenchmarkFunction benchmarkFunction() {
        if (!FUNCTION.equals(type)) {
            throw new IllegalStateException("a " + type + " objective has no benchmark function");
        }
        return BenchmarkFunction.of((String) options.get("function"), (Integer) options.get("dimension"));
    }

    /** A command objective running {@code command}, in {@code workdir} when not null. */
    public static ObjectiveSpec command(List<String> command, String workdir) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("command", List.copyOf(command));
        if (workdir != null) {
            o.put("workdir", workdir);
        }
        return new ObjectiveSpec(COMMAND, o);
    }

    /** A network objective with {@code settings}. */
    public static ObjectiveSpec network(NetworkSettings settings) {
        return new ObjectiveSpec(NETWORK, settings.toMap());
    }

    /**
     * The settings of a {@code network} objective.
     *
     * @throws IllegalStateException for another type
     */
    public NetworkSettings networkSettings() {
        if (!NETWORK.equals(type)) {
            throw new IllegalStateException("a " + type + " objective has no network settings");
        }
        return NetworkSettings.fromMap(options);
    }

    /** {@link #create(SearchSpace, Path, Path)} with data relative to the current directory and no kept model. */
    public Objective create(SearchSpace space) {
        return create(space, Path.of(""), null);
    }

    /**
     * The objective to run. A command objective draws its parameters from {@code space} and
     * runs in its {@code workdir} (relative to the current directory) or the current directory.
     * A network objective reads a relative data path from {@code baseDir} and writes the best
     * trial's model into {@code modelDir} (null: keeps none).
     */
    @SuppressWarnings("unchecked")
    public Objective create(SearchSpace space, Path baseDir, Path modelDir) {
        return switch (type) {
            case FUNCTION -> benchmarkFunction().objective();
            case COMMAND -> new CommandObjective((List<String>) options.get("command"),
                    Path.of(options.containsKey("workdir") ? (String) options.get("workdir") : "."), space);
            case NETWORK -> new NetworkObjective(networkSettings(), space, baseDir, modelDir);
            default -> throw new IllegalStateException("unknown objective type '" + type + "'");
        };
    }

    /**
     * The parameters the objective itself defines — a benchmark function's — or an empty space
     * when they come from the study's {@code search-space}.
     */
    public SearchSpace space() {
        return FUNCTION.equals(type) ? benchmarkFunction().space() : SearchSpace.empty();
    }

    /** The section as in a study file: {@code type} followed by the options. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(options);
        return m;
    }
}
