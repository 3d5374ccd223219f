package io.metaloop.pruner;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.storage.JdbcStorage;
import io.metaloop.storage.Storage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.Study;
import io.metaloop.study.Trial;
import io.metaloop.study.TrialPrunedException;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pruners inside real studies: trials are stopped, and stopped trials keep what they reported. */
class PrunersInAStudyTest {

    private static final int STEPS = 8;

    @TempDir
    Path dir;

    /** The learning curve of a trial with parameter x: it falls with the step towards (x - 0.3)². */
    private static double curve(double x, int step) {
        return (x - 0.3) * (x - 0.3) + 1.0 / step;
    }

    private static final Objective CURVES = Objective.single(t -> {
        double x = t.suggestFloat("x", 0, 1);
        for (int step = 1; step <= STEPS; step++) {
            t.report(curve(x, step), step);
            if (t.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return curve(x, STEPS);
    });

    private void prunedTrialsKeepTheirReportsOnSqlite(String name, Pruner pruner) {
        Path file = dir.resolve(name + ".db");
        try (Storage storage = JdbcStorage.sqlite(file)) {
            Study.builder(storage, name).direction(Direction.MINIMIZE).sampler(new RandomSampler(3)).pruner(pruner)
                    .create().optimize(CURVES, Budget.trials(40));
        }
        try (Storage again = JdbcStorage.sqlite(file)) {
            List<FrozenTrial> trials = Study.builder(again, name).load().trials();
            assertEquals(40, trials.size());
            List<FrozenTrial> pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).toList();
            long complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
            assertTrue(pruned.size() >= 5 && complete >= 2, pruned.size() + " pruned, " + complete + " complete");
            for (FrozenTrial t : pruned) {
                double x = (Double) t.params().get("x");
                int last = t.intermediateValues().lastKey();
                assertTrue(last < STEPS, "trial " + t.number() + " ran to the end");
                Map<Integer, Double> expected = new TreeMap<>();
                for (int step = 1; step <= last; step++) {
                    expected.put(step, curve(x, step));
                }
                assertEquals(expected, t.intermediateValues(), "trial " + t.number());
                assertEquals(List.of(curve(x, last)), t.values(), "a pruned trial's value is its last report");
            }
        }
    }

    @Test
    void medianPrunesAndPrunedTrialsKeepTheirReports() {
        prunedTrialsKeepTheirReportsOnSqlite("median", MedianPruner.builder().startupTrials(3).build());
    }

    @Test
    void ashaPrunesAndPrunedTrialsKeepTheirReports() {
        prunedTrialsKeepTheirReportsOnSqlite("asha", SuccessiveHalvingPruner.builder().reductionFactor(3).build());
    }

    @Test
    void hyperbandPrunesAndPrunedTrialsKeepTheirReports() {
        prunedTrialsKeepTheirReportsOnSqlite("hyperband", HyperbandPruner.builder(STEPS).reductionFactor(2).build());
    }

    @Test
    void aStudyWithTwoObjectivesIsPrunedOnTheChosenOne() {
        // objective 1 (maximized) is what the reports follow: 1 - curve
        Study s = Study.builder(new InMemoryStorage(), "two").directions(List.of(Direction.MINIMIZE, Direction.MAXIMIZE))
                .sampler(new RandomSampler(5)).pruner(MedianPruner.builder().startupTrials(3).objective(1).build()).create();
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            for (int step = 1; step <= STEPS; step++) {
                t.report(1 - curve(x, step), step);
                if (t.shouldPrune()) {
                    throw new TrialPrunedException();
                }
            }
            return new double[] {x, 1 - curve(x, STEPS)};
        }, Budget.trials(30));
        List<FrozenTrial> pruned = s.trials().stream().filter(t -> t.state() == TrialState.PRUNED).toList();
        assertTrue(pruned.size() >= 5, pruned.size() + " pruned");
        for (FrozenTrial t : pruned) {
            assertTrue(t.intermediateValues().size() < STEPS && !t.intermediateValues().isEmpty());
            assertEquals(List.of(), t.values(), "a pruned trial of two objectives has no values");
        }
    }

    @Test
    void aPrunerSeesReportsOtherTrialsMadeAfterThisOneStarted() {
        List<Integer> seen = new ArrayList<>();
        Pruner recorder = (history, trial) -> {
            seen.add(history.trials().stream().filter(t -> t.number() != trial.number())
                    .mapToInt(t -> t.intermediateValues().size()).sum());
            return false;
        };
        Study s = Study.builder(new InMemoryStorage(), "fresh").sampler(new RandomSampler(1)).pruner(recorder).create();
        Trial a = s.ask();
        Trial b = s.ask();
        a.report(1.0, 1);
        b.report(2.0, 1);
        b.shouldPrune();
        a.report(0.5, 2);
        a.report(0.4, 3);
        b.report(2.0, 2);
        b.shouldPrune();
        assertEquals(List.of(1, 3), seen);
    }
}
