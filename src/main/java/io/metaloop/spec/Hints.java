package io.metaloop.spec;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers for user-facing messages: lists of expected values and "did you mean". */
final class Hints {

    private Hints() {
    }

    /** The values separated by commas, e.g. {@code random, grid, sobol}. */
    static String list(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Like {@link #list}, but at most {@code max} values, then an ellipsis and the last one. */
    static String shortList(List<?> values, int max) {
        if (values.size() <= max) {
            return list(values);
        }
        return list(values.subList(0, max - 1)) + ", …, " + values.get(values.size() - 1);
    }

    /**
     * {@code " (did you mean 'x'?)"} for the closest option within a couple of typos of
     * {@code given}, else the empty string. Short words need a closer match, or every
     * two-letter typo would "mean" some other key.
     */
    static String didYouMean(String given, Collection<String> options) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String o : options) {
            int d = distance(g, o.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = o;
                bestDistance = d;
            }
        }
        int allowed = Math.min(2, Math.max(1, g.length() / 3));
        return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance, counting a swap of neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
