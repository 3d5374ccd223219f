package io.metaloop.study;

/**
 * Thrown by an objective that refuses a proposal before evaluating it (a network over the
 * parameter budget, say): the trial FAILs with the message alone as its reason, since the
 * message is the whole story and an exception type would only clutter it.
 */
public class TrialRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A rejection whose reason starts with {@code rejected: }. */
    public TrialRejectedException(String why) {
        super("rejected: " + why, null, false, false);
    }
}
