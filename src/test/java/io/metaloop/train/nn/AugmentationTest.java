package io.metaloop.train.nn;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Shape;
import io.metaloop.train.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {

    private static final Shape IMAGE = new Shape(2, 4, 5);

    /** Examples whose every value is distinct, so a moved pixel can be traced. */
    private static float[] batch(int n) {
        float[] b = new float[n * IMAGE.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = i;
        }
        return b;
    }

    /**
     * The example {@code e} of {@code original} as the naive definition moves it: output (c, y, x)
     * shows input (c, clamp(y − dy), mirrored?(clamp(x − dx))).
     */
    private static float[] moved(float[] original, int e, boolean mirror, int dy, int dx) {
        int h = IMAGE.height();
        int w = IMAGE.width();
        float[] out = new float[IMAGE.size()];
        for (int c = 0; c < IMAGE.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sy = Math.max(0, Math.min(h - 1, y - dy));
                    int sx = Math.max(0, Math.min(w - 1, x - dx));
                    if (mirror) {
                        sx = w - 1 - sx;
                    }
                    out[(c * h + y) * w + x] = original[e * IMAGE.size() + (c * h + sy) * w + sx];
                }
            }
        }
        return out;
    }

    /** Which (mirror, dy, dx) of at most {@code shift} turn example {@code e} of {@code original} into that of {@code changed}. */
    private static Set<String> explanations(float[] original, float[] changed, int e, int shift) {
        float[] got = Arrays.copyOfRange(changed, e * IMAGE.size(), (e + 1) * IMAGE.size());
        Set<String> found = new HashSet<>();
        for (boolean mirror : new boolean[]{false, true}) {
            for (int dy = -shift; dy <= shift; dy++) {
                for (int dx = -shift; dx <= shift; dx++) {
                    if (Arrays.equals(got, moved(original, e, mirror, dy, dx))) {
                        found.add(mirror + " " + dy + " " + dx);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void flipMirrorsAboutHalfTheImagesAndLeavesTheOthers() {
        int n = 400;
        float[] original = batch(n);
        float[] b = original.clone();
        new Augmentation(true, 0).apply(b, n, IMAGE, new SplittableRandom(3), new float[IMAGE.size()]);
        int mirrored = 0;
        for (int e = 0; e < n; e++) {
            Set<String> why = explanations(original, b, e, 0);
            assertEquals(1, why.size(), "example " + e + " is itself or its mirror image: " + why);
            mirrored += why.contains("true 0 0") ? 1 : 0;
        }
        assertTrue(mirrored > 150 && mirrored < 250, mirrored + " of " + n + " mirrored");
    }

    @Test
    void shiftMovesEachImageByAtMostShiftPixelsCopyingTheEdge() {
        int n = 300;
        float[] original = batch(n);
        float[] b = original.clone();
        new Augmentation(true, 2).apply(b, n, IMAGE, new SplittableRandom(5), new float[IMAGE.size()]);
        Set<String> seen = new HashSet<>();
        for (int e = 0; e < n; e++) {
            Set<String> why = explanations(original, b, e, 2);
            assertFalse(why.isEmpty(), "example " + e + " is a mirrored and moved copy");
            seen.addAll(why);
        }
        // every combination of 2 x 5 x 5 occurs in 300 draws (each with chance 1/50)
        assertEquals(50, seen.size(), seen.toString());
    }

    @Test
    void noneChangesNothingAndDrawsNothing() {
        float[] original = batch(3);
        float[] b = original.clone();
        SplittableRandom random = new SplittableRandom(1);
        Augmentation.NONE.apply(b, 3, IMAGE, random, new float[IMAGE.size()]);
        assertArrayEquals(original, b);
        assertEquals(new SplittableRandom(1).nextLong(), random.nextLong());
    }

    @Test
    void refusesFlatDataAndShiftsAsLargeAsTheImage() {
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> new Augmentation(true, 0).check(Shape.flat(6)));
        assertTrue(flat.getMessage().contains("needs image data"), flat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(false, 4).check(IMAGE));
        new Augmentation(false, 3).check(IMAGE);
        Augmentation.NONE.check(Shape.flat(6));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(false, -1));
    }

    @Test
    void trainerAugmentsTrainingBatchesOnlyWhenAsked() {
        NetworkSpec spec = NetworkSpec.builder(new Shape(1, 8, 8)).conv(4, 3, 1).relu().maxPool(2).dense(4).build();
        Dataset train = Toy.quadrants(400, 5);
        TrainOptions.Builder b = TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01)).batchSize(16).epochs(2).seed(2);
        float[] plain = train(spec, train, b.build());
        float[] again = train(spec, train, b.augmentation(Augmentation.NONE).build());
        float[] flipped = train(spec, train, b.augmentation(new Augmentation(true, 0)).build());
        assertArrayEquals(plain, again);
        assertFalse(Arrays.equals(plain, flipped), "mirrored batches give other weights");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(
                Network.create(NetworkSpec.builder(Shape.flat(6)).dense(3).build(), 1), Toy.blobs(30, 6, 1),
                b.build()));
        assertTrue(e.getMessage().contains("needs image data"), e.getMessage());
    }

    private static float[] train(NetworkSpec spec, Dataset data, TrainOptions options) {
        Network net = Network.create(spec, 1);
        Trainer.train(net, data, options);
        return net.parameters();
    }
}
