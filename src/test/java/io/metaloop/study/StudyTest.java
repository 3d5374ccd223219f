package io.metaloop.study;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.storage.Storage;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyTest {

    private final Storage storage = new InMemoryStorage();

    private Study study(String name) {
        return Study.builder(storage, name).sampler(new RandomSampler(7)).createOrLoad();
    }

    private static final Objective QUADRATIC = Objective.single(t -> {
        double x = t.suggestFloat("x", -5, 5);
        return (x - 1) * (x - 1);
    });

    @Test
    void trialBudgetCountsPerStudyNotPerCall() {
        Study s = study("budget");
        s.optimize(QUADRATIC, Budget.trials(40));
        assertEquals(40, s.trials().size());
        OptimizeResult again = s.optimize(QUADRATIC, Budget.trials(40));
        assertEquals(OptimizeResult.StopReason.ALREADY_DONE, again.stopReason());
        assertEquals(0, again.trialsRun());
        OptimizeResult more = study("budget").optimize(QUADRATIC, Budget.trials(100));
        assertEquals(60, more.trialsRun());
        assertEquals(100, s.trials().size());
    }

    @Test
    void parallelJobsStopExactlyAtTheBudgetWithDistinctNumbers() {
        Study s = study("parallel");
        s.optimize(QUADRATIC, Budget.trials(200), OptimizeOptions.defaults().withJobs(4));
        List<FrozenTrial> trials = s.trials();
        assertEquals(200, trials.size());
        Set<Integer> numbers = new HashSet<>();
        trials.forEach(t -> numbers.add(t.number()));
        assertEquals(200, numbers.size());
        assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    }

    @Test
    void aThrowingOrNanObjectiveFailsOnlyThatTrial() {
        Study s = study("failing");
        AtomicInteger calls = new AtomicInteger();
        s.optimize(Objective.single(t -> {
            double x = t.suggestFloat("x", 0, 1);
            int n = calls.getAndIncrement();
            if (n == 1) {
                throw new IllegalStateException("diverged at epoch 3");
            }
            return n == 2 ? Double.NaN : x;
        }), Budget.trials(5));
        List<FrozenTrial> trials = s.trials();
        assertEquals(5, trials.size());
        assertEquals(TrialState.FAIL, trials.get(1).state());
        assertEquals("IllegalStateException: diverged at epoch 3", trials.get(1).failReason());
        assertEquals(TrialState.FAIL, trials.get(2).state());
        assertEquals("objective returned NaN", trials.get(2).failReason());
        assertEquals(3, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
        assertEquals(1, trials.get(1).params().size(), "parameters of a failed trial are kept");
    }

    @Test
    void prunedTrialKeepsItsIntermediateValuesAndLastValue() {
        Study s = Study.builder(storage, "pruned").sampler(new RandomSampler(1))
                .pruner((history, trial) -> trial.intermediateValues().size() >= 2).create();
        s.optimize(Objective.single(t -> {
            for (int step = 0; step < 10; step++) {
                t.report(10.0 - step, step);
                if (t.shouldPrune()) {
                    throw new TrialPrunedException();
                }
            }
            return 0;
        }), Budget.trials(1));
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(Map.of(0, 10.0, 1, 9.0), t.intermediateValues());
        assertEquals(List.of(9.0), t.values());
    }

    @Test
    void enqueuedTrialRunsFirstWithItsFixedParameters() {
        Study s = study("enqueue");
        s.enqueueTrial(Map.of("x", 1.0));
        s.optimize(QUADRATIC, Budget.trials(3));
        FrozenTrial first = s.trials().get(0);
        assertEquals(1.0, first.params().get("x"));
        assertEquals(0.0, first.value());
        assertEquals(s.bestTrial().orElseThrow().number(), 0);
    }

    @Test
    void askAndTellDriveTheLoop() {
        Study s = study("asktell");
        Trial t = s.ask();
        double x = t.suggestFloat("x", -5, 5);
        assertEquals(x, t.suggestFloat("x", -5, 5), "asking again returns the same value");
        assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("x", 0, 1));
        FrozenTrial done = s.tell(t, x * x);
        assertEquals(TrialState.COMPLETE, done.state());
        assertEquals(x * x, s.trials().get(0).value());
        Trial wrong = s.ask();
        FrozenTrial failed = s.tell(wrong, 1.0, 2.0);
        assertEquals(TrialState.FAIL, failed.state());
        assertTrue(failed.failReason().contains("2 values"));
    }

    @Test
    void interruptPutsRunningTrialsBackToWaitingAndResumeRunsThemUnderTheirNumbers() {
        Study s = study("interrupt");
        Trial t = s.ask(3).orElseThrow();
        t.suggestFloat("x", 0, 1);
        t.report(0.5, 0);
        s.interrupt();
        FrozenTrial stored = s.trials().get(0);
        assertEquals(TrialState.WAITING, stored.state());
        assertEquals(SystemAttrs.REASON_INTERRUPTED, stored.systemAttrs().get(SystemAttrs.PUT_BACK_REASON));
        assertEquals(1, stored.systemAttrs().get(SystemAttrs.PUT_BACK));
        assertFalse(stored.countsTowardsBudget());
        assertEquals(Map.of(), stored.params(), "the cut run's parameters are dropped");
        assertTrue(stored.intermediateValues().isEmpty(), "and its intermediate values");
        assertThrows(IllegalStateException.class, () -> t.report(0.4, 1), "the abandoned trial takes no more writes");
        Study resumed = study("interrupt");
        resumed.optimize(QUADRATIC, Budget.trials(3));
        List<FrozenTrial> after = resumed.trials();
        assertEquals(3, after.size(), "no trial number is used up by the interruption");
        assertTrue(after.stream().allMatch(x -> x.state() == TrialState.COMPLETE));
        assertEquals(stored.id(), after.get(0).id(), "trial 0 ran again");
    }

    @Test
    void aTrialCutShortTooOftenFailsInsteadOfRunningForever() {
        Study s = study("poison");
        for (int i = 0; i < Study.MAX_PUT_BACKS; i++) {
            s.ask(1).orElseThrow();
            s.interrupt();
            assertEquals(TrialState.WAITING, s.trials().get(0).state());
            s = study("poison");
        }
        s.ask(1).orElseThrow();
        s.interrupt();
        FrozenTrial last = s.trials().get(0);
        assertEquals(TrialState.FAIL, last.state());
        assertEquals(SystemAttrs.REASON_INTERRUPTED, last.failReason());
        assertFalse(last.countsTowardsBudget());
    }

    @Test
    void lostTrialOfADeadProcessIsPutBackButALiveOnesIsKept() throws Exception {
        Study s = study("lost");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Process alive = new ProcessBuilder("sleep", "30").start();
        try {
            Owner deadOwner = ownerOf(dead.toHandle());
            Owner liveOwner = ownerOf(alive.toHandle());
            Owner elsewhere = new Owner("some-other-host", 1, 0);
            FrozenTrial a = storage.startTrial(s.record().id(), 100, Map.of(SystemAttrs.OWNER, deadOwner.toAttr())).orElseThrow();
            FrozenTrial b = storage.startTrial(s.record().id(), 100, Map.of(SystemAttrs.OWNER, liveOwner.toAttr())).orElseThrow();
            FrozenTrial c = storage.startTrial(s.record().id(), 100, Map.of(SystemAttrs.OWNER, elsewhere.toAttr())).orElseThrow();
            List<FrozenTrial> lost = s.reapLostTrials();
            assertEquals(List.of(a.id()), lost.stream().map(FrozenTrial::id).toList());
            Map<Long, TrialState> states = new java.util.HashMap<>();
            s.trials().forEach(t -> states.put(t.id(), t.state()));
            assertEquals(TrialState.WAITING, states.get(a.id()));
            assertEquals(TrialState.RUNNING, states.get(b.id()), "a live owner's trial is kept");
            assertEquals(TrialState.RUNNING, states.get(c.id()), "a fresh heartbeat from another host is kept");
            assertEquals(SystemAttrs.REASON_WORKER_LOST, s.trials().get(a.number()).systemAttrs().get(SystemAttrs.PUT_BACK_REASON));
            assertNull(s.trials().get(b.number()).systemAttrs().get(SystemAttrs.PUT_BACK_REASON));
            assertEquals(a.id(), s.ask().id(), "the next trial started is the lost one, under its number");
        } finally {
            alive.destroyForcibly();
        }
    }

    private static Owner ownerOf(ProcessHandle h) {
        long start = h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return new Owner(Owner.current().host(), h.pid(), start);
    }

    @Test
    void multiObjectiveStudyHasAParetoFront() {
        Study s = Study.builder(storage, "pareto").directions(List.of(Direction.MAXIMIZE, Direction.MINIMIZE))
                .sampler(new RandomSampler(3)).create();
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            return new double[] {x, x * x};
        }, Budget.trials(20));
        // every point trades accuracy for size: all are on the front
        assertEquals(20, s.bestTrials().size());
        assertThrows(IllegalStateException.class, s::bestTrial);
    }
}
