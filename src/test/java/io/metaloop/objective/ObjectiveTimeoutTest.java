package io.metaloop.objective;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.space.SearchSpace;
import io.metaloop.spec.SearchSpaceFiles;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Study;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;
import io.metaloop.train.data.Datasets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in objectives stop a trial at its time limit: a hung program is killed, a network stops
 * between batches — as it does when the run's time budget is up.
 */
class ObjectiveTimeoutTest {

    private static Study study(Direction direction, SearchSpace space, Duration timeout) {
        return Study.builder(new InMemoryStorage(), "t").direction(direction).sampler(new RandomSampler(1))
                .searchSpace(space).trialTimeout(timeout).createOrLoad();
    }

    private static double seconds(FrozenTrial t) {
        return t.datetimeStart().until(t.datetimeComplete(), ChronoUnit.MILLIS) / 1000.0;
    }

    private static boolean sleepRunning() {
        return ProcessHandle.current().descendants()
                .anyMatch(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("sleep")).orElse(false));
    }

    @Test
    void aCommandThatHangsIsKilledAndTheStudyGoesOn() throws InterruptedException {
        SearchSpace space = SearchSpaceFiles.parse("params: {hang: {type: int, low: 0, high: 1}}", "space");
        // a shell with a child: killing the shell alone would leave sleep holding the output open
        CommandObjective objective = new CommandObjective(List.of("/bin/sh", "-c",
                "echo starting; if [ {hang} = 1 ]; then sleep 1000; fi; echo 0.5"), Path.of("."), space);
        Study study = study(Direction.MINIMIZE, space, Duration.ofSeconds(1));
        study.enqueueTrial(Map.of("hang", 1));
        study.enqueueTrial(Map.of("hang", 0));
        long t0 = System.nanoTime();
        study.optimize(objective, Budget.trials(2));
        assertTrue((System.nanoTime() - t0) / 1e9 < 8, "the hung trial was cut after a second");
        FrozenTrial hung = study.trials().get(0);
        assertEquals(TrialState.FAIL, hung.state());
        assertEquals(SystemAttrs.REASON_TIMEOUT, hung.failReason());
        assertTrue(seconds(hung) < 4, "killed at its deadline: " + seconds(hung));
        FrozenTrial next = study.trials().get(1);
        assertEquals(TrialState.COMPLETE, next.state(), next.failReason());
        assertEquals(0.5, next.value());
        Thread.sleep(200);
        assertTrue(!sleepRunning(), "the program's children were killed too");
    }

    // about 2.2M weights trained one example at a time: an epoch of the digits takes seconds, a batch milliseconds
    private static final SearchSpace BIG = SearchSpaceFiles.parse("""
            params:
              layers: {type: int, low: 3, high: 3}
              units: {type: int, low: 1024, high: 1024}
              optimizer: {type: categorical, choices: [sgd]}
            """, "big");

    private static NetworkObjective slowNetwork() {
        NetworkSettings d = NetworkSettings.of(Datasets.DIGITS);
        NetworkSettings settings = new NetworkSettings(d.data(), d.metrics(), 0, 1000, 1, d.validationFraction(),
                d.labelColumn(), d.normalize(), d.splitSeed(), d.seed());
        NetworkObjective objective = new NetworkObjective(settings, BIG, Path.of(""), null);
        objective.data(); // loaded before the clock starts
        return objective;
    }

    @Test
    void aNetworkWithALongEpochStopsWithinABatchOfTheEndOfATimeBudget() {
        Study study = Study.builder(new InMemoryStorage(), "t").direction(Direction.MAXIMIZE)
                .sampler(new RandomSampler(1)).searchSpace(BIG).createOrLoad();
        NetworkObjective objective = slowNetwork();
        long t0 = System.nanoTime();
        study.optimize(objective, new Budget(Integer.MAX_VALUE, Duration.ofSeconds(1)));
        double wall = (System.nanoTime() - t0) / 1e9;
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(SystemAttrs.REASON_TIME_BUDGET, t.systemAttrs().get(SystemAttrs.STOPPED));
        assertTrue(t.intermediateValues().isEmpty(), "stopped during its first epoch: " + t.intermediateValues());
        // a batch takes milliseconds once compiled, longer while the JIT warms up
        assertTrue(wall < 4, "the run ended soon after its 1 s budget, not at the epoch's end: " + wall + " s");
    }

    @Test
    void aNetworkWithALongEpochStopsWithinABatchOfItsDeadline() {
        NetworkObjective objective = slowNetwork();
        Study study = study(Direction.MAXIMIZE, BIG, Duration.ofSeconds(1));
        study.optimize(objective, Budget.trials(1));
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertEquals(SystemAttrs.REASON_TIMEOUT, t.failReason());
        double trained = ((Number) t.userAttrs().get(NetworkObjective.SECONDS_ATTR)).doubleValue();
        assertTrue(t.intermediateValues().isEmpty(), "stopped during its first epoch: " + t.intermediateValues());
        // a batch takes milliseconds once compiled, longer while the JIT warms up
        assertTrue(trained < 2.5, "training stopped within a batch of the 1 s deadline: " + trained + " s");
        assertTrue(seconds(t) < 4, "the trial ended soon after: " + seconds(t) + " s");
    }

    @Test
    void aNetworkThatCannotFinishInTimeStopsAtItsSecondReport() {
        // 1,000 epochs of a big network need far more than the 3-s budget. Reports come from 32
        // examples on; the reports' own pace would be trusted only across 1/16 of the run (tens of
        // thousands of examples, past the budget), the training pace between reports from the second on.
        NetworkObjective objective = new NetworkObjective(
                slowNetwork().settings().withFidelity(new Fidelity(Fidelity.Resource.EXAMPLES, 32)), BIG, Path.of(""), null);
        objective.data();
        Study study = Study.builder(new InMemoryStorage(), "t").direction(Direction.MAXIMIZE)
                .sampler(new RandomSampler(1)).searchSpace(BIG).createOrLoad();
        study.optimize(objective, new Budget(Integer.MAX_VALUE, Duration.ofSeconds(3)));
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(SystemAttrs.REASON_CANNOT_FINISH, t.systemAttrs().get(SystemAttrs.STOPPED));
        assertEquals(List.of(32, 64), List.copyOf(t.intermediateValues().keySet()), "stopped at its second report");
    }
}
