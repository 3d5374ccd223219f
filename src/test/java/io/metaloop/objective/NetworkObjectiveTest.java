package io.metaloop.objective;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.spec.SearchSpaceFiles;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.OptimizeResult;
import io.metaloop.study.Study;
import io.metaloop.study.TrialState;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.nn.ModelFile;
import io.metaloop.train.nn.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkObjectiveTest {

    @TempDir
    Path dir;

    private static final SearchSpace SMALL = SearchSpaceFiles.parse("""
            params:
              units: {type: int, low: 8, high: 24}
              lr: {type: float, low: 0.005, high: 0.02, log: true}
            """, "small");

    private static Study study(io.metaloop.pruner.Pruner pruner) {
        Study.Builder b = Study.builder(new InMemoryStorage(), "net").direction(Direction.MAXIMIZE)
                .sampler(new RandomSampler(3)).searchSpace(SMALL);
        if (pruner != null) {
            b.pruner(pruner);
        }
        return b.createOrLoad();
    }

    private static NetworkSettings settings(long maxParams, int epochs) {
        NetworkSettings d = NetworkSettings.of(Datasets.DIGITS);
        return new NetworkSettings(d.data(), d.metrics(), maxParams, epochs, 32, d.validationFraction(),
                d.labelColumn(), d.normalize(), d.splitSeed(), d.seed());
    }

    @Test
    void reportsEveryEpochStoresAttributesAndKeepsTheBestModel() throws Exception {
        Study study = study(null);
        NetworkObjective objective = new NetworkObjective(settings(0, 4), SMALL, Path.of(""), dir.resolve("m"));
        study.optimize(objective, Budget.trials(3), OptimizeOptions.defaults());
        List<FrozenTrial> trials = study.trials();
        assertEquals(3, trials.size());
        for (FrozenTrial t : trials) {
            assertEquals(TrialState.COMPLETE, t.state(), t.failReason());
            assertEquals(List.of(1, 2, 3, 4), List.copyOf(t.intermediateValues().keySet()));
            assertEquals(t.intermediateValues().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    t.value(), 1e-12, "the value is the best epoch's validation accuracy");
            long expected = 64L * ((Number) t.params().get("units")).intValue() + ((Number) t.params().get("units")).intValue()
                    + ((Number) t.params().get("units")).intValue() * 10L + 10;
            assertEquals(expected, ((Number) t.userAttrs().get(NetworkObjective.PARAMS_ATTR)).longValue());
            assertTrue(((Number) t.userAttrs().get(NetworkObjective.SECONDS_ATTR)).doubleValue() > 0);
        }
        assertTrue(study.bestTrial().orElseThrow().value() > 0.8, "digits are easy: " + study.bestTrial());
        Path model = dir.resolve("m").resolve(NetworkObjective.BEST_MODEL);
        assertTrue(Files.exists(model));
        TrainedModel m = ModelFile.readModel(model);
        assertNotNull(m.normalizer());
        assertEquals(10, m.classNames().size());
        long bestCount = ((Number) study.bestTrial().orElseThrow().userAttrs().get(NetworkObjective.PARAMS_ATTR)).longValue();
        assertEquals(bestCount, m.network().parameterCount(), "the kept model is the best trial's");
    }

    @Test
    void metricsValAccuracyAndParamsReturnTheParameterCountAsSecondValue() throws Exception {
        Study study = Study.builder(new InMemoryStorage(), "front").directions(List.of(Direction.MAXIMIZE, Direction.MINIMIZE))
                .sampler(new RandomSampler(4)).searchSpace(SMALL).create();
        NetworkSettings two = settings(0, 2).withMetrics(List.of(NetworkSettings.VAL_ACCURACY, NetworkSettings.PARAMS));
        study.optimize(new NetworkObjective(two, SMALL, Path.of(""), dir.resolve("m")), Budget.trials(3), OptimizeOptions.defaults());
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.COMPLETE, t.state(), t.failReason());
            assertEquals(2, t.values().size());
            assertEquals(t.intermediateValues().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    t.values().get(0), 1e-12);
            assertEquals(((Number) t.userAttrs().get(NetworkObjective.PARAMS_ATTR)).doubleValue(), t.values().get(1));
        }
        FrozenTrial mostAccurate = study.trials().stream().max(java.util.Comparator.comparingDouble(t -> t.values().get(0))).orElseThrow();
        assertEquals(mostAccurate.userAttrs().get(NetworkObjective.PARAMS_ATTR).toString(),
                String.valueOf(ModelFile.readModel(dir.resolve("m").resolve(NetworkObjective.BEST_MODEL)).network().parameterCount()),
                "the kept model is the most accurate trial's");
    }

    @Test
    void aProposalOverTheBudgetIsRejectedWithoutTraining() {
        Study study = study(null);
        // the smallest proposal (8 units) has 64*8+8+8*10+10 = 610 parameters
        NetworkObjective objective = new NetworkObjective(settings(600, 50), SMALL, Path.of(""), null);
        long t0 = System.nanoTime();
        OptimizeResult r = study.optimize(objective, Budget.trials(2), OptimizeOptions.defaults());
        double seconds = (System.nanoTime() - t0) / 1e9;
        // rejected trials use no budget, so the run ends only at the limit of rejections in a row
        assertEquals(OptimizeResult.StopReason.REJECTED, r.stopReason());
        assertEquals(OptimizeResult.MAX_REJECTED_IN_A_ROW, study.trials().size());
        for (FrozenTrial t : study.trials()) {
            assertTrue(t.isRejected());
            assertEquals(TrialState.FAIL, t.state());
            assertEquals("rejected: " + t.userAttrs().get("params") + " parameters > max-params 600", t.failReason());
            assertTrue(t.intermediateValues().isEmpty(), "no epoch was trained");
            assertTrue(!t.userAttrs().containsKey(NetworkObjective.SECONDS_ATTR));
            assertTrue(!t.countsTowardsBudget());
        }
        assertTrue(seconds < 10, "50 epochs were not run: " + seconds);
    }

    @Test
    void aPrunedTrialStopsAtThePrunersWord() {
        AtomicInteger asked = new AtomicInteger();
        // prunes every trial after its second epoch
        Study study = study((history, trial) -> {
            asked.incrementAndGet();
            return trial.intermediateValues().size() >= 2;
        });
        NetworkObjective objective = new NetworkObjective(settings(0, 6), SMALL, Path.of(""), null);
        study.optimize(objective, Budget.trials(2), OptimizeOptions.defaults());
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.PRUNED, t.state(), t.failReason());
            assertEquals(List.of(1, 2), List.copyOf(t.intermediateValues().keySet()));
        }
        assertEquals(4, asked.get());
        assertTrue(study.trials().stream().map(FrozenTrial::params).allMatch(p -> p.keySet().containsAll(
                SMALL.params().stream().map(ParamSpec::name).toList())));
    }
}
