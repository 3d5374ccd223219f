package io.metaloop.study;

/**
 * How {@link Study#optimize} runs: the number of trials run at once by this process, and a
 * listener told of every trial this process finishes.
 *
 * @param jobs     threads running trials concurrently, at least 1
 * @param listener told of each finished trial, from the thread that ran it
 */
public record OptimizeOptions(int jobs, OptimizeListener listener) {

    public OptimizeOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        if (listener == null) {
            listener = (study, trial) -> { };
        }
    }

    /** One job, no listener. */
    public static OptimizeOptions defaults() {
        return new OptimizeOptions(1, null);
    }

    /** These options with {@code n} jobs. */
    public OptimizeOptions withJobs(int n) {
        return new OptimizeOptions(n, listener);
    }

    /** These options with a listener. */
    public OptimizeOptions withListener(OptimizeListener l) {
        return new OptimizeOptions(jobs, l);
    }

    /** Told of each trial a study's optimize loop finishes. */
    @FunctionalInterface
    public interface OptimizeListener {
        void trialFinished(Study study, FrozenTrial trial);
    }
}
