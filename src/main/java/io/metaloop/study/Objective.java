package io.metaloop.study;

/**
 * What a study optimizes: takes a trial, asks it for parameters, returns one value per
 * direction of the study. Throwing {@link TrialPrunedException} prunes the trial; any other
 * exception fails it with the exception's message as the reason, and the study goes on.
 */
@FunctionalInterface
public interface Objective {

    /** Evaluates one trial. */
    double[] evaluate(Trial trial) throws Exception;

    /** An objective with a single value. */
    static Objective single(SingleObjective f) {
        return t -> new double[] {f.evaluate(t)};
    }

    /** A single-valued objective, for lambdas. */
    @FunctionalInterface
    interface SingleObjective {
        double evaluate(Trial trial) throws Exception;
    }
}
