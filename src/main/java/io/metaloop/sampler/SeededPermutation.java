package io.metaloop.sampler;

import java.util.SplittableRandom;

/**
 * A pseudo-random bijection of {@code {0, …, size − 1}} chosen by a seed, computed in constant
 * expected time without storing the ordering: a small Feistel network over the next even power
 * of two above {@code size}, with cycle walking to stay inside the range. The grid sampler uses
 * it to give each trial number a grid point of its own.
 */
final class SeededPermutation {

    private static final int ROUNDS = 4;

    private final long size;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys;

    /** The permutation of {@code 0 … size − 1} that {@code seed} selects. */
    SeededPermutation(long seed, long size) {
        if (size < 1) {
            throw new IllegalArgumentException("a permutation needs at least one element, got " + size);
        }
        this.size = size;
        int bits = 64 - Long.numberOfLeadingZeros(size - 1);
        // a Feistel network permutes 2·halfBits-bit words; cycle walking then costs < 4 steps on average
        this.halfBits = Math.max(1, (bits + 1) / 2);
        this.halfMask = (1L << halfBits) - 1;
        this.keys = new long[ROUNDS];
        SplittableRandom r = SeededRandom.of(seed, 0, "grid:permutation");
        for (int i = 0; i < ROUNDS; i++) {
            keys[i] = r.nextLong();
        }
    }

    /** The number of elements permuted. */
    long size() {
        return size;
    }

    /** The image of {@code index}, in {@code [0, size)}. */
    long apply(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
        }
        long x = index;
        // the cycle through index must come back below size, at worst to index itself
        do {
            x = encrypt(x);
        } while (x >= size);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (long key : keys) {
            long next = left ^ (SeededRandom.mix(right ^ key) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
