package com.hazardwatch.simulators.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.simulators.Scenario;
import com.hazardwatch.simulators.SilenceScenario;
import com.hazardwatch.simulators.script.ExpectedAlarm;
import com.hazardwatch.simulators.script.ForbiddenAlarm;
import com.hazardwatch.simulators.script.ScenarioScript;
import com.hazardwatch.simulators.verify.VerificationReport.ExpectationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScriptVerifierTest {
    static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
    static final long T0 = START.toEpochMilli();
    static final String TANK = "E01-LT101";

    /** A scenario that plays on the tank (values only, no silence). */
    static Scenario onTank() {
        return new Scenario() {
            @Override
            public String name() {
                return "test-overfill";
            }

            @Override
            public Set<String> sensors() {
                return Set.of(TANK);
            }

            @Override
            public Duration start() {
                return Duration.ofSeconds(10);
            }

            @Override
            public OptionalDouble override(String sensorId, long offsetMillis, double normalValue) {
                return active(offsetMillis) && TANK.equals(sensorId) ? OptionalDouble.of(97) : OptionalDouble.empty();
            }

            @Override
            public boolean finished(long offsetMillis) {
                return offsetMillis >= 80_000;
            }

            @Override
            public String phase(long offsetMillis) {
                return "test";
            }
        };
    }

    static ExpectedAlarm expect(AlarmType type, String owner, AlarmTransition tr, int from, int to) {
        return new ExpectedAlarm(type, owner, tr, Duration.ofSeconds(from), Duration.ofSeconds(to));
    }

    static ScenarioScript script(Scenario sc, List<ExpectedAlarm> expected, List<ForbiddenAlarm> forbidden) {
        return new ScenarioScript("test", "a test script", Duration.ofSeconds(90), sc, expected, forbidden);
    }

    /** A transition emitted at +emitted s, caused by an event at +ts s. */
    static SeenAlarm seen(String id, String owner, AlarmType type, AlarmTransition tr, double ts, double emitted) {
        AlarmState state = tr == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        return new SeenAlarm(id, owner, type, tr, state, T0 + Math.round(ts * 1000), T0 + Math.round(emitted * 1000));
    }

    static final String HI = TANK + ":HI:" + (T0 + 34_000);

    /** The overfill's limit alarm as the engine emits it: raised at H, escalated to HH, back to H, cleared. */
    static List<SeenAlarm> overfill() {
        return List.of(
                seen(HI, TANK, AlarmType.HIGH, AlarmTransition.RAISE, 34, 34.2),
                seen(HI, TANK, AlarmType.HIGH_HIGH, AlarmTransition.ESCALATE, 44, 44.1),
                seen(HI, TANK, AlarmType.HIGH, AlarmTransition.DEESCALATE, 57, 57.1),
                seen(HI, TANK, AlarmType.HIGH, AlarmTransition.CLEAR, 62, 62.1));
    }

    @Test
    void everyExpectedAlarmWithinItsWindowPasses() {
        ScenarioScript s = script(onTank(), List.of(
                expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 20, 45),
                expect(AlarmType.HIGH_HIGH, TANK, AlarmTransition.RAISE, 30, 60),
                expect(AlarmType.HIGH, TANK, AlarmTransition.CLEAR, 50, 90)), List.of());
        VerificationReport r = ScriptVerifier.verify(s, START, START.plusSeconds(90), overfill(), null);
        assertTrue(r.passed(), r.render());
        assertEquals("PASS", r.verdict());
        ExpectationResult hh = r.expectations().get(1);
        // RAISE HIGH_HIGH is hit by the ESCALATE to HIGH_HIGH
        assertEquals(AlarmTransition.ESCALATE, hh.hit().transition());
        assertEquals(Duration.ofMillis(44_100), hh.at());
        // delay: emittedAt minus the event time of the reading that met the condition
        assertEquals(Duration.ofMillis(100), hh.delay());
        assertTrue(r.render().contains("hit"), r.render());
        assertTrue(r.render().contains("(ESCALATE)"), r.render());
    }

    @Test
    void raiseMatchesAReturnOfALatchedAlarm() {
        ScenarioScript s = script(onTank(), List.of(expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 40, 60)), List.of());
        List<SeenAlarm> seen = List.of(
                seen(HI, TANK, AlarmType.HIGH, AlarmTransition.RAISE, 34, 34.1),
                seen(HI, TANK, AlarmType.HIGH, AlarmTransition.CLEAR, 38, 38.1),
                seen(HI, TANK, AlarmType.HIGH, AlarmTransition.RETURN, 45, 45.3));
        VerificationReport r = ScriptVerifier.verify(s, START, null, seen, null);
        assertTrue(r.passed(), r.render());
        assertEquals(AlarmTransition.RETURN, r.expectations().get(0).hit().transition());
        assertEquals(Duration.ofMillis(300), r.expectations().get(0).delay());
    }

    @Test
    void aRaiseExpectationIsNotHitByADeescalateOrAClear() {
        ScenarioScript s = script(onTank(), List.of(expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 50, 90)), List.of());
        VerificationReport r = ScriptVerifier.verify(s, START, null, overfill(), null);
        assertFalse(r.passed());
        // the RAISE HIGH came at +34.2 s, before the window: too early, not hit by the DEESCALATE to HIGH at +57 s
        assertTrue(r.expectations().get(0).miss().startsWith("too early: at +34.2s"), r.expectations().get(0).miss());
    }

    @Test
    void anAlarmAfterTheWindowIsAMissTooLate() {
        ScenarioScript s = script(onTank(), List.of(expect(AlarmType.HIGH_HIGH, TANK, AlarmTransition.RAISE, 30, 40)), List.of());
        VerificationReport r = ScriptVerifier.verify(s, START, null, overfill(), null);
        assertFalse(r.passed());
        assertEquals(1, r.missed());
        ExpectationResult m = r.expectations().get(0);
        assertNull(m.hit());
        assertEquals("too late: at +44.1s, the window closed at +40s (id " + HI + ")", m.miss());
        assertEquals("FAIL (1 missed)", r.verdict());
        // too late is a MISS, not also unexpected
        assertTrue(r.unexpected().isEmpty(), r.render());
        assertTrue(r.render().contains("MISS    too late"), r.render());
    }

    @Test
    void anAlarmNeverSeenIsAMissSayingWhatElseWasSeen() {
        ScenarioScript s = script(onTank(), List.of(
                expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 20, 45),
                expect(AlarmType.FORECAST_HH, TANK, AlarmTransition.RAISE, 10, 45)), List.of());
        VerificationReport r = ScriptVerifier.verify(s, START, null, overfill(), null);
        assertFalse(r.passed());
        String miss = r.expectations().get(1).miss();
        assertTrue(miss.startsWith("never seen (seen on E01-LT101: RAISE HIGH, ESCALATE HIGH_HIGH"), miss);

        VerificationReport nothing = ScriptVerifier.verify(s, START, null, List.of(), null);
        assertEquals("never seen (nothing at all on E01-LT101)", nothing.expectations().get(0).miss());
        assertEquals(2, nothing.missed());
    }

    @Test
    void transitionsEmittedBeforeTheStartAreIgnored() {
        ScenarioScript s = script(onTank(), List.of(expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 0, 45)), List.of());
        List<SeenAlarm> old = List.of(seen("E01-LT101:HI:1", TANK, AlarmType.HIGH, AlarmTransition.RAISE, -100, -99),
                seen("E01-LT101:FLAT:1", TANK, AlarmType.FLATLINE, AlarmTransition.RAISE, -100, -1));
        VerificationReport r = ScriptVerifier.verify(s, START, null, old, null);
        assertEquals(1, r.missed());
        assertTrue(r.unexpected().isEmpty());
        assertEquals(0, r.considered());
    }

    @Test
    void aForbiddenAlarmFailsTheScenario() {
        ScenarioScript s = script(onTank(), List.of(expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 20, 45)),
                List.of(new ForbiddenAlarm(AlarmType.HIGH_HIGH, TANK, Duration.ZERO, null, "the spike stays below HH"),
                        new ForbiddenAlarm(AlarmType.STALE, "E02-PT101", Duration.ZERO, null, null)));
        VerificationReport r = ScriptVerifier.verify(s, START, null, overfill(), null);
        assertFalse(r.passed());
        assertEquals(1, r.forbidden().size(), r.render());
        VerificationReport.Finding f = r.forbidden().get(0);
        assertEquals(AlarmTransition.ESCALATE, f.alarm().transition());
        assertTrue(f.why().contains("no HIGH_HIGH on E01-LT101 (the spike stays below HH)"), f.why());
        assertEquals("FAIL (1 forbidden)", r.verdict());
        // reported as forbidden only, not also as unexpected
        assertTrue(r.unexpected().isEmpty(), r.render());
        assertTrue(r.render().contains("forbidden (FAIL):"), r.render());
    }

    @Test
    void aForbiddenAlarmOutsideItsWindowIsNoFinding() {
        ScenarioScript s = script(onTank(), List.of(
                expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 20, 45),
                expect(AlarmType.HIGH_HIGH, TANK, AlarmTransition.RAISE, 20, 60)),
                List.of(new ForbiddenAlarm(AlarmType.HIGH_HIGH, TANK, Duration.ofSeconds(60), null, "nothing after the drain")));
        assertTrue(ScriptVerifier.verify(s, START, null, overfill(), null).passed());
    }

    @Test
    void aForbiddenAlarmWithoutOwnerAppliesToTheScriptsOwnOwnersOnly() {
        ScenarioScript s = script(onTank(), List.of(expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 20, 45),
                expect(AlarmType.HIGH_HIGH, TANK, AlarmTransition.RAISE, 20, 60)),
                List.of(new ForbiddenAlarm(AlarmType.FLATLINE, null, Duration.ZERO, null, null)));
        List<SeenAlarm> seen = new ArrayList<>(overfill());
        // another script's sensor, playing at the same time
        seen.add(seen("E07-TT101:FLAT:1", "E07-TT101", AlarmType.FLATLINE, AlarmTransition.RAISE, 50, 50.1));
        assertTrue(ScriptVerifier.verify(s, START, null, seen, null).passed());
        seen.add(seen("E01-LT101:FLAT:1", TANK, AlarmType.FLATLINE, AlarmTransition.RAISE, 70, 70.1));
        VerificationReport r = ScriptVerifier.verify(s, START, null, seen, null);
        assertEquals(1, r.forbidden().size(), r.render());
        assertEquals(TANK, r.forbidden().get(0).alarm().owner());
    }

    @Test
    void anUnexpectedRaiseOnTheScriptsSensorFailsIt() {
        ScenarioScript s = script(onTank(), List.of(expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 20, 45),
                expect(AlarmType.HIGH_HIGH, TANK, AlarmTransition.RAISE, 20, 60)), List.of());
        List<SeenAlarm> seen = new ArrayList<>(overfill());
        seen.add(seen("E01-LT101:ROC:1", TANK, AlarmType.RATE_OF_CHANGE, AlarmTransition.RAISE, 20, 20.1));
        seen.add(seen("E01-LT101:ROC:1", TANK, AlarmType.RATE_OF_CHANGE, AlarmTransition.CLEAR, 40, 40.1));
        // other owners are other scripts' business
        seen.add(seen("E02-LT101:HI:1", "E02-LT101", AlarmType.HIGH, AlarmTransition.RAISE, 30, 30.1));
        seen.add(seen("E01:LINK_DOWN:1", "E01", AlarmType.LINK_DOWN, AlarmTransition.RAISE, 30, 30.1));
        VerificationReport r = ScriptVerifier.verify(s, START, null, seen, null);
        assertFalse(r.passed());
        assertEquals(1, r.unexpected().size(), r.render());
        assertEquals(AlarmType.RATE_OF_CHANGE, r.unexpected().get(0).alarm().type());
        assertEquals("FAIL (1 unexpected)", r.verdict());
        assertTrue(r.render().contains("unexpected (FAIL):\n    RAISE RATE_OF_CHANGE on E01-LT101 at +20.1s, id E01-LT101:ROC:1"),
                r.render());
    }

    @Test
    void theRaiseOfAnAlarmWhoseEscalationWasExpectedIsNotUnexpected() {
        // only HIGH_HIGH expected: its RAISE at HIGH is the same alarm (same id), no spurious one
        ScenarioScript s = script(onTank(), List.of(expect(AlarmType.HIGH_HIGH, TANK, AlarmTransition.RAISE, 30, 60)), List.of());
        VerificationReport r = ScriptVerifier.verify(s, START, null, overfill(), null);
        assertTrue(r.passed(), r.render());
    }

    @Test
    void noDataAlarmsDelayCountsFromTheSilenceAndSuppressedChildrenAreNotUnexpected() {
        Scenario outage = new SilenceScenario("outage", "E14", List.of("E14-PT101", "E14-GT101", "E14-GT102"),
                Duration.ofSeconds(10), Duration.ofSeconds(100));
        ScenarioScript s = script(outage, List.of(
                expect(AlarmType.LINK_DOWN, "E14", AlarmTransition.RAISE, 60, 90),
                expect(AlarmType.LINK_DOWN, "E14", AlarmTransition.CLEAR, 110, 130)), List.of());
        List<SeenAlarm> seen = new ArrayList<>();
        seen.add(new SeenAlarm("E14-GT101:STALE:1", "E14-GT101", AlarmType.STALE, AlarmTransition.RAISE, AlarmState.SUPPRESSED,
                T0 + 75_000, T0 + 75_050));
        seen.add(seen("E14:LINK_DOWN:" + (T0 + 72_000), "E14", AlarmType.LINK_DOWN, AlarmTransition.RAISE, 72, 72.2));
        seen.add(seen("E14:LINK_DOWN:" + (T0 + 72_000), "E14", AlarmType.LINK_DOWN, AlarmTransition.CLEAR, 111, 111.3));
        // the end of the run is a silence of its own
        seen.add(seen("E14-GT102:STALE:2", "E14-GT102", AlarmType.STALE, AlarmTransition.RAISE, 131, 131));
        VerificationReport r = ScriptVerifier.verify(s, START, START.plusSeconds(125), seen, null);
        assertTrue(r.passed(), r.render());
        // silenced at +10 s, on hw.alarms at +72.2 s
        assertEquals(Duration.ofMillis(62_200), r.expectations().get(0).delay());
        // the clear: from the reading that came back
        assertEquals(Duration.ofMillis(300), r.expectations().get(1).delay());

        // a child's STALE shown on its own (not suppressed) during the run is unexpected
        seen.add(seen("E14-PT101:STALE:3", "E14-PT101", AlarmType.STALE, AlarmTransition.RAISE, 80, 80.1));
        VerificationReport r2 = ScriptVerifier.verify(s, START, START.plusSeconds(125), seen, null);
        assertEquals(1, r2.unexpected().size(), r2.render());
        assertEquals("E14-PT101", r2.unexpected().get(0).alarm().owner());
    }

    @Test
    void silenceStartIsTheLatestSilenceBeganByThen() {
        Scenario dead = new SilenceScenario("dead", "E05-TT101", List.of("E05-TT101"), Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertEquals(-1, ScriptVerifier.silenceStart(dead, "E05-TT101", 9_900));
        assertEquals(10_000, ScriptVerifier.silenceStart(dead, "E05-TT101", 70_000));
        assertEquals(-1, ScriptVerifier.silenceStart(dead, "E05-TT102", 70_000));
    }

    @Test
    void theReportListsEveryLineAndTheVerdict() {
        ScenarioScript s = script(onTank(), List.of(
                expect(AlarmType.HIGH, TANK, AlarmTransition.RAISE, 20, 45),
                expect(AlarmType.FORECAST_HH, TANK, AlarmTransition.RAISE, 10, 45)), List.of());
        String text = ScriptVerifier.verify(s, START, null, overfill(), null).render();
        assertTrue(text.startsWith("== test: a test script (started "), text);
        assertTrue(text.contains("expected"), text);
        assertTrue(text.contains("RAISE HIGH on E01-LT101 within [20s, 45s]"), text);
        assertTrue(text.contains("+34.2s"), text);
        assertTrue(text.contains("0.2s"), text);
        assertTrue(text.contains(HI), text);
        assertTrue(text.contains("RAISE FORECAST_HH on E01-LT101 within [10s, 45s]  MISS    never seen"), text);
        assertTrue(text.contains("forbidden: none seen"), text);
        assertTrue(text.endsWith("  unexpected: none\n  FAIL (1 missed)\n"), text);
    }
}
