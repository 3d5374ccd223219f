package io.metaloop.spec;

import java.util.List;

/**
 * A YAML sequence.
 *
 * @param location where it is
 * @param items    the items in order, each with its own location ({@code path[i]})
 */
public record YamlList(Location location, List<YamlNode> items) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    /** The number of items. */
    public int size() {
        return items.size();
    }

    @Override
    public String describe() {
        return items.isEmpty() ? "an empty list" : "a list";
    }
}
