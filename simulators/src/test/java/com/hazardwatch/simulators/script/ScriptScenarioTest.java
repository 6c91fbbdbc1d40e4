package com.hazardwatch.simulators.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.simulators.Scenario;
import com.hazardwatch.testsupport.RepoFiles;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every action's timeline, as a pure function of the offset (and the normal value), without a broker or a clock. */
class ScriptScenarioTest {
    static Catalogue demo;

    @BeforeAll
    static void load() throws Exception {
        demo = CatalogueLoader.load(RepoFiles.demoCatalogue());
    }

    /** A script of the given incidents on E01-LT102 (level, 0..100 %) unless they name another target. */
    static ScriptScenario script(String incidents) throws ScriptException {
        return (ScriptScenario) ScriptLoader.parse("description: test\nlength: 200s\nincidents:\n" + incidents, "t", "t", demo)
                .scenario();
    }

    static double v(Scenario s, long ms, double normal) {
        OptionalDouble o = s.override("E01-LT102", ms, normal);
        return o.isPresent() ? o.getAsDouble() : Double.NaN;
    }

    @Test
    void rampHoldAndRampBackToNormal() throws Exception {
        ScriptScenario s = script("""
                  - {at: 10s, sensor: E01-LT102, action: ramp, to: 97, over: 35s}
                  - {at: 45s, sensor: E01-LT102, action: hold, for: 10s}
                  - {at: 55s, sensor: E01-LT102, action: ramp, to: normal, over: 20s}
                """);
        assertEquals(Double.NaN, v(s, 9_999, 55), "normal before it begins");
        assertEquals(55.0, v(s, 10_000, 55), 1e-9, "a ramp starts from the normal value");
        assertEquals(55 + 42 * 0.5, v(s, 27_500, 55), 1e-9, "halfway");
        assertEquals(97.0, v(s, 45_000, 56), 1e-9, "the hold keeps what the ramp reached");
        assertEquals(97.0, v(s, 54_999, 57), 1e-9);
        assertEquals(97.0, v(s, 55_000, 57), 1e-9, "the ramp back starts from the hold");
        assertEquals(97 + (57 - 97) * 0.5, v(s, 65_000, 57), 1e-9, "and blends into the normal value");
        assertEquals(Double.NaN, v(s, 75_000, 57), "normal traffic after the last incident");
        assertEquals(Duration.ofSeconds(10), s.start());
        assertEquals(Duration.ofSeconds(75), s.end());
        assertEquals("waiting", s.phase(0));
        assertEquals("ramp E01-LT102 to 97", s.phase(10_000));
        assertEquals("hold E01-LT102", s.phase(50_000));
        assertEquals("ramp E01-LT102 to normal", s.phase(60_000));
        assertEquals("done", s.phase(75_000));
        assertFalse(s.finished(74_999));
        assertTrue(s.finished(75_000));
        assertEquals(Optional.of(Duration.ofSeconds(1)), s.reportInterval());
    }

    @Test
    void aGapBetweenIncidentsKeepsTheValueTheFirstLeft() throws Exception {
        ScriptScenario s = script("""
                  - {at: 10s, sensor: E01-LT102, action: ramp, to: 80, over: 10s}
                  - {at: 40s, sensor: E01-LT102, action: ramp, to: 60, over: 10s}
                """);
        assertEquals(80.0, v(s, 20_000, 50), 1e-9);
        assertEquals(80.0, v(s, 39_999, 50), 1e-9, "kept at 80 between the two");
        assertEquals("between incidents", s.phase(30_000));
        assertEquals(70.0, v(s, 45_000, 50), 1e-9);
        assertEquals(Double.NaN, v(s, 50_000, 50), "after the last one: normal traffic again");
    }

    @Test
    void stepJumpsAndStaysToTheEndOfTheScriptWithoutFor() throws Exception {
        ScriptScenario s = script("  - {at: 10s, sensor: E01-LT102, action: step, to: 90}\n");
        assertEquals(90.0, v(s, 10_000, 50), 1e-9);
        assertEquals(90.0, v(s, 199_999, 50), 1e-9);
        assertEquals(Double.NaN, v(s, 200_000, 50));
        ScriptScenario brief = script("  - {at: 10s, sensor: E01-LT102, action: step, to: 90, for: 5s}\n");
        assertEquals(90.0, v(brief, 14_999, 50), 1e-9);
        assertEquals(Double.NaN, v(brief, 15_000, 50));
    }

    @Test
    void spikeGoesUpAndBackWithinItsDuration() throws Exception {
        ScriptScenario s = script("  - {at: 10s, sensor: E01-LT102, action: spike, to: 80, for: 6s}\n");
        assertEquals(50.0, v(s, 10_000, 50), 1e-9);
        assertEquals(65.0, v(s, 11_500, 50), 1e-9);
        assertEquals(80.0, v(s, 13_000, 50), 1e-9, "the peak halfway");
        assertEquals(65.0, v(s, 14_500, 50), 1e-9);
        assertEquals(Double.NaN, v(s, 16_000, 50), "back to normal");
    }

    @Test
    void stuckRepeatsOneValueExactly() throws Exception {
        ScriptScenario given = script("  - {at: 10s, sensor: E01-LT102, action: stuck, value: 61.5, for: 60s}\n");
        for (long t = 10_000; t < 70_000; t += 1_000) {
            assertEquals(61.5, v(given, t, 50 + t / 10_000.0));
        }
        assertEquals(Double.NaN, v(given, 70_000, 50));
        // without a value: the first normal value it is given at or after its start
        ScriptScenario frozen = script("  - {at: 10s, sensor: E01-LT102, action: stuck, for: 60s}\n");
        assertEquals(Double.NaN, v(frozen, 9_000, 49));
        assertEquals(52.25, v(frozen, 10_000, 52.25));
        assertEquals(52.25, v(frozen, 40_000, 57));
        assertEquals(52.25, v(frozen, 69_999, 41));
        // played again from the start (a new run): it takes the value anew
        assertEquals(Double.NaN, v(frozen, 0, 49));
        assertEquals(48.5, v(frozen, 10_000, 48.5));
        assertEquals(48.5, v(frozen, 30_000, 50));
        // each sensor of a target keeps its own value
        ScriptScenario two = script("  - {at: 10s, sensors: [E01-LT102, E01-LT103], action: stuck, for: 60s}\n");
        assertEquals(40.0, two.override("E01-LT102", 10_000, 40).getAsDouble());
        assertEquals(60.0, two.override("E01-LT103", 10_000, 60).getAsDouble());
        assertEquals(40.0, two.override("E01-LT102", 20_000, 45).getAsDouble());
        assertEquals(60.0, two.override("E01-LT103", 20_000, 65).getAsDouble());
    }

    @Test
    void flapIsASquareWaveBetweenItsTwoValues() throws Exception {
        ScriptScenario s = script("  - {at: 10s, sensor: E01-LT102, action: flap, between: [83, 87], period: 20s, for: 60s}\n");
        assertEquals(83.0, v(s, 10_000, 50));
        assertEquals(83.0, v(s, 19_999, 50));
        assertEquals(87.0, v(s, 20_000, 50));
        assertEquals(87.0, v(s, 29_999, 50));
        assertEquals(83.0, v(s, 30_000, 50));
        assertEquals(87.0, v(s, 69_999, 50));
        assertEquals(Double.NaN, v(s, 70_000, 50));
        assertEquals("flap E01-LT102 83/87", s.phase(10_000));
    }

    @Test
    void silenceQualityAndOutOfRange() throws Exception {
        ScriptScenario s = script("""
                  - {at: 10s, sensor: E01-LT102, action: silence, for: 10s}
                  - {at: 30s, sensor: E01-LT102, action: bad-quality, for: 10s}
                  - {at: 50s, sensor: E01-LT102, action: out-of-range, value: -5, for: 10s}
                """);
        assertFalse(s.silent("E01-LT102", 9_999));
        assertTrue(s.silent("E01-LT102", 10_000));
        assertTrue(s.silent("E01-LT102", 19_999));
        assertFalse(s.silent("E01-LT102", 20_000));
        assertFalse(s.silent("E01-LT103", 15_000), "only its target");
        assertFalse(s.badQuality("E01-LT102", 29_999));
        assertTrue(s.badQuality("E01-LT102", 30_000));
        assertFalse(s.badQuality("E01-LT102", 40_000));
        assertTrue(s.rawValue("E01-LT102", 49_999).isEmpty());
        assertEquals(-5.0, s.rawValue("E01-LT102", 50_000).getAsDouble());
        assertTrue(s.rawValue("E01-LT102", 60_000).isEmpty());
        assertEquals(Double.NaN, v(s, 15_000, 50), "none of them changes the planned value");
    }

    @Test
    void deliveryFaults() throws Exception {
        ScriptScenario s = script("""
                  - {at: 10s, sensor: E01-LT102, action: late, by: 20s, for: 10s}
                  - {at: 30s, sensor: E01-LT102, action: out-of-order, for: 10s}
                  - {at: 50s, sensor: E01-LT102, action: duplicate, for: 10s}
                """);
        assertEquals(Scenario.Delivery.ON_TIME, s.delivery("E01-LT102", 9_999));
        assertEquals(Scenario.Delivery.late(Duration.ofSeconds(20)), s.delivery("E01-LT102", 10_000));
        assertEquals(Scenario.Delivery.SWAPPED, s.delivery("E01-LT102", 30_000));
        assertEquals(Scenario.Delivery.TWICE, s.delivery("E01-LT102", 59_999));
        assertEquals(Scenario.Delivery.ON_TIME, s.delivery("E01-LT102", 60_000));
        assertEquals(Scenario.Delivery.ON_TIME, s.delivery("E01-LT103", 15_000));
        assertEquals("late E01-LT102 by 20s", s.phase(15_000));
    }

    @Test
    void severalIncidentsAtOnceShowInThePhase() throws Exception {
        ScriptScenario s = script("""
                  - {at: 10s, sensor: E01-LT102, action: ramp, to: 90, over: 20s}
                  - {at: 15s, enterprise: E22, action: silence, for: 30s}
                """);
        assertEquals("ramp E01-LT102 to 90 + silence E22", s.phase(20_000));
        assertEquals("silence E22", s.phase(35_000));
        assertTrue(s.sensors().containsAll(java.util.List.of("E01-LT102", "E22-LT101", "E22-GT102")));
        assertEquals("t: 2 incidents on E01-LT102, E22 from +10s until +45s", s.describe());
    }
}
