package io.metaloop.train.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: an image file (magic {@code 0x00000803},
 * unsigned bytes, n × rows × cols) and a label file (magic {@code 0x00000801}, n unsigned
 * bytes), either of them gzipped or not. Every header field and the file lengths are checked,
 * so a truncated download or a swapped pair of files is reported rather than read as noise.
 */
final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    /** The largest pixel value of unsigned-byte images, used to scale them to [0, 1]. */
    static final float PIXEL_MAX = 255f;

    private IdxReader() {
    }

    /**
     * Reads an image file and its label file.
     *
     * @param classes the number of classes, or 0 to take the largest label + 1
     * @throws DataException for a missing or malformed file, or counts that do not match
     */
    static Dataset read(Path images, Path labels, int classes) {
        return read(images, FileBytes.read(images), labels, classes);
    }

    /** As {@link #read(Path, Path, int)}, with the image file's content already read. */
    static Dataset read(Path images, byte[] img, Path labels, int classes) {
        byte[] lab = FileBytes.read(labels);
        int[] dims = imageHeader(images, img);
        int n = dims[0];
        int[] y = readLabels(labels, lab);
        if (y.length != n) {
            throw new DataException(labels + ": " + y.length + " labels, but " + images + " has " + n
                    + " images; expected one label per image");
        }
        int k = classes;
        if (k == 0) {
            for (int label : y) {
                k = Math.max(k, label + 1);
            }
        } else {
            for (int i = 0; i < y.length; i++) {
                if (y[i] >= k) {
                    throw new DataException(labels + ": label " + y[i] + " of example " + i
                            + " is outside the classes 0.." + (k - 1));
                }
            }
        }
        if (k < 2) {
            throw new DataException(labels + ": every label is 0; classification needs at least 2 classes");
        }
        float[] x = new float[img.length - IMAGES_HEADER];
        for (int i = 0; i < x.length; i++) {
            x[i] = img[IMAGES_HEADER + i] & 0xFF;
        }
        return new Dataset(images.toString(), x, y, new Shape(1, dims[1], dims[2]), k);
    }

    /** Whether {@code content} (decompressed) looks like IDX data rather than text. */
    static boolean looksLikeIdx(byte[] content) {
        return content.length >= 4 && content[0] == 0 && content[1] == 0;
    }

    /**
     * The label file that goes with {@code images} by the MNIST naming convention
     * ({@code X-images-idx3-ubyte[.gz]} → {@code X-labels-idx1-ubyte[.gz]}, or {@code images} →
     * {@code labels} in the name), compressed or not.
     *
     * @throws DataException naming the names tried when none exists
     */
    static Path labelsFor(Path images) {
        List<Path> tried = labelCandidates(images);
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Path p : tried) {
            names.append(names.length() == 0 ? "" : ", ").append(p.getFileName());
        }
        throw new DataException(images + ": no label file given, and none found next to it by the MNIST naming"
                + " convention (tried " + (names.length() == 0 ? "none: the name has no 'images' in it" : names)
                + "); name the label file explicitly");
    }

    private static List<Path> labelCandidates(Path images) {
        String name = images.getFileName().toString();
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        String labels;
        if (base.contains("images-idx3-ubyte")) {
            labels = base.replace("images-idx3-ubyte", "labels-idx1-ubyte");
        } else if (base.contains("images-idx3")) {
            labels = base.replace("images-idx3", "labels-idx1");
        } else if (base.contains("images")) {
            labels = base.replace("images", "labels");
        } else {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        // the same compression as the image file first: that is how the files are published
        String[] suffixes = name.endsWith(".gz") ? new String[] {".gz", ""} : new String[] {"", ".gz"};
        for (String s : suffixes) {
            out.add(images.resolveSibling(labels + s));
        }
        return out;
    }

    /** n, rows, cols of an image file, after checking its magic number and length. */
    static int[] imageHeader(Path file, byte[] b) {
        // the magic number first: a swapped pair of files is the likelier mistake
        checkMagic(file, b, IMAGES_MAGIC, "images");
        if (b.length < IMAGES_HEADER) {
            throw new DataException(file + ": " + b.length + " bytes, too short for an IDX image header ("
                    + IMAGES_HEADER + " bytes)");
        }
        int n = dimension(file, b, 0, "image count");
        int rows = dimension(file, b, 1, "row count");
        int cols = dimension(file, b, 2, "column count");
        long expected = IMAGES_HEADER + (long) n * rows * cols;
        checkLength(file, b, expected, IMAGES_HEADER + " + " + n + " x " + rows + " x " + cols);
        if ((long) n * rows * cols > Integer.MAX_VALUE - 16) {
            throw new DataException(file + ": " + n + " images of " + rows + "x" + cols + " are too many to hold in memory");
        }
        return new int[] {n, rows, cols};
    }

    static int[] readLabels(Path file, byte[] b) {
        // the magic number first: a swapped pair of files is the likelier mistake
        checkMagic(file, b, LABELS_MAGIC, "labels");
        if (b.length < LABELS_HEADER) {
            throw new DataException(file + ": " + b.length + " bytes, too short for an IDX label header ("
                    + LABELS_HEADER + " bytes)");
        }
        int n = dimension(file, b, 0, "label count");
        checkLength(file, b, LABELS_HEADER + (long) n, LABELS_HEADER + " + " + n);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = b[LABELS_HEADER + i] & 0xFF;
        }
        return y;
    }

    private static void checkMagic(Path file, byte[] b, int expected, String what) {
        if (b.length < 4) {
            throw new DataException(file + ": " + b.length + " bytes, too short for an IDX file");
        }
        int magic = readInt(b, 0);
        if (magic != expected) {
            throw new DataException(String.format("%s: wrong IDX magic number 0x%08X, expected 0x%08X (%s)",
                    file, magic, expected, what));
        }
    }

    private static int dimension(Path file, byte[] b, int index, String what) {
        int d = readInt(b, 4 + 4 * index);
        if (d <= 0) {
            throw new DataException(file + ": IDX dimension " + (index + 1) + " (" + what + ") is " + d
                    + ", expected a positive number");
        }
        return d;
    }

    private static void checkLength(Path file, byte[] b, long expected, String formula) {
        if (b.length != expected) {
            throw new DataException(file + ": " + b.length + " bytes of IDX data" + (b.length < expected ? " (truncated?)" : "")
                    + ", expected " + expected + " = " + formula + " from its header");
        }
    }

    // IDX integers are big-endian
    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
