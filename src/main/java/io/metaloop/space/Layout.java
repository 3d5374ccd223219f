package io.metaloop.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A variable-length list of blocks: between {@code minBlocks} and {@code maxBlocks} blocks, each
 * of one of several types, each type with its own attributes. It is searched as ordinary
 * conditional parameters ({@link #params()}), so every sampler can search it:
 * <ul>
 * <li>{@code blocks}: an int in [min, max];</li>
 * <li>{@code block_<i>_type}: a categorical over the types, for i in 0 … max−1, existing when
 * {@code blocks} is at least i + 1 (always for i &lt; min);</li>
 * <li>{@code block_<i>_<type>_<attribute>}: each attribute of each type, existing when
 * {@code block_<i>_type} is that type (and hence only when block i exists).</li>
 * </ul>
 * Parameters are ordered block by block, the type before its attributes, so every condition
 * refers to an earlier parameter. What the types and attributes mean is the objective's business.
 *
 * @param minBlocks the fewest blocks, at least 0
 * @param maxBlocks the most blocks, from max(1, minBlocks) to {@value #MAX_BLOCKS}
 * @param types     the block types in order, each with its attributes' distributions in order
 */
public record Layout(int minBlocks, int maxBlocks, Map<String, Map<String, Distribution>> types) {

    /** The name of the block-count parameter. */
    public static final String BLOCKS = "blocks";
    /** The most blocks a layout may have. */
    public static final int MAX_BLOCKS = 32;
    /** What a type or attribute name may look like: it becomes part of parameter names. */
    public static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]*");
    /** The names of a layout's parameters other than {@code blocks}. */
    public static final Pattern BLOCK_PARAM = Pattern.compile("block_(\\d{1,2})_(?:type|([a-z][a-z0-9]*)_([a-z][a-z0-9]*))");

    public Layout {
        if (minBlocks < 0 || maxBlocks < Math.max(1, minBlocks) || maxBlocks > MAX_BLOCKS) {
            throw new IllegalArgumentException("a layout needs 0 <= min <= max, 1 <= max <= " + MAX_BLOCKS
                    + " blocks, got min " + minBlocks + ", max " + maxBlocks);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("a layout needs at least one block type");
        }
        Map<String, Map<String, Distribution>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Distribution>> t : types.entrySet()) {
            word(t.getKey(), "block type");
            Map<String, Distribution> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, Distribution> a : t.getValue().entrySet()) {
                word(a.getKey(), "attribute");
                attrs.put(a.getKey(), Objects.requireNonNull(a.getValue(), "distribution"));
            }
            copy.put(t.getKey(), Collections.unmodifiableMap(attrs));
        }
        types = Collections.unmodifiableMap(copy);
    }

    private static void word(String name, String what) {
        if (!WORD.matcher(name).matches()) {
            throw new IllegalArgumentException("a " + what + " name is a lower-case word of letters and digits, got '"
                    + name + "'");
        }
    }

    /**
     * Whether {@code name} belongs to a layout's structure: {@code blocks} or a name starting with
     * {@code block_} (a block's type or attribute). Samplers that treat the architecture apart from
     * the other hyperparameters (the hybrid sampler) use this rule, so it also holds for
     * define-by-run objectives that name their blocks this way without declaring a layout.
     */
    public static boolean isLayoutParam(String name) {
        return BLOCKS.equals(name) || name.startsWith("block_");
    }

    /** The parameter holding the type of block {@code block} (from 0). */
    public static String typeParam(int block) {
        return "block_" + block + "_type";
    }

    /** The parameter holding attribute {@code attribute} of block {@code block} when it is of type {@code type}. */
    public static String attributeParam(int block, String type, String attribute) {
        return "block_" + block + "_" + type + "_" + attribute;
    }

    /** The distribution of the block types, in declaration order. */
    public CategoricalDistribution typeDistribution() {
        return new CategoricalDistribution(new ArrayList<>(types.keySet()));
    }

    /** The layout as ordinary conditional parameters, in sampling order (see the class comment). */
    public List<ParamSpec> params() {
        List<ParamSpec> out = new ArrayList<>();
        out.add(ParamSpec.of(BLOCKS, IntDistribution.of(minBlocks, maxBlocks)));
        CategoricalDistribution typeChoice = typeDistribution();
        for (int i = 0; i < maxBlocks; i++) {
            Condition exists = null;
            if (i >= minBlocks) {
                List<Object> counts = new ArrayList<>();
                for (int n = i + 1; n <= maxBlocks; n++) {
                    counts.add(n);
                }
                exists = new Condition(BLOCKS, counts);
            }
            out.add(new ParamSpec(typeParam(i), typeChoice, exists));
            for (Map.Entry<String, Map<String, Distribution>> t : types.entrySet()) {
                Condition isType = new Condition(typeParam(i), List.of(t.getKey()));
                for (Map.Entry<String, Distribution> a : t.getValue().entrySet()) {
                    out.add(new ParamSpec(attributeParam(i, t.getKey(), a.getKey()), a.getValue(), isType));
                }
            }
        }
        return out;
    }
}
