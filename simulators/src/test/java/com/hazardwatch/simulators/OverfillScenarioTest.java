package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class OverfillScenarioTest {
    private final Sensor tank = TestCatalogues.small().sensor("E01-LT101").orElseThrow(); // H 85, HH 95, deadband 1

    @Test
    void timelineRisesThroughHAndHhHoldsThenFallsBelowHMinusDeadbandAndEnds() {
        OverfillScenario s = new OverfillScenario(tank, Duration.ofSeconds(10));
        double normal = 55.0;
        assertEquals(97.0, s.peak());
        assertTrue(s.length().compareTo(Duration.ofSeconds(70)) <= 0, "within ~70 s: " + s.length());

        assertEquals(OverfillScenario.WAITING, s.phase(0));
        assertTrue(s.override("E01-LT101", 9_999, normal).isEmpty());
        assertFalse(s.active(9_999));
        assertTrue(s.override("E01-LT102", 30_000, normal).isEmpty(), "other sensors untouched");

        Long reachedH = null;
        Long reachedHh = null;
        Long belowClear = null;
        Long end = null;
        double max = 0;
        double prev = normal;
        for (long ms = 10_000; ms <= 100_000; ms += 1000) {
            OptionalDouble o = s.override("E01-LT101", ms, normal);
            if (o.isEmpty()) {
                end = ms;
                break;
            }
            double v = o.getAsDouble();
            assertTrue(v <= tank.range().max() && v >= tank.range().min(), "in range: " + v);
            if (s.phase(ms).equals(OverfillScenario.RISING)) {
                assertTrue(v >= prev, "rises steadily at " + ms + ": " + prev + " -> " + v);
            }
            if (reachedH == null && v >= 85) {
                reachedH = ms;
            }
            if (reachedHh == null && v >= 95) {
                reachedHh = ms;
            }
            if (reachedHh != null && belowClear == null && v < 85 - 1) {
                belowClear = ms;
            }
            max = Math.max(max, v);
            prev = v;
        }
        assertEquals(97.0, max, 1e-9, "peak about HH + 2");
        assertTrue(reachedH != null && reachedHh != null && reachedH < reachedHh, "H then HH: " + reachedH + ", " + reachedHh);
        assertTrue(belowClear != null && belowClear > reachedHh, "back below H - deadband: " + belowClear);
        assertEquals(75_000L, end, "ends at start + 65 s");
        assertTrue(s.finished(75_000));
        assertFalse(s.finished(74_999));
        assertEquals(OverfillScenario.DONE, s.phase(75_000));

        // phases
        assertEquals(OverfillScenario.RISING, s.phase(10_000));
        assertEquals(OverfillScenario.HOLDING, s.phase(45_000));
        assertEquals(OverfillScenario.FALLING, s.phase(55_000));
        // holds about 10 s at the peak
        for (long ms = 45_000; ms < 55_000; ms += 500) {
            assertEquals(97.0, s.override("E01-LT101", ms, normal).getAsDouble(), 1e-9);
        }
        // blends back into the normal value
        assertEquals(normal, s.override("E01-LT101", 74_999, normal).getAsDouble(), 0.1);
        assertEquals(normal, s.override("E01-LT101", 10_000, normal).getAsDouble(), 1e-9);
    }

    @Test
    void peakNeverAboveTheRangeMaximum() {
        Sensor high = TestCatalogues.sensor("E01-LT103", SensorKind.TANK_LEVEL, 0, 100, new Limits(null, null, 90.0, 99.5), 1);
        OverfillScenario s = new OverfillScenario(high, Duration.ZERO);
        assertEquals(100.0, s.peak());
        for (long ms = 0; ms < 70_000; ms += 250) {
            assertTrue(s.override("E01-LT103", ms, 50).orElse(50) <= 100.0);
        }
        Sensor onlyH = TestCatalogues.sensor("E01-LT102", SensorKind.TANK_LEVEL, 0, 20, new Limits(null, 2.0, 12.0, null), 0.5);
        assertEquals(14.0, new OverfillScenario(onlyH, Duration.ZERO).peak());
    }

    @Test
    void scenariosValidateTheSensor() {
        Catalogue small = TestCatalogues.small();
        Scenario s = Scenarios.create("overfill", small, "E01-LT101", Duration.ofSeconds(10));
        assertEquals("overfill", s.name());
        assertEquals(Duration.ofSeconds(10), s.start());
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.create("overfill", small, "NOPE", Duration.ZERO)).getMessage();
        assertTrue(unknown.contains("'NOPE' is not in catalogue small-test") && unknown.contains("kind level")
                && unknown.contains("e.g. E01-LT101"), unknown);
        String wrongKind = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.create("overfill", small, "E01-TT101", Duration.ZERO)).getMessage();
        assertTrue(wrongKind.contains("E01-TT101 is a temperature sensor") && wrongKind.contains("kind level"), wrongKind);
        Sensor noLimits = TestCatalogues.sensor("L", SensorKind.TANK_LEVEL, 0, 100, Limits.NONE, 1);
        assertThrows(IllegalArgumentException.class, () -> new OverfillScenario(noLimits, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Scenarios.create("flood", small, "E01-LT101", Duration.ZERO));
    }
}
