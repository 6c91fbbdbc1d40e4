package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.RuleSettings;
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
        assertNull(st.high.alarmId);
        assertNull(st.low.alarmId);
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

    // ------------------------------------------------------------------------------------ on-delay and off-delay

    /** LEVEL with rules.onDelay and rules.offDelay of 10 s each. */
    static final Sensor DELAYED = LEVEL.withRules(new RuleSettings(10_000L, 10_000L, null, null, null, null, null, null, null,
            null, false));

    /** A reading {@code s} seconds into the test. */
    record At(long s, double v) {}

    static At at(long s, double v) {
        return new At(s, v);
    }

    /** Feeds the readings and returns "TRANSITION TYPE id @limit ts=seconds 'detail'" per event. */
    static List<String> play(Sensor s, At... readings) {
        LimitState st = new LimitState();
        List<String> out = new ArrayList<>();
        for (At a : readings) {
            Reading r = new Reading(s.id(), "E01", "E01-S1", "level", a.s() * 1000, a.v(), Quality.GOOD, 0);
            for (AlarmEvent e : LimitEvaluator.evaluate(s, st, r, 0)) {
                out.add(e.transition() + " " + e.type() + " " + e.alarmId() + " @" + e.limit() + " ts=" + e.ts() / 1000
                        + " '" + e.detail() + "'");
            }
        }
        return out;
    }

    @Test
    void aConditionShorterThanTheOnDelayRaisesNothing() {
        assertEquals(List.of(), play(DELAYED,
                at(0, 50), at(1, 90), at(6, 90), at(10, 90), // 9 s beyond H
                at(11, 50),                                   // back inside: the on-delay starts afresh next time
                at(12, 96), at(21, 96),                       // 9 s beyond HH
                at(22, 80),
                at(23, 4), at(32, 4),                         // 9 s below LL
                at(33, 50)));
    }

    @Test
    void aConditionThatHoldsRaisesAtTheFirstReadingPastTheOnDelayUnderTheIdOfItsFirstReading() {
        assertEquals(List.of("RAISE HIGH E01-LT101:HI:2000 @85.0 ts=12 '90 % >= H 85 % (held 10 s)'"),
                play(DELAYED, at(0, 50), at(2, 90), at(8, 90), at(11, 90), at(12, 90), at(13, 91)));
        // the low side mirrors it
        assertEquals(List.of("RAISE LOW E01-LT101:LO:1000 @10.0 ts=11 '8 % <= L 10 % (held 10 s)'"),
                play(DELAYED, at(0, 50), at(1, 8), at(11, 8)));
    }

    @Test
    void aConditionThatReachesHighHighWithinTheOnDelayRaisesHighHighOnce() {
        assertEquals(List.of("RAISE HIGH_HIGH E01-LT101:HI:1000 @95.0 ts=11 '97 % >= HH 95 % (held 10 s)'"),
                play(DELAYED, at(0, 50), at(1, 90), at(5, 97), at(11, 97), at(12, 97)));
    }

    @Test
    void aClearThatReturnsWithinTheOffDelayContinuesTheSameAlarm() {
        assertEquals(List.of("RAISE HIGH E01-LT101:HI:0 @85.0 ts=10 '90 % >= H 85 % (held 10 s)'"),
                play(DELAYED, at(0, 90), at(10, 90),
                        at(11, 80), at(15, 80), at(20, 80), // clear for 9 s
                        at(21, 86),                          // back: no CLEAR, no new RAISE
                        at(22, 80), at(31, 80)));            // clear again, for 9 s
    }

    @Test
    void aClearThatStaysClearClearsAfterTheOffDelay() {
        assertEquals(List.of(
                "RAISE HIGH E01-LT101:HI:0 @85.0 ts=10 '90 % >= H 85 % (held 10 s)'",
                "CLEAR HIGH E01-LT101:HI:0 @84.0 ts=31 '80 % back to normal (<= 84 %, limit minus deadband) (held 10 s)'"),
                play(DELAYED, at(0, 90), at(10, 90),
                        at(11, 80), at(20, 86), // returns within the off-delay
                        at(21, 80), at(25, 80), at(31, 80), at(32, 80)));
        assertEquals(List.of(
                "RAISE LOW E01-LT101:LO:1000 @10.0 ts=11 '8 % <= L 10 % (held 10 s)'",
                "CLEAR LOW E01-LT101:LO:1000 @11.0 ts=22 '20 % back to normal (>= 11 %, limit minus deadband) (held 10 s)'"),
                play(DELAYED, at(0, 50), at(1, 8), at(11, 8), at(12, 20), at(22, 20)));
    }

    @Test
    void escalationAndDeescalationAreNotDelayed() {
        assertEquals(List.of(
                "RAISE HIGH E01-LT101:HI:0 @85.0 ts=10 '90 % >= H 85 % (held 10 s)'",
                "ESCALATE HIGH_HIGH E01-LT101:HI:0 @95.0 ts=11 '96 % >= HH 95 %'",
                "DEESCALATE HIGH E01-LT101:HI:0 @85.0 ts=12 '90 % back below HH, still >= H 85 %'",
                "ESCALATE HIGH_HIGH E01-LT101:HI:0 @95.0 ts=14 '97 % >= HH 95 %'",    // during the off-delay
                "CLEAR HIGH_HIGH E01-LT101:HI:0 @84.0 ts=25 '50 % back to normal (<= 84 %, limit minus deadband) (held 10 s)'"),
                play(DELAYED, at(0, 90), at(10, 90), at(11, 96), at(12, 90),
                        at(13, 50), at(14, 97), at(15, 50), at(25, 50)));
    }

    @Test
    void withoutDelaysTheDetailSaysNothingOfHolding() {
        assertEquals(List.of("RAISE HIGH E01-LT101:HI:1000 @85.0 ts=1 '90 % >= H 85 %'",
                        "CLEAR HIGH E01-LT101:HI:1000 @84.0 ts=2 '80 % back to normal (<= 84 %, limit minus deadband)'"),
                play(LEVEL, at(0, 50), at(1, 90), at(2, 80)));
    }

    @Test
    void aDelayedRaiseOnAReadingInsideTheDeadbandSaysSo() {
        Sensor s = LEVEL.withRules(new com.hazardwatch.model.catalogue.RuleSettings(10_000L, null, null, null, null, null,
                null, null, null, null, false));
        LimitState st = new LimitState();
        assertEquals(List.of(), LimitEvaluator.evaluate(s, st, new Reading(s.id(), "E01", "E01-S1", "level", 0, 86, Quality.GOOD, 0), 0));
        List<AlarmEvent> out = LimitEvaluator.evaluate(s, st, new Reading(s.id(), "E01", "E01-S1", "level", 10_000, 84.5, Quality.GOOD, 0), 0);
        assertEquals(1, out.size());
        assertEquals("84.5 % within the deadband of H 85 % (held 10 s)", out.get(0).detail());
    }
}
