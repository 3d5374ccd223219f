package io.metaloop.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTrip(boolean gzip) {
        byte[][] s = IdxFixtures.sample(30, 4, 3, 5);
        String gz = gzip ? ".gz" : "";
        Path images = IdxFixtures.write(dir.resolve("x-images-idx3-ubyte" + gz), IdxFixtures.images(30, 4, 3, s[0]), gzip);
        Path labels = IdxFixtures.write(dir.resolve("x-labels-idx1-ubyte" + gz), IdxFixtures.labels(s[1]), gzip);

        Dataset d = IdxReader.read(images, labels, 0);

        assertEquals(30, d.size());
        assertEquals(new Shape(1, 4, 3), d.shape());
        assertEquals(5, d.classes());
        for (int i = 0; i < s[0].length; i++) {
            assertEquals(s[0][i] & 0xFF, d.features()[i], 0f, "pixel " + i);
        }
        for (int i = 0; i < 30; i++) {
            assertEquals(i % 5, d.labels()[i]);
        }
        assertEquals(labels, IdxReader.labelsFor(images), "the label file is found by the MNIST convention");
    }

    @Test
    void compressionIsRecognisedByContentNotName() {
        byte[][] s = IdxFixtures.sample(6, 2, 2, 2);
        // a plain file called .gz and a gzipped file without .gz
        Path images = IdxFixtures.write(dir.resolve("a-images-idx3-ubyte.gz"), IdxFixtures.images(6, 2, 2, s[0]), false);
        Path labels = IdxFixtures.write(dir.resolve("labels.bin"), IdxFixtures.labels(s[1]), true);
        Dataset d = IdxReader.read(images, labels, 0);
        assertEquals(6, d.size());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, d.labels());
    }

    @Test
    void wrongImageMagicNumber() {
        byte[][] s = IdxFixtures.sample(2, 2, 2, 2);
        Path images = IdxFixtures.write(dir.resolve("train-images-idx3-ubyte.gz"),
                IdxFixtures.images(0x00000802, 2, 2, 2, s[0]), true);
        Path labels = IdxFixtures.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFixtures.labels(s[1]), true);
        String m = assertThrows(DataException.class, () -> IdxReader.read(images, labels, 0)).getMessage();
        assertEquals(images + ": wrong IDX magic number 0x00000802, expected 0x00000803 (images)", m);
        assertTrue(m.contains("train-images-idx3-ubyte.gz: wrong IDX magic number 0x00000802, expected 0x00000803 (images)"));
    }

    @Test
    void swappedFilesAreCaughtByTheirMagicNumbers() {
        byte[][] s = IdxFixtures.sample(2, 2, 2, 2);
        Path images = IdxFixtures.write(dir.resolve("i"), IdxFixtures.images(2, 2, 2, s[0]), false);
        Path labels = IdxFixtures.write(dir.resolve("l"), IdxFixtures.labels(s[1]), false);
        String m = assertThrows(DataException.class, () -> IdxReader.read(labels, images, 0)).getMessage();
        assertTrue(m.startsWith(labels + ": wrong IDX magic number 0x00000801, expected 0x00000803 (images)"), m);
        Path images2 = IdxFixtures.write(dir.resolve("i2"), IdxFixtures.images(2, 2, 2, s[0]), false);
        m = assertThrows(DataException.class, () -> IdxReader.read(images2, images, 0)).getMessage();
        assertEquals(images + ": wrong IDX magic number 0x00000803, expected 0x00000801 (labels)", m);
    }

    @Test
    void badDimension() {
        Path images = IdxFixtures.write(dir.resolve("i"), IdxFixtures.images(3, 0, 2, new byte[0]), false);
        Path labels = IdxFixtures.write(dir.resolve("l"), IdxFixtures.labels(new byte[] {0, 1, 0}), false);
        String m = assertThrows(DataException.class, () -> IdxReader.read(images, labels, 0)).getMessage();
        assertEquals(images + ": IDX dimension 2 (row count) is 0, expected a positive number", m);
    }

    @Test
    void truncatedAndOverlongFiles() {
        Path labels = IdxFixtures.write(dir.resolve("l"), IdxFixtures.labels(new byte[] {0, 1, 0}), false);
        Path shortFile = IdxFixtures.write(dir.resolve("short.gz"), IdxFixtures.images(3, 2, 2, new byte[11]), true);
        String m = assertThrows(DataException.class, () -> IdxReader.read(shortFile, labels, 0)).getMessage();
        assertEquals(shortFile + ": 27 bytes of IDX data (truncated?), expected 28 = 16 + 3 x 2 x 2 from its header", m);

        Path longFile = IdxFixtures.write(dir.resolve("long"), IdxFixtures.images(3, 2, 2, new byte[13]), false);
        m = assertThrows(DataException.class, () -> IdxReader.read(longFile, labels, 0)).getMessage();
        assertEquals(longFile + ": 29 bytes of IDX data, expected 28 = 16 + 3 x 2 x 2 from its header", m);

        Path header = IdxFixtures.write(dir.resolve("header"), new byte[] {0, 0, 8, 3, 0, 0}, false);
        m = assertThrows(DataException.class, () -> IdxReader.read(header, labels, 0)).getMessage();
        assertEquals(header + ": 6 bytes, too short for an IDX image header (16 bytes)", m);

        Path images = IdxFixtures.write(dir.resolve("i"), IdxFixtures.images(3, 2, 2, new byte[12]), false);
        Path shortLabels = IdxFixtures.write(dir.resolve("l2"),
                IdxFixtures.labels(IdxReader.LABELS_MAGIC, 3, new byte[] {0, 1}), false);
        m = assertThrows(DataException.class, () -> IdxReader.read(images, shortLabels, 0)).getMessage();
        assertEquals(shortLabels + ": 10 bytes of IDX data (truncated?), expected 11 = 8 + 3 from its header", m);
    }

    @Test
    void truncatedGzip() throws IOException {
        Path good = IdxFixtures.write(dir.resolve("g.gz"), IdxFixtures.images(3, 2, 2, new byte[12]), true);
        byte[] gz = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));
        Path labels = IdxFixtures.write(dir.resolve("l"), IdxFixtures.labels(new byte[] {0, 1, 0}), false);
        String m = assertThrows(DataException.class, () -> IdxReader.read(cut, labels, 0)).getMessage();
        assertTrue(m.startsWith(cut + ": truncated gzip data"), m);
    }

    @Test
    void imageAndLabelCountsMustMatch() {
        Path images = IdxFixtures.write(dir.resolve("i"), IdxFixtures.images(3, 2, 2, new byte[12]), false);
        Path labels = IdxFixtures.write(dir.resolve("l"), IdxFixtures.labels(new byte[] {0, 1}), false);
        String m = assertThrows(DataException.class, () -> IdxReader.read(images, labels, 0)).getMessage();
        assertEquals(labels + ": 2 labels, but " + images + " has 3 images; expected one label per image", m);
    }

    @Test
    void labelsOutsideTheKnownClasses() {
        Path images = IdxFixtures.write(dir.resolve("i"), IdxFixtures.images(3, 2, 2, new byte[12]), false);
        Path labels = IdxFixtures.write(dir.resolve("l"), IdxFixtures.labels(new byte[] {0, 1, 7}), false);
        String m = assertThrows(DataException.class, () -> IdxReader.read(images, labels, 5)).getMessage();
        assertEquals(labels + ": label 7 of example 2 is outside the classes 0..4", m);
        Path zeros = IdxFixtures.write(dir.resolve("z"), IdxFixtures.labels(new byte[] {0, 0, 0}), false);
        m = assertThrows(DataException.class, () -> IdxReader.read(images, zeros, 0)).getMessage();
        assertTrue(m.startsWith(zeros + ": every label is 0"), m);
    }

    @Test
    void missingFiles() throws IOException {
        Path images = IdxFixtures.write(dir.resolve("x-images-idx3-ubyte"), IdxFixtures.images(3, 2, 2, new byte[12]), false);
        String m = assertThrows(DataException.class, () -> IdxReader.labelsFor(images)).getMessage();
        assertEquals(images + ": no label file given, and none found next to it by the MNIST naming convention"
                + " (tried x-labels-idx1-ubyte, x-labels-idx1-ubyte.gz); name the label file explicitly", m);
        Path nowhere = dir.resolve("nowhere");
        m = assertThrows(DataException.class, () -> IdxReader.read(images, nowhere, 0)).getMessage();
        assertEquals(nowhere + ": no such file", m);
        m = assertThrows(DataException.class, () -> IdxReader.read(dir, nowhere, 0)).getMessage();
        assertEquals(dir + ": is a directory, expected a file", m);
    }
}
