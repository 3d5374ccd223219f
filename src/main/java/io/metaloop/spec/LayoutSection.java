package io.metaloop.spec;

import io.metaloop.objective.BlockAttribute;
import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.Layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the {@code layout:} section of a search space (docs/study-files.md, "Layer
 * layouts"):
 * <pre>
 * layout:
 *   blocks: {min: 1, max: 4}
 *   types:
 *     conv:  {filters: {low: 4, high: 32, log: true}, kernel: [3, 5], activation: [relu, gelu]}
 *     pool:  {kind: [max], size: [2]}
 *     dense: {units: {low: 8, high: 128, log: true}, activation: [relu, tanh], dropout: {low: 0.0, high: 0.3}}
 * </pre>
 * An attribute is a range ({@code low}, {@code high}, {@code log}, {@code step}; for counts and
 * rates only), a list of choices, or one value; an attribute left out takes its default and is
 * not searched. Types and attributes are those of {@link BlockAttribute}.
 */
final class LayoutSection {

    /** The keys of a layout section. */
    static final List<String> KEYS = List.of("blocks", "types");

    private static final List<String> RANGE_KEYS = List.of("low", "high", "log", "step");
    private static final String BLOCKS = "the number of blocks: {min: 1, max: 4}, or one number";
    private static final String TYPES = "a mapping of block types (" + Hints.list(BlockAttribute.TYPES)
            + ") to their attributes, e.g. {dense: {units: {low: 8, high: 64, log: true}}}";

    private LayoutSection() {
    }

    /** The layout a {@code layout:} node describes; every faulty type and attribute is reported. */
    static Layout read(YamlNode node) {
        YamlMap m = node.asMap("a layout: a mapping with blocks and types");
        m.checkKeys(KEYS);
        Problems problems = new Problems();
        int[] blocks = problems.attempt(() -> blocks(m.require("blocks", BLOCKS)));
        Map<String, Map<String, Distribution>> types = problems.attempt(() -> types(m.require("types", TYPES)));
        problems.throwIfAny();
        return new Layout(blocks[0], blocks[1], types);
    }

    private static int[] blocks(YamlNode node) {
        if (!(node instanceof YamlMap m)) {
            int n = node.asInt(BLOCKS);
            if (n < 1 || n > Layout.MAX_BLOCKS) {
                throw node.error("expected from 1 to " + Layout.MAX_BLOCKS + " blocks, got " + n);
            }
            return new int[] {n, n};
        }
        m.checkKeys(List.of("min", "max"));
        YamlNode minNode = m.require("min", "the fewest blocks, a whole number >= 0");
        YamlNode maxNode = m.require("max", "the most blocks, a whole number from 1 to " + Layout.MAX_BLOCKS);
        int min = minNode.asInt("a whole number >= 0");
        int max = maxNode.asInt("a whole number from 1 to " + Layout.MAX_BLOCKS);
        if (min < 0) {
            throw minNode.error("min must be >= 0, got " + min);
        }
        if (max < 1 || max > Layout.MAX_BLOCKS) {
            throw maxNode.error("max must be from 1 to " + Layout.MAX_BLOCKS + ", got " + max);
        }
        if (min > max) {
            throw minNode.error("min (" + min + ") must not be greater than max (" + max + ")");
        }
        return new int[] {min, max};
    }

    private static Map<String, Map<String, Distribution>> types(YamlNode node) {
        YamlMap m = node.asMap(TYPES);
        if (m.entries().isEmpty()) {
            throw node.error("a layout needs at least one block type; expected " + TYPES);
        }
        Problems problems = new Problems();
        Map<String, Map<String, Distribution>> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            Map<String, Distribution> attrs = problems.attempt(() -> type(e.getKey(), e.getValue()));
            if (attrs != null) {
                out.put(e.getKey(), attrs);
            }
        }
        problems.throwIfAny();
        return out;
    }

    private static Map<String, Distribution> type(String type, YamlNode node) {
        if (!BlockAttribute.TYPES.contains(type)) {
            throw node.error("unknown block type '" + type + "'" + Hints.didYouMean(type, BlockAttribute.TYPES)
                    + "; expected one of " + Hints.list(BlockAttribute.TYPES));
        }
        List<String> names = BlockAttribute.of(type).stream().map(BlockAttribute::attribute).toList();
        YamlMap m = node.asMap("the attributes of a " + type + " block (" + Hints.list(names) + "), or {} for the defaults");
        m.checkKeys(names);
        Problems problems = new Problems();
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            BlockAttribute a = BlockAttribute.of(type, e.getKey()).orElseThrow();
            Distribution d = problems.attempt(() -> attribute(a, e.getValue()));
            if (d != null) {
                out.put(e.getKey(), d);
            }
        }
        problems.throwIfAny();
        return out;
    }

    private static Distribution attribute(BlockAttribute a, YamlNode node) {
        BlockAttribute.Kind kind = a.kind();
        if (node instanceof YamlMap m) {
            if (!kind.rangeAllowed()) {
                throw node.error("expected a list of choices or one value (" + kind.expected() + "), e.g. "
                        + example(a) + "; " + a.attribute() + " takes no range");
            }
            m.checkKeys(RANGE_KEYS);
            Distribution d = kind.whole() ? ParamReader.readInt(m) : ParamReader.readFloat(m);
            check(m.get("low"), a);
            check(m.get("high"), a);
            return d;
        }
        List<YamlNode> items = node instanceof YamlList l ? l.items() : List.of(node);
        if (items.isEmpty()) {
            throw node.error("expected at least one value (" + kind.expected() + "), e.g. " + example(a));
        }
        for (YamlNode item : items) {
            check(item, a);
        }
        return ParamReader.choices(node instanceof YamlList ? node : new YamlList(node.location(), items));
    }

    private static void check(YamlNode node, BlockAttribute a) {
        Object v = node.asScalar(a.kind().expected()).value();
        if (!a.kind().accepts(v)) {
            throw node.mismatch(a.kind().expected() + " (" + a.type() + " " + a.attribute() + ")");
        }
    }

    private static String example(BlockAttribute a) {
        return switch (a.kind()) {
            case COUNT -> "{low: 8, high: 64, log: true}";
            case ODD -> "[3, 5]";
            case WINDOW -> "[2]";
            case RATE -> "{low: 0.0, high: 0.3}";
            case ACTIVATION -> "[relu, gelu]";
            case POOL_KIND -> "[max, avg]";
            case NORM -> "[none, batch]";
            case POOLING -> "[none, max]";
        };
    }

    /** The layout in the file format, as plain maps and lists: reading it back gives the same layout. */
    static Map<String, Object> toMap(Layout layout) {
        Map<String, Object> blocks = new LinkedHashMap<>();
        blocks.put("min", layout.minBlocks());
        blocks.put("max", layout.maxBlocks());
        Map<String, Object> types = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Distribution>> t : layout.types().entrySet()) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, Distribution> a : t.getValue().entrySet()) {
                Distribution d = a.getValue();
                attrs.put(a.getKey(), d instanceof CategoricalDistribution c ? new ArrayList<>(c.choices())
                        : SearchSpaceFiles.range(d));
            }
            types.put(t.getKey(), attrs);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("blocks", blocks);
        out.put("types", types);
        return out;
    }
}
