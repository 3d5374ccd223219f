package io.metaloop.study;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.storage.Storage;
import io.metaloop.storage.StorageUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real processes on a real SQLite file: kill -9 a worker, resume, and never steal a live trial. */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    private static void await(Storage storage, String study, Predicate<List<FrozenTrial>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            var record = storage.findStudy(study);
            if (record.isPresent() && condition.test(storage.trials(record.get().id()))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("worker made no progress in 60 s");
    }

    private static long count(List<FrozenTrial> trials, TrialState s) {
        return trials.stream().filter(t -> t.state() == s).count();
    }

    @Test
    void killedWorkersTrialIsRunAgainOnResumeAndCompleteTrialsAreKept() throws Exception {
        String url = "sqlite:" + dir.resolve("crash.db");
        try (Storage storage = StorageUrls.open(url)) {
            Process worker = SlowWorker.start(url, "crash", 200);
            try {
                await(storage, "crash", ts -> count(ts, TrialState.COMPLETE) >= 3 && count(ts, TrialState.RUNNING) == 1);
                // a second process opening the study while the worker lives must not take its trial
                Study observer = Study.builder(storage, "crash").sampler(new RandomSampler(1)).load();
                assertEquals(List.of(), observer.reapLostTrials());
            } finally {
                worker.destroyForcibly().waitFor();
            }
            Study study = Study.builder(storage, "crash").sampler(new RandomSampler(1)).load();
            List<FrozenTrial> before = study.trials();
            long complete = count(before, TrialState.COMPLETE);
            FrozenTrial running = before.stream().filter(t -> t.state() == TrialState.RUNNING).findFirst().orElseThrow();

            OptimizeResult r = study.optimize(Objective.single(t -> t.suggestFloat("x", -1, 1)),
                    Budget.trials((int) complete + 5));
            assertEquals(5, r.trialsRun(), "the lost trial does not use up the budget");
            List<FrozenTrial> after = study.trials();
            FrozenTrial lost = after.get(running.number());
            assertEquals(TrialState.COMPLETE, lost.state(), "the lost trial ran again under its number");
            assertEquals(running.id(), lost.id());
            assertEquals(SystemAttrs.REASON_WORKER_LOST, lost.systemAttrs().get(SystemAttrs.PUT_BACK_REASON));
            assertEquals(complete + 5, count(after, TrialState.COMPLETE));
            assertEquals(complete + 5, after.size(), "no trial number was used up");
            assertEquals(0, count(after, TrialState.RUNNING));
            for (FrozenTrial t : before) {
                if (t.state() == TrialState.COMPLETE) {
                    assertEquals(t.values(), after.get(t.number()).values(), "complete trial " + t.number() + " kept");
                }
            }
        }
    }

    @Test
    void twoProcessesShareOneStudyWithDistinctTrialNumbers() throws Exception {
        String url = "sqlite:" + dir.resolve("shared.db");
        try (Storage storage = StorageUrls.open(url)) {
            Study.builder(storage, "shared").create();
            Process a = SlowWorker.start(url, "shared", 5);
            Process b = SlowWorker.start(url, "shared", 5);
            try {
                await(storage, "shared", ts -> count(ts, TrialState.COMPLETE) >= 300);
            } finally {
                a.destroyForcibly().waitFor();
                b.destroyForcibly().waitFor();
            }
            List<FrozenTrial> trials = Study.builder(storage, "shared").load().trials();
            for (int i = 0; i < trials.size(); i++) {
                assertEquals(i, trials.get(i).number());
            }
            long owners = trials.stream().map(t -> Owner.fromAttrs(t.systemAttrs()).orElseThrow().pid()).distinct().count();
            assertTrue(owners == 2, "both processes ran trials, got " + owners + " owner(s)");
        }
    }
}
