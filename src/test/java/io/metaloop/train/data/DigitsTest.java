package io.metaloop.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DigitsTest {

    // the UCI repository's published class counts of its 1,797-example test set
    private static final int[] CLASS_COUNTS = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};

    @Test
    void theBuiltInDigits() {
        Dataset d = Datasets.digits();
        assertEquals(1797, d.size());
        assertEquals(new Shape(1, 8, 8), d.shape());
        assertEquals(64, d.shape().size());
        assertEquals(10, d.classes());
        assertArrayEquals(CLASS_COUNTS, d.classCounts());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : d.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            assertEquals(Math.rint(v), v, 0f, "pixel counts are integers");
        }
        assertEquals(0f, min);
        assertEquals(16f, max);
        // the first row of the file: a zero
        assertEquals(0, d.labels()[0]);
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0}, java.util.Arrays.copyOf(d.features(), 8));
    }

    @Test
    void loadedByNameWithAFixedStratifiedTestSplit() {
        DataSplits s = Datasets.load("digits", Path.of("."));
        TrainingData t = s.training();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), s.classNames());
        assertEquals(359, s.test().size(), "20% of 1,797, stratified");
        assertEquals(1438, t.train().size() + t.validation().size());
        assertEquals(288, t.validation().size(), "20% of 1,438");
        assertEquals(Normalization.SCALE, t.normalizer().method(), "pixel data is scaled by default");
        for (Dataset d : List.of(t.train(), t.validation(), s.test())) {
            for (float v : d.features()) {
                assertTrue(v >= 0 && v <= 1, d.name() + " value " + v);
            }
        }
        // every class is in the test set in proportion: 20% of 174..183 is 35..37
        for (int c : s.test().classCounts()) {
            assertTrue(c >= 34 && c <= 37, "class count " + c);
        }
        // the test set does not move with the validation seed
        DataSplits other = Datasets.load("digits", Path.of("."), DataOptions.DEFAULTS.withSeed(99));
        assertArrayEquals(s.test().features(), other.test().features());
        assertTrue(s.description().startsWith("digits (built in): train 1150, validation 288"), s.description());
    }
}
