package io.metaloop.sampler;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Random streams derived from a seed and a position (trial number, parameter name) rather than
 * from a generator's running state, so that a sampler gives the same value for the same trial
 * whether the study ran in one go, resumed after a crash, or ran on several workers.
 */
public final class SeededRandom {

    private SeededRandom() {
    }

    /** A generator for one trial and one purpose (usually a parameter name). */
    public static SplittableRandom of(long seed, int trialNumber, String purpose) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ trialNumber);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff));
        }
        return new SplittableRandom(h);
    }

    /** The finalizer of SplitMix64: a bijective, well-spread 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
