package com.hazardwatch.jobs.rules;

import static com.hazardwatch.jobs.rules.RuleFixtures.GAS1;
import static com.hazardwatch.jobs.rules.RuleFixtures.GAS2;
import static com.hazardwatch.jobs.rules.RuleFixtures.GAS3;
import static com.hazardwatch.jobs.rules.RuleFixtures.LEVEL;
import static com.hazardwatch.jobs.rules.RuleFixtures.MIN;
import static com.hazardwatch.jobs.rules.RuleFixtures.SEC;
import static com.hazardwatch.jobs.rules.RuleFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GasCorrelationTest {

    @Test
    void twoDetectorsWithinTheWindowRaiseOneAreaAlarm() {
        GasCorrelation g = new GasCorrelation();
        assertTrue(g.onAlarm(GAS1, true, T0, 1).isEmpty());
        RuleEvent r = g.onAlarm(GAS2, true, T0 + 30 * SEC, 2).orElseThrow();
        AlarmEvent e = r.event();
        assertEquals("E01-S1:AREA:" + (T0 + 30 * SEC), e.alarmId());
        assertEquals(AlarmType.AREA_GAS, e.type());
        assertEquals(AlarmTransition.RAISE, e.transition());
        assertEquals(AlarmState.ACTIVE_UNACK, e.state());
        assertEquals("E01-S1", e.sensor(), "the alarm is about the source");
        assertEquals("E01-S1", e.source());
        assertEquals("E01", e.enterprise());
        assertEquals(2.0, e.value());
        assertEquals(2.0, e.limit());
        assertEquals(T0 + 30 * SEC, e.ts());
        assertEquals(2, e.emittedAt());
        assertEquals("2 gas detectors in alarm within 60 s: E01-GT201, E01-GT202", r.detail());
        assertTrue(g.onAlarm(GAS3, true, T0 + 40 * SEC, 3).isEmpty(), "one AREA alarm, not one per detector");
    }

    @Test
    void theWindowIsInclusiveAndTheIdDoesNotDependOnArrivalOrder() {
        GasCorrelation a = new GasCorrelation();
        a.onAlarm(GAS1, true, T0, 0);
        Optional<RuleEvent> ra = a.onAlarm(GAS2, true, T0 + 60 * SEC, 0);
        GasCorrelation b = new GasCorrelation();
        b.onAlarm(GAS2, true, T0 + 60 * SEC, 0);
        Optional<RuleEvent> rb = b.onAlarm(GAS1, true, T0, 0);
        assertEquals("E01-S1:AREA:" + (T0 + 60 * SEC), ra.orElseThrow().event().alarmId());
        assertEquals(ra.get().event().alarmId(), rb.orElseThrow().event().alarmId());
        assertEquals(ra.get().detail(), rb.get().detail());
    }

    @Test
    void twoDetectorsFarApartInTimeDoNotRaise() {
        GasCorrelation g = new GasCorrelation();
        g.onAlarm(GAS1, true, T0, 0);
        assertTrue(g.onAlarm(GAS2, true, T0 + 60 * SEC + 1, 0).isEmpty());
        assertTrue(g.onAlarm(GAS2, true, T0 + 5 * MIN, 0).isEmpty(), "still in alarm: keeps its first raise time");
        assertEquals(2, g.inAlarm());
        assertFalse(g.active);
        // a third one close to the second completes a pair
        RuleEvent r = g.onAlarm(GAS3, true, T0 + 90 * SEC, 0).orElseThrow();
        assertEquals("E01-S1:AREA:" + (T0 + 90 * SEC), r.event().alarmId());
        assertEquals(3.0, r.event().value());
    }

    @Test
    void clearsWhenFewerThanTwoRemain() {
        GasCorrelation g = new GasCorrelation();
        g.onAlarm(GAS1, true, T0, 0);
        g.onAlarm(GAS2, true, T0 + SEC, 0);
        g.onAlarm(GAS3, true, T0 + 10 * MIN, 0);
        assertTrue(g.onAlarm(GAS1, false, T0 + 11 * MIN, 0).isEmpty(), "two remain (however far apart)");
        RuleEvent c = g.onAlarm(GAS3, false, T0 + 12 * MIN, 5).orElseThrow();
        assertEquals(AlarmTransition.CLEAR, c.event().transition());
        assertEquals(AlarmState.RTN_UNACK, c.event().state());
        assertEquals("E01-S1:AREA:" + (T0 + SEC), c.event().alarmId());
        assertEquals(T0 + 12 * MIN, c.event().ts());
        assertEquals(1.0, c.event().value());
        assertEquals("1 gas detector in alarm: E01-GT202", c.detail());
        assertTrue(g.onAlarm(GAS2, false, T0 + 13 * MIN, 0).isEmpty());
        assertEquals(0, g.inAlarm());
        assertTrue(g.onAlarm(GAS2, false, T0 + 14 * MIN, 0).isEmpty(), "a clear of a detector not in alarm");
        // a new episode
        g.onAlarm(GAS1, true, T0 + 20 * MIN, 0);
        assertEquals("E01-S1:AREA:" + (T0 + 20 * MIN + SEC),
                g.onAlarm(GAS2, true, T0 + 20 * MIN + SEC, 0).orElseThrow().event().alarmId());
    }

    @Test
    void onlyGasDetectorsOfThisSourceCount() {
        GasCorrelation g = new GasCorrelation();
        g.onAlarm(GAS1, true, T0, 0);
        assertTrue(g.onAlarm(LEVEL, true, T0 + SEC, 0).isEmpty());
        assertEquals(1, g.inAlarm());
        Sensor toxic = new Sensor("E01-AT301", "H2S", "E01", "T01", "E01-S1", 2, SensorKind.TOXIC_GAS, "ppm",
                new Range(0, 100), new Limits(null, null, 10.0, 20.0), 1.0);
        assertTrue(g.onAlarm(toxic, true, T0 + 2 * SEC, 0).isPresent(), "toxic and combustible count together");
        Sensor elsewhere = new Sensor("E01-GT901", "gas", "E01", "T01", "E01-S9", 2, SensorKind.COMBUSTIBLE_GAS, "%LEL",
                new Range(0, 100), new Limits(null, null, 25.0, 50.0), 2.0);
        assertThrows(IllegalArgumentException.class, () -> g.onAlarm(elsewhere, true, T0, 0));
    }
}
