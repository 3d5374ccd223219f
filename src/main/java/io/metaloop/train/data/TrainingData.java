package io.metaloop.train.data;

import java.util.List;
import java.util.Objects;

/**
 * What a search may see: the examples to fit on and the examples to score on, normalised with
 * statistics of {@code train} alone. There is deliberately no way from here to the test set;
 * hand a search objective this, never a {@link DataSplits}.
 *
 * @param train      the examples the model is fitted on
 * @param validation the examples it is scored on during a search (empty when the validation
 *                   fraction is 0)
 * @param classNames the name of each class, by index
 * @param normalizer the normalisation fitted on {@code train}, to store with a model
 */
public record TrainingData(Dataset train, Dataset validation, List<String> classNames, Normalizer normalizer) {

    public TrainingData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(normalizer, "normalizer");
        classNames = List.copyOf(classNames);
        if (classNames.size() != train.classes() || validation.classes() != train.classes()) {
            throw new IllegalArgumentException(train.name() + ": " + classNames.size() + " class names, "
                    + train.classes() + " training classes, " + validation.classes() + " validation classes");
        }
        if (!validation.shape().equals(train.shape())) {
            throw new IllegalArgumentException(validation.name() + ": shape " + validation.shape()
                    + " differs from the training shape " + train.shape());
        }
    }

    /** The shape of one example. */
    public Shape shape() {
        return train.shape();
    }

    /** The number of classes. */
    public int classes() {
        return train.classes();
    }
}
