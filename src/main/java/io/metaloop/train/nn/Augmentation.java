package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;

import java.util.SplittableRandom;

/**
 * Random changes to the training images of each mini-batch, so that a network sees a slightly
 * different picture of every example in every epoch: a left–right mirror image with probability
 * ½ ({@code flip}), and a translation by up to {@code shift} pixels in each direction, the pixels
 * moved in from outside copied from the nearest edge. Validation, test and full-batch passes see
 * the data as it is.
 *
 * <p>Mirroring suits pictures of objects seen from the side or the front (Fashion-MNIST's clothes);
 * it does not suit digits or letters, whose mirror image is another class or none. Both changes
 * need image data: {@link #check} refuses flat examples.
 *
 * @param flip  mirror each image left–right with probability ½
 * @param shift the largest translation in pixels, per axis; 0 for none
 */
public record Augmentation(boolean flip, int shift) {

    /** No change: the data as it is. */
    public static final Augmentation NONE = new Augmentation(false, 0);

    public Augmentation {
        if (shift < 0) {
            throw new IllegalArgumentException("augmentation shift must be >= 0 pixels, got " + shift);
        }
    }

    /** Whether this changes anything. */
    public boolean isNone() {
        return !flip && shift == 0;
    }

    /**
     * Refuses examples of {@code shape} when this changes them but they are not images.
     *
     * @throws IllegalArgumentException for flat examples, or a shift not smaller than the image
     */
    public void check(Shape shape) {
        if (isNone()) {
            return;
        }
        if (shape.height() == 1) {
            throw new IllegalArgumentException("augmentation (flip or shift) needs image data, got flat examples of "
                    + shape.width() + " features");
        }
        if (shift >= Math.min(shape.height(), shape.width())) {
            throw new IllegalArgumentException("augmentation shift " + shift + " is not smaller than the "
                    + shape.height() + "x" + shape.width() + " image");
        }
    }

    /**
     * Changes the {@code n} examples of {@code shape} stored one after another in {@code batch}, in
     * place, drawing from {@code random}; {@code scratch} holds at least one example.
     */
    void apply(float[] batch, int n, Shape shape, SplittableRandom random, float[] scratch) {
        if (isNone()) {
            return;
        }
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        for (int e = 0; e < n; e++) {
            boolean mirror = flip && random.nextBoolean();
            int dy = shift == 0 ? 0 : random.nextInt(-shift, shift + 1);
            int dx = shift == 0 ? 0 : random.nextInt(-shift, shift + 1);
            if (!mirror && dx == 0 && dy == 0) {
                continue;
            }
            for (int c = 0; c < shape.channels(); c++) {
                int base = e * shape.size() + c * plane;
                System.arraycopy(batch, base, scratch, 0, plane);
                // output pixel (y, x) shows input pixel (y - dy, x - dx) of the (mirrored) image
                for (int y = 0; y < h; y++) {
                    int sy = Math.min(h - 1, Math.max(0, y - dy));
                    for (int x = 0; x < w; x++) {
                        int sx = Math.min(w - 1, Math.max(0, x - dx));
                        batch[base + y * w + x] = scratch[sy * w + (mirror ? w - 1 - sx : sx)];
                    }
                }
            }
        }
    }
}
