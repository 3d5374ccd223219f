package io.metaloop.spec;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a value written in a file is one a parameter can take — for {@code when}
 * conditions and grid values — and returns it in the parameter's own form (the choice object
 * of a categorical, an {@code Integer} for an int, a {@code Double} for a float), so that later
 * comparisons with sampled values succeed.
 */
final class ParamValues {

    private ParamValues() {
    }

    /** The value of {@code node} for parameter {@code name}, or a located error. */
    static Object convert(YamlNode node, String name, Distribution d) {
        Object v = node instanceof YamlScalar s ? s.value() : null;
        String expected = "a value of parameter '" + name + "' (" + describe(d) + ")";
        if (!(node instanceof YamlScalar)) {
            throw node.mismatch(expected);
        }
        if (d instanceof CategoricalDistribution c) {
            int i = c.indexOf(v);
            if (i < 0) {
                throw node.mismatch(expected);
            }
            return c.choices().get(i);
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw node.mismatch(expected);
        }
        if (d instanceof IntDistribution) {
            if (!(v instanceof Integer) || !d.contains(n.doubleValue())) {
                throw node.mismatch(expected);
            }
            return v;
        }
        if (!d.contains(n.doubleValue())) {
            throw node.mismatch(expected);
        }
        return n.doubleValue();
    }

    /** One value, or each item of a list (at least one, no repeats), converted as above. */
    static List<Object> convertAll(YamlNode node, String name, Distribution d) {
        List<YamlNode> nodes = node instanceof YamlList l ? l.items() : List.of(node);
        if (nodes.isEmpty()) {
            throw node.error("expected at least one value of parameter '" + name + "' (" + describe(d) + ")");
        }
        List<Object> out = new ArrayList<>();
        for (YamlNode n : nodes) {
            Object v = convert(n, name, d);
            if (!out.isEmpty() && new CategoricalDistribution(out).indexOf(v) >= 0) {
                throw n.error("value " + n.describe() + " is listed twice");
            }
            out.add(v);
        }
        return out;
    }

    /** What a distribution accepts, in words, e.g. {@code an integer in [4, 256], log}. */
    static String describe(Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return "one of " + Hints.list(c.choices());
        }
        if (d instanceof IntDistribution i) {
            return "an integer in [" + i.low() + ", " + i.high() + "]"
                    + (i.step() != 1 ? " in steps of " + i.step() : "") + (i.log() ? ", log" : "");
        }
        FloatDistribution f = (FloatDistribution) d;
        return "a number in [" + f.low() + ", " + f.high() + "]"
                + (f.step() != null ? " in steps of " + f.step() : "") + (f.log() ? ", log" : "");
    }
}
