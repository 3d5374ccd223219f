package io.metaloop.objective;

import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;
import io.metaloop.train.nn.Augmentation;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinalTrainingTest {

    private static FrozenTrial trained(double seconds) {
        return new FrozenTrial(1, 7, TrialState.COMPLETE, List.of(0.9), LocalDateTime.now(), LocalDateTime.now(), Map.of(),
                Map.of(), Map.of(NetworkObjective.SECONDS_ATTR, seconds), Map.of(), new TreeMap<>());
    }

    @Test
    void epochsArePlannedFromTheRepeatedTrialsPaceWithAMargin() {
        FinalTraining f = new FinalTraining(0.4, new Augmentation(true, 1));
        // 10 s for 4 epochs: 2.5 s an epoch, planned at 2.5 * 1.1 = 2.75 s; 100 s hold 36 of them
        assertEquals(OptionalInt.of(36), f.epochs(trained(10), 4, 100));
        // 21.9 s hold 7 planned epochs: less than twice the 4 it had, so it is not trained again
        assertEquals(OptionalInt.empty(), f.epochs(trained(10), 4, 21.9));
        // 22.1 s hold 8
        assertEquals(OptionalInt.of(8), f.epochs(trained(10), 4, 22.1));
        assertEquals(OptionalInt.of(FinalTraining.MAX_EPOCHS), f.epochs(trained(0.01), 4, 1e6), "capped");
        FrozenTrial unknown = new FrozenTrial(1, 7, TrialState.COMPLETE, List.of(0.9), null, null, Map.of(), Map.of(),
                Map.of(), Map.of(), new TreeMap<>());
        assertEquals(OptionalInt.empty(), f.epochs(unknown, 4, 100), "no training time, no plan");
        // a trial stopped after a quarter of an epoch in 10 s: 44 s a planned epoch
        assertEquals(OptionalInt.of(2), f.epochs(trained(10), 0.25, 100));
        assertEquals(OptionalInt.empty(), f.epochs(trained(10), 0.25, 43), "not one whole epoch");
    }

    @Test
    void aPrunedTrialIsPlannedFromTheEpochsItTrainedBeforeItStopped() {
        NetworkSettings d = NetworkSettings.of("digits");
        FinalTraining f = new FinalTraining(0.4, new Augmentation(true, 1));
        NetworkSettings settings = new NetworkSettings(d.data(), d.metrics(), 0, 12, 32, d.validationFraction(),
                d.labelColumn(), d.normalize(), d.splitSeed(), d.seed(), d.fidelity(), Augmentation.NONE, f);
        NetworkObjective objective = new NetworkObjective(settings, io.metaloop.space.SearchSpace.empty(),
                java.nio.file.Path.of(""), null);
        // stopped after its 4th epoch of 12, in 8 s: 2 s an epoch, planned at 2.2 s; 100 s hold 45
        FrozenTrial pruned = new FrozenTrial(1, 3, TrialState.PRUNED, List.of(), null, null, Map.of(), Map.of(),
                Map.of(NetworkObjective.SECONDS_ATTR, 8.0), Map.of(), new TreeMap<>(Map.of(1, 0.5, 2, 0.6, 3, 0.7, 4, 0.72)));
        Map<String, Object> plan = objective.planFinal(pruned, 100).orElseThrow();
        assertEquals(45, plan.get("epochs"));
        assertEquals(3, plan.get("of"));
        // complete, the same 8 s were 12 epochs: 0.73 s a planned epoch, and 100 s hold 136
        FrozenTrial complete = new FrozenTrial(1, 4, TrialState.COMPLETE, List.of(0.8), null, null, Map.of(), Map.of(),
                Map.of(NetworkObjective.SECONDS_ATTR, 8.0), Map.of(), new TreeMap<>(Map.of(12, 0.8)));
        assertEquals(136, objective.planFinal(complete, 100).orElseThrow().get("epochs"));
        assertFalse(plan.containsKey("mirror"), "no mirror-average, no key");
        assertFalse(NetworkObjective.finalParams(pruned, plan).containsKey(NetworkParams.MIRROR_AVERAGE));
        FrozenTrial failed = new FrozenTrial(1, 5, TrialState.FAIL, List.of(), null, null, Map.of(), Map.of(),
                Map.of(NetworkObjective.SECONDS_ATTR, 8.0), Map.of(), new TreeMap<>(Map.of(1, 0.5)));
        assertTrue(objective.planFinal(failed, 100).isEmpty(), "a failed trial is not trained again");
    }

    @Test
    void theSectionIsReadStoredAndReadBack() {
        NetworkSettings s = NetworkSettings.fromMap(Map.of("data", "fashion-mnist",
                "final-training", Map.of("share", 0.35, "augment", Map.of("flip", true, "shift", 1))));
        assertEquals(new FinalTraining(0.35, new Augmentation(true, 1)), s.finalTraining());
        assertEquals(s, NetworkSettings.fromMap(s.toMap()), "stored settings read back the same");
        assertEquals(new FinalTraining(0.5, Augmentation.NONE),
                NetworkSettings.fromMap(Map.of("data", "x", "final-training", Map.of("share", 0.5))).finalTraining());
        NetworkSettings mirrored = NetworkSettings.fromMap(Map.of("data", "fashion-mnist", "final-training",
                Map.of("share", 0.4, "augment", Map.of("flip", true), "mirror-average", true)));
        assertEquals(new FinalTraining(0.4, new Augmentation(true, 0), true), mirrored.finalTraining());
        assertEquals(mirrored, NetworkSettings.fromMap(mirrored.toMap()), "mirror-average is stored too");
        NetworkSettings plain = NetworkSettings.of("digits");
        assertTrue(plain.finalTraining().isNone());
        assertFalse(plain.toMap().containsKey("final-training"), "no final training writes no key");
    }

    @Test
    void badSectionsAreNamed() {
        assertMessage(Map.of("share", 1.5), "final-training.share: expected the share of the time budget");
        assertMessage(Map.of("share", 0), "final-training.share: expected the share of the time budget");
        assertMessage(Map.of("augment", Map.of("flip", true)), "final-training.share: expected");
        assertMessage(Map.of("share", 0.3, "epochs", 30),
                "final-training: unknown key 'epochs'; expected share, augment, mirror-average");
        assertMessage(Map.of("share", 0.3, "mirror-average", "yes"), "final-training.mirror-average: expected true or false, got 'yes'");
        assertMessage(Map.of("share", 0.3, "augment", Map.of("shift", -1)), "final-training.augment.shift:");
        assertMessage("0.3", "final-training: expected a mapping");
    }

    private static void assertMessage(Object section, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSettings.fromMap(Map.of("data", "fashion-mnist", "final-training", section)));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void aMirrorAveragedFinalTrainingSaysSoInItsParameters() {
        NetworkSettings d = NetworkSettings.of("digits");
        FinalTraining f = new FinalTraining(0.4, new Augmentation(true, 1), true);
        NetworkSettings settings = new NetworkSettings(d.data(), d.metrics(), 0, 12, 32, d.validationFraction(),
                d.labelColumn(), d.normalize(), d.splitSeed(), d.seed(), d.fidelity(), Augmentation.NONE, f);
        NetworkObjective objective = new NetworkObjective(settings, io.metaloop.space.SearchSpace.empty(),
                java.nio.file.Path.of(""), null);
        FrozenTrial base = new FrozenTrial(1, 4, TrialState.COMPLETE, List.of(0.8), null, null,
                Map.of("lr", 0.003, "schedule", "constant"), Map.of(), Map.of(NetworkObjective.SECONDS_ATTR, 8.0), Map.of(),
                new TreeMap<>(Map.of(12, 0.8)));
        Map<String, Object> plan = objective.planFinal(base, 100).orElseThrow();
        assertEquals(true, plan.get("mirror"));
        Map<String, Object> params = NetworkObjective.finalParams(base, plan);
        assertEquals(true, params.get(NetworkParams.MIRROR_AVERAGE));
        assertEquals("cosine", params.get("schedule"));
        assertTrue(NetworkParams.network(params, new io.metaloop.train.data.Shape(1, 8, 8), 10).mirrorAveraged(),
                "the parameters build a mirror-averaged network");
        assertFalse(NetworkParams.network(base.params(), new io.metaloop.train.data.Shape(1, 8, 8), 10).mirrorAveraged());
    }
}
