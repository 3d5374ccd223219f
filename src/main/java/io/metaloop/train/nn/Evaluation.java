package io.metaloop.train.nn;

/**
 * Metrics of a network on a data set.
 *
 * @param accuracy the fraction of examples whose largest output is the label
 * @param loss     the mean loss (without weight penalties)
 * @param examples the number of examples evaluated
 */
public record Evaluation(double accuracy, double loss, int examples) {
}
