package io.metaloop.spec;

/**
 * A YAML scalar: text, a number, a boolean or null, with the text as written.
 *
 * @param location where it is
 * @param value    a {@code String}, an {@code Integer}, {@code Long} or {@code BigInteger}, a
 *                 {@code Double}, a {@code Boolean}, or {@code null}
 * @param text     the scalar as written in the file
 */
public record YamlScalar(Location location, Object value, String text) implements YamlNode {

    /** Whether the scalar is YAML's null ({@code ~}, {@code null} or nothing). */
    public boolean isNull() {
        return value == null;
    }

    @Override
    public String describe() {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Boolean) {
            // YAML 1.1 reads yes/no/on/off as booleans; say so, it is a classic surprise
            return text + " (read as a boolean; quote it to mean text)";
        }
        return text;
    }
}
