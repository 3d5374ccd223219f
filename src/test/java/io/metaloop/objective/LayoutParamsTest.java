package io.metaloop.objective;

import io.metaloop.train.data.Shape;
import io.metaloop.train.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layout parameters ({@code blocks}, {@code block_<i>_…}) to networks: counts by hand, and the two rules. */
class LayoutParamsTest {

    private static final Shape DIGITS = new Shape(1, 8, 8);
    private static final Shape FASHION = new Shape(1, 28, 28);

    /** Alternating names and values. */
    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static NetworkSpec net(Shape input, Object... kv) {
        return NetworkParams.network(params(kv), input, 10);
    }

    @Test
    void theHandWrittenFashionCnnIsALayout() {
        // studies/best/fashion-mnist-cnn-10k.yaml: 3 x (conv 3x3 relu, 2x2 max pool), 12/24/20 filters
        NetworkSpec s = net(FASHION, "blocks", 6,
                "block_0_type", "conv", "block_0_conv_filters", 12, "block_0_conv_kernel", 3, "block_0_conv_activation", "relu",
                "block_1_type", "pool", "block_1_pool_kind", "max", "block_1_pool_size", 2,
                "block_2_type", "conv", "block_2_conv_filters", 24,
                "block_3_type", "pool",
                "block_4_type", "conv", "block_4_conv_filters", 20,
                "block_5_type", "pool");
        assertEquals((12 * 9 + 12) + (24 * 12 * 9 + 24) + (20 * 24 * 9 + 20) + (20 * 3 * 3 * 10 + 10), s.parameterCount());
        assertEquals(8886, s.parameterCount());
        NetworkSpec flat = NetworkParams.network(Map.of("conv_layers", 3, "conv_filters_0", 12, "conv_filters_1", 24,
                "conv_filters_2", 20, "conv_kernel", 3), FASHION, 10);
        assertEquals(flat, s, "the same network as the flat parameters of the hand-written file");
    }

    @Test
    void aConvolutionsOwnPoolingIsAPoolingBlockAfterIt() {
        NetworkSpec own = net(FASHION, "blocks", 4,
                "block_0_type", "conv", "block_0_conv_filters", 12, "block_0_conv_pool", "max",
                "block_1_type", "conv", "block_1_conv_filters", 24, "block_1_conv_pool", "max", "block_1_conv_norm", "batch",
                "block_2_type", "dense", "block_2_dense_units", 9,
                "block_3_type", "conv", "block_3_conv_filters", 20, "block_3_conv_pool", "avg");
        NetworkSpec blocks = net(FASHION, "blocks", 7,
                "block_0_type", "conv", "block_0_conv_filters", 12, "block_1_type", "pool",
                "block_2_type", "conv", "block_2_conv_filters", 24, "block_2_conv_norm", "batch", "block_3_type", "pool",
                "block_4_type", "conv", "block_4_conv_filters", 20, "block_5_type", "pool", "block_5_pool_kind", "avg",
                "block_6_type", "dense", "block_6_dense_units", 9);
        assertEquals(blocks, own);
        assertEquals("1x28x28 -> conv 12@3x3 pad 1 -> relu -> maxpool 2x2 -> conv 24@3x3 pad 1 -> relu -> maxpool 2x2 "
                + "-> batchnorm -> conv 20@3x3 pad 1 -> relu -> avgpool 2x2 -> dense 9 -> relu -> dense 10", own.describe());
        assertEquals((12 * 9 + 12) + (24 * 12 * 9 + 24) + 24 * 4 + (20 * 24 * 9 + 20) + (20 * 3 * 3 * 9 + 9) + (9 * 10 + 10),
                own.parameterCount());
        // 8x8 -> 4 -> 2 -> 1: the fourth convolution's pooling has no room; "none" adds nothing
        NetworkSpec small = net(DIGITS, "blocks", 5,
                "block_0_type", "conv", "block_0_conv_filters", 2, "block_0_conv_pool", "max",
                "block_1_type", "conv", "block_1_conv_filters", 2, "block_1_conv_pool", "max",
                "block_2_type", "conv", "block_2_conv_filters", 2, "block_2_conv_pool", "none",
                "block_3_type", "conv", "block_3_conv_filters", 2, "block_3_conv_pool", "max",
                "block_4_type", "conv", "block_4_conv_filters", 2, "block_4_conv_pool", "max");
        assertEquals("1x8x8 -> conv 2@3x3 pad 1 -> relu -> maxpool 2x2 -> conv 2@3x3 pad 1 -> relu -> maxpool 2x2 "
                + "-> conv 2@3x3 pad 1 -> relu -> conv 2@3x3 pad 1 -> relu -> maxpool 2x2 -> conv 2@3x3 pad 1 -> relu "
                + "-> dense 10", small.describe());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net(DIGITS, "blocks", 1, "block_0_type", "conv",
                "block_0_conv_pool", "batch")).getMessage().contains("block_0_conv_pool must be none, max or avg, got batch"));
    }

    @Test
    void denseBlocksCountAsComputedByHand() {
        NetworkSpec s = net(DIGITS, "blocks", 2, "block_0_type", "dense", "block_0_dense_units", 30,
                "block_0_dense_activation", "tanh", "block_0_dense_dropout", 0.2, "block_1_type", "dense", "block_1_dense_units", 12);
        assertEquals(64 * 30 + 30 + 30 * 12 + 12 + 12 * 10 + 10, s.parameterCount());
        assertEquals("1x8x8 -> dense 30 -> tanh -> dropout 0.2 -> dense 12 -> relu -> dense 10", s.describe());
    }

    @Test
    void aMixedLayoutCountsAsComputedByHand() {
        // 8x8 -> conv 6@5x5 (pad 2) gelu -> avg pool 2 -> 6x4x4 -> dense 20 -> dense 10
        NetworkSpec s = net(DIGITS, "blocks", 3, "block_0_type", "conv", "block_0_conv_filters", 6, "block_0_conv_kernel", 5,
                "block_0_conv_activation", "gelu", "block_1_type", "pool", "block_1_pool_kind", "avg",
                "block_2_type", "dense", "block_2_dense_units", 20);
        assertEquals((6 * 25 + 6) + (6 * 4 * 4 * 20 + 20) + (20 * 10 + 10), s.parameterCount());
        assertEquals("1x8x8 -> conv 6@5x5 pad 2 -> gelu -> avgpool 2x2 -> dense 20 -> relu -> dense 10", s.describe());
    }

    @Test
    void featureBlocksComeBeforeDenseBlocksInTheirOwnOrder() {
        Map<String, Object> shuffled = params("blocks", 4, "block_0_type", "dense", "block_0_dense_units", 16,
                "block_1_type", "conv", "block_1_conv_filters", 4, "block_2_type", "dense", "block_2_dense_units", 9,
                "block_3_type", "pool");
        Map<String, Object> ordered = params("blocks", 4, "block_0_type", "conv", "block_0_conv_filters", 4,
                "block_1_type", "pool", "block_2_type", "dense", "block_2_dense_units", 16,
                "block_3_type", "dense", "block_3_dense_units", 9);
        NetworkSpec s = NetworkParams.network(shuffled, DIGITS, 10);
        assertEquals(NetworkParams.network(ordered, DIGITS, 10), s);
        assertEquals("1x8x8 -> conv 4@3x3 pad 1 -> relu -> maxpool 2x2 -> dense 16 -> relu -> dense 9 -> relu -> dense 10",
                s.describe());
    }

    @Test
    void poolingThatDoesNotFitIsLeftOut() {
        // 8x8 -> 4x4 -> 2x2 -> 1x1: the fourth 2x2 pooling and a 3x3 pooling of 1x1 have no room
        Map<String, Object> p = params("blocks", 6, "block_0_type", "pool", "block_1_type", "pool", "block_2_type", "pool",
                "block_3_type", "pool", "block_4_type", "pool", "block_4_pool_size", 3, "block_5_type", "conv",
                "block_5_conv_filters", 5);
        NetworkSpec s = NetworkParams.network(p, DIGITS, 10);
        assertEquals("1x8x8 -> maxpool 2x2 -> maxpool 2x2 -> maxpool 2x2 -> conv 5@3x3 pad 1 -> relu -> dense 10",
                s.describe());
        assertEquals((5 * 9 + 5) + (5 * 10 + 10), s.parameterCount());
        // flat data: no pooling at all
        NetworkSpec flat = NetworkParams.network(params("blocks", 2, "block_0_type", "pool", "block_1_type", "dense"),
                Shape.flat(20), 3);
        assertEquals("1x1x20 -> dense 32 -> relu -> dense 3", flat.describe());
    }

    @Test
    void networkWideActivationAndDropoutAreTheBlocksDefaults() {
        NetworkSpec s = net(DIGITS, "blocks", 2, "activation", "tanh", "dropout", 0.25, "block_0_type", "conv",
                "block_1_type", "dense", "block_1_dense_dropout", 0.0, "block_1_dense_activation", "sigmoid");
        assertEquals("1x8x8 -> conv 8@3x3 pad 1 -> tanh -> dense 32 -> sigmoid -> dense 10", s.describe());
        NetworkSpec zero = net(DIGITS, "blocks", 0);
        assertEquals(64 * 10 + 10, zero.parameterCount(), "no block: softmax regression");
    }

    @Test
    void batchNormFollowsTheConvolutionsPoolings() {
        // conv 6 (norm) -> pool -> pool -> conv 4 (norm) -> conv 3 (no norm) -> dense: 28 -> 14 -> 7
        NetworkSpec s = net(FASHION, "blocks", 6,
                "block_0_type", "conv", "block_0_conv_filters", 6, "block_0_conv_norm", "batch",
                "block_1_type", "pool", "block_2_type", "pool",
                "block_3_type", "conv", "block_3_conv_filters", 4, "block_3_conv_norm", "batch",
                "block_4_type", "conv", "block_4_conv_filters", 3, "block_4_conv_norm", "none",
                "block_5_type", "dense", "block_5_dense_units", 12);
        assertEquals("1x28x28 -> conv 6@3x3 pad 1 -> relu -> maxpool 2x2 -> maxpool 2x2 -> batchnorm -> conv 4@3x3 pad 1 "
                + "-> relu -> batchnorm -> conv 3@3x3 pad 1 -> relu -> dense 12 -> relu -> dense 10", s.describe());
        assertEquals((6 * 9 + 6) + 4 * 6 + (4 * 6 * 9 + 4) + 4 * 4 + (3 * 4 * 9 + 3) + (3 * 7 * 7 * 12 + 12) + (12 * 10 + 10),
                s.parameterCount(), "4 values per normalised channel: scale, shift, running mean and variance");
        NetworkSpec last = net(FASHION, "blocks", 2, "block_0_type", "conv", "block_0_conv_filters", 2,
                "block_0_conv_norm", "batch", "block_1_type", "pool");
        assertEquals("1x28x28 -> conv 2@3x3 pad 1 -> relu -> maxpool 2x2 -> batchnorm -> dense 10", last.describe());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net(DIGITS, "blocks", 1, "block_0_type", "conv",
                "block_0_conv_norm", "layer")).getMessage().contains("block_0_conv_norm must be none or batch, got layer"));
    }

    @Test
    void badLayoutParametersAreRefusedByName() {
        String missing = assertThrows(IllegalArgumentException.class,
                () -> net(DIGITS, "blocks", 2, "block_0_type", "dense")).getMessage();
        assertEquals("parameter block_1_type is missing (blocks is 2)", missing);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net(DIGITS, "blocks", 1, "block_0_type", "lstm"))
                .getMessage().contains("unknown block type 'lstm'; expected one of conv, pool, dense"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net(DIGITS, "blocks", 1, "block_0_type", "pool",
                "block_0_pool_kind", "min")).getMessage().contains("block_0_pool_kind must be max or avg"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net(DIGITS, "blocks", 1, "block_0_type", "dense",
                "block_0_dense_units", 0)).getMessage().contains("block_0_dense_units must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net(DIGITS, "blocks", 1, "block_0_type", "dense",
                "block_0_dense_activation", "swish")).getMessage().contains("block_0_dense_activation: unknown activation"));
        String mixed = assertThrows(IllegalArgumentException.class, () -> net(DIGITS, "blocks", 1, "block_0_type", "dense",
                "units", 4, "layers", 2)).getMessage();
        assertTrue(mixed.startsWith("parameters layers, units cannot be combined with blocks"), mixed);
    }

    @Test
    void theObjectiveKnowsTheLayoutNames() {
        for (String name : List.of("blocks", "block_0_type", "block_3_conv_filters", "block_12_dense_dropout",
                "block_1_pool_kind", "block_1_conv_activation", "block_2_conv_pool")) {
            assertTrue(NetworkParams.known(name), name);
        }
        for (String name : List.of("block_0_conv_units", "block_x_type", "block_0_lstm_units", "block_0", "blocks_0")) {
            assertFalse(NetworkParams.known(name), name);
        }
        assertTrue(NetworkParams.isFlatLayout("units_3"));
        assertFalse(NetworkParams.isFlatLayout("activation"));
    }
}
