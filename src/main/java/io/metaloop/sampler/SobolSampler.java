package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import org.apache.commons.math3.random.SobolSequenceGenerator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quasi-random (QMC) search: trial {@code n} takes point {@code n} of a scrambled Sobol sequence
 * over the study's parameters, mapped with {@link Distributions#fromUnit}. The first
 * {@code 2^k} trials fill the space far more evenly than random ones — for two parameters, say,
 * every cell of any {@code 2^a × 2^(k−a)} grid holds exactly one point.
 *
 * <p>The point depends only on the seed, the trial number and the parameters, so the sampler is
 * stateless: a resumed study continues exactly where it stopped, and parallel workers (threads,
 * processes, machines) get distinct points because trial numbers are distinct.
 *
 * <p><b>Scrambling.</b> Each coordinate is XOR-ed with a seeded random 52-bit word (a
 * <em>digital shift</em>, the base-2 form of a Cranley–Patterson rotation). Every seed gives a
 * different point set, each point is uniformly distributed, and — unlike a rotation modulo 1,
 * which moves points across the dyadic cells — the shift maps dyadic cells onto dyadic cells, so
 * the even spread above holds for every seed. Point 0 is therefore not the corner of the space.
 *
 * <p><b>Parameters.</b> The study's declared space (conditional parameters included: the
 * objective simply does not ask for inactive ones), or for define-by-run objectives those of the
 * first finished trial, sampled at random until one exists. Commons Math's Sobol directions go
 * up to {@value #MAX_DIMENSION} dimensions; further parameters, and any parameter outside the
 * joint space, are sampled independently at random as by {@link RandomSampler}.
 */
public final class SobolSampler implements Sampler {

    /** The most parameters sampled jointly (Commons Math's limit). */
    public static final int MAX_DIMENSION = 1000;

    private static final int BITS = 52;
    private static final double SCALE = 0x1p52;

    private final long seed;
    private final long[] shifts;
    private final RandomSampler random;
    /**
     * One generator per dimension, shared by all threads: building one parses Commons Math's
     * direction-number file, while skipping to point n costs only O(dimension · log n).
     */
    private final Map<Integer, SobolSequenceGenerator> generators = new ConcurrentHashMap<>();

    /** A Sobol sampler whose scrambling is chosen by {@code seed}. */
    public SobolSampler(long seed) {
        this.seed = seed;
        this.random = new RandomSampler(seed);
        this.shifts = new long[MAX_DIMENSION];
        for (int j = 0; j < MAX_DIMENSION; j++) {
            shifts[j] = SeededRandom.of(seed, j, "sobol:digital-shift").nextLong() >>> (64 - BITS);
        }
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /**
     * Point {@code index} of this sampler's scrambled {@code dimension}-dimensional sequence, in
     * {@code [0, 1)^dimension}. Any {@code 2^k} consecutive points from a multiple of
     * {@code 2^k} on form a (t, k, d)-net in base 2.
     */
    public double[] unitPoint(int index, int dimension) {
        if (index < 0) {
            throw new IllegalArgumentException("the index must not be negative, got " + index);
        }
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("the dimension must be in [1, " + MAX_DIMENSION + "], got " + dimension);
        }
        SobolSequenceGenerator g = generators.computeIfAbsent(dimension, SobolSequenceGenerator::new);
        double[] raw;
        synchronized (g) {
            raw = g.skipTo(index);
        }
        double[] u = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            // the generator's coordinates are k / 2^52 exactly, so the bits come back unchanged
            long bits = (long) (raw[j] * SCALE);
            u[j] = (bits ^ shifts[j]) / SCALE;
        }
        return u;
    }

    @Override
    public Map<String, Distribution> relativeSearchSpace(StudyHistory history, FrozenTrial trial) {
        List<ParamSpec> params = JointSpace.of(history);
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (ParamSpec p : params.subList(0, Math.min(params.size(), MAX_DIMENSION))) {
            out.put(p.name(), p.distribution());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial, Map<String, Distribution> space) {
        if (space.isEmpty()) {
            return Map.of();
        }
        if (space.size() > MAX_DIMENSION) {
            throw new IllegalArgumentException("Sobol sampling covers at most " + MAX_DIMENSION
                    + " parameters jointly, got " + space.size());
        }
        double[] u = unitPoint(trial.number(), space.size());
        Map<String, Object> out = new LinkedHashMap<>();
        int j = 0;
        for (Map.Entry<String, Distribution> e : space.entrySet()) {
            out.put(e.getKey(), Distributions.fromUnit(e.getValue(), u[j++]));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Parameters outside the joint space, and all of them before it is known: at random. */
    @Override
    public Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(history, trial, name, distribution);
    }
}
