package io.metaloop.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping with string keys, in the order written. Duplicate keys are refused when the
 * file is read, so a key names exactly one value.
 *
 * @param location where it is (for a nested mapping, the line of the key that opens it)
 * @param entries  the values by key, in file order
 */
public record YamlMap(Location location, Map<String, YamlNode> entries) implements YamlNode {

    public YamlMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The keys in file order. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value under {@code key}, or null when absent. */
    public YamlNode get(String key) {
        return entries.get(key);
    }

    /** The value under {@code key}; when absent, a located error saying what was expected there. */
    public YamlNode require(String key, String expected) {
        YamlNode n = entries.get(key);
        if (n == null) {
            throw missing(key, expected);
        }
        return n;
    }

    /** An error for a required key that is absent, located at this mapping. */
    public SpecException missing(String key, String expected) {
        return location.child(key, location.line()).error("missing; expected " + expected);
    }

    /**
     * Refuses keys outside {@code allowed}: one problem per unknown key, with a suggestion when
     * one of the allowed keys is a near miss.
     */
    public void checkKeys(Collection<String> allowed) {
        List<SpecProblem> problems = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problems.add(e.getValue().location().problem("unknown key '" + e.getKey() + "'"
                        + Hints.didYouMean(e.getKey(), allowed) + "; expected one of " + Hints.list(allowed)));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }

    @Override
    public String describe() {
        return entries.isEmpty() ? "an empty mapping" : "a mapping";
    }
}
