package io.metaloop.train.data;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A loaded data set in its three parts: training and validation examples, which a search may
 * use, and the held-out test set, which it must never see.
 *
 * <p>Give a search objective {@link #training()} only: a {@link TrainingData} has no route to
 * the test examples. {@link #test()} is a separate, explicit call for the final evaluation of
 * a chosen configuration ({@code metaloop train}); where the test set is a file of its own
 * (Fashion-MNIST's {@code t10k} files, a test file option) it is not even read before that call.
 */
public final class DataSplits {

    private final TrainingData training;
    private final Supplier<Dataset> rawTest;
    private final String description;
    private Dataset test;

    /** {@code rawTest} must give a data set of its own: it is normalised in place. */
    DataSplits(TrainingData training, Supplier<Dataset> rawTest, String description) {
        this.training = Objects.requireNonNull(training, "training");
        this.rawTest = Objects.requireNonNull(rawTest, "rawTest");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** The training and validation parts: everything a search may see. */
    public TrainingData training() {
        return training;
    }

    /**
     * The held-out test set, normalised with the training statistics. Only for reporting the
     * final result of a chosen configuration; never call it from a search or use it to choose.
     *
     * @throws DataException when a separate test file is missing or malformed
     */
    public synchronized Dataset test() {
        if (test == null) {
            test = training.normalizer().applyInPlace(rawTest.get());
        }
        return test;
    }

    /** The class names, by index. */
    public List<String> classNames() {
        return training.classNames();
    }

    /** The shape of one example. */
    public Shape shape() {
        return training.shape();
    }

    /** The number of classes. */
    public int classes() {
        return training.classes();
    }

    /**
     * Where the parts came from and how they were split and normalised, in one line for
     * logs and trial attributes.
     */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
