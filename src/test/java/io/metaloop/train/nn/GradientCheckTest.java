package io.metaloop.train.nn;

import io.metaloop.train.data.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every layer, activation, loss and penalty against central finite differences of an
 * independent double-precision forward pass, with respect to parameters and inputs.
 */
class GradientCheckTest {

    private static void assertGradients(NetworkSpec spec, Penalty penalty) {
        GradientCheck.Gradients g = GradientCheck.compute(spec, 7, 3, penalty);
        List<String> bad = GradientCheck.mismatches(g);
        assertTrue(bad.isEmpty(), spec.describe() + ": " + bad.size() + " mismatches, first " + bad.stream().limit(5).toList());
    }

    private static void assertGradients(NetworkSpec spec) {
        assertGradients(spec, Penalty.NONE);
    }

    @Test
    void dense() {
        assertGradients(NetworkSpec.builder(Shape.flat(7)).dense(5).dense(3).build());
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activation(Activation a) {
        assertGradients(NetworkSpec.builder(Shape.flat(6)).dense(9).activation(a).dense(4).build());
    }

    @Test
    void meanSquaredError() {
        assertGradients(NetworkSpec.builder(Shape.flat(5)).dense(6).activation(Activation.TANH).dense(3)
                .loss(Loss.MSE).build());
    }

    @Test
    void convPaddedStrideOne() {
        assertGradients(NetworkSpec.builder(new Shape(2, 6, 6)).conv(3, 3, 1).dense(4).build());
    }

    @Test
    void convStrideTwoUnpadded() {
        assertGradients(NetworkSpec.builder(new Shape(2, 7, 7)).conv(3, 3, 2, 0).dense(4).build());
    }

    @Test
    void convStrideTwoPadded() {
        assertGradients(NetworkSpec.builder(new Shape(1, 6, 5)).conv(2, 3, 2, 1).relu().conv(2, 2, 1, 0).dense(3).build());
    }

    @Test
    void convLargePadding() {
        assertGradients(NetworkSpec.builder(new Shape(1, 4, 4)).conv(2, 5, 2).dense(3).build());
    }

    @Test
    void maxPool() {
        assertGradients(NetworkSpec.builder(new Shape(2, 6, 6)).conv(2, 3, 1).maxPool(2).dense(3).build());
    }

    @Test
    void averagePool() {
        assertGradients(NetworkSpec.builder(new Shape(2, 6, 6)).conv(2, 3, 1).avgPool(2).dense(3).build());
    }

    @Test
    void overlappingPools() {
        assertGradients(NetworkSpec.builder(new Shape(1, 7, 7)).conv(2, 3, 1)
                .add(new LayerSpec.Pool(true, 3, 2)).add(new LayerSpec.Pool(false, 2, 1)).dense(3).build());
    }

    @Test
    void flatten() {
        assertGradients(NetworkSpec.builder(new Shape(2, 3, 3)).conv(2, 2, 0).flatten().dense(3).build());
    }

    @Test
    void convolutionWithFusedRelu() {
        NetworkSpec spec = NetworkSpec.builder(new Shape(2, 5, 5)).conv(3, 3, 1).relu().conv(2, 3, 0).relu().dense(3).build();
        assertGradients(spec); // stride-1 conv + ReLU run as one layer (PassLayer for the ReLU)
        Network net = Network.create(spec, 1);
        assertEquals(net.outputs(new float[50], 1).length, 3);
    }

    @Test
    void convolutionWithFusedPooling() {
        // conv + ReLU + 2×2 max pool run as one layer; a second pool stays a layer of its own
        assertGradients(NetworkSpec.builder(new Shape(1, 8, 8)).conv(2, 3, 1).relu().maxPool(2).maxPool(2).dense(3).build());
        assertGradients(NetworkSpec.builder(new Shape(1, 8, 8)).conv(2, 3, 1).maxPool(2).maxPool(2).dense(3).build());
        assertGradients(NetworkSpec.builder(new Shape(2, 7, 7)).conv(3, 3, 1).relu().maxPool(2).relu().dense(3).build());
    }

    @Test
    void smallCnn() {
        assertGradients(NetworkSpec.builder(new Shape(1, 8, 8))
                .conv(3, 3, 1).relu().maxPool(2).conv(4, 3, 1).activation(Activation.GELU).avgPool(2)
                .flatten().dense(5).build());
    }

    @Test
    void batchNormInTraining() {
        // the gradient through the batch's mean and variance, after pooling and on flat data
        NetworkSpec conv = NetworkSpec.builder(new Shape(2, 6, 6)).conv(3, 3, 1).relu().maxPool(2).batchNorm().dense(3).build();
        NetworkSpec flat = NetworkSpec.builder(Shape.flat(4)).dense(5).batchNorm().activation(Activation.TANH).dense(3).build();
        for (NetworkSpec spec : List.of(conv, flat)) {
            GradientCheck.Gradients g = GradientCheck.compute(spec, 7, 3, Penalty.NONE, true);
            List<String> bad = GradientCheck.mismatches(g);
            assertTrue(bad.isEmpty(), spec.describe() + ": " + bad.size() + " mismatches, first " + bad.stream().limit(5).toList());
        }
        // The affine map of inference is not the gradient of training: the check tells them apart.
        GradientCheck.Gradients inference = GradientCheck.compute(conv, 7, 3, Penalty.NONE, false);
        GradientCheck.Gradients training = GradientCheck.compute(conv, 7, 3, Penalty.NONE, true);
        assertFalse(GradientCheck.mismatches("input", inference.analyticInput(), training.numericInput()).isEmpty());
    }

    @Test
    void batchNormKeepsRunningStatisticsForInference() {
        // Two examples of two features: batch means 2 and 12, variances 1 and 4 (unbiased 2 and 8).
        Network net = Network.create(NetworkSpec.builder(Shape.flat(2)).batchNorm().build(), 1);
        assertArrayEquals(new float[]{1, 1, 0, 0, 0, 0, 1, 1}, net.parameters(), "scale 1, shift 0, mean 0, variance 1");
        net.reserve(2);
        System.arraycopy(new float[]{1, 10, 3, 14}, 0, net.input(), 0, 4);
        float[] y = net.forward(2, true);
        double e = BatchNormLayer.EPSILON;
        double[] expected = {-1 / Math.sqrt(1 + e), -2 / Math.sqrt(4 + e), 1 / Math.sqrt(1 + e), 2 / Math.sqrt(4 + e)};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], y[i], 1e-6);
        }
        float[] p = net.parameters();
        assertArrayEquals(new float[]{0.2f, 1.2f, 0.9f + 0.2f, 0.9f + 0.8f}, Arrays.copyOfRange(p, 4, 8), 1e-6f,
                "running mean and (unbiased) variance moved a tenth of the way");
        p[0] = 2;
        p[3] = -1;
        net.setParameters(p);
        float[] out = net.outputs(new float[]{1, 10}, 1);
        assertEquals(2 * (1 - 0.2) / Math.sqrt(1.1 + e), out[0], 1e-5);
        assertEquals((10 - 1.2) / Math.sqrt(1.7 + e) - 1, out[1], 1e-5);
    }

    @Test
    void l1AndL2Penalties() {
        NetworkSpec spec = NetworkSpec.builder(Shape.flat(5)).dense(4).relu().dense(3).build();
        assertGradients(spec, new Penalty(0.03, 0));
        assertGradients(spec, new Penalty(0, 0.2));
        assertGradients(spec, new Penalty(0.05, 0.1));
    }

    @Test
    void checkerRejectsAWrongGradient() {
        NetworkSpec spec = NetworkSpec.builder(Shape.flat(5)).dense(4).activation(Activation.SIGMOID).dense(3).build();
        GradientCheck.Gradients g = GradientCheck.compute(spec, 7, 3, Penalty.NONE);
        assertTrue(GradientCheck.mismatches(g).isEmpty());

        // A gradient off by 1% in one weight, a sign error in one bias, a missing input term.
        double[] params = g.analyticParams().clone();
        params[2] *= 1.01;
        params[params.length - 1] = -params[params.length - 1];
        double[] input = g.analyticInput().clone();
        input[0] = 0;
        List<String> bad = GradientCheck.mismatches(
                new GradientCheck.Gradients(params, g.numericParams(), input, g.numericInput()));
        assertEquals(3, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("param[2]"), bad.toString());
    }

    @Test
    void checkerRejectsAnOmittedPenalty() {
        // The analytic side without the L2 term, the numeric side with it.
        NetworkSpec spec = NetworkSpec.builder(Shape.flat(5)).dense(4).dense(3).build();
        GradientCheck.Gradients without = GradientCheck.compute(spec, 7, 3, Penalty.NONE);
        GradientCheck.Gradients with = GradientCheck.compute(spec, 7, 3, new Penalty(0, 0.5));
        assertFalse(GradientCheck.mismatches("param", without.analyticParams(), with.numericParams()).isEmpty());
    }

    @Test
    void dropoutScalesKeptValuesAndRoutesGradientThroughThem() {
        NetworkSpec spec = NetworkSpec.builder(Shape.flat(400)).dropout(0.25).build();
        Network net = Network.create(spec, 3);
        net.reserve(2);
        float[] x = net.input();
        for (int i = 0; i < 800; i++) {
            x[i] = 1 + i % 7;
        }
        DropoutLayer layer = new DropoutLayer(0.25, 400, new java.util.SplittableRandom(1));
        layer.reserve(2);
        float[] y = new float[800];
        layer.forward(null, x, y, 2, true);
        float[] dy = new float[800];
        java.util.Arrays.fill(dy, 2f);
        float[] dx = new float[800];
        layer.backward(null, null, x, y, dy, dx, 2);
        int dropped = 0;
        for (int i = 0; i < 800; i++) {
            if (y[i] == 0) {
                dropped++;
                assertEquals(0f, dx[i]);
            } else {
                assertEquals(x[i] / 0.75f, y[i], 1e-5);
                assertEquals(2 / 0.75f, dx[i], 1e-5); // d(x·m)/dx = m
            }
        }
        assertTrue(dropped > 150 && dropped < 250, "dropped " + dropped + " of 800 at rate 0.25");
        float[] eval = new float[800];
        layer.forward(null, x, eval, 2, false);
        assertEquals(x[5], eval[5]);
    }

    @Test
    void dropoutIsIdentityInInference() {
        NetworkSpec with = NetworkSpec.builder(Shape.flat(6)).dense(5).dropout(0.5).dense(3).build();
        assertGradients(with); // backward in inference mode sees no dropout, like the reference
    }
}
