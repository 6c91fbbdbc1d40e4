package com.hazardwatch.jobs.rules;

import static com.hazardwatch.jobs.rules.RuleFixtures.LEVEL;
import static com.hazardwatch.jobs.rules.RuleFixtures.SEC;
import static com.hazardwatch.jobs.rules.RuleFixtures.T0;
import static com.hazardwatch.jobs.rules.RuleFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import org.junit.jupiter.api.Test;

class FaultRuleTest {

    static FaultRule.Result raiseWith(Reading r) {
        FaultState st = new FaultState();
        assertFalse(FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0, 50), 0).skipLimits());
        FaultRule.Result res = FaultRule.evaluate(LEVEL, st, r, 9);
        assertTrue(res.skipLimits());
        assertTrue(st.active);
        AlarmEvent e = res.event().orElseThrow().event();
        assertEquals(AlarmType.FAULT, e.type());
        assertEquals(AlarmTransition.RAISE, e.transition());
        assertEquals(AlarmState.ACTIVE_UNACK, e.state());
        assertEquals("E01-LT101:FAULT:" + r.ts(), e.alarmId());
        assertEquals(r.ts(), e.ts());
        assertEquals(9, e.emittedAt());
        assertTrue(Double.isFinite(e.value()) && Double.isFinite(e.limit()));
        return res;
    }

    @Test
    void notFinite() {
        FaultRule.Result r = raiseWith(reading(LEVEL, T0 + SEC, Double.NaN));
        assertEquals("value not finite (NaN)", r.event().get().detail());
        assertEquals(0.0, r.event().get().event().value(), "NaN is reported as 0, the detail says so");
        assertEquals("value not finite (Infinity)",
                raiseWith(reading(LEVEL, T0 + SEC, Double.POSITIVE_INFINITY)).event().get().detail());
    }

    @Test
    void qualityBad() {
        FaultRule.Result r = raiseWith(reading(LEVEL, T0 + SEC, 50, Quality.BAD));
        assertEquals("quality bad", r.event().get().detail());
        assertEquals(50.0, r.event().get().event().value());
    }

    @Test
    void aboveAndBelowTheRange() {
        FaultRule.Result hi = raiseWith(reading(LEVEL, T0 + SEC, 120.5));
        assertEquals("120.5 % above range max 100 %", hi.event().get().detail());
        assertEquals(100.0, hi.event().get().event().limit());
        FaultRule.Result lo = raiseWith(reading(LEVEL, T0 + SEC, -3));
        assertEquals("-3 % below range min 0 %", lo.event().get().detail());
        assertEquals(0.0, lo.event().get().event().limit());
        assertEquals("quality bad; 101 % above range max 100 %",
                raiseWith(reading(LEVEL, T0 + SEC, 101, Quality.BAD)).event().get().detail());
    }

    @Test
    void rangeBoundsAreInRange() {
        assertNull(FaultRule.faultCause(LEVEL, reading(LEVEL, T0, 0)));
        assertNull(FaultRule.faultCause(LEVEL, reading(LEVEL, T0, 100)));
        assertNull(FaultRule.faultCause(LEVEL, reading(LEVEL, T0, 50, Quality.UNCERTAIN)));
    }

    @Test
    void raisesOnceSkipsLimitsWhileFaultyAndClearsOnTheNextGoodInRangeReading() {
        FaultState st = new FaultState();
        assertTrue(FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0, 120), 0).event().isPresent());
        FaultRule.Result again = FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0 + SEC, 50, Quality.BAD), 0);
        assertTrue(again.event().isEmpty(), "still the same fault episode");
        assertTrue(again.skipLimits());
        FaultRule.Result good = FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 2 * SEC, 60), 4);
        assertFalse(good.skipLimits());
        AlarmEvent c = good.event().orElseThrow().event();
        assertEquals(AlarmTransition.CLEAR, c.transition());
        assertEquals(AlarmState.RTN_UNACK, c.state());
        assertEquals("E01-LT101:FAULT:" + T0, c.alarmId());
        assertEquals(100.0, c.limit());
        assertEquals("good reading 60 % within range", good.event().get().detail());
        assertFalse(st.active);
        assertTrue(FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 3 * SEC, 61), 0).event().isEmpty());
        assertEquals("E01-LT101:FAULT:" + (T0 + 4 * SEC),
                FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 4 * SEC, -1), 0).event().get().event().alarmId(),
                "a new episode, a new id");
    }

    @Test
    void uncertainInRangeClears() {
        FaultState st = new FaultState();
        FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0, 50, Quality.BAD), 0);
        FaultRule.Result r = FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0 + SEC, 50, Quality.UNCERTAIN), 0);
        assertEquals(AlarmTransition.CLEAR, r.event().orElseThrow().event().transition());
    }

    @Test
    void lateReadingsDoNotMoveTheStateButStillSkipLimits() {
        FaultState st = new FaultState();
        FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 10 * SEC, 50), 0);
        FaultRule.Result late = FaultRule.evaluate(LEVEL, st, reading(LEVEL, T0, 150), 0);
        assertTrue(late.event().isEmpty());
        assertTrue(late.skipLimits());
        assertFalse(st.active);
    }
}
