package io.metaloop.train.nn;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mirror-averaged prediction, checked against the same network's outputs on mirror images made here. */
class MirrorAveragedTest {

    /** Two channels and an odd width, so a channel mix-up or a moved middle column would show. */
    private static final Shape IMAGE = new Shape(2, 4, 5);

    @TempDir
    Path dir;

    private static NetworkSpec plain() {
        return NetworkSpec.builder(IMAGE).conv(3, 3, 1).relu().maxPool(2).batchNorm().flatten().dense(4).build();
    }

    private static float[] images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * IMAGE.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    /** Each image's mirror image, indexed pixel by pixel. */
    private static float[] mirrored(float[] x, int n) {
        int h = IMAGE.height();
        int w = IMAGE.width();
        float[] m = new float[x.length];
        for (int e = 0; e < n; e++) {
            for (int c = 0; c < IMAGE.channels(); c++) {
                for (int y = 0; y < h; y++) {
                    for (int col = 0; col < w; col++) {
                        int at = e * IMAGE.size() + c * h * w + y * w;
                        m[at + col] = x[at + w - 1 - col];
                    }
                }
            }
        }
        return m;
    }

    @Test
    void outputsAreTheMeanOfTheOutputsOnEachImageAndOnItsMirrorImage() {
        Network net = Network.create(plain(), 7);
        Network averaged = Network.of(plain().withMirrorAveraged(true), net.parameters(), 0);
        int n = Network.CHUNK + 9; // across a chunk boundary
        float[] x = images(n, 1);
        float[] asIs = net.outputs(x, n);
        float[] ofMirror = net.outputs(mirrored(x, n), n);
        float[] got = averaged.outputs(x, n);
        double largestDifference = 0;
        for (int i = 0; i < got.length; i++) {
            assertEquals((asIs[i] + ofMirror[i]) / 2, got[i], 1e-5, "output " + i);
            largestDifference = Math.max(largestDifference, Math.abs(asIs[i] - ofMirror[i]));
        }
        assertTrue(largestDifference > 0.01, "the network should not be symmetric already: " + largestDifference);
        assertArrayEquals(got, averaged.outputs(mirrored(x, n), n), 1e-5f, "an image and its mirror image predict alike");
    }

    @Test
    void evaluationAndPredictionUseTheAverage() {
        NetworkSpec spec = NetworkSpec.builder(new Shape(1, 8, 8)).conv(2, 3, 1).relu().flatten().dense(4).build();
        Dataset data = Toy.quadrants(300, 3);
        Network net = Network.create(spec, 5);
        Trainer.train(net, data, TrainOptions.builder().epochs(1).batchSize(20).build());
        Network averaged = Network.of(spec.withMirrorAveraged(true), net.parameters(), 0);

        float[] asIs = net.outputs(data.features(), data.size());
        float[] ofMirror = net.outputs(mirroredQuadrants(data), data.size());
        int correct = 0;
        int[] predicted = averaged.predict(data);
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            for (int j = 1; j < 4; j++) {
                if (asIs[i * 4 + j] + ofMirror[i * 4 + j] > asIs[i * 4 + best] + ofMirror[i * 4 + best]) {
                    best = j;
                }
            }
            assertEquals(best, predicted[i], "example " + i);
            correct += best == data.labels()[i] ? 1 : 0;
        }
        assertEquals((double) correct / data.size(), averaged.evaluate(data).accuracy(), 1e-12);
        // quadrant labels change under mirroring, so averaging must cost this network accuracy
        assertTrue(averaged.evaluate(data).accuracy() < net.evaluate(data).accuracy());
    }

    private static float[] mirroredQuadrants(Dataset d) {
        float[] m = new float[d.features().length];
        for (int i = 0; i < m.length; i++) {
            int col = i % 8;
            m[i] = d.features()[i - col + 7 - col];
        }
        return m;
    }

    @Test
    void flatExamplesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder(Shape.flat(6)).dense(2).mirrorAveraged(true).build());
        assertEquals("mirror-averaged prediction needs image data, got flat examples of 6 features", e.getMessage());
    }

    @Test
    void describedAndKeptByModelFiles() throws IOException {
        NetworkSpec spec = plain().withMirrorAveraged(true);
        assertTrue(spec.describe().endsWith(" (mirror-averaged)"), spec.describe());
        assertFalse(plain().describe().contains("mirror"), plain().describe());
        Network net = Network.create(spec, 2);
        Path file = dir.resolve("m.mlnn");
        ModelFile.write(net, file);
        Network back = ModelFile.read(file);
        assertEquals(spec, back.spec());
        float[] x = images(5, 4);
        assertArrayEquals(net.outputs(x, 5), back.outputs(x, 5));
    }

    @Test
    void aVersion2FileLoadsPredictingFromTheImagesAlone() throws IOException {
        Network net = Network.create(NetworkSpec.builder(Shape.flat(3)).dense(2).build(), 1);
        Path file = dir.resolve("v3");
        ModelFile.write(net, file);
        byte[] v3 = Files.readAllBytes(file);
        // after the flag: 8 parameters (count and floats), no normaliser (a flag), no class names (a count)
        int flag = v3.length - (4 + 8 * 4 + 1 + 4) - 1;
        assertEquals(0, v3[flag]);
        byte[] v2 = new byte[v3.length - 1];
        System.arraycopy(v3, 0, v2, 0, flag);
        System.arraycopy(v3, flag + 1, v2, flag, v3.length - flag - 1);
        v2[7] = 2;
        Path old = dir.resolve("v2");
        Files.write(old, v2);
        Network back = ModelFile.read(old);
        assertEquals(net.spec(), back.spec());
        assertArrayEquals(net.parameters(), back.parameters());
    }
}
