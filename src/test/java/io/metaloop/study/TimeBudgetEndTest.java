package io.metaloop.study;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What trials running at the end of a time budget do: stop at their next report, or finish. */
class TimeBudgetEndTest {

    /** Reports every 20 ms for 40 steps (0.8 s), asking the pruner after each report. */
    private static final Objective REPORTS_FOR_A_WHILE = Objective.single(t -> {
        double x = t.suggestFloat("x", 0, 1);
        for (int step = 1; step <= 40; step++) {
            Thread.sleep(20);
            t.report(x + step, step);
            if (t.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return x + 100;
    });

    private static Study study() {
        return Study.builder(new InMemoryStorage(), "end").sampler(new RandomSampler(3)).createOrLoad();
    }

    @Test
    void byDefaultATrialRunningAtTheEndStopsAtItsNextReportAndKeepsItsValues() {
        Study s = study();
        OptimizeResult r = s.optimize(REPORTS_FOR_A_WHILE, new Budget(Integer.MAX_VALUE, Duration.ofMillis(300)));
        assertEquals(OptimizeResult.StopReason.TIME_BUDGET, r.stopReason());
        List<FrozenTrial> trials = s.trials();
        assertEquals(1, trials.size(), "one trial started within the 0.3 s");
        FrozenTrial t = trials.get(0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(SystemAttrs.REASON_TIME_BUDGET, t.systemAttrs().get(SystemAttrs.STOPPED));
        int last = t.intermediateValues().lastKey();
        assertTrue(last >= 10 && last < 40, "stopped after about 0.3 s of 20 ms steps, at step " + last);
        assertEquals(t.params().get("x") instanceof Double x ? x + last : Double.NaN,
                t.intermediateValues().get(last), 0.0, "its reports are kept");
    }

    @Test
    void withFinishRunningItRunsToItsEnd() {
        Study s = study();
        OptimizeResult r = s.optimize(REPORTS_FOR_A_WHILE,
                new Budget(Integer.MAX_VALUE, Duration.ofMillis(300)).withFinishRunning(true));
        assertEquals(OptimizeResult.StopReason.TIME_BUDGET, r.stopReason());
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.COMPLETE, t.state());
        assertEquals(40, t.intermediateValues().lastKey());
        assertFalse(t.systemAttrs().containsKey(SystemAttrs.STOPPED));
    }

    @Test
    void aTrialBudgetAloneStopsNothing() {
        Study s = study();
        s.optimize(REPORTS_FOR_A_WHILE, Budget.trials(1));
        assertEquals(TrialState.COMPLETE, s.trials().get(0).state());
    }

    /** Reports every 20 ms for {@code steps} steps, telling the trial its last step first. */
    private static Objective reportsExpecting(int steps) {
        return Objective.single(t -> {
            double x = t.suggestFloat("x", 0, 1);
            t.expectLastStep(steps);
            for (int step = 1; step <= steps; step++) {
                Thread.sleep(20);
                t.report(x + step, step);
                if (t.shouldPrune()) {
                    throw new TrialPrunedException();
                }
            }
            return x + 100;
        });
    }

    @Test
    void aTrialThatCannotFinishInTimeStopsAsSoonAsItsPaceShowsIt() {
        Study s = study();
        // 1,000 steps of 20 ms need 20 s; the budget is 2 s; a trusted pace spans 1,000 / 16, so 63 steps
        s.optimize(reportsExpecting(1_000), new Budget(Integer.MAX_VALUE, Duration.ofSeconds(2)));
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(SystemAttrs.REASON_CANNOT_FINISH, t.systemAttrs().get(SystemAttrs.STOPPED));
        assertTrue(SystemAttrs.stoppedByTimeBudget(t.systemAttrs()));
        int last = t.intermediateValues().lastKey();
        assertEquals(64, last, "the first forecast is at step 64, 63 steps after the first report");
    }

    @Test
    void aTrialThatCanFinishInTimeIsNotStoppedEarly() {
        Study s = study();
        // 40 steps of 20 ms (0.8 s) in a 3-s budget: the first trial completes
        s.optimize(reportsExpecting(40), new Budget(Integer.MAX_VALUE, Duration.ofSeconds(3)));
        FrozenTrial first = s.trials().get(0);
        assertEquals(TrialState.COMPLETE, first.state());
        assertFalse(first.systemAttrs().containsKey(SystemAttrs.STOPPED));
    }

    @Test
    void withFinishRunningNothingIsForecast() {
        Study s = study();
        s.optimize(reportsExpecting(100), new Budget(Integer.MAX_VALUE, Duration.ofMillis(300)).withFinishRunning(true));
        assertEquals(TrialState.COMPLETE, s.trials().get(0).state());
    }
}
