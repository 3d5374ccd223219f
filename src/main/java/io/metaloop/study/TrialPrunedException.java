package io.metaloop.study;

/** Thrown by an objective (usually after {@link Trial#shouldPrune()}) to end a trial as PRUNED. */
public class TrialPrunedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialPrunedException() {
        super("pruned", null, false, false);
    }
}
