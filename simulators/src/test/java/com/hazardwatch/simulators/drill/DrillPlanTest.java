package com.hazardwatch.simulators.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillPlanTest {
    static final Duration WINDOW = Duration.ofMinutes(30);

    @Test
    void theStartIsWithinTheWindowAndNotBeforeTheLead() {
        for (long seed = 0; seed < 10_000; seed++) {
            Duration s = DrillPlan.chooseStart(seed, WINDOW);
            assertTrue(s.compareTo(DrillPlan.MIN_LEAD) >= 0 && s.compareTo(WINDOW) < 0, seed + ": " + s);
        }
        Duration tiny = Duration.ofMillis(10_001);
        assertEquals(Duration.ofMillis(10_000), DrillPlan.chooseStart(7, tiny), "a window of one millisecond past the lead");
    }

    @Test
    void theSameSeedGivesTheSameStartAndOthersDiffer() {
        assertEquals(DrillPlan.chooseStart(123456789L, WINDOW), DrillPlan.chooseStart(123456789L, WINDOW));
        assertEquals(DrillPlan.of(42, WINDOW, Duration.ofSeconds(65), null), DrillPlan.of(42, WINDOW, Duration.ofSeconds(65), null));
        Set<Duration> starts = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            starts.add(DrillPlan.chooseStart(seed, WINDOW));
        }
        assertTrue(starts.size() >= 99, "100 seeds, " + starts.size() + " starts");
        assertNotEquals(DrillPlan.chooseStart(1, WINDOW), DrillPlan.chooseStart(2, WINDOW));
    }

    @Test
    void theStartIsUniformOverTheWindow() {
        int n = 20_000;
        int[] quarters = new int[4];
        long lead = DrillPlan.MIN_LEAD.toMillis();
        long span = WINDOW.toMillis() - lead;
        for (long seed = 0; seed < n; seed++) {
            long at = DrillPlan.chooseStart(seed * 7919 + 11, WINDOW).toMillis() - lead;
            quarters[(int) (at * 4 / span)]++;
        }
        for (int q : quarters) {
            assertTrue(Math.abs(q - n / 4) < n / 40, "quarters " + java.util.Arrays.toString(quarters));
        }
    }

    @Test
    void theDrillRunsTheWholeWindowPlusTheScenarioAndASettleWhateverTheMoment() {
        DrillPlan p = DrillPlan.of(9, WINDOW, Duration.ofSeconds(100), null);
        assertEquals(WINDOW.plusSeconds(100).plus(DrillPlan.SETTLE), p.duration());
        assertEquals(p.start().plusSeconds(100), p.end());
        assertEquals(DrillPlan.chooseStart(9, WINDOW), p.start());
        assertEquals(Duration.ofMinutes(40), DrillPlan.of(9, WINDOW, Duration.ofSeconds(100), Duration.ofMinutes(40)).duration());
    }

    @Test
    void sayWhatIsWrongWithTheWindowOrTheDuration() {
        assertEquals("window 10s is too short: the scenario starts at least 10s in, after every sensor has reported; give a "
                        + "window longer than that, e.g. 30m",
                assertThrows(IllegalArgumentException.class, () -> DrillPlan.chooseStart(1, Duration.ofSeconds(10))).getMessage());
        assertEquals("a drill of 30m could end before the scenario has played out: it may start as late as the end of the "
                        + "window (30m) and lasts 1m5s; run at least 31m5s (the default is 32m5s)",
                assertThrows(IllegalArgumentException.class,
                        () -> DrillPlan.of(1, WINDOW, Duration.ofSeconds(65), Duration.ofMinutes(30))).getMessage());
    }
}
