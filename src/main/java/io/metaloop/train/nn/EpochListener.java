package io.metaloop.train.nn;

/** Called after every epoch; an objective reports the value to its trial here and may stop the run. */
@FunctionalInterface
public interface EpochListener {

    /** Does nothing and never stops. */
    EpochListener NONE = report -> true;

    /** Receives the epoch's figures; returning false stops training after this epoch. */
    boolean onEpoch(EpochReport report);
}
