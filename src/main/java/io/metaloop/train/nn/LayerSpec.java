package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;

/**
 * One layer of a {@link NetworkSpec}: an immutable description that knows, from the shape it
 * receives, the shape it produces and how many parameters it holds, so a network's size is
 * known before anything is allocated.
 */
public sealed interface LayerSpec {

    /** The shape this layer produces from {@code in}; throws {@link IllegalArgumentException} when it does not fit. */
    Shape outputShape(Shape in);

    /** The number of trainable parameters for input {@code in}. */
    default long parameterCount(Shape in) {
        return 0;
    }

    /** A short description for messages, e.g. {@code conv 8@5x5}. */
    String describe();

    /**
     * A fully connected layer of {@code units} outputs; a non-flat input is read as flat
     * (channel-major), so no explicit flatten is needed.
     */
    record Dense(int units) implements LayerSpec {
        public Dense {
            positive(units, "dense units");
        }

        @Override
        public Shape outputShape(Shape in) {
            return Shape.flat(units);
        }

        @Override
        public long parameterCount(Shape in) {
            return (long) in.size() * units + units;
        }

        @Override
        public String describe() {
            return "dense " + units;
        }
    }

    /** A 2-D convolution of {@code filters} square kernels with the given stride and zero padding. */
    record Conv(int filters, int kernel, int stride, int padding) implements LayerSpec {
        public Conv {
            positive(filters, "conv filters");
            positive(kernel, "conv kernel");
            positive(stride, "conv stride");
            if (padding < 0) {
                throw new IllegalArgumentException("conv padding must be >= 0, got " + padding);
            }
        }

        @Override
        public Shape outputShape(Shape in) {
            int h = in.height() + 2 * padding;
            int w = in.width() + 2 * padding;
            if (h < kernel || w < kernel) {
                throw new IllegalArgumentException(describe() + " does not fit a " + in.height() + "x" + in.width()
                        + " input" + (padding > 0 ? " (padded to " + h + "x" + w + ")" : ""));
            }
            return new Shape(filters, (h - kernel) / stride + 1, (w - kernel) / stride + 1);
        }

        @Override
        public long parameterCount(Shape in) {
            return (long) filters * in.channels() * kernel * kernel + filters;
        }

        @Override
        public String describe() {
            return "conv " + filters + "@" + kernel + "x" + kernel
                    + (stride != 1 ? " stride " + stride : "") + (padding != 0 ? " pad " + padding : "");
        }
    }

    /** Max or average pooling over square windows, per channel. */
    record Pool(boolean max, int size, int stride) implements LayerSpec {
        public Pool {
            positive(size, "pool size");
            positive(stride, "pool stride");
        }

        @Override
        public Shape outputShape(Shape in) {
            if (in.height() < size || in.width() < size) {
                throw new IllegalArgumentException(describe() + " does not fit a " + in.height() + "x" + in.width() + " input");
            }
            return new Shape(in.channels(), (in.height() - size) / stride + 1, (in.width() - size) / stride + 1);
        }

        @Override
        public String describe() {
            return (max ? "maxpool " : "avgpool ") + size + "x" + size + (stride != size ? " stride " + stride : "");
        }
    }

    /**
     * Batch normalisation: per channel of an image (per feature of flat data), standardised by
     * the batch's statistics in training and by their running averages in inference, then scaled
     * and shifted. Holds 4 values per channel — scale, shift and the two running statistics — all
     * counted as parameters, since they are all stored.
     */
    record BatchNorm() implements LayerSpec {
        @Override
        public Shape outputShape(Shape in) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return 4L * BatchNormLayer.channels(in);
        }

        @Override
        public String describe() {
            return "batchnorm";
        }
    }

    /** Reshapes to a flat vector; the values are unchanged. */
    record Flatten() implements LayerSpec {
        @Override
        public Shape outputShape(Shape in) {
            return Shape.flat(in.size());
        }

        @Override
        public String describe() {
            return "flatten";
        }
    }

    /** Inverted dropout: in training, zeroes each value with probability {@code rate} and scales the rest by {@code 1/(1-rate)}. */
    record Dropout(double rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
            }
        }

        @Override
        public Shape outputShape(Shape in) {
            return in;
        }

        @Override
        public String describe() {
            return "dropout " + rate;
        }
    }

    /** An element-wise activation. */
    record Act(Activation function) implements LayerSpec {
        public Act {
            java.util.Objects.requireNonNull(function, "function");
        }

        @Override
        public Shape outputShape(Shape in) {
            return in;
        }

        @Override
        public String describe() {
            return function.id();
        }
    }

    private static void positive(int v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }
}
