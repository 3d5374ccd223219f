package io.metaloop.train.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One data file named by the user: a CSV table, or an IDX image file with its label file
 * (given, or found next to it by the MNIST naming convention when {@code labels} is null).
 *
 * @param path   the CSV or IDX image file
 * @param labels the IDX label file, or null
 */
public record DataFile(Path path, Path labels) {

    public DataFile {
        Objects.requireNonNull(path, "path");
    }

    /** A CSV file, or an IDX image file whose label file is found by convention. */
    public static DataFile of(Path path) {
        return new DataFile(path, null);
    }

    /** This file with relative paths resolved against {@code baseDir}. */
    public DataFile resolve(Path baseDir) {
        return new DataFile(baseDir.resolve(path).normalize(), labels == null ? null : baseDir.resolve(labels).normalize());
    }
}
