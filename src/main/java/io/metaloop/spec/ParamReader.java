package io.metaloop.spec;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Condition;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads one parameter of a search space — {@code {type: float, low: 0.0, high: 0.5, …}} — and
 * checks it field by field, so that each mistake is reported at the field that causes it rather
 * than as a distribution constructor's message about the whole parameter.
 */
final class ParamReader {

    /** The parameter types, as written in files. */
    static final List<String> TYPES = List.of("float", "int", "categorical");

    private static final List<String> RANGE_KEYS = List.of("type", "low", "high", "log", "step", "when");
    private static final List<String> CATEGORICAL_KEYS = List.of("type", "choices", "when");
    private static final String CHOICE = "a choice: text, a number, true/false or null";

    private ParamReader() {
    }

    /**
     * The parameter {@code name} defined by {@code node}.
     *
     * @param earlier  the parameters before it that were read without problems
     * @param declared every parameter name of the space, in file order
     */
    static ParamSpec read(String name, YamlNode node, Map<String, ParamSpec> earlier, List<String> declared) {
        if (name.isBlank()) {
            throw node.error("a parameter name must not be empty");
        }
        YamlMap m = node.asMap("a parameter definition: a mapping with type " + Hints.list(TYPES));
        YamlNode typeNode = m.require("type", "the parameter type, one of " + Hints.list(TYPES));
        String type = typeNode.asText("one of " + Hints.list(TYPES));
        Distribution d = switch (type) {
            case "float" -> {
                m.checkKeys(RANGE_KEYS);
                yield readFloat(m);
            }
            case "int" -> {
                m.checkKeys(RANGE_KEYS);
                yield readInt(m);
            }
            case "categorical" -> {
                m.checkKeys(CATEGORICAL_KEYS);
                yield readCategorical(m);
            }
            default -> throw typeNode.error("unknown parameter type '" + type + "'" + Hints.didYouMean(type, TYPES)
                    + "; expected one of " + Hints.list(TYPES));
        };
        Condition condition = m.has("when") ? readWhen(name, m.get("when"), earlier, declared) : null;
        return new ParamSpec(name, d, condition);
    }

    /** A float range from the keys {@code low}, {@code high}, {@code log} and {@code step} of {@code m}. */
    static FloatDistribution readFloat(YamlMap m) {
        YamlNode lowNode = m.require("low", "a number");
        YamlNode highNode = m.require("high", "a number");
        double low = lowNode.asDouble("a number");
        double high = highNode.asDouble("a number");
        boolean log = flag(m, "log");
        YamlNode stepNode = m.get("step");
        Double step = stepNode == null ? null : stepNode.asDouble("a positive number");
        checkRange(lowNode, highNode, low, high, log);
        if (step != null) {
            if (log) {
                throw stepNode.error("step cannot be combined with log: true");
            }
            if (step <= 0) {
                throw stepNode.error("step must be > 0, got " + stepNode.describe());
            }
        }
        return build(m, () -> new FloatDistribution(low, high, log, step));
    }

    /** An int range from the keys {@code low}, {@code high}, {@code log} and {@code step} of {@code m}. */
    static IntDistribution readInt(YamlMap m) {
        String integer = "an integer (the parameter is of type int)";
        YamlNode lowNode = m.require("low", integer);
        YamlNode highNode = m.require("high", integer);
        int low = lowNode.asInt(integer);
        int high = highNode.asInt(integer);
        boolean log = flag(m, "log");
        YamlNode stepNode = m.get("step");
        int step = stepNode == null ? 1 : stepNode.asInt("an integer step of at least 1");
        checkRange(lowNode, highNode, low, high, log);
        if (step < 1) {
            throw stepNode.error("step must be at least 1, got " + step);
        }
        if (log && step != 1) {
            throw stepNode.error("step cannot be combined with log: true");
        }
        return build(m, () -> new IntDistribution(low, high, log, step));
    }

    // numbers are quoted as written, so the message matches what the user sees in the file
    private static void checkRange(YamlNode lowNode, YamlNode highNode, double low, double high, boolean log) {
        if (low > high) {
            throw lowNode.error("low (" + lowNode.describe() + ") must not be greater than high ("
                    + highNode.describe() + ")");
        }
        if (log && low <= 0) {
            throw lowNode.error("a log range needs low > 0, got " + lowNode.describe());
        }
    }

    private static CategoricalDistribution readCategorical(YamlMap m) {
        return build(m, () -> choices(m.require("choices", "a list of choices, e.g. [sgd, adam]")));
    }

    /** The choices listed by {@code node}: at least one, each a scalar, none twice. */
    static CategoricalDistribution choices(YamlNode node) {
        YamlList list = node.asList("a list of choices, e.g. [sgd, adam]");
        if (list.items().isEmpty()) {
            throw node.error("a categorical parameter needs at least one choice");
        }
        List<Object> choices = new ArrayList<>();
        for (YamlNode item : list.items()) {
            Object v = item.asScalar(CHOICE).value();
            if (!choices.isEmpty() && new CategoricalDistribution(choices).indexOf(v) >= 0) {
                throw item.error("choice " + item.describe() + " is listed twice");
            }
            choices.add(v);
        }
        return new CategoricalDistribution(choices);
    }

    private static Condition readWhen(String name, YamlNode node, Map<String, ParamSpec> earlier, List<String> declared) {
        YamlMap when = node.asMap("a condition {parameter: value or [values]}, e.g. {optimizer: sgd}");
        if (when.entries().size() != 1) {
            throw when.error(when.entries().isEmpty() ? "a condition needs one parameter, e.g. {optimizer: sgd}"
                    : "a condition may refer to one parameter only, got " + Hints.list(when.keys()));
        }
        Map.Entry<String, YamlNode> e = when.entries().entrySet().iterator().next();
        String parent = e.getKey();
        YamlNode values = e.getValue();
        ParamSpec p = earlier.get(parent);
        if (p == null) {
            int self = declared.indexOf(name);
            int at = declared.indexOf(parent);
            if (at == self) {
                throw values.error("parameter '" + name + "' cannot depend on itself");
            }
            if (at > self) {
                throw values.error("'" + parent + "' is declared after '" + name
                        + "'; a condition may only refer to a parameter declared before it");
            }
            if (at >= 0) {
                throw values.error("'" + parent + "' has errors (reported above), so this condition cannot be checked");
            }
            List<String> before = declared.subList(0, Math.max(self, 0));
            throw values.error("unknown parameter '" + parent + "'" + Hints.didYouMean(parent, before)
                    + (before.isEmpty() ? "; no parameter is declared before '" + name + "'"
                    : "; expected one of " + Hints.shortList(before, 12)));
        }
        return new Condition(parent, ParamValues.convertAll(values, parent, p.distribution()));
    }

    private static boolean flag(YamlMap m, String key) {
        YamlNode n = m.get(key);
        return n != null && n.asBoolean("true or false");
    }

    // The checks above mirror the constructors; this only catches a rule added there later.
    private static <D extends Distribution> D build(YamlMap m, Supplier<D> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw m.error(e.getMessage());
        }
    }
}
