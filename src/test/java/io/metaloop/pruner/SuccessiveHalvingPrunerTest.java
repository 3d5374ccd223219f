package io.metaloop.pruner;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.metaloop.pruner.Histories.complete;
import static io.metaloop.pruner.Histories.history;
import static io.metaloop.pruner.Histories.plus;
import static io.metaloop.pruner.Histories.pruned;
import static io.metaloop.pruner.Histories.running;
import static io.metaloop.pruner.Histories.trial;
import static io.metaloop.pruner.PercentilePrunerTest.assertMessage;
import static io.metaloop.study.Direction.MAXIMIZE;
import static io.metaloop.study.Direction.MINIMIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SuccessiveHalvingPruner} (ASHA) against hand-computed rungs and promotions. */
class SuccessiveHalvingPrunerTest {

    private static final SuccessiveHalvingPruner HALVING = SuccessiveHalvingPruner.builder().reductionFactor(2).build();

    /** Five trials in every state that got to step 1 with values 1..5: rung 0 of a factor-2 ASHA. */
    private static final List<FrozenTrial> AT_RUNG_0 = List.of(complete(0, 1, 1, 2, 0.5), pruned(1, 1, 2),
            running(2, 1, 3), complete(3, 1, 4, 2, 4), trial(4, TrialState.FAIL, 1, 5));

    private static boolean prunes(Pruner p, Direction d, List<FrozenTrial> others, FrozenTrial trial) {
        return p.prune(history(d, plus(others, trial)), trial);
    }

    @Test
    void rungsAreGeometric() {
        SuccessiveHalvingPruner p = SuccessiveHalvingPruner.builder().minResource(2).reductionFactor(3).build();
        assertEquals(List.of(2L, 6L, 18L, 54L), List.of(p.rungStep(0), p.rungStep(1), p.rungStep(2), p.rungStep(3)));
        SuccessiveHalvingPruner late = SuccessiveHalvingPruner.builder().reductionFactor(3).minEarlyStoppingRate(2).build();
        assertEquals(List.of(9L, 27L), List.of(late.rungStep(0), late.rungStep(1)));
        assertEquals(Long.MAX_VALUE, late.rungStep(100));
        SuccessiveHalvingPruner d = SuccessiveHalvingPruner.builder().build();
        assertEquals(List.of(1, 4, 0, 0), List.of(d.minResource(), d.reductionFactor(), d.minEarlyStoppingRate(), d.objective()));
    }

    @Test
    void theTopHalfOfTheTrialsAtARungGoOn() {
        // six trials at rung 0 with the new one: ⌊6 / 2⌋ = 3 go on, so it must be at least the 3rd best
        assertFalse(prunes(HALVING, MINIMIZE, AT_RUNG_0, running(9, 1, 2.5)), "1, 2, 2.5 | 3, 4, 5");
        assertFalse(prunes(HALVING, MINIMIZE, AT_RUNG_0, running(9, 1, 3.0)), "a tie with the 3rd best goes on");
        assertTrue(prunes(HALVING, MINIMIZE, AT_RUNG_0, running(9, 1, 3.5)), "1, 2, 3 | 3.5, 4, 5");
        // maximizing: 5, 4, 3.5 | 3, 2, 1
        assertFalse(prunes(HALVING, MAXIMIZE, AT_RUNG_0, running(9, 1, 3.5)));
        assertTrue(prunes(HALVING, MAXIMIZE, AT_RUNG_0, running(9, 1, 2.5)));
    }

    @Test
    void aQuarterGoOnWithTheDefaultFactor() {
        SuccessiveHalvingPruner asha = SuccessiveHalvingPruner.builder().build();
        List<FrozenTrial> seven = List.of(complete(0, 1, 1), complete(1, 1, 2), complete(2, 1, 3), complete(3, 1, 4),
                complete(4, 1, 5), complete(5, 1, 6), complete(6, 1, 7));
        // eight trials with the new one: ⌊8 / 4⌋ = 2 go on
        assertFalse(prunes(asha, MINIMIZE, seven, running(9, 1, 2)));
        assertTrue(prunes(asha, MINIMIZE, seven, running(9, 1, 2.5)));
        // with three rivals, ⌊4 / 4⌋ = 1: only a new best goes on
        assertTrue(prunes(asha, MINIMIZE, seven.subList(0, 3), running(9, 1, 1.5)));
        assertFalse(prunes(asha, MINIMIZE, seven.subList(0, 3), running(9, 1, 0.5)));
    }

    @Test
    void cappedARungLetsOnAtMostItsShareOfTrialsBesidesNewBests() {
        SuccessiveHalvingPruner capped = SuccessiveHalvingPruner.builder().reductionFactor(2).capped(true).build();
        // rivals at step 1 (minimizing): 1, 2, 3 went on (reported step 2), 4, 5, 6 did not
        List<FrozenTrial> topWentOn = List.of(complete(0, 1, 1, 2, 1), complete(1, 1, 2, 2, 2), complete(2, 1, 3, 2, 3),
                pruned(3, 1, 4), pruned(4, 1, 5), pruned(5, 1, 6));
        // a newcomer at 2.5: with it n = 7, ⌊7 / 2⌋ = 3 may go on, and 3 have
        assertTrue(prunes(capped, MINIMIZE, topWentOn, running(9, 1, 2.5)), "1, 2 and 3 went on");
        assertFalse(prunes(HALVING, MINIMIZE, topWentOn, running(9, 1, 2.5)), "uncapped it goes on");
        assertFalse(prunes(capped, MINIMIZE, topWentOn, running(9, 1, 0.5)), "a new best always goes on");
        assertFalse(prunes(capped, MINIMIZE, topWentOn, running(9, 1, 1.0)), "a tie with the best too");
        assertTrue(prunes(capped, MINIMIZE, topWentOn, running(9, 1, 3.5)), "outside the top 3 anyway");
        // 4, 5 and 6 went on early, while the rung was nearly empty, and 2 and 3 were stopped:
        // the rung has let on 4 trials, more than its 3, so 2.5 (second best) stops too
        List<FrozenTrial> earlyWentOn = List.of(complete(0, 1, 1, 2, 1), pruned(1, 1, 2), pruned(2, 1, 3),
                complete(3, 1, 4, 2, 4), complete(4, 1, 5, 2, 5), complete(5, 1, 6, 2, 6));
        assertTrue(prunes(capped, MINIMIZE, earlyWentOn, running(9, 1, 2.5)), "4, 5, 6 went on and count");
        // only 1 and 5 went on: a place is free, whoever stands among the best
        List<FrozenTrial> twoWentOn = List.of(complete(0, 1, 1, 2, 1), pruned(1, 1, 2), pruned(2, 1, 3),
                pruned(3, 1, 4), complete(4, 1, 5, 2, 5), pruned(5, 1, 6));
        assertFalse(prunes(capped, MINIMIZE, twoWentOn, running(9, 1, 2.5)), "2 of 3 places taken");
        assertTrue(prunes(capped, MINIMIZE, twoWentOn, running(9, 1, 3.5)), "a free place, but not in the top 3");
        // maximizing, mirrored: rivals 6, 5, 4 went on; a newcomer at 4.5 is 3rd best and finds no place
        List<FrozenTrial> maxWentOn = List.of(complete(0, 1, 6, 2, 6), complete(1, 1, 5, 2, 5), complete(2, 1, 4, 2, 4),
                pruned(3, 1, 3), pruned(4, 1, 2), pruned(5, 1, 1));
        assertTrue(prunes(capped, MAXIMIZE, maxWentOn, running(9, 1, 4.5)));
        assertFalse(prunes(capped, MAXIMIZE, maxWentOn, running(9, 1, 6.5)));
    }

    @Test
    void theFirstTrialAtARungAlwaysGoesOn() {
        assertFalse(prunes(HALVING, MINIMIZE, List.of(), running(0, 1, 1e9)));
        // rung 1 (step 2) has only trials 0 and 3: 0.5 and 4; with the new one ⌊3 / 2⌋ = 1
        assertTrue(prunes(HALVING, MINIMIZE, AT_RUNG_0, running(9, 1, 0.1, 2, 0.6)));
        assertFalse(prunes(HALVING, MINIMIZE, AT_RUNG_0, running(9, 1, 0.1, 2, 0.4)));
    }

    @Test
    void aRungIsJudgedOnlyAtTheReportThatCrossesIt() {
        SuccessiveHalvingPruner thirds = SuccessiveHalvingPruner.builder().reductionFactor(3).build(); // rungs 1, 3, 9
        List<FrozenTrial> rivals = List.of(complete(0, 1, 1, 2, 1, 3, 1), complete(1, 1, 2, 2, 2, 3, 2),
                complete(2, 1, 3, 2, 3, 3, 3));
        // 10 at step 1 would not go on, but step 2 crosses no rung: a trial is never demoted afterwards
        assertTrue(prunes(thirds, MINIMIZE, rivals, running(9, 1, 10)));
        assertFalse(prunes(thirds, MINIMIZE, rivals, running(9, 1, 10, 2, 10)));
        // step 3 is rung 1: ⌊4 / 3⌋ = 1, so only a value of at most 1 goes on
        assertTrue(prunes(thirds, MINIMIZE, rivals, running(9, 1, 0, 2, 0, 3, 1.5)));
        assertFalse(prunes(thirds, MINIMIZE, rivals, running(9, 1, 0, 2, 0, 3, 1.0)));
    }

    @Test
    void aReportThatJumpsOverRungsIsJudgedAtEach() {
        SuccessiveHalvingPruner thirds = SuccessiveHalvingPruner.builder().reductionFactor(3).build();
        // rivals at rung 0 (step 1): 5, 6; at rung 1 (step 3): only trial 0, whose first report past 3 is at step 4: 0.5
        List<FrozenTrial> rivals = List.of(complete(0, 1, 5, 4, 0.5), complete(1, 1, 6));
        // the new trial's first report is at step 4, with 1.0: best at rung 0 (goes on), but not at rung 1
        assertTrue(prunes(thirds, MINIMIZE, rivals, running(9, 4, 1.0)));
        assertFalse(prunes(thirds, MINIMIZE, rivals, running(9, 4, 0.4)));
    }

    @Test
    void theEarlyStoppingRateMovesTheFirstRung() {
        SuccessiveHalvingPruner late = SuccessiveHalvingPruner.builder().reductionFactor(2).minEarlyStoppingRate(1).build();
        assertFalse(prunes(late, MINIMIZE, AT_RUNG_0, running(9, 1, 100)), "rung 0 is at step 2");
        // at step 2 the rivals are trials 0 (0.5) and 3 (4): ⌊3 / 2⌋ = 1
        assertTrue(prunes(late, MINIMIZE, AT_RUNG_0, running(9, 1, 100, 2, 1)));
        assertFalse(prunes(late, MINIMIZE, AT_RUNG_0, running(9, 1, 100, 2, 0.4)));
    }

    @Test
    void rungsAtOrPastMaxResourceStopNothing() {
        SuccessiveHalvingPruner capped = SuccessiveHalvingPruner.builder().reductionFactor(2).maxResource(2).build();
        assertTrue(prunes(capped, MINIMIZE, AT_RUNG_0, running(9, 1, 3.5)), "rung 0 (step 1) is before the end");
        assertFalse(prunes(capped, MINIMIZE, AT_RUNG_0, running(9, 1, 0.1, 2, 0.6)), "rung 1 is step 2, the end");
        assertTrue(prunes(HALVING, MINIMIZE, AT_RUNG_0, running(9, 1, 0.1, 2, 0.6)), "without the cap it is judged");
        assertMessage("max-resource must be at least min-resource (3), got 2",
                () -> SuccessiveHalvingPruner.builder().minResource(3).maxResource(2).build());
    }

    @Test
    void nanAtARungIsPrunedAndNanRivalsAreLeftOut() {
        assertTrue(prunes(HALVING, MINIMIZE, List.of(), running(9, 1, Double.NaN)));
        List<FrozenTrial> rivals = List.of(complete(0, 1, Double.NaN), complete(1, 1, 2));
        // rivals 2 only: ⌊2 / 2⌋ = 1, so 3 is pruned, 1 goes on
        assertTrue(prunes(HALVING, MINIMIZE, rivals, running(9, 1, 3)));
        assertFalse(prunes(HALVING, MINIMIZE, rivals, running(9, 1, 1)));
    }

    @Test
    void severalObjectivesPruneOnTheChosenOne() {
        FrozenTrial t = running(9, 1, 3.5);
        List<FrozenTrial> trials = plus(AT_RUNG_0, t);
        assertTrue(HALVING.prune(history(List.of(MINIMIZE, MAXIMIZE), trials), t));
        SuccessiveHalvingPruner second = SuccessiveHalvingPruner.builder().reductionFactor(2).objective(1).build();
        assertFalse(second.prune(history(List.of(MINIMIZE, MAXIMIZE), trials), t));
    }

    @Test
    void settingsOutOfRangeNameTheOption() {
        assertMessage("min-resource must be at least 1, got 0", () -> SuccessiveHalvingPruner.builder().minResource(0).build());
        assertMessage("reduction-factor must be at least 2, got 1", () -> SuccessiveHalvingPruner.builder().reductionFactor(1).build());
        assertMessage("min-early-stopping-rate must not be negative, got -1",
                () -> SuccessiveHalvingPruner.builder().minEarlyStoppingRate(-1).build());
    }

    /** {@code trial} with layout parameters: {@code blocks} and each block's type, plus a dropout and a learning rate. */
    private static FrozenTrial withLayout(FrozenTrial trial, double dropout, String... blockTypes) {
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Distribution> distributions = new LinkedHashMap<>();
        params.put("blocks", blockTypes.length);
        distributions.put("blocks", IntDistribution.of(1, 8));
        for (int i = 0; i < blockTypes.length; i++) {
            params.put("block_" + i + "_type", blockTypes[i]);
            distributions.put("block_" + i + "_type", CategoricalDistribution.of("conv", "pool", "dense"));
        }
        params.put("block_0_dense_dropout", dropout);
        distributions.put("block_0_dense_dropout", FloatDistribution.of(0, 0.5));
        params.put("lr", 0.001 * (1 + trial.number()));
        distributions.put("lr", FloatDistribution.of(1e-4, 1));
        return new FrozenTrial(trial.id(), trial.number(), trial.state(), trial.values(), null, null, params,
                distributions, Map.of(), Map.of(), trial.intermediateValues());
    }

    @Test
    void perLayoutEachLayoutIsOneRivalWithItsBestValue() {
        List<FrozenTrial> others = new ArrayList<>();
        // six copies of one layout (other learning rates and dropouts) learn fast: 0.80 … 0.75 at step 1
        for (int i = 0; i < 6; i++) {
            others.add(withLayout(pruned(i, 1, 0.80 - 0.01 * i), 0.1 * i, "conv", "pool", "dense"));
        }
        // six other layouts, and a trial without one
        String[][] layouts = {{"conv"}, {"dense"}, {"pool", "dense"}, {"conv", "conv"}, {"dense", "dense"}, {"pool"}};
        double[] values = {0.60, 0.55, 0.50, 0.45, 0.35, 0.30};
        for (int i = 0; i < layouts.length; i++) {
            others.add(withLayout(pruned(10 + i, 1, values[i]), 0, layouts[i]));
        }
        others.add(pruned(20, 1, 0.40));
        SuccessiveHalvingPruner perLayout = SuccessiveHalvingPruner.builder().perLayout(true).build();
        SuccessiveHalvingPruner perTrial = SuccessiveHalvingPruner.builder().build();
        FrozenTrial deep = withLayout(running(30, 1, 0.74), 0, "conv", "conv", "conv", "pool");
        // per trial: 14 values with its own, ⌊14 / 4⌋ = 3 go on: 0.80, 0.79, 0.78 | 0.77, 0.76, 0.75, 0.74 …
        assertTrue(prunes(perTrial, MAXIMIZE, others, deep));
        // per layout: 0.80 (the copies' best), 0.60, 0.55, 0.50, 0.45, 0.40, 0.35, 0.30 and its own 0.74:
        // ⌊9 / 4⌋ = 2 go on, 0.80 and 0.74
        assertFalse(prunes(perLayout, MAXIMIZE, others, deep));
        FrozenTrial weaker = withLayout(running(31, 1, 0.58), 0, "conv", "conv", "conv", "pool");
        assertTrue(prunes(perLayout, MAXIMIZE, others, weaker), "0.80, 0.60 | 0.58 …");
        // another copy of the fast layout is judged against the best of the other copies, as one rival
        FrozenTrial copy = withLayout(running(32, 1, 0.65), 0.25, "conv", "pool", "dense");
        assertFalse(prunes(perLayout, MAXIMIZE, others, copy), "0.80, 0.65 | 0.60 …");
        assertTrue(prunes(perTrial, MAXIMIZE, others, copy));
    }

    @Test
    void perLayoutKeysAreTheLayoutParametersOtherThanFloats() {
        FrozenTrial a = withLayout(running(1, 1, 0.5), 0.1, "conv", "dense");
        FrozenTrial b = withLayout(running(2, 1, 0.5), 0.3, "conv", "dense");
        assertEquals(Map.of("blocks", 2, "block_0_type", "conv", "block_1_type", "dense"), SuccessiveHalvingPruner.layout(a));
        assertEquals(SuccessiveHalvingPruner.layout(a), SuccessiveHalvingPruner.layout(b), "the dropout and lr do not count");
        assertEquals(Map.of(), SuccessiveHalvingPruner.layout(running(3, 1, 0.5)), "no layout parameters");
    }
}
