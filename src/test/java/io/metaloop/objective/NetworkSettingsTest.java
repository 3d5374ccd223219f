package io.metaloop.objective;

import io.metaloop.train.nn.Augmentation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkSettingsTest {

    @Test
    void augmentIsReadStoredAndReadBack() {
        NetworkSettings s = NetworkSettings.fromMap(Map.of("data", "fashion-mnist", "augment", Map.of("flip", true, "shift", 1)));
        assertEquals(new Augmentation(true, 1), s.augment());
        NetworkSettings back = NetworkSettings.fromMap(s.toMap());
        assertEquals(s, back, "stored settings read back the same");
        assertEquals(new Augmentation(false, 2), NetworkSettings.fromMap(Map.of("data", "x", "augment", Map.of("shift", 2))).augment());
        NetworkSettings plain = NetworkSettings.of("digits");
        assertEquals(Augmentation.NONE, plain.augment());
        assertFalse(plain.toMap().containsKey("augment"), "no augmentation writes no key");
    }

    @Test
    void trialParametersOverrideTheObjectivesAugmentation() {
        NetworkSettings s = NetworkSettings.fromMap(Map.of("data", "fashion-mnist", "augment", Map.of("flip", true, "shift", 1)));
        assertEquals(new Augmentation(true, 1), NetworkParams.training(Map.of(), s).augmentation());
        assertEquals(new Augmentation(false, 1), NetworkParams.training(Map.of("augment_flip", false), s).augmentation());
        assertEquals(new Augmentation(true, 0), NetworkParams.training(Map.of("augment_shift", 0), s).augmentation());
    }

    @Test
    void badAugmentSectionsAreNamed() {
        assertMessage(Map.of("flip", "yes"), "augment.flip: expected true or false");
        assertMessage(Map.of("shift", 1.5), "augment.shift: expected a whole number");
        assertMessage(Map.of("shift", -1), "augment.shift: augmentation shift must be >= 0");
        assertMessage(Map.of("mirror", true), "augment: unknown key 'mirror'; expected flip, shift");
        assertMessage("flip", "augment: expected a mapping");
    }

    private static void assertMessage(Object section, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSettings.fromMap(Map.of("data", "fashion-mnist", "augment", section)));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
