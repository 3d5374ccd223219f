package io.metaloop.objective;

import io.metaloop.pruner.SuccessiveHalvingPruner;
import io.metaloop.sampler.RandomSampler;
import io.metaloop.space.SearchSpace;
import io.metaloop.spec.SearchSpaceFiles;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Study;
import io.metaloop.study.TrialState;
import io.metaloop.train.data.Datasets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the steps of a network trial's reports count, and ASHA stopping trials on them within an epoch. */
class FidelityTest {

    private static final SearchSpace SPACE = SearchSpaceFiles.parse("""
            params:
              units: {type: int, low: 8, high: 24}
              lr: {type: float, low: 1.0e-5, high: 1.0, log: true}
            """, "space");

    private static NetworkObjective objective(Fidelity fidelity, int epochs) {
        NetworkSettings d = NetworkSettings.of(Datasets.DIGITS);
        NetworkSettings s = new NetworkSettings(d.data(), d.metrics(), 0, epochs, 32, d.validationFraction(),
                d.labelColumn(), d.normalize(), d.splitSeed(), d.seed()).withFidelity(fidelity);
        return new NetworkObjective(s, SPACE, Path.of(""), null);
    }

    private static Study study(io.metaloop.pruner.Pruner pruner) {
        Study.Builder b = Study.builder(new InMemoryStorage(), "fidelity").direction(Direction.MAXIMIZE)
                .sampler(new RandomSampler(5)).searchSpace(SPACE);
        return (pruner == null ? b : b.pruner(pruner)).createOrLoad();
    }

    @Test
    void examplesCountTrainingExamplesAndDoubleWithinTheFirstEpoch() {
        NetworkObjective objective = objective(new Fidelity(Fidelity.Resource.EXAMPLES, 100), 3);
        int n = objective.data().train().size();
        List<Integer> expected = new ArrayList<>();
        for (int s = 100; s < n; s *= 2) {
            expected.add(s);
        }
        expected.addAll(List.of(n, 2 * n, 3 * n));
        Study study = study(null);
        study.enqueueTrial(Map.of("lr", 0.01));
        study.optimize(objective, Budget.trials(1));
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.COMPLETE, t.state(), t.failReason());
        assertEquals(expected, List.copyOf(t.intermediateValues().keySet()));
        double bestEpoch = Math.max(t.intermediateValues().get(n), Math.max(t.intermediateValues().get(2 * n),
                t.intermediateValues().get(3 * n)));
        assertEquals(bestEpoch, t.value(), 1e-12, "the value is still the best epoch's accuracy");
        assertTrue(t.intermediateValues().get(100) < t.intermediateValues().get(3 * n),
                "100 examples teach less than three epochs: " + t.intermediateValues());
    }

    @Test
    void examplesWithoutFirstReportReportAtEpochEndsOnly() {
        NetworkObjective objective = objective(new Fidelity(Fidelity.Resource.EXAMPLES, 0), 2);
        int n = objective.data().train().size();
        Study study = study(null);
        study.optimize(objective, Budget.trials(1));
        assertEquals(List.of(n, 2 * n), List.copyOf(study.trials().get(0).intermediateValues().keySet()));
    }

    @Test
    void ashaStopsBadConfigurationsWithinTheFirstEpoch() {
        NetworkObjective objective = objective(new Fidelity(Fidelity.Resource.EXAMPLES, 100), 4);
        int n = objective.data().train().size();
        Study study = study(SuccessiveHalvingPruner.builder().minResource(100).reductionFactor(3).maxResource(4 * n)
                .build());
        study.optimize(objective, Budget.trials(12));
        List<FrozenTrial> trials = study.trials();
        List<FrozenTrial> pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).toList();
        List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        assertTrue(pruned.size() >= 4, "ASHA keeps a third at each rung: " + pruned.size() + " of 12 pruned");
        assertTrue(pruned.stream().filter(t -> t.intermediateValues().lastKey() < n).count() >= 3,
                "most are cut within their first epoch, after a few hundred examples");
        assertTrue(!complete.isEmpty(), "the first trial at every rung goes on");
        for (FrozenTrial t : complete) {
            assertEquals(4 * n, t.intermediateValues().lastKey());
        }
        double best = complete.stream().mapToDouble(FrozenTrial::value).max().orElseThrow();
        assertTrue(best > 0.8, "a good configuration survived: " + best);
    }

    @Test
    void stepsAndTheirLimits() {
        assertEquals(3, Fidelity.EPOCHS.epochStep(3, 48_000));
        assertEquals(144_000, new Fidelity(Fidelity.Resource.EXAMPLES, 0).epochStep(3, 48_000));
        assertThrows(IllegalArgumentException.class, () -> new Fidelity(Fidelity.Resource.EXAMPLES, 0).epochStep(50_000, 60_000));
        assertThrows(IllegalArgumentException.class, () -> new Fidelity(Fidelity.Resource.EPOCHS, 100));
        assertEquals(new Fidelity(Fidelity.Resource.EXAMPLES, 3000),
                Fidelity.fromMap(Map.of("resource", "examples", "first-report", 3000)));
        assertEquals(Fidelity.EPOCHS, Fidelity.fromMap(Map.of()));
        assertEquals(Map.of("resource", "examples", "first-report", 3000),
                new Fidelity(Fidelity.Resource.EXAMPLES, 3000).toMap());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fidelity.fromMap(Map.of("resource", "batches")));
        assertTrue(e.getMessage().contains("unknown resource 'batches'"), e.getMessage());
    }
}
