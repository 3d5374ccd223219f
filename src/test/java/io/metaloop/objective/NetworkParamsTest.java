package io.metaloop.objective;

import io.metaloop.train.data.Shape;
import io.metaloop.train.nn.Augmentation;
import io.metaloop.train.nn.NetworkSpec;
import io.metaloop.train.nn.TrainOptions;
import io.metaloop.train.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkParamsTest {

    private static final Shape DIGITS = new Shape(1, 8, 8);

    @Test
    void noParametersIsSoftmaxRegression() {
        NetworkSpec s = NetworkParams.network(Map.of(), DIGITS, 10);
        assertEquals(64 * 10 + 10, s.parameterCount());
    }

    @Test
    void hiddenLayersCountAsComputedByHand() {
        NetworkSpec s = NetworkParams.network(Map.of("layers", 2, "units", 60, "dropout", 0.1), DIGITS, 10);
        assertEquals(64 * 60 + 60 + 60 * 60 + 60 + 60 * 10 + 10, s.parameterCount());
        assertEquals("1x8x8 -> dense 60 -> relu -> dropout 0.1 -> dense 60 -> relu -> dropout 0.1 -> dense 10",
                s.describe().replace("dropout 0.10", "dropout 0.1"));
    }

    @Test
    void indexedWidthsOverrideTheCommonOne() {
        NetworkSpec s = NetworkParams.network(Map.of("layers", 2, "units", 50, "units_1", 7, "activation", "tanh"),
                DIGITS, 10);
        assertEquals(64 * 50 + 50 + 50 * 7 + 7 + 7 * 10 + 10, s.parameterCount());
        assertTrue(s.describe().contains("tanh"), s.describe());
    }

    @Test
    void convolutionBlocksCountAsComputedByHand() {
        // 1x28x28 -> conv 8@5x5 pad 2 -> pool -> conv 16@5x5 -> pool -> 16x7x7 -> dense 10
        NetworkSpec s = NetworkParams.network(Map.of("conv_layers", 2, "conv_filters_0", 8, "conv_filters_1", 16,
                "conv_kernel", 5), new Shape(1, 28, 28), 10);
        long expected = (8 * 25 + 8) + (16 * 8 * 25 + 16) + (16 * 7 * 7 * 10 + 10);
        assertEquals(expected, s.parameterCount());
    }

    @Test
    void aNetworkThatDoesNotFitTheInputFailsNamingTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkParams.network(Map.of("conv_layers", 4, "conv_filters", 4), DIGITS, 10));
        assertTrue(e.getMessage().contains("layer"), e.getMessage());
    }

    @Test
    void trainingOptionsFollowTheParameters() {
        TrainOptions o = NetworkParams.training(Map.of("optimizer", "sgd", "lr", 0.05, "momentum", 0.9,
                "weight_decay", 1e-4, "batch_size", 16, "epochs", 3), 10, 64, 5);
        OptimizerSpec.Sgd sgd = assertInstanceOf(OptimizerSpec.Sgd.class, o.optimizer());
        assertEquals(0.05, sgd.learningRate());
        assertEquals(0.9, sgd.momentum());
        assertEquals(1e-4, o.penalty().l2());
        assertEquals(16, o.batchSize());
        assertEquals(3, o.epochs());
        assertEquals(5, o.seed());
        TrainOptions d = NetworkParams.training(Map.of("optimizer", "adamw", "weight_decay", 1e-3), 7, 32, 0);
        assertInstanceOf(OptimizerSpec.AdamW.class, d.optimizer());
        assertEquals(0, d.penalty().l2(), "adamw decays the weights itself, no L2 penalty on top");
        assertEquals(7, d.epochs());
        assertEquals(32, d.batchSize());
        assertEquals(Augmentation.NONE, d.augmentation());
        TrainOptions a = NetworkParams.training(Map.of("augment_flip", true, "augment_shift", 2), 7, 32, 0);
        assertEquals(new Augmentation(true, 2), a.augmentation());
        assertThrows(IllegalArgumentException.class, () -> NetworkParams.training(Map.of("augment_flip", "yes"), 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> NetworkParams.training(Map.of("augment_shift", -1), 1, 1, 0));
    }

    @Test
    void unknownNamesAndValuesAreRefused() {
        assertTrue(NetworkParams.known("units_3"));
        assertTrue(NetworkParams.known("conv_filters_0"));
        assertTrue(!NetworkParams.known("unit"));
        assertThrows(IllegalArgumentException.class, () -> NetworkParams.training(Map.of("optimizer", "lion"), 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> NetworkParams.network(Map.of("units", 2.5), DIGITS, 10));
    }
}
