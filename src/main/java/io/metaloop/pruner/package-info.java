/**
 * Pruners: whether a running trial should stop early, decided from its intermediate values and
 * the study's stored trials. Like samplers, pruners keep no state: every decision is a function
 * of the reported values (and, for Hyperband, a seed), so any process can continue a study and
 * parallel workers judge trials alike.
 *
 * <ul>
 *   <li>{@link io.metaloop.pruner.NopPruner}: never prunes.</li>
 *   <li>{@link io.metaloop.pruner.PercentilePruner} and {@link io.metaloop.pruner.MedianPruner}:
 *       a trial's best value so far against a percentile of the other finished trials' values at
 *       the same step.</li>
 *   <li>{@link io.metaloop.pruner.SuccessiveHalvingPruner}: asynchronous successive halving over
 *       rungs at geometrically spaced steps.</li>
 *   <li>{@link io.metaloop.pruner.HyperbandPruner}: several successive-halving brackets, each
 *       trial in one of them by a hash of its number.</li>
 *   <li>{@link io.metaloop.pruner.PatientPruner}: waits for a trial to stop improving before
 *       another pruner (or itself) stops it.</li>
 * </ul>
 *
 * <p>Intermediate values are single numbers; in a study with several objectives, a pruner reads
 * them in the direction of one objective (the first unless told otherwise).
 */
package io.metaloop.pruner;
