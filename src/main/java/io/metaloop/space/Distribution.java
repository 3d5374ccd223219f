package io.metaloop.space;

/**
 * The range a parameter is drawn from. Samplers work on the <em>internal</em> representation — a
 * double, with categorical choices stored as the index of the choice — which is also the value
 * Optuna writes to {@code trial_params.param_value}; users see the <em>external</em> value.
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** The internal (stored) representation of an external value. */
    double toInternal(Object externalValue);

    /** The external value a user sees for an internal representation. */
    Object toExternal(double internalValue);

    /** Whether an internal value lies in this distribution. */
    boolean contains(double internalValue);

    /** Whether this distribution has exactly one possible value. */
    boolean isSingle();
}
