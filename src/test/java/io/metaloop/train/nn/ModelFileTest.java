package io.metaloop.train.nn;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripGivesIdenticalPredictions() throws IOException {
        NetworkSpec spec = NetworkSpec.builder(new Shape(1, 8, 8)).init(Init.GLOROT).loss(Loss.MSE)
                .conv(3, 3, 2, 1).activation(Activation.LEAKY_RELU).add(new LayerSpec.Pool(true, 2, 1))
                .conv(2, 2, 0).activation(Activation.GELU).avgPool(2).batchNorm().flatten().dropout(0.2)
                .dense(5).activation(Activation.TANH).dense(4).activation(Activation.SIGMOID).build();
        Network net = Network.create(spec, 3);
        Dataset data = Toy.quadrants(50, 1);
        Trainer.train(net, data, TrainOptions.builder().epochs(2).batchSize(10).build());
        Path file = dir.resolve("m.mlnn");
        ModelFile.write(net, file);
        Network back = ModelFile.read(file);
        assertEquals(spec, back.spec());
        assertArrayEquals(net.parameters(), back.parameters());
        assertArrayEquals(net.outputs(data.features(), data.size()), back.outputs(data.features(), data.size()));
        assertArrayEquals(net.predict(data), back.predict(data));
    }

    @Test
    void unknownFilesAreRefusedClearly() throws IOException {
        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        IOException e = assertThrows(IOException.class, () -> ModelFile.read(junk));
        assertEquals(junk + ": not a metaloop model file (wrong magic number)", e.getMessage());

        Network net = Network.create(NetworkSpec.builder(Shape.flat(3)).dense(2).build(), 1);
        Path ok = dir.resolve("ok");
        ModelFile.write(net, ok);
        byte[] bytes = Files.readAllBytes(ok);

        byte[] newer = bytes.clone();
        newer[7] = 9;
        Path future = dir.resolve("future");
        Files.write(future, newer);
        e = assertThrows(IOException.class, () -> ModelFile.read(future));
        assertTrue(e.getMessage().contains("model format version 9 is not supported"), e.getMessage());

        Path cut = dir.resolve("cut");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 2));
        e = assertThrows(IOException.class, () -> ModelFile.read(cut));
        assertEquals(cut + ": model file is truncated", e.getMessage());
    }
}
