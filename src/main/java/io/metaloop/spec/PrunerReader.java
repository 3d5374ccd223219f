package io.metaloop.spec;

import io.metaloop.study.Direction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code pruner:} section of a study file into a {@link PrunerSpec}: the type, its
 * options (each type-checked where it is written, unknown ones refused with a suggestion), the
 * options a type needs, and the ranges, which the pruner's own builder checks and which are
 * reported at the option they concern.
 */
final class PrunerReader {

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("startup-trials", "a whole number of complete trials, at least 0"),
            Map.entry("warmup-steps", "a whole number of steps, at least 0"),
            Map.entry("interval-steps", "a whole number of steps, at least 1"),
            Map.entry("min-trials", "a whole number of trials, at least 1"),
            Map.entry("percentile", "a number from 0 to 100 (the share of trials kept, in percent)"),
            Map.entry("min-resource", "a whole number of steps, at least 1 (the first rung)"),
            Map.entry("max-resource", "a whole number of steps: the last step a trial reports (e.g. its epochs)"),
            Map.entry("reduction-factor", "a whole number, at least 2"),
            Map.entry("min-early-stopping-rate", "a whole number, at least 0"),
            Map.entry("seed", "an integer seed"),
            Map.entry("patience", "a whole number of reports, at least 1"),
            Map.entry("min-delta", "a number, at least 0"),
            Map.entry("objective", "the index of an objective, from 0"),
            Map.entry("per-layout", "true or false: whether each layer layout counts once at a rung"),
            Map.entry("capped", "true or false: whether a rung lets at most 1/reduction-factor of its trials go on, besides new bests"),
            Map.entry("pruner", "the pruner to wrap, e.g. {type: median}"));

    private PrunerReader() {
    }

    /**
     * The {@code pruner:} section (absent: none). {@code directions} are the study's, for checking
     * an {@code objective} index, or null when they could not be read (the check is then skipped).
     */
    static PrunerSpec pruner(YamlNode node, List<Direction> directions) {
        if (node == null) {
            return PrunerSpec.none();
        }
        ComponentReader.Typed t = ComponentReader.typed(node, "pruner", PrunerSpec.TYPES, true);
        String type = new PrunerSpec(t.type(), Map.of()).type(); // aliases resolved
        List<String> names = PrunerSpec.OPTIONS.get(type);
        List<String> keys = new ArrayList<>(names);
        keys.add(0, "type");
        t.checkKeys(keys.toArray(String[]::new));
        for (String required : PrunerSpec.REQUIRED.getOrDefault(type, List.of())) {
            if (t.get(required) == null) {
                String expected = EXPECTED.get(required);
                throw t.map() == null
                        ? t.typeNode().error(type + " needs " + required + ": " + expected + ", e.g. {type: " + type
                                + ", " + required + ": …}")
                        : t.map().missing(required, expected);
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        Problems problems = new Problems();
        for (String name : names) {
            YamlNode n = t.get(name);
            if (n != null) {
                problems.check(() -> options.put(name, value(name, n, directions)));
            }
        }
        problems.throwIfAny();
        PrunerSpec spec = new PrunerSpec(type, options);
        try {
            spec.create();
        } catch (IllegalArgumentException e) {
            // the builders name the option first: "reduction-factor must be at least 2, got 1"
            String message = String.valueOf(e.getMessage());
            YamlNode at = names.stream().filter(k -> message.startsWith(k + " ")).map(t::get)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(t.typeNode());
            throw at.error(message);
        }
        return spec;
    }

    private static Object value(String name, YamlNode n, List<Direction> directions) {
        String expected = EXPECTED.get(name);
        return switch (name) {
            case "pruner" -> pruner(n, directions).toMap();
            case "percentile", "min-delta" -> n.asDouble(expected);
            case "seed" -> n.asLong(expected);
            case "per-layout", "capped" -> n.asBoolean(expected);
            case "objective" -> {
                int i = n.asInt(expected);
                if (directions != null && i >= directions.size()) {
                    throw n.error("objective " + i + " does not exist: the study has " + directions.size()
                            + " objective(s), numbered from 0");
                }
                yield i;
            }
            default -> n.asInt(expected);
        };
    }
}
