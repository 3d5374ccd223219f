package io.metaloop.pruner;

import io.metaloop.study.FrozenTrial;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.metaloop.pruner.Histories.complete;
import static io.metaloop.pruner.Histories.history;
import static io.metaloop.pruner.Histories.running;
import static io.metaloop.pruner.PercentilePrunerTest.assertMessage;
import static io.metaloop.study.Direction.MAXIMIZE;
import static io.metaloop.study.Direction.MINIMIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HyperbandPruner}: brackets, their weights, the assignment of trials and the comparison within a bracket. */
class HyperbandPrunerTest {

    private static final HyperbandPruner HB27 = HyperbandPruner.builder(27).build();

    private static List<Long> weights(HyperbandPruner p) {
        return IntStream.range(0, p.bracketCount()).mapToObj(p::bracketWeight).toList();
    }

    @Test
    void bracketsAndWeightsFollowHyperband() {
        // 1, 3, 9, 27 fit between min 1 and max 27: four brackets, weights ⌈4 · 3^s / (s + 1)⌉ for s = 3, 2, 1, 0
        assertEquals(4, HB27.bracketCount());
        assertEquals(List.of(27L, 12L, 6L, 4L), weights(HB27));
        assertEquals(List.of(1L, 3L, 9L, 27L), IntStream.range(0, 4).mapToObj(b -> HB27.bracket(b).rungStep(0)).toList());
        assertEquals(List.of(3L, 9L, 27L), List.of(HB27.bracket(0).rungStep(1), HB27.bracket(1).rungStep(1),
                HB27.bracket(2).rungStep(1)));
        // max 26: 27 no longer fits, three brackets ⌈3 · 9 / 3⌉, ⌈3 · 3 / 2⌉, 3
        assertEquals(List.of(9L, 5L, 3L), weights(HyperbandPruner.builder(26).build()));
        // min 2, max 50, factor 2: 2, 4, …, 32 fit: five brackets ⌈5 · 16 / 5⌉ = 16, ⌈5 · 8 / 4⌉ = 10, ⌈5 · 4 / 3⌉ = 7, 5, 5
        assertEquals(List.of(16L, 10L, 7L, 5L, 5L),
                weights(HyperbandPruner.builder(50).minResource(2).reductionFactor(2).build()));
        assertEquals(List.of(1L), weights(HyperbandPruner.builder(1).build()));
    }

    @Test
    void theBracketOfATrialIsStableAndDependsOnTheSeed() {
        HyperbandPruner again = HyperbandPruner.builder(27).build();
        HyperbandPruner other = HyperbandPruner.builder(27).seed(12345).build();
        List<Integer> first = IntStream.range(0, 500).map(HB27::bracketOf).boxed().toList();
        assertEquals(first, IntStream.range(0, 500).map(again::bracketOf).boxed().toList());
        assertNotEquals(first, IntStream.range(0, 500).map(other::bracketOf).boxed().toList());
        assertTrue(first.stream().allMatch(b -> b >= 0 && b < 4));
    }

    @Test
    void bracketSharesFollowTheWeights() {
        int n = 49_000;
        int[] counts = new int[HB27.bracketCount()];
        for (int i = 0; i < n; i++) {
            counts[HB27.bracketOf(i)]++;
        }
        // weights 27, 12, 6, 4 of 49: expected 27,000, 12,000, 6,000, 4,000 (standard deviations below 110)
        long[] expected = {27_000, 12_000, 6_000, 4_000};
        for (int b = 0; b < counts.length; b++) {
            assertEquals(expected[b], counts[b], 500, "bracket " + b);
        }
    }

    @Test
    void trialsCompeteOnlyWithinTheirBracket() {
        List<Integer> bracket0 = numbersIn(0, 3);
        List<Integer> bracket1 = numbersIn(1, 2);
        int judged = bracket0.get(2);
        // in bracket 0 (rungs 1, 3, 9, …) the judged trial's rivals at step 1 are 10 and 20; trials of bracket 1
        // reported 1 and 2 at step 1, which would prune it if they counted
        List<FrozenTrial> trials = new ArrayList<>(List.of(complete(bracket0.get(0), 1, 10), complete(bracket0.get(1), 1, 20),
                complete(bracket1.get(0), 1, 1, 3, 1), complete(bracket1.get(1), 1, 2, 3, 2)));
        FrozenTrial good = running(judged, 1, 5);
        trials.add(good);
        assertFalse(HB27.prune(history(MINIMIZE, trials), good));
        assertTrue(HB27.prune(history(MAXIMIZE, trials), good), "maximizing, 5 is not the best of 5, 10, 20");
        assertTrue(SuccessiveHalvingPruner.builder().reductionFactor(3).build().prune(history(MINIMIZE, trials), good),
                "one successive halving over all trials would prune it");
    }

    @Test
    void theLastBracketWaitsUntilMaxResource() {
        // bracket 3's only rung is step 27: with max-resource 27 it stops nothing, with 30 it judges at 27
        HyperbandPruner hb30 = HyperbandPruner.builder(30).build();
        assertEquals(weights(HB27), weights(hb30), "the same brackets, so the same assignment");
        List<Integer> last = numbersIn(3, 2);
        FrozenTrial best = complete(last.get(0), 1, 0, 26, 0, 27, 0);
        FrozenTrial bad = running(last.get(1), 1, 100, 26, 100);
        assertFalse(HB27.prune(history(MINIMIZE, List.of(best, bad)), bad));
        assertFalse(hb30.prune(history(MINIMIZE, List.of(best, bad)), bad), "no rung before step 27");
        FrozenTrial badAt27 = running(last.get(1), 1, 100, 26, 100, 27, 100);
        assertFalse(HB27.prune(history(MINIMIZE, List.of(best, badAt27)), badAt27), "step 27 is the end");
        assertTrue(hb30.prune(history(MINIMIZE, List.of(best, badAt27)), badAt27));
    }

    @Test
    void settingsOutOfRangeNameTheOption() {
        assertMessage("max-resource must be at least min-resource (5), got 4", () -> HyperbandPruner.builder(4).minResource(5).build());
        assertMessage("min-resource must be at least 1, got 0", () -> HyperbandPruner.builder(4).minResource(0).build());
        assertMessage("reduction-factor must be at least 2, got 1", () -> HyperbandPruner.builder(4).reductionFactor(1).build());
        assertMessage("objective must not be negative, got -3", () -> HyperbandPruner.builder(4).objective(-3).build());
    }

    /** The first {@code count} trial numbers that HB27 puts in bracket {@code b}. */
    private static List<Integer> numbersIn(int b, int count) {
        return IntStream.iterate(0, i -> i + 1).filter(i -> HB27.bracketOf(i) == b).limit(count).boxed().toList();
    }
}
