package io.metaloop.space;

import java.util.Objects;

/**
 * One parameter of a declared search space: its name, its distribution and, for a conditional
 * parameter, the condition under which it exists.
 *
 * @param name         the parameter name
 * @param distribution where its values come from
 * @param condition    when it exists, or {@code null} when always
 */
public record ParamSpec(String name, Distribution distribution, Condition condition) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(distribution, "distribution");
    }

    /** An unconditional parameter. */
    public static ParamSpec of(String name, Distribution distribution) {
        return new ParamSpec(name, distribution, null);
    }
}
