package io.metaloop.train.nn;

/**
 * What one epoch of training produced.
 *
 * @param epoch              the epoch, from 1
 * @param trainLoss          the mean training loss over the epoch's steps (without penalties)
 * @param validationAccuracy accuracy on the validation data, or NaN without validation data
 * @param validationLoss     mean loss on the validation data, or NaN
 * @param seconds            training time so far, without evaluation
 */
public record EpochReport(int epoch, double trainLoss, double validationAccuracy, double validationLoss,
                          double seconds) {
}
