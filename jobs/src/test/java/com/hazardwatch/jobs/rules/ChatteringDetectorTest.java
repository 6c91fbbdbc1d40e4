package com.hazardwatch.jobs.rules;

import static com.hazardwatch.jobs.rules.RuleFixtures.LEVEL;
import static com.hazardwatch.jobs.rules.RuleFixtures.MIN;
import static com.hazardwatch.jobs.rules.RuleFixtures.SEC;
import static com.hazardwatch.jobs.rules.RuleFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChatteringDetectorTest {

    static List<RuleEvent> raises(ChatteringDetector d, long... ts) {
        List<RuleEvent> out = new ArrayList<>();
        for (long t : ts) {
            d.onRaise(LEVEL, "HI", t, 1).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void fiveRaisesInTenMinutesAreFineTheSixthStartsChattering() {
        ChatteringDetector d = new ChatteringDetector();
        assertEquals(List.of(), raises(d, T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN));
        assertTrue(d.shouldNotify());
        assertEquals(OptionalLong.empty(), d.nextCheckAt());
        List<RuleEvent> out = raises(d, T0 + 5 * MIN);
        assertEquals(1, out.size());
        AlarmEvent e = out.get(0).event();
        assertEquals("E01-LT101:CHAT:HI:" + (T0 + 5 * MIN), e.alarmId());
        assertEquals(AlarmType.CHATTERING, e.type());
        assertEquals(AlarmTransition.RAISE, e.transition());
        assertEquals(AlarmState.ACTIVE_UNACK, e.state());
        assertEquals("E01-LT101", e.sensor());
        assertEquals("E01", e.enterprise());
        assertEquals("E01-S1", e.source());
        assertEquals(6.0, e.value());
        assertEquals(5.0, e.limit());
        assertEquals(T0 + 5 * MIN, e.ts());
        assertEquals("6 raises in 10 min", out.get(0).detail());
        assertFalse(d.shouldNotify(), "the class's transitions are no longer pushed to a person");
        assertEquals(OptionalLong.of(T0 + 15 * MIN), d.nextCheckAt());
    }

    @Test
    void raisesSpreadOverMoreThanTheWindowDoNotChatter() {
        ChatteringDetector d = new ChatteringDetector();
        List<RuleEvent> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // one every 2 min: 5 in any 10 min
            out.addAll(raises(d, T0 + i * 2 * MIN));
        }
        assertEquals(List.of(), out);
        assertTrue(d.shouldNotify());
        // a raise exactly 10 min before the newest no longer counts
        ChatteringDetector e = new ChatteringDetector();
        assertEquals(List.of(), raises(e, T0, T0 + 6 * MIN, T0 + 7 * MIN, T0 + 8 * MIN, T0 + 9 * MIN, T0 + 10 * MIN));
        assertEquals(1, raises(e, T0 + 10 * MIN + SEC).size(), "6 within the 10 min ending at 10:01");
    }

    @Test
    void holdsWhileRaisesContinueAndSettlesTenMinutesAfterTheLast() {
        ChatteringDetector d = new ChatteringDetector();
        raises(d, T0, T0 + 10 * SEC, T0 + 20 * SEC, T0 + 30 * SEC, T0 + 40 * SEC, T0 + 50 * SEC);
        assertFalse(d.shouldNotify());
        long firstCheck = d.nextCheckAt().getAsLong();
        assertEquals(T0 + 50 * SEC + 10 * MIN, firstCheck);
        // more raises while chattering: no new CHATTERING event, the check moves
        assertEquals(List.of(), raises(d, T0 + 3 * MIN, T0 + 8 * MIN));
        assertEquals(OptionalLong.of(T0 + 18 * MIN), d.nextCheckAt());
        // the timer registered first fires early: nothing, still chattering
        assertTrue(d.onTimer(firstCheck).isEmpty());
        assertFalse(d.shouldNotify());
        assertTrue(d.onTimer(T0 + 18 * MIN - 1).isEmpty());
        RuleEvent clear = d.onTimer(T0 + 18 * MIN, 77).orElseThrow();
        assertEquals(AlarmTransition.CLEAR, clear.event().transition());
        assertEquals(AlarmState.RTN_UNACK, clear.event().state());
        assertEquals(AlarmType.CHATTERING, clear.event().type());
        assertEquals("E01-LT101:CHAT:HI:" + (T0 + 50 * SEC), clear.event().alarmId());
        assertEquals(T0 + 18 * MIN, clear.event().ts());
        assertEquals(77, clear.event().emittedAt());
        assertEquals("no raise for 10 min", clear.detail());
        assertTrue(d.shouldNotify());
        assertEquals(OptionalLong.empty(), d.nextCheckAt());
        assertTrue(d.onTimer(T0 + 30 * MIN).isEmpty(), "a late duplicate timer does nothing");
    }

    @Test
    void chattersAgainAfterSettlingWithANewId() {
        ChatteringDetector d = new ChatteringDetector();
        raises(d, T0, T0 + SEC, T0 + 2 * SEC, T0 + 3 * SEC, T0 + 4 * SEC, T0 + 5 * SEC);
        d.onTimer(d.nextCheckAt().getAsLong());
        long t = T0 + 60 * MIN;
        List<RuleEvent> again = raises(d, t, t + SEC, t + 2 * SEC, t + 3 * SEC, t + 4 * SEC);
        assertEquals(List.of(), again, "the old raises have left the window");
        again = raises(d, t + 5 * SEC);
        assertEquals("E01-LT101:CHAT:HI:" + (t + 5 * SEC), again.get(0).event().alarmId());
    }

    @Test
    void configurableThresholdAndWindowAndBoundedState() {
        ChatteringDetector d = new ChatteringDetector();
        List<RuleEvent> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            d.onRaise(LEVEL, "LO", T0 + i * SEC, 2, 5 * MIN, 0).ifPresent(out::add);
        }
        assertEquals(1, out.size());
        assertEquals("3 raises in 5 min", out.get(0).detail());
        assertEquals("E01-LT101:CHAT:LO:" + (T0 + 2 * SEC), out.get(0).event().alarmId());
        assertEquals(3, d.raises.length, "only the newest maxRaises + 1 raise times are kept");
        assertEquals(OptionalLong.of(T0 + 999 * SEC + 5 * MIN), d.nextCheckAt());
    }

    @Test
    void sameInputSameOutput() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (List<String> out : List.of(a, b)) {
            ChatteringDetector d = new ChatteringDetector();
            for (int i = 0; i < 40; i++) {
                d.onRaise(LEVEL, "HI", T0 + i * 37 * SEC, 0).ifPresent(e -> out.add(e.event().alarmId()));
                if (d.nextCheckAt().isPresent() && i % 10 == 9) {
                    d.onTimer(d.nextCheckAt().getAsLong()).ifPresent(e -> out.add(e.event().alarmId()));
                }
            }
        }
        assertEquals(a, b);
        assertFalse(a.isEmpty());
    }
}
