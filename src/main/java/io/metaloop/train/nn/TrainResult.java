package io.metaloop.train.nn;

import java.util.List;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param epochs    every epoch's report, in order
 * @param bestEpoch the epoch whose weights the network holds at the end (the last one without validation data)
 * @param stopped   why training ended before the last epoch, or {@code null} if it ran them all
 */
public record TrainResult(List<EpochReport> epochs, int bestEpoch, String stopped) {

    public TrainResult {
        epochs = List.copyOf(epochs);
    }

    /** The report of the epoch whose weights were kept. */
    public EpochReport best() {
        return epochs.get(bestEpoch - 1);
    }

    /** The report of the last epoch run. */
    public EpochReport last() {
        return epochs.get(epochs.size() - 1);
    }
}
