package io.metaloop.sampler;

import java.util.OptionalInt;

/**
 * The settings of a {@link TpeSampler}.
 *
 * @param startupTrials finished trials sampled at random before the model is used, at least 0;
 *                      empty (the default) for {@link #startupFor the number the space asks for}
 * @param candidates    points drawn from the good model per choice (more: greedier), at least 1
 * @param multivariate  model the parameters every finished trial has jointly instead of one by one
 * @param constantLiar  count running trials as bad, so that parallel workers spread out
 * @param priorWeight   weight of the broad prior kernel relative to one observation, &gt; 0
 */
public record TpeOptions(OptionalInt startupTrials, int candidates, boolean multivariate, boolean constantLiar,
                         double priorWeight) {

    /** The fewest startup trials by default, whatever the space. */
    public static final int MIN_STARTUP_TRIALS = 10;
    /** Default number of candidates per choice. */
    public static final int DEFAULT_CANDIDATES = 24;

    public TpeOptions {
        if (startupTrials.isPresent() && startupTrials.getAsInt() < 0) {
            throw new IllegalArgumentException("startup trials must not be negative, got " + startupTrials.getAsInt());
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1, got " + candidates);
        }
        if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("the prior weight must be a positive number, got " + priorWeight);
        }
    }

    /**
     * Startup trials as the space asks ({@link #startupFor}), 24 candidates, multivariate, with
     * the constant liar, prior weight 1. Multivariate is the default (Optuna's is independent)
     * because it had the lower median regret on every benchmark function of
     * {@code metaloop bench samplers}.
     */
    public static TpeOptions defaults() {
        return new TpeOptions(OptionalInt.empty(), DEFAULT_CANDIDATES, true, true, 1.0);
    }

    /** These options with {@code n} startup trials, whatever the space. */
    public TpeOptions withStartupTrials(int n) {
        return new TpeOptions(OptionalInt.of(n), candidates, multivariate, constantLiar, priorWeight);
    }

    /**
     * How many finished trials are sampled at random before the model is used, once the finished
     * trials have shown {@code parameters} distinct parameters: the number given, or else
     * {@code max(10, parameters)}. TPE models a conditional parameter only from the trials that
     * have it, so in a space of many (a layer layout expands to dozens) ten random trials leave
     * most of them seen once or twice, and the good group — a tenth of the trials — is one or two
     * networks that the model then copies. On the flagship study (77 parameters, 10 minutes,
     * seeds 1–3) 80 startup trials gave 0.8945/0.9088/0.8945 against 0.8754/0.9006/0.8893 with
     * 10 (a day earlier, on another machine). Spaces of at most 10 parameters, such as those of
     * {@code metaloop bench samplers}, keep 10.
     */
    public int startupFor(int parameters) {
        return startupTrials.orElse(Math.max(MIN_STARTUP_TRIALS, parameters));
    }

    /** These options with {@code n} candidates. */
    public TpeOptions withCandidates(int n) {
        return new TpeOptions(startupTrials, n, multivariate, constantLiar, priorWeight);
    }

    /** These options, multivariate or not. */
    public TpeOptions withMultivariate(boolean on) {
        return new TpeOptions(startupTrials, candidates, on, constantLiar, priorWeight);
    }

    /** These options, with or without the constant liar. */
    public TpeOptions withConstantLiar(boolean on) {
        return new TpeOptions(startupTrials, candidates, multivariate, on, priorWeight);
    }
}
