package io.metaloop.train.nn;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Shape;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A network built from a {@link NetworkSpec}: all parameters in one flat {@code float[]}
 * (layer by layer, weights then biases), batch buffers allocated once per batch capacity and
 * reused, so training allocates nothing per step. One seed gives the same initial weights and,
 * on one thread, the same training run.
 *
 * <p>Not thread-safe: a network owns its buffers. Use one network per thread.
 */
public final class Network {

    /** Examples per forward pass in evaluation and chunked full-batch gradients. */
    static final int CHUNK = 256;

    private final NetworkSpec spec;
    private final Layer[] layers;
    private final int[] sizes;
    private final float[] params;
    private final float[] grads;
    private final boolean[] penalised;
    private float[][] acts = new float[0][];
    private float[][] deltas = new float[0][];
    private int[] labelBuffer = new int[0];
    private float[] mirrorBuffer = new float[0];
    private int capacity;

    private Network(NetworkSpec spec, long seed, float[] given) {
        this.spec = spec;
        List<LayerSpec> specs = spec.layers();
        List<Shape> shapes = spec.shapes();
        long count = spec.parameterCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("network has " + count + " parameters, more than a Java array holds");
        }
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom dropoutRandom = random.split();
        this.layers = new Layer[specs.size()];
        this.sizes = new int[specs.size() + 1];
        this.params = new float[(int) count];
        this.grads = new float[(int) count];
        this.penalised = new boolean[(int) count];
        int offset = 0;
        for (int i = 0; i < specs.size(); i++) {
            Shape in = shapes.get(i);
            Shape out = shapes.get(i + 1);
            sizes[i] = in.size();
            Layer layer = layer(specs.get(i), in, out, offset, dropoutRandom);
            if (i > 0 && specs.get(i) instanceof LayerSpec.Act a && a.function() == Activation.RELU
                    && layers[i - 1] instanceof ShiftConvLayer conv) {
                // The convolution applies the ReLU while writing its output; this layer then shares
                // its buffers and does nothing, saving two passes over the largest activations.
                conv.fuseRelu();
                layer = PassLayer.INSTANCE;
            }
            if (specs.get(i) instanceof LayerSpec.Pool pool && pool.max() && pool.size() == 2 && pool.stride() == 2) {
                // Likewise 2×2 max pooling right after such a convolution (or after its fused ReLU).
                Layer before = i > 0 ? layers[i - 1] : null;
                if (before == PassLayer.INSTANCE && specs.get(i - 1) instanceof LayerSpec.Act
                        && layers[i - 2] instanceof ShiftConvLayer) {
                    before = layers[i - 2];
                }
                if (before instanceof ShiftConvLayer conv) {
                    conv.fuseMaxPool();
                    layer = PassLayer.INSTANCE;
                }
            }
            // L1/L2 penalise weights, not biases; each layer stores its weights first.
            Arrays.fill(penalised, offset, offset + layer.parameters() - layer.biases(), true);
            layers[i] = layer;
            offset += layer.parameters();
        }
        sizes[specs.size()] = shapes.get(specs.size()).size();
        if (given != null) {
            if (given.length != params.length) {
                throw new IllegalArgumentException("expected " + params.length + " parameters for " + spec.describe()
                        + ", got " + given.length);
            }
            System.arraycopy(given, 0, params, 0, params.length);
        } else {
            for (Layer layer : layers) {
                layer.init(params, spec.init(), random);
            }
        }
    }

    private static Layer layer(LayerSpec spec, Shape in, Shape out, int offset, SplittableRandom dropoutRandom) {
        if (spec instanceof LayerSpec.Dense d) {
            return new DenseLayer(in.size(), d.units(), offset);
        } else if (spec instanceof LayerSpec.Conv c) {
            return c.stride() == 1 ? new ShiftConvLayer(c, in, out, offset) : new ConvLayer(c, in, out, offset);
        } else if (spec instanceof LayerSpec.Pool p) {
            return new PoolLayer(p, in, out);
        } else if (spec instanceof LayerSpec.Dropout d) {
            return new DropoutLayer(d.rate(), in.size(), dropoutRandom);
        } else if (spec instanceof LayerSpec.Act a) {
            return new ActivationLayer(a.function(), in.size());
        } else if (spec instanceof LayerSpec.BatchNorm) {
            return new BatchNormLayer(in, offset);
        }
        return new FlattenLayer(in.size());
    }

    /** A new network with weights drawn from {@code seed}. */
    public static Network create(NetworkSpec spec, long seed) {
        return new Network(spec, seed, null);
    }

    /** A network with the given parameters (as from {@link #parameters()}); dropout draws from {@code seed}. */
    public static Network of(NetworkSpec spec, float[] parameters, long seed) {
        return new Network(spec, seed, parameters);
    }

    /**
     * True when the kernels run on the JDK Vector API (the JVM was started with
     * {@code --add-modules jdk.incubator.vector}); false when they fall back to plain loops.
     */
    public static boolean vectorKernels() {
        return Kernels.VECTOR;
    }

    /** The spec this network was built from. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The number of parameters. */
    public int parameterCount() {
        return params.length;
    }

    /** A copy of all parameters, layer by layer (weights, then biases). */
    public float[] parameters() {
        return params.clone();
    }

    /** Replaces all parameters with {@code values} (same layout as {@link #parameters()}). */
    public void setParameters(float[] values) {
        if (values.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got " + values.length);
        }
        System.arraycopy(values, 0, params, 0, params.length);
    }

    /** The network's outputs (logits for cross-entropy) for {@code n} examples of {@code features}. */
    public float[] outputs(float[] features, int n) {
        int in = sizes[0];
        int k = spec.outputs();
        if (features.length < (long) n * in) {
            throw new IllegalArgumentException(n + " examples of " + in + " values need " + (long) n * in
                    + " values, got " + features.length);
        }
        float[] result = new float[n * k];
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            System.arraycopy(infer(features, from, m), 0, result, from * k, m * k);
        }
        return result;
    }

    /** The predicted class (largest output) of every example in {@code data}. */
    public int[] predict(Dataset data) {
        checkInput(data);
        int k = spec.outputs();
        float[] out = outputs(data.features(), data.size());
        int[] classes = new int[data.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = argmax(out, i * k, k);
        }
        return classes;
    }

    /** Accuracy and mean loss on {@code data}, in inference mode (no dropout). */
    public Evaluation evaluate(Dataset data) {
        checkData(data);
        int k = spec.outputs();
        int n = data.size();
        double loss = 0;
        int correct = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            float[] out = infer(data.features(), from, m);
            loss += spec.loss().apply(out, data.labels(), from, m, k, null, 0f);
            for (int i = 0; i < m; i++) {
                if (argmax(out, i * k, k) == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return new Evaluation(n == 0 ? 0 : (double) correct / n, n == 0 ? 0 : loss / n, n);
    }

    /**
     * The inference-mode outputs for the {@code m} examples of {@code features} from example
     * {@code from} on, in the output buffer; for a mirror-averaged spec, the mean of the outputs on
     * the images and on their mirror images (the logits are averaged, so a loss applies as usual).
     */
    private float[] infer(float[] features, int from, int m) {
        reserve(m);
        int in = sizes[0];
        System.arraycopy(features, from * in, acts[0], 0, m * in);
        float[] out = forward(m, false);
        if (!spec.mirrorAveraged()) {
            return out;
        }
        int size = m * spec.outputs();
        if (mirrorBuffer.length < size) {
            mirrorBuffer = new float[CHUNK * spec.outputs()];
        }
        System.arraycopy(out, 0, mirrorBuffer, 0, size);
        mirror(acts[0], m, spec.input()); // the layers only read the input buffer, so it still holds the images
        out = forward(m, false);
        for (int i = 0; i < size; i++) {
            out[i] = 0.5f * (out[i] + mirrorBuffer[i]);
        }
        return out;
    }

    /** Mirrors the {@code n} examples of {@code shape} in {@code batch} left–right, in place. */
    private static void mirror(float[] batch, int n, Shape shape) {
        int w = shape.width();
        int rows = n * shape.channels() * shape.height();
        for (int r = 0; r < rows; r++) {
            for (int a = r * w, b = a + w - 1; a < b; a++, b--) {
                float t = batch[a];
                batch[a] = batch[b];
                batch[b] = t;
            }
        }
    }

    /** Fails clearly when {@code data} does not match this network's input and outputs. */
    public void checkData(Dataset data) {
        checkInput(data);
        if (data.classes() > spec.outputs()) {
            throw new IllegalArgumentException(data.name() + " has " + data.classes() + " classes but the network has "
                    + spec.outputs() + " outputs (" + spec.describe() + ")");
        }
    }

    private void checkInput(Dataset data) {
        if (data.shape().size() != sizes[0]) {
            throw new IllegalArgumentException(data.name() + " has examples of shape " + shapeText(data.shape())
                    + " but the network expects " + shapeText(spec.input()));
        }
    }

    // ---- the training interface, used by Trainer and the gradient checks ----

    float[] params() {
        return params;
    }

    float[] grads() {
        return grads;
    }

    boolean[] penalised() {
        return penalised;
    }

    /** Grows the batch buffers to hold {@code n} examples; a no-op once large enough. */
    void reserve(int n) {
        if (n <= capacity) {
            return;
        }
        acts = new float[layers.length + 1][];
        deltas = new float[layers.length + 1][];
        for (int i = 0; i <= layers.length; i++) {
            boolean shared = i > 0 && layers[i - 1] == PassLayer.INSTANCE;
            acts[i] = shared ? acts[i - 1] : new float[n * sizes[i]];
            deltas[i] = shared ? deltas[i - 1] : new float[n * sizes[i]];
        }
        for (Layer layer : layers) {
            layer.reserve(n);
        }
        labelBuffer = new int[n];
        capacity = n;
    }

    /** Copies examples {@code order[from..from+n)} of {@code data} into the input buffer. */
    void gather(Dataset data, int[] order, int from, int n) {
        reserve(n);
        int in = sizes[0];
        float[] src = data.features();
        float[] dst = acts[0];
        int[] labels = data.labels();
        for (int i = 0; i < n; i++) {
            int e = order[from + i];
            System.arraycopy(src, e * in, dst, i * in, in);
            labelBuffer[i] = labels[e];
        }
    }

    /** The input buffer (filled by {@link #gather} or directly by tests). */
    float[] input() {
        return acts[0];
    }

    int[] labels() {
        return labelBuffer;
    }

    /** The gradient with respect to the input after {@link #backward} with {@code inputGradient}. */
    float[] inputGradient() {
        return deltas[0];
    }

    float[] forward(int n, boolean training) {
        for (int i = 0; i < layers.length; i++) {
            layers[i].forward(params, acts[i], acts[i + 1], n, training);
        }
        return acts[layers.length];
    }

    /**
     * Forward and backward over the {@code n} gathered examples: adds {@code scale ×} the gradient
     * of the summed loss into the gradient array and returns the summed loss.
     */
    double backward(int n, boolean training, float scale, boolean inputGradient) {
        float[] out = forward(n, training);
        int last = layers.length;
        double loss = spec.loss().apply(out, labelBuffer, 0, n, sizes[last], deltas[last], scale);
        for (int i = last - 1; i >= 0; i--) {
            float[] dx = i > 0 || inputGradient ? deltas[i] : null;
            layers[i].backward(params, grads, acts[i], acts[i + 1], deltas[i + 1], dx, n);
        }
        return loss;
    }

    void zeroGradients() {
        Arrays.fill(grads, 0f);
    }

    static int argmax(float[] v, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[offset + j] > v[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    private static String shapeText(Shape s) {
        return s.channels() + "x" + s.height() + "x" + s.width();
    }
}
