package io.metaloop.train.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded, stratified split of examples in two parts: every class gives the same share of its
 * examples to the held-out part (up to rounding), so a small validation or test set still has
 * the class proportions of the whole, and the same seed always gives the same split.
 *
 * @param kept the indices of the examples that stay, in increasing order
 * @param held the indices of the held-out examples, in increasing order
 */
record StratifiedSplit(int[] kept, int[] held) {

    /**
     * Splits {@code labels}, holding out {@code fraction} of the examples: per class the floor
     * of its share, then one more for the classes with the largest remainders (ties to the
     * lower class) until the total is {@code round(fraction * n)}.
     *
     * @param fraction in [0, 1]
     * @param seed     the seed of the shuffle within each class ({@link Random}, whose sequence
     *                 the JDK specifies, so splits are the same on every JVM)
     */
    static StratifiedSplit of(int[] labels, int classes, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a split fraction must be in [0, 1], got " + fraction);
        }
        int n = labels.length;
        int[][] byClass = new int[classes][];
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < n; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        int[] take = shares(counts, fraction, (int) Math.round(fraction * n));
        Random random = new Random(seed);
        boolean[] isHeld = new boolean[n];
        for (int c = 0; c < classes; c++) {
            int[] idx = byClass[c];
            // partial Fisher-Yates: the first take[c] positions become a uniform sample
            for (int k = 0; k < take[c]; k++) {
                int j = k + random.nextInt(idx.length - k);
                int t = idx[k];
                idx[k] = idx[j];
                idx[j] = t;
                isHeld[idx[k]] = true;
            }
        }
        int h = Arrays.stream(take).sum();
        int[] held = new int[h];
        int[] kept = new int[n - h];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (isHeld[i]) {
                held[a++] = i;
            } else {
                kept[b++] = i;
            }
        }
        return new StratifiedSplit(kept, held);
    }

    private static int[] shares(int[] counts, double fraction, int total) {
        int[] take = new int[counts.length];
        double[] rest = new double[counts.length];
        int sum = 0;
        for (int c = 0; c < counts.length; c++) {
            double exact = fraction * counts[c];
            take[c] = (int) Math.floor(exact);
            rest[c] = exact - take[c];
            sum += take[c];
        }
        while (sum < total) {
            int best = -1;
            for (int c = 0; c < counts.length; c++) {
                if (take[c] < counts[c] && (best < 0 || rest[c] > rest[best])) {
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            take[best]++;
            rest[best] = -1;
            sum++;
        }
        return take;
    }
}
