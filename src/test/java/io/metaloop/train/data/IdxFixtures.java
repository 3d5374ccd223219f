package io.metaloop.train.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, correct or deliberately broken. */
final class IdxFixtures {

    private IdxFixtures() {
    }

    /** The bytes of an image file: magic, n, rows, cols, then the pixels. */
    static byte[] images(int magic, int n, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length); // big-endian, as IDX
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    static byte[] images(int n, int rows, int cols, byte[] pixels) {
        return images(IdxReader.IMAGES_MAGIC, n, rows, cols, pixels);
    }

    /** The bytes of a label file: magic, n, then the labels. */
    static byte[] labels(int magic, int n, byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(n).put(labels);
        return b.array();
    }

    static byte[] labels(byte[] labels) {
        return labels(IdxReader.LABELS_MAGIC, labels.length, labels);
    }

    /** n pseudo-random images whose pixels cover 0..255, and labels cycling through {@code classes}. */
    static byte[][] sample(int n, int rows, int cols, int classes) {
        byte[] px = new byte[n * rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37 + i / 7);
        }
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (i % classes);
        }
        return new byte[][] {px, y};
    }

    static Path write(Path file, byte[] content, boolean gzip) {
        try {
            if (gzip) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                    z.write(content);
                }
                content = out.toByteArray();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code prefix-images-idx3-ubyte} and {@code prefix-labels-idx1-ubyte} (+ .gz) in {@code dir}. */
    static Path writePair(Path dir, String prefix, int n, int rows, int cols, int classes, boolean gzip) {
        byte[][] s = sample(n, rows, cols, classes);
        String gz = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + gz), labels(s[1]), gzip);
        return write(dir.resolve(prefix + "-images-idx3-ubyte" + gz), images(n, rows, cols, s[0]), gzip);
    }
}
