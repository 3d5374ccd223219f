package io.metaloop.space;

import io.metaloop.sampler.Distributions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributionTest {

    @Test
    void invalidRangesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FloatDistribution.of(2, 1))
                .getMessage().contains("greater than high"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FloatDistribution.log(0, 1))
                .getMessage().contains("low > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CategoricalDistribution(List.of()))
                .getMessage().contains("at least one choice"));
        assertThrows(IllegalArgumentException.class, () -> new IntDistribution(1, 10, true, 2));
    }

    @Test
    void stepMovesHighOntoTheGrid() {
        assertEquals(0.9, FloatDistribution.stepped(0, 1, 0.3).high(), 1e-12);
        assertEquals(9, new IntDistribution(1, 10, false, 2).high());
    }

    @Test
    void categoricalStoresTheIndexAndMatchesNumbersByValue() {
        CategoricalDistribution c = new CategoricalDistribution(Arrays.asList("relu", null, 1.5, true));
        assertEquals(1.0, c.toInternal(null));
        assertEquals(2.0, c.toInternal(1.5));
        assertEquals(true, c.toExternal(3));
        assertFalse(c.contains(4));
    }

    @Test
    void unitMappingIsTheInverseOfItselfAndStaysInRange() {
        List<Distribution> ds = List.of(FloatDistribution.of(-5, 10), FloatDistribution.log(1e-5, 1e-1),
                FloatDistribution.stepped(0, 0.5, 0.05), IntDistribution.of(1, 4), IntDistribution.log(4, 256),
                new IntDistribution(1, 9, false, 2), CategoricalDistribution.of("a", "b", "c"));
        for (Distribution d : ds) {
            for (double u = 0; u <= 1.0; u += 0.01) {
                Object v = Distributions.fromUnit(d, u);
                assertTrue(d.contains(d.toInternal(v)), d + " at " + u + " gave " + v);
                Object back = Distributions.fromUnit(d, Distributions.toUnit(d, v));
                assertEquals(d.toInternal(v), d.toInternal(back), 1e-9 * Math.max(1, Math.abs(d.toInternal(v))),
                        d + " round trip of " + v);
            }
        }
    }
}
