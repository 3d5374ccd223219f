package io.metaloop.pruner;

/**
 * The median stopping rule: a trial whose best intermediate value so far is worse than the
 * median of the values other finished trials reported at the same step is stopped. It is a
 * {@link PercentilePruner} at the 50th percentile, with the same options (startup trials,
 * warm-up steps, interval steps, minimum trials, objective) and defaults.
 */
public final class MedianPruner {

    private MedianPruner() {
    }

    /** A builder of the median pruner: a {@link PercentilePruner} builder at 50. */
    public static PercentilePruner.Builder builder() {
        return PercentilePruner.builder(50);
    }

    /** The median pruner with the default options. */
    public static PercentilePruner create() {
        return builder().build();
    }
}
