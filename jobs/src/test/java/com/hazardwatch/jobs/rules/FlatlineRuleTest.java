package com.hazardwatch.jobs.rules;

import static com.hazardwatch.jobs.rules.RuleFixtures.GAS1;
import static com.hazardwatch.jobs.rules.RuleFixtures.LEVEL;
import static com.hazardwatch.jobs.rules.RuleFixtures.MIN;
import static com.hazardwatch.jobs.rules.RuleFixtures.T0;
import static com.hazardwatch.jobs.rules.RuleFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Quality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatlineRuleTest {

    /** One reading a minute from minute {@code from}; returns "TRANSITION id detail" per event. */
    static List<String> feed(Sensor s, FlatlineState st, int from, boolean neighbours, double... values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            FlatlineRule.evaluate(s, st, reading(s, T0 + (from + i) * MIN, values[i]), neighbours, 3)
                    .ifPresent(e -> out.add(e.event().transition() + " " + e.event().alarmId() + " " + e.detail()));
        }
        return out;
    }

    static double[] same(double v, int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void raisesAfterThePeriodAndClearsOnChange() {
        FlatlineState st = new FlatlineState();
        // minutes 0..30: unchanged for exactly 30 min, not longer
        assertEquals(List.of(), feed(LEVEL, st, 0, true, same(50, 31)));
        List<String> out = feed(LEVEL, st, 31, true, 50, 50);
        assertEquals(List.of("RAISE E01-LT101:FLAT:" + (T0 + 31 * MIN) + " unchanged at 50 % for 31 min"), out);
        List<String> clear = feed(LEVEL, st, 33, true, 50.1);
        assertEquals(List.of("CLEAR E01-LT101:FLAT:" + (T0 + 31 * MIN) + " value changed from 50 to 50.1 %"), clear);
        assertEquals(List.of(), feed(LEVEL, st, 34, true, same(50.1, 30)), "a new run starts at the change");
    }

    @Test
    void theEventCarriesTheUsualFields() {
        FlatlineState st = new FlatlineState();
        feed(LEVEL, st, 0, true, same(42, 31));
        RuleEvent e = FlatlineRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 40 * MIN, 42), true, 3).orElseThrow();
        AlarmEvent a = e.event();
        assertEquals(AlarmType.FLATLINE, a.type());
        assertEquals(AlarmTransition.RAISE, a.transition());
        assertEquals(AlarmState.ACTIVE_UNACK, a.state());
        assertEquals(42.0, a.value());
        assertEquals(0.0, a.limit(), "limit = epsilon");
        assertEquals(T0 + 40 * MIN, a.ts());
    }

    @Test
    void noRaiseWhileTheNeighboursAreSilent() {
        FlatlineState st = new FlatlineState();
        assertEquals(List.of(), feed(LEVEL, st, 0, false, same(50, 90)), "a dead link is not a stuck sensor");
        List<String> out = feed(LEVEL, st, 90, true, 50);
        assertEquals(List.of("RAISE E01-LT101:FLAT:" + (T0 + 90 * MIN) + " unchanged at 50 % for 90 min"), out,
                "once the neighbours report, the run still counts from its start");
        assertEquals(List.of(), feed(LEVEL, st, 91, false, same(50, 10)), "a standing flatline stays");
        assertTrue(st.active);
    }

    @Test
    void offForGasDetectors() {
        assertNull(RuleDefaults.flatlinePeriodMs(GAS1.kind()));
        FlatlineState st = new FlatlineState();
        assertEquals(List.of(), feed(GAS1, st, 0, true, same(0, 180)));
    }

    @Test
    void turningTheRuleOffClearsAStandingFlatline() {
        FlatlineState st = new FlatlineState();
        feed(LEVEL, st, 0, true, same(50, 32));
        assertTrue(st.active);
        RuleEvent e = FlatlineRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 40 * MIN, 50), true, null, 0, 0).orElseThrow();
        assertEquals(AlarmTransition.CLEAR, e.event().transition());
        assertEquals("flatline check off for this sensor", e.detail());
    }

    @Test
    void epsilonZeroIsBitIdentical() {
        FlatlineState st = new FlatlineState();
        double[] v = same(50, 40);
        v[20] = Math.nextUp(50.0);
        assertEquals(List.of(), feed(LEVEL, st, 0, true, v), "the smallest change restarts the run");
    }

    @Test
    void epsilonIsMeasuredFromTheFirstValueOfTheRun() {
        FlatlineState st = new FlatlineState();
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= 40; i++) { // jitter of 0.2 (50.1, 49.9, ...) with epsilon 0.25: flat
            double v = 50 + (i % 2 == 0 ? 0.1 : -0.1);
            FlatlineRule.evaluate(LEVEL, st, reading(LEVEL, T0 + i * MIN, v), true, 30 * MIN, 0.25, 0)
                    .ifPresent(e -> out.add(e.event().transition().name()));
        }
        assertEquals(List.of("RAISE"), out);
        FlatlineState drift = new FlatlineState();
        List<String> d = new ArrayList<>();
        for (int i = 0; i <= 40; i++) { // +0.1 a minute, each step below epsilon 0.25, but it adds up
            FlatlineRule.evaluate(LEVEL, drift, reading(LEVEL, T0 + i * MIN, 50 + 0.1 * i), true, 30 * MIN, 0.25, 0)
                    .ifPresent(e -> d.add(e.event().transition().name()));
        }
        assertEquals(List.of(), d);
    }

    @Test
    void faultyAndLateReadingsAreIgnored() {
        FlatlineState st = new FlatlineState();
        feed(LEVEL, st, 0, true, same(50, 20));
        FlatlineRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 20 * MIN, 70, Quality.BAD), true, 0);
        FlatlineRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 21 * MIN, 170), true, 0);
        FlatlineRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 5 * MIN, 10), true, 0);
        assertEquals(List.of("RAISE E01-LT101:FLAT:" + (T0 + 31 * MIN) + " unchanged at 50 % for 31 min"),
                feed(LEVEL, st, 22, true, same(50, 10)));
    }

    @Test
    void aSilenceLongerThanTheGapLimitIsNotAFlatRun() {
        FlatlineState st = new FlatlineState();
        // 50 % at T0, then nothing for 44 minutes, then 50 % again: the sensor was silent, not seen stuck
        assertTrue(FlatlineRule.evaluate(LEVEL, st, reading(LEVEL, T0, 50), true, 30 * MIN, 0, 2 * MIN, 0).isEmpty());
        assertTrue(FlatlineRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 44 * MIN, 50), true, 30 * MIN, 0, 2 * MIN, 0).isEmpty());
        assertEquals(T0 + 44 * MIN, st.runSince, "the run starts again after the gap");
        // without the gap limit the same two readings are a 44-minute flat run
        FlatlineState noLimit = new FlatlineState();
        FlatlineRule.evaluate(LEVEL, noLimit, reading(LEVEL, T0, 50), true, 30 * MIN, 0, null, 0);
        assertEquals(AlarmTransition.RAISE, FlatlineRule.evaluate(LEVEL, noLimit, reading(LEVEL, T0 + 44 * MIN, 50), true,
                30 * MIN, 0, null, 0).orElseThrow().event().transition());
    }
}
