package io.metaloop.spec;

import io.metaloop.objective.BenchmarkFunction;
import io.metaloop.objective.Fidelity;
import io.metaloop.objective.FinalTraining;
import io.metaloop.objective.NetworkSettings;
import io.metaloop.sampler.EvolutionOptions;
import io.metaloop.sampler.HybridSampler;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.data.Normalization;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the typed sections of a study file — {@code objective}, {@code sampler},
 * {@code pruner} (in {@link PrunerReader}) — each {@code {type: …, options…}}, where the allowed
 * options depend on the type. A new type is a new case here plus its constant in the spec record.
 */
final class ComponentReader {

    private static final String FUNCTIONS = "a benchmark function: " + Hints.list(BenchmarkFunction.NAMES)
            + " (rosenbrock and ackley take a dimension, e.g. rosenbrock10)";

    private static final String COMMAND = "a program and its arguments, e.g. [python3, train.py, --lr, '{lr}'],"
            + " or one line for /bin/sh -c";

    private ComponentReader() {
    }

    private static List<String> commandLine(YamlNode node) {
        if (node instanceof YamlList list) {
            if (list.size() == 0) {
                throw node.error("the command is empty; expected " + COMMAND);
            }
            return list.items().stream().map(n -> n.asText("a word of the command (text)")).toList();
        }
        String line = node.asText(COMMAND);
        if (line.isBlank()) {
            throw node.error("the command is empty; expected " + COMMAND);
        }
        return List.of("/bin/sh", "-c", line);
    }

    /** A section's type and its mapping (null for the short form {@code sampler: random}). */
    record Typed(String type, YamlNode typeNode, YamlMap map) {

        void checkKeys(String... keys) {
            if (map != null) {
                map.checkKeys(List.of(keys));
            }
        }

        YamlNode get(String key) {
            return map == null ? null : map.get(key);
        }
    }

    static Typed typed(YamlNode node, String what, List<String> types, boolean shortForm) {
        String expected = "one of " + Hints.list(types);
        YamlMap map = null;
        YamlNode typeNode = node;
        if (!shortForm || node instanceof YamlMap) {
            map = node.asMap("a mapping with a type (" + expected + ")");
            typeNode = map.require("type", expected);
        }
        String type = typeNode.asText(expected);
        if (!types.contains(type)) {
            throw typeNode.error("unknown " + what + " '" + type + "'" + Hints.didYouMean(type, types)
                    + "; expected " + expected);
        }
        return new Typed(type, typeNode, map);
    }

    /** The {@code objective:} section. */
    static ObjectiveSpec objective(YamlNode node) {
        Typed t = typed(node, "objective type", ObjectiveSpec.TYPES, false);
        switch (t.type()) {
            case ObjectiveSpec.FUNCTION -> {
                t.checkKeys("type", "function", "dimension");
                YamlNode fn = t.map().require("function", FUNCTIONS);
                String name = fn.asText(FUNCTIONS);
                YamlNode dimNode = t.get("dimension");
                Integer dim = dimNode == null ? null : dimNode.asInt("a whole number of dimensions");
                try {
                    BenchmarkFunction.of(name, dim);
                } catch (IllegalArgumentException e) {
                    String message = String.valueOf(e.getMessage());
                    if (message.startsWith("unknown function")) {
                        throw fn.error("unknown function '" + name + "'" + Hints.didYouMean(name, BenchmarkFunction.NAMES)
                                + "; expected " + FUNCTIONS);
                    }
                    boolean aboutDimension = dimNode != null && message.contains("dimension");
                    throw (aboutDimension ? dimNode : fn).error(message);
                }
                return ObjectiveSpec.function(name, dim);
            }
            case ObjectiveSpec.COMMAND -> {
                t.checkKeys("type", "command", "workdir");
                YamlNode cmd = t.map().require("command", COMMAND);
                YamlNode dir = t.get("workdir");
                return ObjectiveSpec.command(commandLine(cmd), dir == null ? null : dir.asText("a folder path"));
            }
            case ObjectiveSpec.NETWORK -> {
                return network(t);
            }
            default -> throw new IllegalStateException(t.type());
        }
    }

    private static final String DATA = Datasets.DIGITS + ", " + Datasets.FASHION_MNIST + " or a path to IDX or CSV files";

    /** A network objective: each key typed and range-checked where it is written. */
    private static ObjectiveSpec network(Typed t) {
        List<String> keys = new java.util.ArrayList<>(NetworkSettings.KEYS);
        keys.add(0, "type");
        t.checkKeys(keys.toArray(String[]::new));
        Map<String, Object> m = new LinkedHashMap<>();
        Problems problems = new Problems();
        YamlNode data = t.map().require("data", DATA);
        m.put("data", data.asText(DATA));
        for (String key : NetworkSettings.KEYS) {
            YamlNode n = t.get(key);
            if (n == null || "data".equals(key)) {
                continue;
            }
            problems.check(() -> m.put(key, switch (key) {
                case "metric" -> metric(n);
                case "metrics" -> metrics(n, t.get("metric"));
                case "label-column" -> n.asText("text");
                case "normalize" -> {
                    String v = n.asText("auto, none, scale or standardize");
                    try {
                        Normalization.parse(v);
                    } catch (RuntimeException e) {
                        throw n.error(String.valueOf(e.getMessage()));
                    }
                    yield v;
                }
                case "validation-fraction" -> n.asDouble("a fraction in (0, 1)");
                case "fidelity" -> fidelity(n);
                case "augment" -> augment(n);
                case "final-training" -> finalTraining(n);
                case "max-params", "split-seed", "seed" -> n.asLong("a whole number");
                default -> n.asInt("a whole number");
            }));
        }
        problems.throwIfAny();
        try {
            return ObjectiveSpec.network(NetworkSettings.fromMap(m));
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            YamlNode at = NetworkSettings.KEYS.stream().filter(k -> message.startsWith(k) || message.contains(" " + k))
                    .map(t::get).filter(java.util.Objects::nonNull).findFirst().orElse(t.typeNode());
            throw at.error(message);
        }
    }

    private static final String FIDELITY = "a mapping such as {resource: examples, first-report: 3000}";

    /** A network objective's {@code fidelity:} section, each key checked where it is written. */
    private static Map<String, Object> fidelity(YamlNode node) {
        YamlMap m = node.asMap(FIDELITY);
        m.checkKeys(Fidelity.KEYS);
        YamlNode resourceNode = m.get("resource");
        Fidelity.Resource resource = Fidelity.Resource.EPOCHS;
        if (resourceNode != null) {
            String name = resourceNode.asText(String.join(" or ", Fidelity.Resource.NAMES));
            try {
                resource = Fidelity.Resource.parse(name);
            } catch (IllegalArgumentException e) {
                throw resourceNode.error("unknown resource '" + name + "'" + Hints.didYouMean(name, Fidelity.Resource.NAMES)
                        + "; expected epochs (a step per epoch) or examples (a step per training example)");
            }
        }
        YamlNode firstNode = m.get("first-report");
        int first = firstNode == null ? 0 : firstNode.asInt("a whole number of training examples, at least 1");
        if (firstNode != null && first < 1) {
            throw firstNode.error("first-report must be at least 1, got " + first);
        }
        try {
            return new Fidelity(resource, first).toMap();
        } catch (IllegalArgumentException e) {
            throw (firstNode != null ? firstNode : node).error(e.getMessage());
        }
    }

    /** A network objective's {@code augment:} section, each key typed where it is written. */
    private static Map<String, Object> augment(YamlNode node) {
        YamlMap m = node.asMap("a mapping such as {flip: true, shift: 1}");
        m.checkKeys(List.of("flip", "shift"));
        Map<String, Object> out = new LinkedHashMap<>();
        YamlNode flip = m.get("flip");
        if (flip != null) {
            out.put("flip", flip.asBoolean("true or false"));
        }
        YamlNode shift = m.get("shift");
        if (shift != null) {
            int pixels = shift.asInt("a whole number of pixels");
            if (pixels < 0) {
                throw shift.error("shift must be at least 0 pixels, got " + pixels);
            }
            out.put("shift", pixels);
        }
        return out;
    }

    private static final String SHARE = "the share of the time budget, a number between 0 and 1 such as 0.35";

    /** A network objective's {@code final-training:} section, each key checked where it is written. */
    private static Map<String, Object> finalTraining(YamlNode node) {
        YamlMap m = node.asMap("a mapping such as {share: 0.35, augment: {flip: true, shift: 1}}");
        m.checkKeys(FinalTraining.KEYS);
        YamlNode shareNode = m.require("share", SHARE);
        double share = shareNode.asDouble(SHARE);
        if (!(share > 0 && share < 1)) {
            throw shareNode.error("expected " + SHARE + ", got " + share);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("share", share);
        YamlNode augment = m.get("augment");
        if (augment != null) {
            out.put("augment", augment(augment));
        }
        YamlNode mirror = m.get("mirror-average");
        if (mirror != null) {
            out.put("mirror-average", mirror.asBoolean("true or false"));
        }
        return out;
    }

    private static final String METRIC = "one of " + Hints.list(NetworkSettings.METRICS);

    private static String metric(YamlNode n) {
        String v = n.asText(METRIC);
        if (!NetworkSettings.METRICS.contains(v)) {
            throw n.error("unknown metric '" + v + "'" + Hints.didYouMean(v, NetworkSettings.METRICS) + "; expected " + METRIC);
        }
        return v;
    }

    /** {@code metrics: [val_accuracy, params]}: known, none twice, val_accuracy among them, and not beside {@code metric}. */
    private static List<String> metrics(YamlNode n, YamlNode single) {
        if (single != null) {
            throw n.error("give metric (one value) or metrics (one per direction), not both");
        }
        String expected = "a list of metrics, one per direction, e.g. [" + NetworkSettings.VAL_ACCURACY + ", "
                + NetworkSettings.PARAMS + "]";
        YamlList list = n.asList(expected);
        if (list.size() == 0) {
            throw n.error("expected " + expected + ", got an empty list");
        }
        List<String> out = new java.util.ArrayList<>();
        for (YamlNode item : list.items()) {
            String v = metric(item);
            if (out.contains(v)) {
                throw item.error("metric '" + v + "' is listed twice");
            }
            out.add(v);
        }
        if (!out.contains(NetworkSettings.VAL_ACCURACY)) {
            throw n.error("metrics must include " + NetworkSettings.VAL_ACCURACY + " (the network is trained for it)");
        }
        return out;
    }

    /**
     * The {@code sampler:} section (absent: auto). {@code space} is the study's space for
     * checking grid values, or null when it could not be read (the check is then skipped; the
     * space's own problems are reported).
     */
    static SamplerSpec sampler(YamlNode node, String studyName, SearchSpace space) {
        long defaultSeed = SamplerSpec.defaultSeed(studyName == null ? "" : studyName);
        if (node == null) {
            return SamplerSpec.auto(defaultSeed);
        }
        Typed t = typed(node, "sampler", SamplerSpec.TYPES, true);
        YamlNode seedNode = t.get("seed");
        long seed = seedNode == null ? defaultSeed : seedNode.asLong("an integer seed");
        Map<String, Object> options = new LinkedHashMap<>();
        switch (t.type()) {
            case SamplerSpec.AUTO, SamplerSpec.RANDOM, SamplerSpec.SOBOL, SamplerSpec.BOBYQA -> t.checkKeys("type", "seed");
            case SamplerSpec.GRID -> {
                t.checkKeys("type", "seed", "points", "values");
                YamlNode pointsNode = t.get("points");
                int points = SamplerSpec.DEFAULT_GRID_POINTS;
                if (pointsNode != null) {
                    points = pointsNode.asInt("a whole number of points per axis, at least 2");
                    if (points < 2) {
                        throw pointsNode.error("a grid needs at least 2 points per axis, got " + points);
                    }
                }
                options.put("points", points);
                YamlNode valuesNode = t.get("values");
                if (valuesNode != null) {
                    options.put("values", gridValues(valuesNode, space));
                }
            }
            case SamplerSpec.TPE -> {
                t.checkKeys("type", "seed", "startup-trials", "candidates", "multivariate", "constant-liar");
                YamlNode startup = t.get("startup-trials");
                if (startup != null) {
                    int n = startup.asInt("a whole number of trials, at least 0");
                    if (n < 0) {
                        throw startup.error("startup-trials must not be negative, got " + n);
                    }
                    options.put("startup-trials", n);
                }
                YamlNode candidates = t.get("candidates");
                if (candidates != null) {
                    int n = candidates.asInt("a whole number of candidates, at least 1");
                    if (n < 1) {
                        throw candidates.error("candidates must be at least 1, got " + n);
                    }
                    options.put("candidates", n);
                }
                for (String flag : List.of("multivariate", "constant-liar")) {
                    YamlNode f = t.get(flag);
                    if (f != null) {
                        options.put(flag, f.asBoolean("true or false"));
                    }
                }
            }
            case SamplerSpec.CMAES -> {
                t.checkKeys("type", "seed", "separable", "popsize");
                YamlNode separable = t.get("separable");
                if (separable != null) {
                    options.put("separable", separable.asBoolean("true or false"));
                }
                YamlNode popsize = t.get("popsize");
                if (popsize != null) {
                    int n = popsize.asInt("a whole number of samples per generation, at least 2");
                    if (n < 2) {
                        throw popsize.error("popsize must be at least 2, got " + n);
                    }
                    options.put("popsize", n);
                }
            }
            case SamplerSpec.GENETIC, SamplerSpec.NSGA2, SamplerSpec.HYBRID -> evolution(t, options);
            default -> throw new IllegalStateException(t.type());
        }
        return new SamplerSpec(t.type(), seed, options);
    }

    /** The options of {@code genetic}, {@code nsga2} and {@code hybrid}, each checked where it is written. */
    private static void evolution(Typed t, Map<String, Object> options) {
        boolean hybrid = SamplerSpec.HYBRID.equals(t.type());
        List<String> keys = new java.util.ArrayList<>(List.of("type", "seed"));
        keys.addAll(SamplerSpec.EVOLUTION_OPTIONS);
        if (hybrid) {
            keys.add(SamplerSpec.REFINE);
        }
        t.checkKeys(keys.toArray(String[]::new));
        Problems problems = new Problems();
        YamlNode refine = t.get(SamplerSpec.REFINE);
        if (refine != null) {
            problems.check(() -> {
                int n = refine.asInt("a whole number of refinement trials per generation, at least 0");
                if (n < 0) {
                    throw refine.error("refine must be at least 0, got " + n);
                }
                options.put(SamplerSpec.REFINE, n);
            });
        }
        YamlNode population = t.get("population");
        if (population != null) {
            problems.check(() -> {
                int n = population.asInt("a whole number of trials per generation, at least 2");
                if (n < 2) {
                    throw population.error("population must be at least 2, got " + n);
                }
                options.put("population", n);
            });
        }
        for (String key : List.of("mutation", "crossover")) {
            YamlNode p = t.get(key);
            if (p != null) {
                problems.check(() -> {
                    double v = p.asDouble("a probability in [0, 1]");
                    if (!(v >= 0 && v <= 1)) {
                        throw p.error(key + " must be a probability in [0, 1], got " + v);
                    }
                    options.put(key, v);
                });
            }
        }
        YamlNode elites = t.get("elites");
        if (elites != null) {
            problems.check(() -> {
                int n = elites.asInt("a whole number of individuals, from 0 to the population");
                int max = (Integer) options.getOrDefault("population",
                        hybrid ? HybridSampler.DEFAULT_POPULATION : EvolutionOptions.DEFAULT_POPULATION);
                if (n < 0 || n > max) {
                    throw elites.error("elites must be from 0 to the population (" + max + "), got " + n);
                }
                options.put("elites", n);
            });
        }
        YamlNode immigrants = t.get("immigrants");
        if (immigrants != null) {
            problems.check(() -> {
                double v = immigrants.asDouble("a share of each generation in [0, 1), e.g. 0.25");
                if (!(v >= 0 && v < 1)) {
                    throw immigrants.error("immigrants must be a share in [0, 1) of each generation, got " + v);
                }
                options.put("immigrants", v);
            });
        }
        problems.throwIfAny();
    }

    private static Map<String, List<Object>> gridValues(YamlNode node, SearchSpace space) {
        YamlMap m = node.asMap("a mapping of parameter names to lists of values, e.g. {act: [relu, gelu]}");
        Map<String, List<Object>> out = new LinkedHashMap<>();
        Problems problems = new Problems();
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            problems.check(() -> {
                ParamSpec p = space == null ? null : space.params().stream()
                        .filter(q -> q.name().equals(e.getKey())).findFirst().orElse(null);
                if (p == null && space != null) {
                    List<String> names = space.params().stream().map(ParamSpec::name).toList();
                    throw e.getValue().error("unknown parameter '" + e.getKey() + "'"
                            + Hints.didYouMean(e.getKey(), names)
                            + (names.isEmpty() ? "; the study has no parameters"
                            : "; the study's parameters are " + Hints.shortList(names, 12)));
                }
                if (p != null) {
                    out.put(e.getKey(), Collections.unmodifiableList(
                            ParamValues.convertAll(e.getValue(), p.name(), p.distribution())));
                }
            });
        }
        problems.throwIfAny();
        return Collections.unmodifiableMap(out);
    }
}
