package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LimitEvaluatorTest {
    static final Sensor LEVEL = new Sensor("E01-LT101", "tank 1 level", "E01", "T01", "E01-S1", 2, SensorKind.TANK_LEVEL, "%",
            new Range(0, 100), new Limits(5.0, 10.0, 85.0, 95.0), 1.0);

    /** Feeds values (one a second) and returns "TRANSITION TYPE id-suffix" per event. */
    static List<String> run(Sensor s, double... values) {
        LimitState st = new LimitState();
        List<String> out = new ArrayList<>();
        long ts = 1000;
        for (double v : values) {
            for (AlarmEvent e : LimitEvaluator.evaluate(s, st, new Reading(s.id(), "E01", "E01-S1", "level", ts, v, Quality.GOOD, 0), 0)) {
                out.add(e.transition() + " " + e.type() + " " + e.alarmId() + " @" + e.limit());
            }
            ts += 1000;
        }
        return out;
    }

    @Test
    void normalValuesRaiseNothing() {
        assertEquals(List.of(), run(LEVEL, 50, 84.9, 10.1, 60));
    }

    @Test
    void raisesHighEscalatesDeescalatesAndClearsWithDeadband() {
        assertEquals(List.of(
                "RAISE HIGH E01-LT101:HI:2000 @85.0",
                "ESCALATE HIGH_HIGH E01-LT101:HI:2000 @95.0",
                "DEESCALATE HIGH E01-LT101:HI:2000 @85.0",
                "CLEAR HIGH E01-LT101:HI:2000 @84.0"),
                // 94.5 stays HH (deadband 1), 94 de-escalates, 84.5 stays H, 84 clears
                run(LEVEL, 50, 85, 95, 94.5, 94, 84.5, 84, 50));
    }

    @Test
    void valueAtLimitIsInAlarmAndClearsOnlyPastDeadband() {
        assertEquals(List.of("RAISE HIGH E01-LT101:HI:1000 @85.0"), run(LEVEL, 85, 84.01, 84.5));
    }

    @Test
    void jumpStraightToHighHighRaisesOnceAndClearsOnce() {
        assertEquals(List.of("RAISE HIGH_HIGH E01-LT101:HI:2000 @95.0", "CLEAR HIGH_HIGH E01-LT101:HI:2000 @84.0"),
                run(LEVEL, 50, 97, 40));
    }

    @Test
    void lowSideMirrorsHighSide() {
        assertEquals(List.of(
                "RAISE LOW E01-LT101:LO:2000 @10.0",
                "ESCALATE LOW_LOW E01-LT101:LO:2000 @5.0",
                "DEESCALATE LOW E01-LT101:LO:2000 @10.0",
                "CLEAR LOW E01-LT101:LO:2000 @11.0"),
                run(LEVEL, 50, 10, 5, 5.5, 6, 10.5, 11));
    }

    @Test
    void aNewEpisodeGetsANewDeterministicId() {
        List<String> a = run(LEVEL, 90, 50, 90, 50);
        assertEquals(List.of("RAISE HIGH E01-LT101:HI:1000 @85.0", "CLEAR HIGH E01-LT101:HI:1000 @84.0",
                "RAISE HIGH E01-LT101:HI:3000 @85.0", "CLEAR HIGH E01-LT101:HI:3000 @84.0"), a);
        assertEquals(a, run(LEVEL, 90, 50, 90, 50), "same input, same ids");
    }

    @Test
    void jumpAcrossTheWholeBandClearsOneSideAndRaisesTheOther() {
        assertEquals(List.of("RAISE HIGH_HIGH E01-LT101:HI:1000 @95.0", "CLEAR HIGH_HIGH E01-LT101:HI:1000 @84.0",
                "RAISE LOW_LOW E01-LT101:LO:2000 @5.0"), run(LEVEL, 99, 1));
    }

    @Test
    void onlyHighHighConfigured() {
        Sensor s = new Sensor("G1", "gas", "E01", "T01", "E01-S1", null, SensorKind.COMBUSTIBLE_GAS, "%LEL",
                new Range(0, 100), new Limits(null, null, null, 40.0), 2.0);
        assertEquals(List.of("RAISE HIGH_HIGH G1:HI:2000 @40.0", "CLEAR HIGH_HIGH G1:HI:2000 @38.0"), run(s, 30, 40, 38.5, 38));
    }

    @Test
    void stateReturnsToNormalAfterClear() {
        LimitState st = new LimitState();
        LimitEvaluator.evaluate(LEVEL, st, new Reading(LEVEL.id(), "E01", "E01-S1", "level", 1, 99, Quality.GOOD, 0), 0);
        assertTrue(!st.isNormal());
        LimitEvaluator.evaluate(LEVEL, st, new Reading(LEVEL.id(), "E01", "E01-S1", "level", 2, 50, Quality.GOOD, 0), 0);
        assertTrue(st.isNormal());
        assertNull(st.highAlarmId);
        assertNull(st.lowAlarmId);
    }

    static String ids(List<AlarmEvent> events) {
        return events.stream().map(AlarmEvent::alarmId).collect(Collectors.joining(","));
    }

    @Test
    void detailSaysWhatTheDutyOfficerNeeds() {
        LimitState st = new LimitState();
        List<String> details = new ArrayList<>();
        long ts = 1;
        for (double v : new double[] {86, 96.2, 94, 70, 4}) {
            for (AlarmEvent e : LimitEvaluator.evaluate(LEVEL, st, new Reading(LEVEL.id(), "E01", "E01-S1", "level", ts++, v, Quality.GOOD, 0), 0)) {
                details.add(e.detail());
            }
        }
        assertEquals(List.of("86 % >= H 85 %", "96.2 % >= HH 95 %", "94 % back below HH, still >= H 85 %",
                "70 % back to normal (<= 84 %, limit minus deadband)", "4 % <= LL 5 %"), details);
    }
}
