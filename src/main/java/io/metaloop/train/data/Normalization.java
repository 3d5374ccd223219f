package io.metaloop.train.data;

import java.util.Locale;

/**
 * How feature values are rescaled before training. Statistics, where a method needs any, come
 * from the examples the model is fitted on only, never from validation or test examples.
 */
public enum Normalization {

    /**
     * {@link #SCALE} for pixel data with a known range (IDX images, the built-in digits),
     * {@link #STANDARDIZE} for CSV tables, whose columns can have any units. Scaling keeps
     * pixel data's zeros zero and treats every pixel alike, which is what convolutions expect,
     * and matches the usual {@code x / 255} of image pipelines, so results compare with theirs.
     */
    AUTO,
    /** Values are used as read. */
    NONE,
    /**
     * Divide every value by the largest possible one (255 for IDX bytes, 16 for the digits) or,
     * when the format does not say, by the largest absolute value in the training part.
     */
    SCALE,
    /** Per feature, subtract the training part's mean and divide by its standard deviation. */
    STANDARDIZE;

    /**
     * The method named {@code name} ({@code auto}, {@code none}, {@code scale},
     * {@code standardize}; case and {@code -}/{@code _} ignored, {@code standardise} accepted).
     *
     * @throws IllegalArgumentException for another name
     */
    public static Normalization parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (n.equals("standardise")) {
            return STANDARDIZE;
        }
        for (Normalization m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown normalization '" + name
                + "'; expected one of auto, none, scale, standardize");
    }

    /** The lower-case name, as written in files. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
