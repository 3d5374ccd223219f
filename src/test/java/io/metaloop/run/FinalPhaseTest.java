package io.metaloop.run;

import io.metaloop.objective.FinalTraining;
import io.metaloop.objective.NetworkObjective;
import io.metaloop.objective.NetworkSettings;
import io.metaloop.sampler.RandomSampler;
import io.metaloop.space.SearchSpace;
import io.metaloop.spec.SearchSpaceFiles;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.OptimizeResult;
import io.metaloop.study.Study;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.nn.Augmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinalPhaseTest {

    @TempDir
    Path dir;

    private static final SearchSpace SPACE = SearchSpaceFiles.parse("""
            params:
              units: {type: int, low: 4, high: 32, log: true}
              lr: {type: float, low: 0.001, high: 0.03, log: true}
            """, "small");

    /** Networks of 0–3 convolutions and 0–2 hidden dense layers, for the depth rule. */
    private static final SearchSpace DEPTHS = SearchSpaceFiles.parse("""
            params:
              conv_layers: {type: int, low: 0, high: 3}
              conv_filters: {type: int, low: 2, high: 8}
              layers: {type: int, low: 0, high: 2}
              units: {type: int, low: 4, high: 16}
            """, "depths");

    private NetworkObjective depthsObjective() {
        return new NetworkObjective(settings(new FinalTraining(0.5, Augmentation.NONE)), DEPTHS, Path.of(""), dir);
    }

    private static NetworkSettings settings(FinalTraining f) {
        NetworkSettings d = NetworkSettings.of(Datasets.DIGITS);
        return new NetworkSettings(d.data(), d.metrics(), 0, 3, 32, d.validationFraction(), d.labelColumn(), d.normalize(),
                d.splitSeed(), d.seed(), d.fidelity(), Augmentation.NONE, f);
    }

    /** A study whose pruner stops every trial given epochs as a parameter: only final trainings are. */
    private static Study study() {
        return Study.builder(new InMemoryStorage(), "final").direction(Direction.MAXIMIZE).sampler(new RandomSampler(5))
                .searchSpace(SPACE).pruner((h, t) -> t.params().containsKey("epochs")).createOrLoad();
    }

    private static boolean isFinal(FrozenTrial t) {
        return t.systemAttrs().containsKey(SystemAttrs.FINAL);
    }

    @Test
    void theEndOfATimeBudgetTrainsTheBestNetworksAgainLongerAndWithTheFinalAugmentation() {
        Study study = study();
        FinalTraining f = new FinalTraining(0.5, new Augmentation(false, 1));
        NetworkObjective objective = new NetworkObjective(settings(f), SPACE, Path.of(""), dir);
        FinalPhase phase = new FinalPhase(study, objective, new Budget(Integer.MAX_VALUE, Duration.ofSeconds(8)));
        assertEquals(Duration.ofSeconds(4), phase.searchBudget().time(), "the search keeps half");

        OptimizeResult r = phase.run(OptimizeOptions.defaults().withJobs(2), null);

        assertEquals(OptimizeResult.StopReason.TIME_BUDGET, r.stopReason());
        List<FrozenTrial> trials = study.trials();
        List<FrozenTrial> finals = trials.stream().filter(FinalPhaseTest::isFinal).toList();
        List<FrozenTrial> search = trials.stream().filter(t -> !isFinal(t)).toList();
        assertEquals(2, finals.size(), "one final training per worker");
        assertTrue(search.stream().allMatch(t -> t.number() < finals.get(0).number()), "finals come after the search");
        // every complete trial reached 3 epochs, so trials are compared at their third (last) report
        List<FrozenTrial> complete = search.stream().filter(t -> t.state() == TrialState.COMPLETE)
                .sorted(Comparator.comparingDouble((FrozenTrial t) -> t.intermediateValues().get(3)).reversed()).toList();
        Set<Object> networks = new HashSet<>();
        for (FrozenTrial t : finals) {
            assertEquals(TrialState.COMPLETE, t.state(), "never pruned, though the pruner stops trials with epochs: "
                    + t.failReason());
            Map<?, ?> plan = (Map<?, ?>) t.systemAttrs().get(SystemAttrs.FINAL);
            FrozenTrial base = trials.get(((Number) plan.get("of")).intValue());
            assertEquals(base.params().get("units"), t.params().get("units"));
            assertEquals(base.params().get("lr"), t.params().get("lr"));
            int epochs = ((Number) t.params().get("epochs")).intValue();
            assertEquals(plan.get("epochs"), epochs);
            assertTrue(epochs >= 6, "at least twice the search's 3 epochs: " + epochs);
            // not that it trained them all: on a loaded machine the pace can drop, and the budget then ends it early
            assertFalse(t.intermediateValues().isEmpty());
            assertEquals(false, t.params().get("augment_flip"));
            assertEquals(1, ((Number) t.params().get("augment_shift")).intValue());
            assertEquals(FinalTraining.SCHEDULE, t.params().get("schedule"), "a final training decays its rate;"
                    + " its base trained at the default constant one");
            assertFalse(base.params().containsKey("schedule"));
            assertTrue(networks.add(base.userAttrs().get(NetworkObjective.NETWORK_ATTR)), "two different networks");
        }
        // the first final training is of the best network; the second of the best other network
        FrozenTrial best = complete.get(0);
        assertEquals(best.number(), ((Number) ((Map<?, ?>) finals.get(0).systemAttrs().get(SystemAttrs.FINAL)).get("of")));
        FrozenTrial second = complete.stream().filter(t -> !t.userAttrs().get(NetworkObjective.NETWORK_ATTR)
                .equals(best.userAttrs().get(NetworkObjective.NETWORK_ATTR))).findFirst().orElseThrow();
        assertEquals(second.number(), ((Number) ((Map<?, ?>) finals.get(1).systemAttrs().get(SystemAttrs.FINAL)).get("of")));
    }

    private static FrozenTrial reported(int number, TrialState state, double... stepsAndValues) {
        TreeMap<Integer, Double> reports = new TreeMap<>();
        for (int i = 0; i < stepsAndValues.length; i += 2) {
            reports.put((int) stepsAndValues[i], stepsAndValues[i + 1]);
        }
        return new FrozenTrial(number, number, state, List.of(), null, null, Map.of(), Map.of(), Map.of(), Map.of(), reports);
    }

    @Test
    void finalTrainingsAreChosenAmongTrialsComparedWhereThePrunerLastJudgedThem() {
        FrozenTrial finalOne = new FrozenTrial(9, 9, TrialState.COMPLETE, List.of(0.99), null, null, Map.of(), Map.of(),
                Map.of(), Map.of(SystemAttrs.FINAL, Map.of("of", 0)), new TreeMap<>(Map.of(1, 0.9, 2, 0.95, 3, 0.99)));
        FrozenTrial outOfTime = new FrozenTrial(7, 7, TrialState.PRUNED, List.of(), null, null, Map.of(), Map.of(),
                Map.of(), Map.of(SystemAttrs.STOPPED, SystemAttrs.REASON_TIME_BUDGET), new TreeMap<>(Map.of(1, 0.79, 2, 0.83)));
        List<FrozenTrial> search = List.of(
                reported(0, TrialState.COMPLETE, 1, 0.80, 2, 0.85, 3, 0.86),
                reported(1, TrialState.COMPLETE, 1, 0.82, 2, 0.84, 3, 0.83),
                reported(2, TrialState.PRUNED, 1, 0.70),
                reported(4, TrialState.FAIL, 1, 0.95),
                reported(5, TrialState.COMPLETE, 1, 0.81, 2, 0.86, 3, 0.87),
                reported(6, TrialState.RUNNING, 1, 0.97, 2, 0.97),
                outOfTime, finalOne);
        // the pruner stopped trial 2 at step 1: all are compared there (failed, running and final
        // trainings never are), the trial stopped by the time budget included
        assertEquals(List.of(1, 5, 0, 7, 2), numbers(FinalPhase.candidates(search, Direction.MAXIMIZE)));
        assertEquals(List.of(2, 7, 0, 5, 1), numbers(FinalPhase.candidates(search, Direction.MINIMIZE)));
        // trial 3 stopped at step 2, after the two others of the rung went on: compared at step 2,
        // it leads; trial 7 got there too, but a stop for time sets no step
        List<FrozenTrial> lastRung = new java.util.ArrayList<>(search);
        lastRung.add(reported(3, TrialState.PRUNED, 1, 0.83, 2, 0.88));
        assertEquals(List.of(3, 5, 0, 1, 7), numbers(FinalPhase.candidates(lastRung, Direction.MAXIMIZE)));
        // no trial stopped by a pruner: the complete ones, at their full training (step 3)
        List<FrozenTrial> unpruned = search.stream().filter(t -> t.number() != 2).toList();
        assertEquals(List.of(5, 0, 1), numbers(FinalPhase.candidates(unpruned, Direction.MAXIMIZE)));
        assertEquals(List.of(), FinalPhase.candidates(List.of(outOfTime), Direction.MAXIMIZE), "nothing complete");
    }

    private static List<Integer> numbers(List<FrozenTrial> trials) {
        return trials.stream().map(FrozenTrial::number).toList();
    }

    @Test
    void workersGoFirstToTheBestNetworkWithMoreConvolutionsCloseToTheBest() {
        NetworkObjective objective = depthsObjective();
        // {convolutions, filters, hidden dense layers}, by value: three networks of one convolution
        // lead, then one of two, a perceptron of two hidden layers, one of three, all within 1 % of
        // the best, and one of two 2 points behind
        Study study = study(DEPTHS, new int[][] {{1, 4, 0}, {1, 8, 0}, {3, 2, 0}, {2, 2, 0}, {1, 6, 0}, {0, 4, 2}, {2, 4, 0}},
                new double[] {0.950, 0.948, 0.942, 0.944, 0.946, 0.943, 0.930});
        FinalPhase phase = new FinalPhase(study, objective, new Budget(Integer.MAX_VALUE, Duration.ofSeconds(600)));
        phase.enqueue(3, null).orElseThrow();
        // trial 0, then trial 3, the best with more convolutions, then trial 2, with more still,
        // all ahead of trials 1 and 4, better but with one convolution, and of the deeper perceptron
        assertEquals(List.of(0, 3, 2), bases(study));
        phase.enqueue(7, null).orElseThrow();
        assertEquals(List.of(0, 3, 2, 1, 4, 5, 6), bases(study), "then the rest by value");
        assertEquals(1, objective.convolutions(study.trials().get(0)));
        assertEquals(3, objective.convolutions(study.trials().get(2)));
        assertEquals(0, objective.convolutions(study.trials().get(5)));

        // the best comes first whatever its depth; the second worker then goes to the best network
        // with more convolutions close to it, or else (far behind, or the best has the most) to
        // the next best
        Study perceptronFirst = study(DEPTHS, new int[][] {{0, 4, 2}, {2, 2, 0}, {1, 8, 0}}, new double[] {0.95, 0.90, 0.945});
        new FinalPhase(perceptronFirst, objective, new Budget(Integer.MAX_VALUE, Duration.ofSeconds(600))).enqueue(2, null);
        assertEquals(List.of(0, 2), bases(perceptronFirst));
        Study farBehind = study(DEPTHS, new int[][] {{1, 4, 0}, {1, 8, 0}, {3, 2, 0}}, new double[] {0.95, 0.94, 0.90});
        new FinalPhase(farBehind, objective, new Budget(Integer.MAX_VALUE, Duration.ofSeconds(600))).enqueue(2, null);
        assertEquals(List.of(0, 1), bases(farBehind), "0.90 is 5 % behind the best: too far");
        Study deepestFirst = study(DEPTHS, new int[][] {{3, 2, 0}, {1, 8, 0}, {2, 2, 0}}, new double[] {0.95, 0.94, 0.90});
        new FinalPhase(deepestFirst, objective, new Budget(Integer.MAX_VALUE, Duration.ofSeconds(600))).enqueue(2, null);
        assertEquals(List.of(0, 1), bases(deepestFirst));
    }

    /** A study of complete trials of the given {convolutions, filters, hidden layers} and values, reported at step 3. */
    private static Study study(SearchSpace space, int[][] layouts, double[] values) {
        double[][] reports = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            reports[i] = new double[] {3, values[i]};
        }
        return study(space, layouts, reports, new boolean[values.length]);
    }

    /**
     * A study of trials of the given {convolutions, filters, hidden layers}, each with its reports
     * (step, value, step, value …); a pruned trial stops after its last report, the others
     * complete with it.
     */
    private static Study study(SearchSpace space, int[][] layouts, double[][] reports, boolean[] pruned) {
        Study study = Study.builder(new InMemoryStorage(), "depths").direction(Direction.MAXIMIZE)
                .sampler(new RandomSampler(5)).searchSpace(space).createOrLoad();
        for (int i = 0; i < layouts.length; i++) {
            study.enqueueTrial(Map.of("conv_layers", layouts[i][0], "conv_filters", layouts[i][1], "layers", layouts[i][2],
                    "units", 8));
            io.metaloop.study.Trial t = study.ask();
            space.suggestAll(t);
            t.setUserAttr(NetworkObjective.NETWORK_ATTR, "net " + i);
            t.setUserAttr(NetworkObjective.SECONDS_ATTR, 0.1);
            for (int r = 0; r < reports[i].length; r += 2) {
                t.report(reports[i][r + 1], (int) reports[i][r]);
            }
            if (pruned[i]) {
                study.tellPruned(t);
            } else {
                study.tell(t, reports[i][reports[i].length - 1]);
            }
        }
        return study;
    }

    @Test
    void aDeeperNetworkCloseToTheBestOfAnEarlierRungThatStoppedItGoesBeforeTheRest() {
        NetworkObjective objective = depthsObjective();
        // compared at step 3 (the last rung, which stopped trial 1): two networks of one convolution
        // and one of three 10 points behind; trial 3, of two, stopped at step 2 0.5 % behind that
        // rung's best (trial 0); trial 4, of two, at step 1 level with its best; trial 5, of three,
        // at step 1 far behind
        Study study = study(DEPTHS, new int[][] {{1, 4, 0}, {1, 8, 0}, {3, 2, 0}, {2, 2, 0}, {2, 4, 0}, {3, 4, 0}},
                new double[][] {{1, 0.80, 2, 0.90, 3, 0.95}, {1, 0.81, 2, 0.89, 3, 0.94}, {1, 0.70, 2, 0.80, 3, 0.85},
                        {1, 0.79, 2, 0.8955}, {1, 0.81}, {1, 0.75}},
                new boolean[] {false, true, false, true, true, true});
        FinalPhase phase = new FinalPhase(study, objective, new Budget(Integer.MAX_VALUE, Duration.ofSeconds(600)));
        phase.enqueue(2, null).orElseThrow();
        assertEquals(List.of(0, 3), bases(study), "the best, then the deeper network of the longest rung close to its best");
        phase.enqueue(3, null).orElseThrow();
        assertEquals(List.of(0, 3, 1), bases(study), "none deeper is close: the best of the rest where trials were compared");
    }

    private static List<Integer> bases(Study study) {
        return study.trials().stream().filter(FinalPhaseTest::isFinal)
                .map(t -> ((Number) ((Map<?, ?>) t.systemAttrs().get(SystemAttrs.FINAL)).get("of")).intValue()).toList();
    }

    @Test
    void aResumedFinalPhaseCountsTheTrainingsAlreadyEnqueuedAndNeverRepeatsANetwork() {
        Study study = study();
        FinalTraining f = new FinalTraining(0.5, Augmentation.NONE);
        NetworkObjective objective = new NetworkObjective(settings(f), SPACE, Path.of(""), dir);
        Budget budget = new Budget(Integer.MAX_VALUE, Duration.ofSeconds(600));
        study.optimize(objective, Budget.trials(6), OptimizeOptions.defaults());
        FinalPhase phase = new FinalPhase(study, objective, budget);

        Budget first = phase.enqueue(2, null).orElseThrow();
        assertEquals(8, first.trials(), "6 trials done and 2 final trainings waiting");
        Budget again = phase.enqueue(2, null).orElseThrow();
        assertEquals(8, again.trials(), "as after a stop: the waiting ones are counted, none added");
        assertEquals(2, study.trials().stream().filter(FinalPhaseTest::isFinal).count());

        Budget more = phase.enqueue(3, null).orElseThrow();
        assertEquals(9, more.trials(), "a third worker gets the third network");
        List<Object> bases = study.trials().stream().filter(FinalPhaseTest::isFinal)
                .map(t -> (Object) ((Map<?, ?>) t.systemAttrs().get(SystemAttrs.FINAL)).get("of")).toList();
        assertEquals(3, new HashSet<>(bases).size(), "every base once: " + bases);
    }

    @Test
    void aFinalTrainingCutShortByTheBudgetEndsCompleteWithItsBestEpoch() {
        Study study = study();
        NetworkObjective objective = new NetworkObjective(settings(new FinalTraining(0.5, Augmentation.NONE)), SPACE,
                Path.of(""), dir);
        Map<String, Object> params = Map.of("units", 16, "lr", 0.01, "epochs", 100_000, "augment_flip", false,
                "augment_shift", 0);
        study.enqueueTrial(params, Map.of(SystemAttrs.FINAL, Map.of("of", 0, "epochs", 100_000, "flip", false, "shift", 0)));
        study.optimize(objective, new Budget(1, Duration.ofSeconds(4)), OptimizeOptions.defaults());

        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.COMPLETE, t.state(), "kept, not stopped: " + t.failReason() + " " + t.systemAttrs());
        int epochs = t.intermediateValues().size();
        assertTrue(epochs >= 1 && epochs < 100_000, "cut short after " + epochs + " epochs");
        double best = t.intermediateValues().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, t.value(), 1e-12, "its value is its best epoch's");
        assertFalse(t.systemAttrs().containsKey(SystemAttrs.STOPPED));
    }

    @Test
    void withoutAFinalTrainingOrATimeBudgetTheSearchHasTheWholeBudget() {
        Study study = study();
        Budget budget = new Budget(Integer.MAX_VALUE, Duration.ofSeconds(60));
        NetworkObjective none = new NetworkObjective(settings(FinalTraining.NONE), SPACE, Path.of(""), dir);
        assertEquals(budget, new FinalPhase(study, none, budget).searchBudget());
        NetworkObjective some = new NetworkObjective(settings(new FinalTraining(0.25, Augmentation.NONE)), SPACE, Path.of(""), dir);
        assertEquals(Duration.ofSeconds(45), new FinalPhase(study, some, budget).searchBudget().time());
        assertEquals(Budget.trials(5), new FinalPhase(study, some, Budget.trials(5)).searchBudget());
        OptimizeResult r = new FinalPhase(study, some, Budget.trials(3)).run(OptimizeOptions.defaults(), null);
        assertEquals(3, r.trialsRun());
        assertFalse(study.trials().stream().anyMatch(FinalPhaseTest::isFinal), "no time budget: no final phase");
    }
}
