package io.metaloop.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {

    @Test
    void parsesCompactAndIsoForms() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h 30m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofHours(2), Durations.parse("2H"));
        assertEquals(Duration.ofDays(1).plusSeconds(5), Durations.parse("1d5s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("PT10M"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("pt10m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse(" PT1H30M "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1h30x", "m", "30m1h", "1.5h", "10 minutes", "P", "PT"})
    void refusesWhatIsNotADuration(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("90s, 10m, 1h30m"), e.getMessage());
    }

    @Test
    void explainsMissingUnitsAndNonPositiveDurations() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("600"))
                .getMessage().contains("needs a unit, e.g. 600s or 600m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("0s"))
                .getMessage().contains("must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("PT-5M"))
                .getMessage().contains("must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999d"))
                .getMessage().contains("too long"));
    }

    @Test
    void formatsCompactlyAndReadsBack() {
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("10m", Durations.format(Duration.ofMinutes(10)));
        assertEquals("1d2h3m4s", Durations.format(Duration.ofSeconds(86_400 + 7_200 + 180 + 4)));
        assertEquals("PT0.5S", Durations.format(Duration.ofMillis(500)));
        for (Duration d : new Duration[] {Duration.ofSeconds(1), Duration.ofSeconds(3_661), Duration.ofDays(3),
                Duration.ofMillis(1_500)}) {
            assertEquals(d, Durations.parse(Durations.format(d)));
        }
    }
}
