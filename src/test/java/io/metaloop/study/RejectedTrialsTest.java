package io.metaloop.study;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.storage.JdbcStorage;
import io.metaloop.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trials the objective refuses before evaluating them: FAIL, marked rejected, outside the trial budget. */
class RejectedTrialsTest {

    @TempDir
    Path dir;

    /** Rejects x above 0.5, as the network objective rejects a proposal over max-params. */
    private static final Objective HALF_REJECTED = t -> {
        double x = t.suggestFloat("x", 0, 1);
        if (x > 0.5) {
            throw new TrialRejectedException(Math.round(x * 1000) + " parameters > max-params 500");
        }
        return new double[] {x};
    };

    private static Study study(Storage storage, long seed) {
        return Study.builder(storage, "r").sampler(new RandomSampler(seed)).createOrLoad();
    }

    private static void assertRejectedAndUncounted(List<FrozenTrial> trials, int counted) {
        List<FrozenTrial> rejected = trials.stream().filter(FrozenTrial::isRejected).toList();
        assertFalse(rejected.isEmpty(), "random proposals above 0.5 are rejected");
        for (FrozenTrial t : rejected) {
            assertEquals(TrialState.FAIL, t.state());
            assertTrue(t.failReason().matches("rejected: \\d+ parameters > max-params 500"), t.failReason());
            assertEquals(true, t.systemAttrs().get(SystemAttrs.BUDGET_EXEMPT));
            assertFalse(t.countsTowardsBudget());
            assertFalse(t.isRetryable(), "a rejected point would be rejected again");
            assertTrue((Double) t.params().get("x") > 0.5, "the rejected parameters are stored");
        }
        assertEquals(counted, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
        assertEquals(counted, trials.stream().filter(FrozenTrial::countsTowardsBudget).count());
    }

    @Test
    void rejectedTrialsDoNotUseTheTrialBudgetInMemory() {
        Study s = study(new InMemoryStorage(), 1);
        OptimizeResult r = s.optimize(HALF_REJECTED, Budget.trials(10));
        assertEquals(OptimizeResult.StopReason.TRIAL_BUDGET, r.stopReason());
        assertRejectedAndUncounted(s.trials(), 10);
        assertEquals(s.trials().size(), r.trialsRun());
        assertEquals(OptimizeResult.StopReason.ALREADY_DONE, s.optimize(HALF_REJECTED, Budget.trials(10)).stopReason());
    }

    @Test
    void rejectedTrialsDoNotUseTheTrialBudgetOnSqlite() {
        Path file = dir.resolve("r.db");
        try (Storage one = JdbcStorage.sqlite(file)) {
            study(one, 1).optimize(HALF_REJECTED, Budget.trials(10));
        }
        // another process counts the budget in startTrial's transaction, from the stored attributes
        try (Storage two = JdbcStorage.sqlite(file)) {
            Study s = study(two, 2);
            assertRejectedAndUncounted(s.trials(), 10);
            s.optimize(HALF_REJECTED, Budget.trials(15));
            assertRejectedAndUncounted(s.trials(), 15);
            assertEquals(OptimizeResult.StopReason.ALREADY_DONE, s.optimize(HALF_REJECTED, Budget.trials(15)).stopReason());
        }
    }

    @Test
    void aRunWhoseEveryProposalIsRejectedStops() {
        Study s = study(new InMemoryStorage(), 3);
        OptimizeResult r = s.optimize(t -> {
            t.suggestInt("units", 1, 9);
            throw new TrialRejectedException("too big");
        }, Budget.trials(5));
        assertEquals(OptimizeResult.StopReason.REJECTED, r.stopReason());
        assertEquals(OptimizeResult.MAX_REJECTED_IN_A_ROW, r.trialsRun());
        assertTrue(s.trials().stream().allMatch(FrozenTrial::isRejected));
    }

    @Test
    void onlyTrialsCutShortTooOftenAreRetryable() {
        assertTrue(trial(TrialState.FAIL, Map.of(SystemAttrs.BUDGET_EXEMPT, true)).isRetryable());
        assertFalse(trial(TrialState.FAIL, Map.of()).isRetryable(), "an objective's error is the point's fault");
        assertFalse(trial(TrialState.FAIL, Map.of()).isRejected());
        FrozenTrial rejected = trial(TrialState.FAIL, Map.of(SystemAttrs.BUDGET_EXEMPT, true, SystemAttrs.REJECTED, true));
        assertTrue(rejected.isRejected());
        assertFalse(rejected.isRetryable());
        assertFalse(trial(TrialState.COMPLETE, Map.of(SystemAttrs.REJECTED, true)).isRejected(), "only a FAIL is rejected");
    }

    private static FrozenTrial trial(TrialState state, Map<String, Object> systemAttrs) {
        return new FrozenTrial(1, 1, state, List.of(), null, null, Map.of(), Map.of(), Map.of(), systemAttrs, new TreeMap<>());
    }
}
