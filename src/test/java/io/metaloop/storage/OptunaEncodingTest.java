package io.metaloop.storage;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.study.Direction;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected texts are copied from a database written by Optuna 3.1. */
class OptunaEncodingTest {

    @Test
    void writesDistributionsExactlyAsOptuna31() {
        assertEquals("{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": -5.0, \"high\": 5.0,"
                + " \"log\": false}}", OptunaEncoding.distributionToJson(FloatDistribution.of(-5, 5)));
        assertEquals("{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 1e-05, \"high\": 1.0,"
                + " \"log\": true}}", OptunaEncoding.distributionToJson(FloatDistribution.log(1e-5, 1)));
        assertEquals("{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": 0.25, \"low\": 0.0, \"high\": 1.0,"
                + " \"log\": false}}", OptunaEncoding.distributionToJson(FloatDistribution.stepped(0, 1, 0.25)));
        assertEquals("{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 2, \"low\": 1,"
                + " \"high\": 9}}", OptunaEncoding.distributionToJson(new IntDistribution(1, 10, false, 2)));
        assertEquals("{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [\"relu\", \"tanh\", null,"
                + " 1.5, 2, true]}}", OptunaEncoding.distributionToJson(
                new CategoricalDistribution(Arrays.asList("relu", "tanh", null, 1.5, 2, true))));
    }

    @Test
    void readsWhatItWrites() {
        for (Distribution d : new Distribution[]{FloatDistribution.of(-5, 5), FloatDistribution.log(1e-5, 1),
                FloatDistribution.stepped(0.5, 3, 0.5), IntDistribution.of(-3, 3), IntDistribution.log(1, 1024),
                new IntDistribution(1, 9, false, 2),
                new CategoricalDistribution(Arrays.asList("a", null, 1.5, 2, false))}) {
            assertEquals(d, OptunaEncoding.distributionFromJson(OptunaEncoding.distributionToJson(d)));
        }
    }

    @Test
    void readsOptunasOlderDistributionNames() {
        assertEquals(FloatDistribution.of(-1, 1), OptunaEncoding.distributionFromJson(
                "{\"name\": \"UniformDistribution\", \"attributes\": {\"low\": -1.0, \"high\": 1.0}}"));
        assertEquals(FloatDistribution.log(0.001, 0.1), OptunaEncoding.distributionFromJson(
                "{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 0.001, \"high\": 0.1}}"));
        assertEquals(FloatDistribution.stepped(0, 1, 0.1), OptunaEncoding.distributionFromJson(
                "{\"name\": \"DiscreteUniformDistribution\", \"attributes\": {\"low\": 0.0, \"high\": 1.0, \"q\": 0.1}}"));
        assertEquals(new IntDistribution(0, 10, false, 5), OptunaEncoding.distributionFromJson(
                "{\"name\": \"IntUniformDistribution\", \"attributes\": {\"low\": 0, \"high\": 10, \"step\": 5}}"));
        assertEquals(IntDistribution.of(0, 10), OptunaEncoding.distributionFromJson(
                "{\"name\": \"IntUniformDistribution\", \"attributes\": {\"low\": 0, \"high\": 10}}"));
        assertEquals(IntDistribution.log(1, 100), OptunaEncoding.distributionFromJson(
                "{\"name\": \"IntLogUniformDistribution\", \"attributes\": {\"low\": 1, \"high\": 100, \"step\": 1}}"));
    }

    @Test
    void readsOptunasAbbreviatedForm() {
        assertEquals(FloatDistribution.log(0.1, 1), OptunaEncoding.distributionFromJson(
                "{\"type\": \"float\", \"low\": 0.1, \"high\": 1, \"log\": true}"));
        assertEquals(IntDistribution.of(1, 5), OptunaEncoding.distributionFromJson(
                "{\"type\": \"int\", \"low\": 1, \"high\": 5}"));
        assertEquals(CategoricalDistribution.of("x", "y"), OptunaEncoding.distributionFromJson(
                "{\"type\": \"categorical\", \"choices\": [\"x\", \"y\"]}"));
    }

    @Test
    void refusesUnknownOrBrokenDistributions() {
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.distributionFromJson(
                "{\"name\": \"BetaDistribution\", \"attributes\": {}}"));
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.distributionFromJson(
                "{\"name\": \"IntDistribution\", \"attributes\": {\"low\": 1.5, \"high\": 3}}"));
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.distributionFromJson(
                "{\"name\": \"FloatDistribution\", \"attributes\": {\"low\": 3.0, \"high\": 1.0}}"));
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.distributionFromJson("[1, 2]"));
    }

    @Test
    void splitsValuesIntoStoredFloatAndType() {
        assertEquals("FINITE", OptunaEncoding.valueType(1.5));
        assertEquals("INF_POS", OptunaEncoding.valueType(Double.POSITIVE_INFINITY));
        assertEquals("INF_NEG", OptunaEncoding.valueType(Double.NEGATIVE_INFINITY));
        assertEquals("NAN", OptunaEncoding.valueType(Double.NaN));
        assertEquals(1.5, OptunaEncoding.storedValue(1.5));
        assertNull(OptunaEncoding.storedValue(Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.storedValue(Double.NaN));
        assertNull(OptunaEncoding.storedIntermediate(Double.NaN));
        assertEquals(Double.NEGATIVE_INFINITY, OptunaEncoding.decodeValue(null, "INF_NEG"));
        assertTrue(Double.isNaN(OptunaEncoding.decodeValue(null, "NAN")));
        assertEquals(-0.25, OptunaEncoding.decodeValue(-0.25, "FINITE"));
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.decodeValue(null, "FINITE"));
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.decodeValue(1.0, "HUGE"));
    }

    @Test
    void encodesDirectionsStatesAndTimes() {
        assertEquals("MAXIMIZE", OptunaEncoding.direction(Direction.MAXIMIZE));
        assertEquals(Direction.MINIMIZE, OptunaEncoding.direction("NOT_SET"));
        assertEquals(TrialState.WAITING, OptunaEncoding.state("WAITING"));
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.state("DONE"));
        LocalDateTime t = LocalDateTime.of(2026, 11, 27, 9, 42, 11, 726343000);
        assertEquals("2026-11-27 09:42:11.726343", OptunaEncoding.formatTime(t));
        assertEquals("2026-11-27 09:42:11.000000", OptunaEncoding.formatTime(t.withNano(0)));
        assertEquals(t, OptunaEncoding.parseTime("2026-11-27 09:42:11.726343"));
        assertEquals(t.withNano(0), OptunaEncoding.parseTime("2026-11-27 09:42:11"));
        assertEquals(t, OptunaEncoding.parseTime("2026-11-27T09:42:11.726343"));
        assertEquals(t.withNano(726343000), OptunaEncoding.truncate(t.withNano(726343999)));
        assertThrows(IllegalArgumentException.class, () -> OptunaEncoding.parseTime("yesterday"));
    }
}
