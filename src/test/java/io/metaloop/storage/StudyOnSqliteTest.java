package io.metaloop.storage;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.study.Budget;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.Study;
import io.metaloop.study.Trial;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Study} on SQLite with several "processes" (storages on one file) working on one study. */
class StudyOnSqliteTest {

    @TempDir
    Path dir;

    private static final Objective OBJECTIVE = t -> {
        double x = t.suggestFloat("x", -5, 5);
        Object c = t.suggestCategorical("c", Arrays.asList("relu", null, 1.5));
        return new double[]{x * x + (c == null ? 1 : 0)};
    };

    @Test
    void aProcessSeesTrialsOthersAddedBeforeItsOwn() {
        Path file = dir.resolve("s.db");
        try (Storage one = JdbcStorage.sqlite(file); Storage two = JdbcStorage.sqlite(file)) {
            Study a = Study.builder(one, "s").sampler(new RandomSampler(1)).create();
            Study b = Study.builder(two, "s").sampler(new RandomSampler(2)).load();
            assertEquals(List.of(), a.trials());
            b.optimize(OBJECTIVE, Budget.trials(3));
            Trial mine = a.ask();
            a.tell(mine, 1.0);
            List<FrozenTrial> seen = a.trials();
            assertEquals(List.of(0, 1, 2, 3), seen.stream().map(FrozenTrial::number).toList());
            assertTrue(seen.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        }
    }

    @Test
    void twoProcessesShareOneBudgetWithDistinctNumbers() throws Exception {
        Path file = dir.resolve("s.db");
        try (Storage one = JdbcStorage.sqlite(file); Storage two = JdbcStorage.sqlite(file)) {
            Study.builder(one, "s").create();
            List<Callable<Integer>> jobs = List.of(
                    () -> Study.builder(one, "s").sampler(new RandomSampler(1)).load()
                            .optimize(OBJECTIVE, Budget.trials(60)).trialsRun(),
                    () -> Study.builder(two, "s").sampler(new RandomSampler(2)).load()
                            .optimize(OBJECTIVE, Budget.trials(60)).trialsRun());
            assertEquals(60, StorageContractTest.runAll(jobs).stream().mapToInt(Integer::intValue).sum());
            List<FrozenTrial> trials = Study.builder(two, "s").load().trials();
            assertEquals(IntStream.range(0, 60).boxed().toList(), trials.stream().map(FrozenTrial::number).toList());
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE), trials.toString());
        }
    }
}
