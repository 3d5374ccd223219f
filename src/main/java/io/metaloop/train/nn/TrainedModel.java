package io.metaloop.train.nn;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Normalizer;

import java.util.List;
import java.util.Objects;

/**
 * A network together with what predicting on raw data needs: the normaliser fitted on its
 * training data and the class names by output index. {@link ModelFile} stores all three.
 *
 * @param network    the trained network
 * @param normalizer the normaliser to apply to raw features, or null when the data needs none
 * @param classNames the class of each output, or an empty list when unknown
 */
public record TrainedModel(Network network, Normalizer normalizer, List<String> classNames) {

    public TrainedModel {
        Objects.requireNonNull(network, "network");
        classNames = List.copyOf(classNames);
        if (normalizer != null && normalizer.features() != network.spec().input().size()) {
            throw new IllegalArgumentException("the normaliser has " + normalizer.features()
                    + " features but the network's input has " + network.spec().input().size());
        }
    }

    /**
     * The predicted class index of every example of {@code raw}, data as read from a file
     * (not normalised); examples of another shape with the same number of values are read in
     * the network's input shape, so a CSV row of 64 pixels feeds an 8×8 network.
     */
    public int[] predict(Dataset raw) {
        Dataset d = normalizer == null ? raw : normalizer.apply(raw);
        if (!d.shape().equals(network.spec().input()) && d.shape().size() == network.spec().input().size()) {
            d = new Dataset(d.name(), d.features(), d.labels(), network.spec().input(), d.classes());
        }
        return network.predict(d);
    }

    /** The name of class {@code index}, or the index itself when names are unknown. */
    public String className(int index) {
        return index < classNames.size() ? classNames.get(index) : Integer.toString(index);
    }
}
