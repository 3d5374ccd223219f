package io.metaloop.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Reads the real Fashion-MNIST files installed by Debian's dataset-fashion-mnist. Not skipped
 * when the package is missing: it then fails with the message that says how to install it.
 */
class FashionMnistTest {

    @Test
    void debianFilesLoadWithTheirCounts() {
        DataSplits s = Datasets.load("fashion-mnist", Path.of("."), DataOptions.DEFAULTS.withValidationFraction(0));
        assertEquals(60_000, s.training().train().size());
        assertEquals(new Shape(1, 28, 28), s.shape());
        assertEquals(10, s.classes());
        assertEquals(Datasets.FASHION_MNIST_CLASSES, s.classNames());
        for (int c : s.training().train().classCounts()) {
            assertEquals(6_000, c);
        }
        Dataset test = s.test();
        assertEquals(10_000, test.size());
        assertEquals(new Shape(1, 28, 28), test.shape());
        for (int c : test.classCounts()) {
            assertEquals(1_000, c);
        }
        float max = 0;
        for (float v : test.features()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, "scaled by 255");
    }
}
