package io.metaloop.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A choice among a fixed list of values: strings, numbers, booleans or {@code null}, as in
 * Optuna. The internal representation is the index of the choice.
 *
 * @param choices the values, at least one, in order
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

    public CategoricalDistribution {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("a categorical parameter needs at least one choice");
        }
        for (Object c : choices) {
            if (c != null && !(c instanceof String || c instanceof Number || c instanceof Boolean)) {
                throw new IllegalArgumentException("choices must be strings, numbers, booleans or null, got "
                        + c.getClass().getSimpleName());
            }
        }
        choices = Collections.unmodifiableList(new ArrayList<>(choices));
    }

    /** A categorical over the given choices. */
    public static CategoricalDistribution of(Object... choices) {
        return new CategoricalDistribution(java.util.Arrays.asList(choices));
    }

    /** The index of a choice, or -1. Numbers compare by value, so 1 and 1.0 are the same choice. */
    public int indexOf(Object value) {
        for (int i = 0; i < choices.size(); i++) {
            Object c = choices.get(i);
            if (Objects.equals(c, value)) {
                return i;
            }
            if (c instanceof Number a && value instanceof Number b && a.doubleValue() == b.doubleValue()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public double toInternal(Object externalValue) {
        int i = indexOf(externalValue);
        if (i < 0) {
            throw new IllegalArgumentException("'" + externalValue + "' is not one of the choices " + choices);
        }
        return i;
    }

    @Override
    public Object toExternal(double internalValue) {
        return choices.get((int) internalValue);
    }

    @Override
    public boolean contains(double v) {
        return v == Math.rint(v) && v >= 0 && v < choices.size();
    }

    @Override
    public boolean isSingle() {
        return choices.size() == 1;
    }
}
