package io.metaloop.train.data;

import java.util.Objects;

/**
 * Labelled examples for classification, stored flat for speed: example {@code i} occupies
 * {@code features[i * shape.size() .. (i + 1) * shape.size())}, in channel-major order, and has
 * label {@code labels[i]} in {@code [0, classes)}.
 *
 * @param name     where the data came from, for messages
 * @param features all examples' values, one after another
 * @param labels   one class per example
 * @param shape    the shape of one example
 * @param classes  the number of classes
 */
public record Dataset(String name, float[] features, int[] labels, Shape shape, int classes) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if ((long) labels.length * shape.size() != features.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + features.length
                    + " values for examples of " + shape.size());
        }
        if (classes < 2) {
            throw new IllegalArgumentException(name + ": classification needs at least 2 classes, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": example " + i + " has label " + labels[i]
                        + ", outside 0.." + (classes - 1));
            }
        }
    }

    /** The number of examples. */
    public int size() {
        return labels.length;
    }

    /**
     * The examples at {@code indices}, in that order, as a new data set (copies, so the parts of
     * a split share no arrays).
     *
     * @param name the name of the new data set
     */
    public Dataset subset(String name, int[] indices) {
        int width = shape.size();
        float[] f = new float[indices.length * width];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= labels.length) {
                throw new IndexOutOfBoundsException(name + ": example " + i + " is outside 0.." + (labels.length - 1));
            }
            System.arraycopy(features, i * width, f, k * width, width);
            l[k] = labels[i];
        }
        return new Dataset(name, f, l, shape, classes);
    }

    /** The number of examples of each class, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
