/**
 * Samplers: what a study tries next. Every sampler here is a function of the stored trials, the
 * study's declared space and a seed — never of a worker's memory — so a study continues the same
 * after a crash and several workers (threads, processes, machines) can share it.
 *
 * <ul>
 *   <li>{@link io.metaloop.sampler.RandomSampler}: independent uniform values (uniform in the
 *       logarithm for log ranges), a function of (seed, trial number, parameter name).</li>
 *   <li>{@link io.metaloop.sampler.GridSampler}: one grid point per trial, recorded on the trial
 *       as {@code grid_id}; trial numbers pick distinct points, so workers do not collide.</li>
 *   <li>{@link io.metaloop.sampler.SobolSampler}: point {@code n} of a digitally shifted Sobol
 *       sequence for trial {@code n}.</li>
 *   <li>{@link io.metaloop.sampler.TpeSampler}: the Tree-structured Parzen Estimator, jointly over
 *       the parameters every finished trial has or one parameter at a time, with the constant liar
 *       for parallel workers.</li>
 *   <li>{@link io.metaloop.sampler.GeneticSampler} and {@link io.metaloop.sampler.Nsga2Sampler}:
 *       generations of trials bred with Jenetics, rebuilt from the trials' {@code metaloop:ga}
 *       attributes ({@link io.metaloop.sampler.EvolutionSampler}).</li>
 *   <li>{@link io.metaloop.sampler.HybridSampler}: those generations alternating with phases of
 *       BOBYQA over the continuous parameters of the best trial so far, its layout fixed.</li>
 * </ul>
 *
 * <p>Grid and Sobol work on the declared search space, or, for define-by-run objectives, on the
 * parameters of the first finished trial (before that, they sample at random). Conditional
 * parameters get values whether active or not; the objective asks only for the active ones, and
 * the grid counts only combinations that can occur.
 */
package io.metaloop.sampler;
