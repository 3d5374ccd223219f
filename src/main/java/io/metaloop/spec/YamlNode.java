package io.metaloop.spec;

import java.math.BigInteger;

/**
 * A node of a YAML document that remembers where it came from, so that every check made on it
 * can report the file, the line and the field path. The {@code as…} methods convert a node or
 * throw a located {@link SpecException} saying what was expected and what was found.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** Where the node is. */
    Location location();

    /** The node as the user wrote it, for "got …" parts of messages. */
    String describe();

    /** An exception reporting a problem with this node. */
    default SpecException error(String message) {
        return location().error(message);
    }

    /** An exception saying what was expected here instead of this node. */
    default SpecException mismatch(String expected) {
        return error("expected " + expected + ", got " + describe());
    }

    /** This node as a mapping. */
    default YamlMap asMap(String expected) {
        if (this instanceof YamlMap m) {
            return m;
        }
        throw mismatch(expected);
    }

    /** This node as a list. */
    default YamlList asList(String expected) {
        if (this instanceof YamlList l) {
            return l;
        }
        throw mismatch(expected);
    }

    /** This node as a scalar (text, number, boolean or null). */
    default YamlScalar asScalar(String expected) {
        if (this instanceof YamlScalar s) {
            return s;
        }
        throw mismatch(expected);
    }

    /**
     * This node as text. Numbers are accepted as written ({@code name: 2024} is the name
     * "2024"); booleans and null are not, since YAML turns {@code yes}/{@code no} into them.
     */
    default String asText(String expected) {
        if (this instanceof YamlScalar s && (s.value() instanceof String || s.value() instanceof Number)) {
            return s.value() instanceof String str ? str : s.text();
        }
        throw mismatch(expected);
    }

    /** This node as a whole number that fits a {@code long}. */
    default long asLong(String expected) {
        if (this instanceof YamlScalar s && (s.value() instanceof Integer || s.value() instanceof Long)) {
            return ((Number) s.value()).longValue();
        }
        if (this instanceof YamlScalar s && s.value() instanceof BigInteger) {
            throw error("expected " + expected + ", got " + s.text() + ", which is too large");
        }
        throw mismatch(expected);
    }

    /** This node as a whole number that fits an {@code int}. */
    default int asInt(String expected) {
        long v = asLong(expected);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("expected " + expected + ", got " + v + ", which is too large");
        }
        return (int) v;
    }

    /** This node as a finite number; integers are accepted. */
    default double asDouble(String expected) {
        if (this instanceof YamlScalar s && s.value() instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw error("expected " + expected + ", got " + s.text() + ", which is not a finite number");
            }
            return d;
        }
        throw mismatch(expected);
    }

    /** This node as {@code true} or {@code false}. */
    default boolean asBoolean(String expected) {
        if (this instanceof YamlScalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw mismatch(expected);
    }
}
