package io.metaloop.objective;

import io.metaloop.train.nn.Activation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The block types of a network layout and their attributes — the vocabulary of a search space's
 * {@code layout:} section and of the parameters {@link LayoutParams} reads (see
 * docs/study-files.md, "Layer layouts"). An attribute a layout does not declare takes its
 * default; {@code activation} and {@code dropout} default to the network-wide parameters of
 * those names when the trial has them.
 */
public enum BlockAttribute {
    /** Filters of a convolution. */
    CONV_FILTERS("conv", "filters", Kind.COUNT, 8),
    /** Kernel size of a convolution; odd, so that padding keeps the image size. */
    CONV_KERNEL("conv", "kernel", Kind.ODD, 3),
    /** Activation after a convolution. */
    CONV_ACTIVATION("conv", "activation", Kind.ACTIVATION, "relu"),
    /** Normalisation of a convolution's output: {@code none} or {@code batch} (placed after the poolings that follow it). */
    CONV_NORM("conv", "norm", Kind.NORM, "none"),
    /** A 2×2 pooling (stride 2) right after a convolution's activation: {@code none}, {@code max} or {@code avg}. */
    CONV_POOL("conv", "pool", Kind.POOLING, "none"),
    /** Max or average pooling. */
    POOL_KIND("pool", "kind", Kind.POOL_KIND, "max"),
    /** Window (and stride) of a pooling block. */
    POOL_SIZE("pool", "size", Kind.WINDOW, 2),
    /** Width of a dense block. */
    DENSE_UNITS("dense", "units", Kind.COUNT, 32),
    /** Activation after a dense layer. */
    DENSE_ACTIVATION("dense", "activation", Kind.ACTIVATION, "relu"),
    /** Dropout rate after a dense block's activation (none at 0). */
    DENSE_DROPOUT("dense", "dropout", Kind.RATE, 0.0);

    /** The block types, in the order the documentation gives them. */
    public static final List<String> TYPES = List.of("conv", "pool", "dense");
    /** Feature blocks (convolution, pooling) come before every dense block. */
    public static final List<String> FEATURE_TYPES = List.of("conv", "pool");

    /** What values an attribute takes. */
    public enum Kind {
        /** A whole number ≥ 1; a range is allowed. */
        COUNT("a whole number >= 1", true),
        /** An odd whole number ≥ 1. */
        ODD("an odd whole number >= 1", false),
        /** A whole number ≥ 2. */
        WINDOW("a whole number >= 2", false),
        /** A number in [0, 1); a range is allowed. */
        RATE("a number >= 0 and < 1", true),
        /** An activation name. */
        ACTIVATION("an activation: " + String.join(", ",
                Arrays.stream(Activation.values()).map(Activation::id).toList()), false),
        /** {@code max} or {@code avg}. */
        POOL_KIND("max or avg", false),
        /** {@code none} or {@code batch}. */
        NORM("none or batch", false),
        /** {@code none}, {@code max} or {@code avg}. */
        POOLING("none, max or avg", false);

        private final String expected;
        private final boolean range;

        Kind(String expected, boolean range) {
            this.expected = expected;
            this.range = range;
        }

        /** What the values are, in words, for messages. */
        public String expected() {
            return expected;
        }

        /** Whether a range ({@code low}/{@code high}) may be searched, not only a list of choices. */
        public boolean rangeAllowed() {
            return range;
        }

        /** Whether the values are whole numbers (int ranges) rather than real numbers or names. */
        public boolean whole() {
            return this == COUNT || this == ODD || this == WINDOW;
        }

        /** Whether {@code v} is one of these values. */
        public boolean accepts(Object v) {
            return switch (this) {
                case COUNT -> whole(v) && ((Number) v).longValue() >= 1;
                case ODD -> whole(v) && ((Number) v).longValue() >= 1 && ((Number) v).longValue() % 2 == 1;
                case WINDOW -> whole(v) && ((Number) v).longValue() >= 2;
                case RATE -> v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() < 1;
                case ACTIVATION -> v instanceof String s && Arrays.stream(Activation.values())
                        .anyMatch(a -> a.id().equals(s.toLowerCase(Locale.ROOT).replace('-', '_')));
                case POOL_KIND -> "max".equals(v) || "avg".equals(v);
                case NORM -> "none".equals(v) || "batch".equals(v);
                case POOLING -> "none".equals(v) || POOL_KIND.accepts(v);
            };
        }

        private static boolean whole(Object v) {
            return (v instanceof Integer || v instanceof Long) && ((Number) v).longValue() <= Integer.MAX_VALUE;
        }
    }

    private final String type;
    private final String attribute;
    private final Kind kind;
    private final Object defaultValue;

    BlockAttribute(String type, String attribute, Kind kind, Object defaultValue) {
        this.type = type;
        this.attribute = attribute;
        this.kind = kind;
        this.defaultValue = defaultValue;
    }

    /** The block type, e.g. {@code conv}. */
    public String type() {
        return type;
    }

    /** The attribute's name within its type, e.g. {@code filters}. */
    public String attribute() {
        return attribute;
    }

    /** The values it takes. */
    public Kind kind() {
        return kind;
    }

    /** Its value when neither the block nor the network sets it. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** Whether a network-wide parameter of the same name ({@code activation}, {@code dropout}) is its default. */
    public boolean networkWide() {
        return this == CONV_ACTIVATION || this == DENSE_ACTIVATION || this == DENSE_DROPOUT;
    }

    /** The attributes of block type {@code type}, in order; empty for an unknown type. */
    public static List<BlockAttribute> of(String type) {
        return Arrays.stream(values()).filter(a -> a.type.equals(type)).toList();
    }

    /** The attribute {@code attribute} of {@code type}, if there is one. */
    public static Optional<BlockAttribute> of(String type, String attribute) {
        return Arrays.stream(values()).filter(a -> a.type.equals(type) && a.attribute.equals(attribute)).findFirst();
    }
}
