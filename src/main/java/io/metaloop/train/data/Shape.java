package io.metaloop.train.data;

/**
 * The shape of one example: channels × height × width. Flat (tabular) data is
 * {@code 1 × 1 × features}; a 28×28 grey image is {@code 1 × 28 × 28}.
 *
 * @param channels the number of channels
 * @param height   the height
 * @param width    the width
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a shape needs positive sizes, got " + channels + "x" + height + "x" + width);
        }
    }

    /** A flat shape of {@code n} features. */
    public static Shape flat(int n) {
        return new Shape(1, 1, n);
    }

    /** The number of values in one example. */
    public int size() {
        return channels * height * width;
    }
}
