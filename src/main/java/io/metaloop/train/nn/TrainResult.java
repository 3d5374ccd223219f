package io.metaloop.train.nn;

import java.util.List;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param epochs    every finished epoch's report, in order (empty when stopped during the first)
 * @param bestEpoch the epoch whose weights the network holds at the end (the last one without
 *                  validation data), or 0 when no epoch finished
 * @param stopped   why training ended before the last epoch, or {@code null} if it ran them all
 * @param seconds   training time without evaluation, a last unfinished epoch included
 */
public record TrainResult(List<EpochReport> epochs, int bestEpoch, String stopped, double seconds) {

    public TrainResult {
        epochs = List.copyOf(epochs);
        if (bestEpoch < 0 || bestEpoch > epochs.size() || bestEpoch == 0 && !epochs.isEmpty()) {
            throw new IllegalArgumentException("best epoch " + bestEpoch + " of " + epochs.size());
        }
    }

    /**
     * The report of the epoch whose weights were kept.
     *
     * @throws IllegalStateException when training stopped before its first epoch ended
     */
    public EpochReport best() {
        return epoch(bestEpoch);
    }

    /**
     * The report of the last finished epoch.
     *
     * @throws IllegalStateException when training stopped before its first epoch ended
     */
    public EpochReport last() {
        return epoch(epochs.size());
    }

    private EpochReport epoch(int number) {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("training stopped before its first epoch ended: " + stopped);
        }
        return epochs.get(number - 1);
    }
}
