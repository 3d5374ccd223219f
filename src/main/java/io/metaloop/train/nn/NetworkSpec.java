package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network as data: the input shape, an immutable list of layers, the loss and the weight
 * initialisation. Construction checks that every layer fits the shape it receives, so an
 * invalid layout fails here, with the layer named, and {@link #parameterCount()} is exact
 * before any weights exist.
 *
 * <p>A spec may also say how the network predicts: {@code mirrorAveraged} makes every
 * prediction (evaluation, validation, test, {@code predict}) the average of the outputs on an
 * image and on its left–right mirror image, a test-time augmentation that suits networks trained
 * on mirrored images. Training sees the examples as they are (or as its augmentation changes
 * them); the parameters are the same, the cost of a prediction doubles.
 *
 * @param input          the shape of one example
 * @param layers         the layers, first to last
 * @param loss           the training loss on the last layer's outputs
 * @param init           how weights start
 * @param mirrorAveraged predict from the average of the outputs on each image and its mirror image
 */
public record NetworkSpec(Shape input, List<LayerSpec> layers, Loss loss, Init init, boolean mirrorAveraged) {

    public NetworkSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(init, "init");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        if (mirrorAveraged && input.height() == 1) {
            throw new IllegalArgumentException("mirror-averaged prediction needs image data, got flat examples of "
                    + input.width() + " features");
        }
        shapes(input, layers);
    }

    /** A network that predicts from each example as it is. */
    public NetworkSpec(Shape input, List<LayerSpec> layers, Loss loss, Init init) {
        this(input, layers, loss, init, false);
    }

    /** This network, predicting from each image and its mirror image ({@code true}) or from the image alone. */
    public NetworkSpec withMirrorAveraged(boolean on) {
        return new NetworkSpec(input, layers, loss, init, on);
    }

    /** A builder for a network on examples of shape {@code input}. */
    public static Builder builder(Shape input) {
        return new Builder(input);
    }

    /** The shape after each layer: element 0 is the input, element {@code i + 1} the output of layer {@code i}. */
    public List<Shape> shapes() {
        return shapes(input, layers);
    }

    /** The shape of the network's output. */
    public Shape outputShape() {
        List<Shape> s = shapes();
        return s.get(s.size() - 1);
    }

    /** The number of outputs (classes for a classifier). */
    public int outputs() {
        return outputShape().size();
    }

    /** The exact number of trainable parameters, computed without allocating the network. */
    public long parameterCount() {
        List<Shape> s = shapes();
        long n = 0;
        for (int i = 0; i < layers.size(); i++) {
            n += layers.get(i).parameterCount(s.get(i));
        }
        return n;
    }

    /**
     * A one-line description, e.g. {@code 1x28x28 -> dense 12 -> relu -> dense 10}, followed by
     * {@code (mirror-averaged)} when it predicts so.
     */
    public String describe() {
        StringBuilder b = new StringBuilder(input.channels() + "x" + input.height() + "x" + input.width());
        for (LayerSpec l : layers) {
            b.append(" -> ").append(l.describe());
        }
        if (mirrorAveraged) {
            b.append(" (mirror-averaged)");
        }
        return b.toString();
    }

    private static List<Shape> shapes(Shape input, List<LayerSpec> layers) {
        List<Shape> out = new ArrayList<>(layers.size() + 1);
        Shape s = input;
        out.add(s);
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            try {
                s = l.outputShape(s);
            } catch (IllegalArgumentException e) {
                String where = i == 0 ? "on the network input" : "after layer " + i + " (" + layers.get(i - 1).describe() + ")";
                throw new IllegalArgumentException("layer " + (i + 1) + ": " + e.getMessage() + " " + where, e);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** Collects layers in order; {@link #build()} validates the whole layout. */
    public static final class Builder {
        private final Shape input;
        private final List<LayerSpec> layers = new ArrayList<>();
        private Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        private Init init = Init.HE;
        private boolean mirrorAveraged;

        private Builder(Shape input) {
            this.input = Objects.requireNonNull(input, "input");
        }

        /** Appends any layer. */
        public Builder add(LayerSpec layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /** A fully connected layer of {@code units} outputs. */
        public Builder dense(int units) {
            return add(new LayerSpec.Dense(units));
        }

        /** A stride-1 convolution with {@code padding} zeros on each side. */
        public Builder conv(int filters, int kernel, int padding) {
            return add(new LayerSpec.Conv(filters, kernel, 1, padding));
        }

        /** A convolution with the given stride and zero padding. */
        public Builder conv(int filters, int kernel, int stride, int padding) {
            return add(new LayerSpec.Conv(filters, kernel, stride, padding));
        }

        /** Max pooling over non-overlapping {@code size × size} windows. */
        public Builder maxPool(int size) {
            return add(new LayerSpec.Pool(true, size, size));
        }

        /** Average pooling over non-overlapping {@code size × size} windows. */
        public Builder avgPool(int size) {
            return add(new LayerSpec.Pool(false, size, size));
        }

        /** A batch normalisation layer. */
        public Builder batchNorm() {
            return add(new LayerSpec.BatchNorm());
        }

        /** A flatten layer. */
        public Builder flatten() {
            return add(new LayerSpec.Flatten());
        }

        /** Inverted dropout at {@code rate}. */
        public Builder dropout(double rate) {
            return add(new LayerSpec.Dropout(rate));
        }

        /** An activation layer. */
        public Builder activation(Activation a) {
            return add(new LayerSpec.Act(a));
        }

        /** A ReLU layer. */
        public Builder relu() {
            return activation(Activation.RELU);
        }

        /** The training loss (default softmax cross-entropy). */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** The weight initialisation (default He). */
        public Builder init(Init init) {
            this.init = init;
            return this;
        }

        /** Whether predictions average each image's outputs with its mirror image's (default false). */
        public Builder mirrorAveraged(boolean on) {
            this.mirrorAveraged = on;
            return this;
        }

        /** The validated spec. */
        public NetworkSpec build() {
            return new NetworkSpec(input, layers, loss, init, mirrorAveraged);
        }
    }
}
