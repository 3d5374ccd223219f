package io.metaloop.train.data;

import java.nio.file.Path;

/**
 * How {@link Datasets#load} reads and splits a data set. Use {@link #DEFAULTS} and the
 * {@code with…} methods; relative paths are resolved against the base directory given to
 * {@code load} (a study file's directory).
 *
 * @param labelColumn        the CSV column holding the labels ({@code label})
 * @param labels             the IDX label file of the training images, or null to find it by
 *                           convention
 * @param validation         a validation file, or null to hold out {@code validationFraction}
 *                           of the training part
 * @param test               a test file, or null for the data set's own (Fashion-MNIST's
 *                           {@code t10k} files, an IDX {@code t10k-} sibling of a {@code train-}
 *                           file) or else a held-out {@code testFraction} of the data
 * @param validationFraction the share of the training part held out for validation, in [0, 1)
 *                           (0.2); 0 gives an empty validation set, for a final retraining
 * @param testFraction       the share held out for testing when there is no test file, in
 *                           (0, 1) (0.2)
 * @param seed               the seed of the validation split (0)
 * @param testSeed           the seed of the test split (1); kept apart from {@code seed} so
 *                           that changing the validation split never moves the test set
 * @param normalization      how features are rescaled ({@link Normalization#AUTO})
 */
public record DataOptions(String labelColumn, Path labels, DataFile validation, DataFile test,
                          double validationFraction, double testFraction, long seed, long testSeed,
                          Normalization normalization) {

    /** The default label column. */
    public static final String LABEL = "label";
    /** The default validation fraction. */
    public static final double VALIDATION_FRACTION = 0.2;
    /** The default test fraction. */
    public static final double TEST_FRACTION = 0.2;
    /** The default test seed. */
    public static final long TEST_SEED = 1;

    /** The defaults described above. */
    public static final DataOptions DEFAULTS = new DataOptions(LABEL, null, null, null, VALIDATION_FRACTION,
            TEST_FRACTION, 0, TEST_SEED, Normalization.AUTO);

    public DataOptions {
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new IllegalArgumentException("the label column needs a name");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        if (normalization == null) {
            throw new IllegalArgumentException("normalization must not be null");
        }
    }

    public DataOptions withLabelColumn(String name) {
        return new DataOptions(name, labels, validation, test, validationFraction, testFraction, seed, testSeed,
                normalization);
    }

    public DataOptions withLabels(Path file) {
        return new DataOptions(labelColumn, file, validation, test, validationFraction, testFraction, seed, testSeed,
                normalization);
    }

    public DataOptions withValidation(DataFile file) {
        return new DataOptions(labelColumn, labels, file, test, validationFraction, testFraction, seed, testSeed,
                normalization);
    }

    public DataOptions withTest(DataFile file) {
        return new DataOptions(labelColumn, labels, validation, file, validationFraction, testFraction, seed, testSeed,
                normalization);
    }

    public DataOptions withValidationFraction(double fraction) {
        return new DataOptions(labelColumn, labels, validation, test, fraction, testFraction, seed, testSeed,
                normalization);
    }

    public DataOptions withTestFraction(double fraction) {
        return new DataOptions(labelColumn, labels, validation, test, validationFraction, fraction, seed, testSeed,
                normalization);
    }

    public DataOptions withSeed(long s) {
        return new DataOptions(labelColumn, labels, validation, test, validationFraction, testFraction, s, testSeed,
                normalization);
    }

    public DataOptions withTestSeed(long s) {
        return new DataOptions(labelColumn, labels, validation, test, validationFraction, testFraction, seed, s,
                normalization);
    }

    public DataOptions withNormalization(Normalization n) {
        return new DataOptions(labelColumn, labels, validation, test, validationFraction, testFraction, seed, testSeed,
                n);
    }
}
