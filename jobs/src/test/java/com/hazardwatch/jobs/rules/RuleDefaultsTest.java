package com.hazardwatch.jobs.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.SensorKind;
import org.junit.jupiter.api.Test;

class RuleDefaultsTest {

    @Test
    void rocLimitsPerKind() {
        Range r = new Range(0, 100);
        assertEquals(5.0, RuleDefaults.rocLimit(SensorKind.TANK_LEVEL, 85.0, r));
        assertEquals(5.0, RuleDefaults.rocLimit(SensorKind.TEMPERATURE, 60.0, r));
        assertEquals(0.1, RuleDefaults.rocLimit(SensorKind.PRESSURE, 1.6, new Range(0, 2.5)), "a storage sphere");
        assertEquals(0.64, RuleDefaults.rocLimit(SensorKind.PRESSURE, 12.0, new Range(0, 16)), 1e-12,
                "a 16 MPa reactor: 4 % of its span per minute, not 0.1");
        assertEquals(10.0, RuleDefaults.rocLimit(SensorKind.TEMPERATURE, 400.0, new Range(0, 200)), 1e-12);
        assertEquals(10.0, RuleDefaults.rocLimit(SensorKind.COMBUSTIBLE_GAS, 25.0, r));
        assertEquals(5.0, RuleDefaults.rocLimit(SensorKind.TOXIC_GAS, 10.0, r), "50 % of H");
        assertEquals(5.0, RuleDefaults.rocLimit(SensorKind.TOXIC_GAS, null, new Range(0, 50)), "10 % of the range span");
    }

    @Test
    void flatlinePeriodsAndTheRest() {
        assertEquals(30 * 60_000L, RuleDefaults.flatlinePeriodMs(SensorKind.TANK_LEVEL));
        assertEquals(30 * 60_000L, RuleDefaults.flatlinePeriodMs(SensorKind.TEMPERATURE));
        assertEquals(30 * 60_000L, RuleDefaults.flatlinePeriodMs(SensorKind.PRESSURE));
        assertNull(RuleDefaults.flatlinePeriodMs(SensorKind.COMBUSTIBLE_GAS));
        assertNull(RuleDefaults.flatlinePeriodMs(SensorKind.TOXIC_GAS));
        assertEquals(60_000L, RuleDefaults.ROC_WINDOW_MS);
        assertEquals(15 * 60_000L, RuleDefaults.FORECAST_HORIZON_MS);
        assertEquals(0.0, RuleDefaults.FLATLINE_EPSILON);
        assertEquals(5, RuleDefaults.CHATTER_MAX_RAISES);
        assertEquals(10 * 60_000L, RuleDefaults.CHATTER_WINDOW_MS);
        assertEquals(60_000L, RuleDefaults.CORRELATION_WINDOW_MS);
    }

    @Test
    void numbersForPeople() {
        assertEquals("6.2", RuleEvent.num(6.2));
        assertEquals("0.4", RuleEvent.num(0.4));
        assertEquals("0.125", RuleEvent.num(0.125));
        assertEquals("120.5", RuleEvent.num(120.5));
        assertEquals("100", RuleEvent.num(100));
        assertEquals("-3", RuleEvent.num(-3));
        assertEquals("83.1", RuleEvent.num(83.125));
        assertEquals("0", RuleEvent.num(0));
        assertEquals("10 min", RuleEvent.duration(600_000));
        assertEquals("60 s", RuleEvent.duration(60_000));
        assertEquals("90 s", RuleEvent.duration(90_000));
        assertEquals("2.5 min", RuleEvent.duration(150_000));
        assertEquals("5 min", RuleEvent.duration(300_000));
    }
}
