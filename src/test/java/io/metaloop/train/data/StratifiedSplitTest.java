package io.metaloop.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    private static final int[] LABELS = Datasets.digits().labels();

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        StratifiedSplit a = StratifiedSplit.of(LABELS, 10, 0.2, 7);
        StratifiedSplit b = StratifiedSplit.of(LABELS, 10, 0.2, 7);
        StratifiedSplit c = StratifiedSplit.of(LABELS, 10, 0.2, 8);
        assertArrayEquals(a.held(), b.held());
        assertArrayEquals(a.kept(), b.kept());
        assertFalse(Arrays.equals(a.held(), c.held()));
        assertEquals(a.held().length, c.held().length);
    }

    @Test
    void partsAreDisjointCompleteAndStratified() {
        StratifiedSplit s = StratifiedSplit.of(LABELS, 10, 0.25, 3);
        int[] all = IntStream.concat(Arrays.stream(s.kept()), Arrays.stream(s.held())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, LABELS.length).toArray(), all);
        assertEquals(Math.round(0.25 * LABELS.length), s.held().length);
        int[] total = new int[10];
        int[] held = new int[10];
        for (int y : LABELS) {
            total[y]++;
        }
        for (int i : s.held()) {
            held[LABELS[i]]++;
        }
        for (int c = 0; c < 10; c++) {
            // floor or ceiling of the class's share, nothing further off
            assertEquals(0.25 * total[c], held[c], 1.0, "class " + c);
        }
    }

    @Test
    void edgeFractions() {
        int[] labels = {0, 1, 0, 1, 1};
        assertEquals(0, StratifiedSplit.of(labels, 2, 0, 1).held().length);
        assertEquals(5, StratifiedSplit.of(labels, 2, 1, 1).held().length);
        assertEquals(3, StratifiedSplit.of(labels, 3, 0.5, 1).held().length);
    }
}
