package io.metaloop.study;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trial time limit on plain Java objectives, under optimize and by ask/tell. */
class TrialTimeoutTest {

    private static Study study(Duration timeout) {
        return Study.builder(new InMemoryStorage(), "timeout").sampler(new RandomSampler(1)).trialTimeout(timeout)
                .createOrLoad();
    }

    private static void assertTimedOut(FrozenTrial t) {
        assertEquals(TrialState.FAIL, t.state());
        assertEquals(SystemAttrs.REASON_TIMEOUT, t.failReason());
        assertTrue(t.countsTowardsBudget(), "a timeout is a real failure, counted in the budget");
        assertFalse(t.systemAttrs().containsKey(SystemAttrs.PUT_BACK), "and not put back to run again");
    }

    @Test
    void aSleepingObjectiveIsInterruptedAtItsDeadlineAndTheStudyGoesOn() {
        Study s = study(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        OptimizeResult r = s.optimize(Objective.single(t -> {
            double x = t.suggestFloat("x", 0, 1);
            if (t.number() == 0) {
                Thread.sleep(60_000);
            }
            return x;
        }), Budget.trials(3));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 10, "the sleeping trial was cut after 0.3 s: " + seconds);
        assertEquals(OptimizeResult.StopReason.TRIAL_BUDGET, r.stopReason());
        List<FrozenTrial> trials = s.trials();
        assertEquals(3, trials.size());
        assertTimedOut(trials.get(0));
        assertEquals(TrialState.COMPLETE, trials.get(1).state());
        assertEquals(TrialState.COMPLETE, trials.get(2).state());
        assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt does not leak out");
    }

    @Test
    void aResultReturnedLateIsATimeoutWhateverItsValue() {
        Study s = study(Duration.ofMillis(200));
        OptimizeResult r = s.optimize(Objective.single(t -> {
            if (t.number() == 1) {
                long end = System.nanoTime() + 600_000_000L;
                while (System.nanoTime() < end) {
                    Thread.interrupted(); // an objective deaf to interrupts
                }
            }
            return 1.0;
        }), Budget.trials(3), OptimizeOptions.defaults().withJobs(2));
        assertEquals(OptimizeResult.StopReason.TRIAL_BUDGET, r.stopReason());
        List<FrozenTrial> trials = s.trials();
        assertTimedOut(trials.get(1));
        assertEquals(2, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    }

    @Test
    void askAndTellByHand() throws InterruptedException {
        Study s = study(Duration.ofMillis(100));
        Trial late = s.ask();
        Trial early = s.ask();
        assertFalse(early.isTimedOut());
        early.checkTimeout();
        assertEquals(TrialState.COMPLETE, s.tell(early, 1.0).state());
        Thread.sleep(150);
        assertTrue(late.isTimedOut());
        assertThrows(TrialTimeoutException.class, late::checkTimeout);
        assertTimedOut(s.tell(late, 2.0));
        assertTimedOut(s.trials().get(0));
    }

    @Test
    void onTimeoutRunsOnceAtTheDeadlineUnlessClosed() throws InterruptedException {
        Study s = study(Duration.ofMillis(100));
        Trial t = s.ask();
        int[] runs = {0, 0};
        t.onTimeout(() -> runs[0]++);
        t.onTimeout(() -> runs[1]++).close();
        Thread.sleep(400);
        assertEquals(1, runs[0]);
        assertEquals(0, runs[1], "a closed watch never runs");
    }

    @Test
    void withoutALimitNothingTimesOut() throws InterruptedException {
        Study s = Study.builder(new InMemoryStorage(), "free").sampler(new RandomSampler(1)).createOrLoad();
        Trial t = s.ask();
        t.onTimeout(() -> {
            throw new AssertionError("no limit, no timeout");
        });
        Thread.sleep(20);
        assertFalse(t.isTimedOut());
        assertEquals(TrialState.COMPLETE, s.tell(t, 1.0).state());
        assertThrows(IllegalArgumentException.class,
                () -> Study.builder(new InMemoryStorage(), "x").trialTimeout(Duration.ofSeconds(-5)));
    }
}
