package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkSpecTest {

    private static final Shape MNIST = new Shape(1, 28, 28);

    @Test
    void mlpParameterCount() {
        // 784·12 + 12 + 12·10 + 10, as PyTorch's anchor prints (params=9550)
        NetworkSpec spec = NetworkSpec.builder(MNIST).dense(12).relu().dense(10).build();
        assertEquals(9_550, spec.parameterCount());
        assertEquals(9_550, Network.create(spec, 1).parameterCount());
        assertEquals(Shape.flat(10), spec.outputShape());
    }

    @Test
    void cnnParameterCount() {
        // conv 8@5x5: 8·25 + 8 = 208; conv 16@5x5 on 8 channels: 16·8·25 + 16 = 3,216;
        // dense 10 on 16·7·7: 784·10 + 10 = 7,850. Total 11,274, as torch_cnn_throughput.py prints.
        NetworkSpec spec = NetworkSpec.builder(MNIST).conv(8, 5, 2).relu().maxPool(2)
                .conv(16, 5, 2).relu().maxPool(2).flatten().dense(10).build();
        assertEquals(11_274, spec.parameterCount());
        assertEquals(new Shape(16, 7, 7), spec.shapes().get(6));
        assertEquals(11_274, Network.create(spec, 1).parameterCount());
    }

    @Test
    void unpaddedAndStridedShapes() {
        NetworkSpec spec = NetworkSpec.builder(new Shape(3, 32, 32)).conv(4, 5, 2, 0).avgPool(2).dense(7).build();
        assertEquals(new Shape(4, 14, 14), spec.shapes().get(1));
        assertEquals(new Shape(4, 7, 7), spec.shapes().get(2));
        assertEquals(4 * 3 * 25 + 4 + 196 * 7 + 7, spec.parameterCount());
    }

    @Test
    void layerThatDoesNotFitNamesTheLayerAndItsInput() {
        NetworkSpec.Builder b = NetworkSpec.builder(new Shape(1, 12, 12)).conv(4, 5, 0).maxPool(2).conv(8, 5, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals("layer 3: conv 8@5x5 does not fit a 4x4 input after layer 2 (maxpool 2x2)", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder(new Shape(1, 3, 3)).maxPool(4).build());
        assertEquals("layer 1: maxpool 4x4 does not fit a 3x3 input on the network input", e.getMessage());
    }

    @Test
    void invalidLayerArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Dense(0));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Conv(4, 3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Conv(4, 3, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder(MNIST).build());
    }

    @Test
    void specIsImmutable() {
        List<LayerSpec> layers = new ArrayList<>(List.of(new LayerSpec.Dense(3)));
        NetworkSpec spec = new NetworkSpec(Shape.flat(4), layers, Loss.MSE, Init.GLOROT);
        layers.add(new LayerSpec.Dense(5));
        assertEquals(1, spec.layers().size());
        assertThrows(UnsupportedOperationException.class, () -> spec.layers().add(new LayerSpec.Flatten()));
        assertEquals("1x1x4 -> dense 3", spec.describe());
    }

    @Test
    void dataThatDoesNotMatchTheNetworkIsRejectedClearly() {
        Network net = Network.create(NetworkSpec.builder(Shape.flat(4)).dense(3).build(), 1);
        var wrongShape = new io.metaloop.train.data.Dataset("d.csv", new float[10], new int[2], Shape.flat(5), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.evaluate(wrongShape));
        assertEquals("d.csv has examples of shape 1x1x5 but the network expects 1x1x4", e.getMessage());
        var tooManyClasses = new io.metaloop.train.data.Dataset("d.csv", new float[8], new int[2], Shape.flat(4), 5);
        e = assertThrows(IllegalArgumentException.class, () -> net.evaluate(tooManyClasses));
        assertTrue(e.getMessage().startsWith("d.csv has 5 classes but the network has 3 outputs"), e.getMessage());
    }

    @Test
    void initialisationFollowsItsDistribution() {
        NetworkSpec he = NetworkSpec.builder(Shape.flat(400)).dense(50).build();
        float[] p = Network.create(he, 3).parameters();
        double sq = 0;
        for (int i = 0; i < 400 * 50; i++) {
            sq += p[i] * p[i];
        }
        assertEquals(2.0 / 400, sq / (400 * 50), 2.0 / 400 * 0.05); // He: variance 2/fanIn
        assertEquals(0f, p[400 * 50]); // biases start at zero

        NetworkSpec glorot = NetworkSpec.builder(Shape.flat(400)).dense(50).init(Init.GLOROT).build();
        double bound = Math.sqrt(6.0 / 450);
        for (float v : Network.create(glorot, 3).parameters()) {
            assertTrue(Math.abs(v) <= bound);
        }
        NetworkSpec torch = NetworkSpec.builder(Shape.flat(400)).dense(50).init(Init.FAN_IN_UNIFORM).build();
        float[] t = Network.create(torch, 3).parameters();
        assertTrue(t[400 * 50] != 0f); // PyTorch's default draws biases too
        for (float v : t) {
            assertTrue(Math.abs(v) <= 1 / 20.0);
        }
    }
}
