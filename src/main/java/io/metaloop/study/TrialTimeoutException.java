package io.metaloop.study;

/**
 * Thrown by an objective that stopped because its trial ran past its time limit
 * ({@link Study.Builder#trialTimeout}); usually through {@link Trial#checkTimeout()}. The trial
 * ends FAIL with the reason {@value SystemAttrs#REASON_TIMEOUT}; it counts towards the trial
 * budget and is not run again.
 */
public class TrialTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialTimeoutException() {
        super(SystemAttrs.REASON_TIMEOUT, null, false, false);
    }
}
