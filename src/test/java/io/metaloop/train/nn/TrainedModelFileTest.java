package io.metaloop.train.nn;

import io.metaloop.train.data.DataOptions;
import io.metaloop.train.data.DataSplits;
import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.data.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TrainedModelFileTest {

    @TempDir
    Path dir;

    @Test
    void aModelLoadsBackToIdenticalPredictionsOnRawData() throws IOException {
        DataSplits splits = Datasets.load("digits", dir, DataOptions.DEFAULTS.withValidationFraction(0)
                .withNormalization(Normalization.STANDARDIZE));
        NetworkSpec spec = NetworkSpec.builder(splits.shape()).dense(16).relu().dense(10).build();
        Network net = Network.create(spec, 4);
        Trainer.train(net, splits.training().train(), TrainOptions.builder().epochs(2).seed(4).build());
        TrainedModel model = new TrainedModel(net, splits.training().normalizer(), splits.classNames());
        Path file = dir.resolve("sub").resolve("m.model");
        ModelFile.write(model, file);
        TrainedModel back = ModelFile.readModel(file);

        Dataset raw = Datasets.load("digits", dir, DataOptions.DEFAULTS.withNormalization(Normalization.NONE)).test();
        assertArrayEquals(model.predict(raw), back.predict(raw));
        assertArrayEquals(net.predict(splits.test()), back.predict(raw), "the stored normaliser is the fitted one");
        assertArrayEquals(net.parameters(), back.network().parameters());
        assertEquals(splits.classNames(), back.classNames());
        assertEquals(splits.training().normalizer(), back.normalizer());
    }

    @Test
    void aNetworkWithoutExtrasStillRoundTrips() throws IOException {
        Network net = Network.create(NetworkSpec.builder(new io.metaloop.train.data.Shape(1, 2, 2)).dense(3).build(), 1);
        Path file = dir.resolve("plain.model");
        ModelFile.write(net, file);
        TrainedModel back = ModelFile.readModel(file);
        assertNull(back.normalizer());
        assertEquals(List.of(), back.classNames());
        assertEquals("1", back.className(1));
        assertArrayEquals(net.parameters(), ModelFile.read(file).parameters());
    }
}
