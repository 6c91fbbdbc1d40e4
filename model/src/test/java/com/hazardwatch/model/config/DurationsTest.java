package com.hazardwatch.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesUnitsPlainSecondsCompoundAndIso() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMillis(2500), Durations.parse("2.5"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofSeconds(3930), Durations.parse("1h05m30s"));
        assertEquals(Duration.ofSeconds(90), Durations.parse(" 90S "));
        assertEquals(Duration.ofSeconds(90), Durations.parse("PT90S"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
    }

    @Test
    void rejectsWithAMessageNamingTheTextAndTheAcceptedForms() {
        for (String bad : new String[] {"", " ", "abc", "90x", "-5s", "1m30", "s", "1..5s", "5 s", "PTX", "1,5s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
            assertTrue(e.getMessage().contains("90s, 2m, 1h"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    }

    @Test
    void formatsCompactlyAndReadsBack() {
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("2s", Durations.format(Duration.ofSeconds(2)));
        assertEquals("1.5s", Durations.format(Duration.ofMillis(1500)));
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("1h", Durations.format(Duration.ofHours(1)));
        assertEquals("1h05m30s", Durations.format(Duration.ofSeconds(3930)));
        for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofMillis(61_250), Duration.ofHours(26),
                Duration.ofSeconds(3601)}) {
            assertEquals(d, Durations.parse(Durations.format(d)), Durations.format(d));
        }
    }
}
