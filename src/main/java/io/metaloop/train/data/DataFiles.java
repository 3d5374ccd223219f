package io.metaloop.train.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one data file of either format, recognised by its content (IDX files start with two
 * zero bytes, text never does), and codes its labels.
 */
final class DataFiles {

    /**
     * A data file as read, before splitting and normalisation.
     *
     * @param data         the examples, raw values
     * @param classNames   the class names, by index
     * @param featureNames the CSV feature columns, or null for images
     * @param valueMax     the largest value the format allows, or NaN when it does not say
     */
    record Loaded(Dataset data, List<String> classNames, List<String> featureNames, float valueMax) {
    }

    private DataFiles() {
    }

    /**
     * Reads {@code file}.
     *
     * @param classNames the training classes to code labels with, or null to take them from
     *                   this file
     */
    static Loaded read(DataFile file, String labelColumn, List<String> classNames) {
        Path path = file.path();
        byte[] content = FileBytes.read(path);
        if (IdxReader.looksLikeIdx(content)) {
            Path labels = file.labels() != null ? file.labels() : IdxReader.labelsFor(path);
            Dataset d = IdxReader.read(path, content, labels, classNames == null ? 0 : classNames.size());
            return new Loaded(d, classNames != null ? classNames : numbered(d.classes()), null, IdxReader.PIXEL_MAX);
        }
        if (file.labels() != null) {
            throw new DataException(path + ": a label file (" + file.labels() + ") is given, but this is not an IDX"
                    + " image file (IDX data starts with two zero bytes); CSV files hold their labels in a column");
        }
        return csv(path.toString(), content, null, labelColumn, classNames);
    }

    /** Reads a CSV table and codes its labels; {@code header} as in {@link CsvReader#parse}. */
    static Loaded csv(String name, byte[] content, List<String> header, String labelColumn, List<String> classNames) {
        CsvReader.Table t = CsvReader.parse(name, content, header, labelColumn);
        List<String> names = classNames != null ? classNames : LabelCoding.classNames(t.labels());
        if (names.size() < 2) {
            throw new DataException(name + ": every label in column " + t.labelColumn() + " (\"" + labelColumn
                    + "\") is \"" + names.get(0) + "\"; classification needs at least 2 classes");
        }
        int[] y = LabelCoding.indices(t, names);
        Dataset d = new Dataset(name, t.features(), y, Shape.flat(t.featureNames().size()), names.size());
        return new Loaded(d, names, t.featureNames(), Float.NaN);
    }

    /**
     * What other files must share with a training file: the shape of an example and, for CSV,
     * the feature columns.
     *
     * @param name         the training file, for messages
     * @param shape        the shape of one example
     * @param featureNames the CSV feature columns, or null for images
     */
    record Form(String name, Shape shape, List<String> featureNames) {

        static Form of(Loaded train) {
            return new Form(train.data().name(), train.data().shape(), train.featureNames());
        }

        /** Fails unless {@code other} has examples of this form. */
        void require(Loaded other) {
            if (!other.data().shape().equals(shape)) {
                throw new DataException(other.data().name() + ": examples of " + form(other.data().shape())
                        + ", expected " + form(shape) + " as in " + name);
            }
            if (featureNames != null && other.featureNames() != null && !featureNames.equals(other.featureNames())) {
                throw new DataException(other.data().name() + ": feature columns " + other.featureNames()
                        + " differ from those of " + name + " " + featureNames);
            }
        }
    }

    private static String form(Shape s) {
        return s.channels() == 1 && s.height() == 1 ? s.width() + " features"
                : s.channels() + "x" + s.height() + "x" + s.width();
    }

    static List<String> numbered(int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        return List.copyOf(names);
    }
}
