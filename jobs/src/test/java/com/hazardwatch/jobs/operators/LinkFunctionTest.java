package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-enterprise link operator on Flink's keyed harness (docs/rules.md sections 4 and 5): STALE conditions pass
 * through it, LINK_DOWN stands for an enterprise whose sensors are all silent and suppresses their STALE alarms, and
 * FLATLINE is judged against the neighbours of the same source.
 */
class LinkFunctionTest {
    static final long T0 = 1_732_262_400_000L;
    static final long SEC = 1_000;
    static final String E = "E01";
    static final String LT = "E01-LT101";
    static final String TT = "E01-TT101";
    static final String PT = "E01-PT101";
    static final String GT = "E01-GT101";
    static final String LINK = E + ":LINK_DOWN:";

    private static KeyedOneInputStreamOperatorTestHarness<String, LinkInput, LifecycleInput> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LinkFunction()),
                (LinkInput in) -> in.enterprise, Types.STRING);
        h.setProcessingTime(T0);
        h.open();
        return h;
    }

    /** A harness with LT, TT and PT of source E01-S1 (grade 1) on E01's roster. */
    private static KeyedOneInputStreamOperatorTestHarness<String, LinkInput, LifecycleInput> withRoster() throws Exception {
        var h = harness();
        for (String s : List.of(LT, TT, PT)) {
            feed(h, member(s, 0));
        }
        assertEquals(List.of(), drain(h), "a roster entry emits nothing");
        return h;
    }

    static LinkInput member(String sensor, long revision) {
        return LinkInput.roster(E, sensor, "E01-S1", "T01", 1, revision, false);
    }

    static LinkInput removed(String sensor, long revision) {
        return LinkInput.roster(E, sensor, null, null, null, revision, true);
    }

    static String staleId(String sensor, long since) {
        return sensor + ":STALE:" + since;
    }

    static LinkInput stale(String sensor, AlarmTransition t, long since, long ts) {
        return condition(sensor, E, staleId(sensor, since), AlarmType.STALE, t, ts);
    }

    static LinkInput flat(String sensor, AlarmTransition t, long since, long ts) {
        return condition(sensor, E, sensor + ":FLAT:" + since, AlarmType.FLATLINE, t, ts);
    }

    static LinkInput condition(String sensor, String enterprise, String id, AlarmType type, AlarmTransition t, long ts) {
        AlarmState state = t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        return LinkInput.condition(new AlarmEvent(id, sensor, enterprise, "E01-S1", type, t, state, 0, 0, ts, ts, null),
                "T01", 1, null);
    }

    /** Feeds one input at processing time {@code ts} (never moving the harness clock back). */
    static void feed(KeyedOneInputStreamOperatorTestHarness<String, LinkInput, LifecycleInput> h, LinkInput in, long ts)
            throws Exception {
        h.setProcessingTime(Math.max(h.getProcessingTime(), ts));
        h.processElement(in, ts);
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, LinkInput, LifecycleInput> h, LinkInput in)
            throws Exception {
        feed(h, in, h.getProcessingTime());
    }

    /** "KIND owner alarmId TRANSITION" for conditions, "KIND owner class" for suppressions; emitted since the last call. */
    static List<String> drain(KeyedOneInputStreamOperatorTestHarness<String, LinkInput, LifecycleInput> h) {
        return drainInputs(h).stream().map(LinkFunctionTest::line).toList();
    }

    static List<LifecycleInput> drainInputs(KeyedOneInputStreamOperatorTestHarness<String, LinkInput, LifecycleInput> h) {
        List<LifecycleInput> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    /** The lines from index {@code from} on, sorted: suppressions of several children come in the roster's order. */
    static Set<String> tail(List<String> lines, int from) {
        return new TreeSet<>(lines.subList(Math.min(from, lines.size()), lines.size()));
    }

    @Test
    void whenTheLastSensorGoesStaleLinkDownIsRaisedAndEveryChildSuppressed() throws Exception {
        try (var h = withRoster()) {
            // each child's STALE is held back (here 5 s: the test roster has no stale periods) in case all go silent
            feed(h, stale(LT, AlarmTransition.RAISE, T0, T0 + 60 * SEC), T0 + 60 * SEC);
            assertEquals(List.of(), drain(h));
            feed(h, stale(TT, AlarmTransition.RAISE, T0, T0 + 61 * SEC), T0 + 61 * SEC);
            assertEquals(List.of(), drain(h));

            long down = T0 + 62 * SEC;
            feed(h, stale(PT, AlarmTransition.RAISE, T0, down), down);
            List<LifecycleInput> raised = drainInputs(h);
            List<String> lines = raised.stream().map(LinkFunctionTest::line).toList();
            assertEquals("CONDITION " + E + " " + LINK + down + " RAISE", lines.get(0));
            assertEquals(7, lines.size(), lines.toString());
            for (String child : List.of(LT, TT, PT)) {
                int suppress = lines.indexOf("SUPPRESS " + child + " STALE");
                int raise = lines.indexOf("CONDITION " + child + " " + staleId(child, T0) + " RAISE");
                assertTrue(suppress > 0 && raise == suppress + 1, "each child suppressed, then raised, so it pages nobody: " + lines);
            }
            h.setProcessingTime(down + LinkFunction.LINK_GRACE_MS);
            assertEquals(List.of(), drain(h), "nothing held is left to report on its own");
            LifecycleInput link = raised.get(0);
            assertEquals(AlarmType.LINK_DOWN, link.condition.type());
            assertEquals(E, link.condition.sensor());
            assertEquals(3.0, link.condition.value(), "sensors silent");
            assertEquals("T01", link.town);
            assertEquals(1, link.sourceGrade);
        }
    }

    @Test
    void aChildGoingStaleWhileTheLinkIsDownIsSuppressedRightAfterItsRaise() throws Exception {
        try (var h = withRoster()) {
            long down = T0 + 62 * SEC;
            for (String s : List.of(LT, TT, PT)) {
                feed(h, stale(s, AlarmTransition.RAISE, T0, down), down);
            }
            drain(h);
            feed(h, LinkInput.roster(E, GT, "E01-S1", "T01", 1, 1, false), down + SEC); // a detector joins at revision 1
            feed(h, stale(GT, AlarmTransition.RAISE, down + SEC, down + 31 * SEC), down + 31 * SEC);
            assertEquals(List.of("SUPPRESS " + GT + " STALE", "CONDITION " + GT + " " + staleId(GT, down + SEC) + " RAISE"), drain(h));
        }
    }

    @Test
    void theFirstStaleClearClearsLinkDownAndChildrenStillSilentAreReleasedLater() throws Exception {
        try (var h = withRoster()) {
            long down = T0 + 62 * SEC;
            for (String s : List.of(LT, TT, PT)) {
                feed(h, stale(s, AlarmTransition.RAISE, T0, down), down);
            }
            drain(h);

            long back = down + 300 * SEC;
            feed(h, stale(LT, AlarmTransition.CLEAR, T0, back), back);
            List<LifecycleInput> cleared = drainInputs(h);
            assertEquals(List.of(
                    "CONDITION " + LT + " " + staleId(LT, T0) + " CLEAR",
                    "UNSUPPRESS " + LT + " STALE",
                    "CONDITION " + E + " " + LINK + down + " CLEAR"), cleared.stream().map(LinkFunctionTest::line).toList());
            assertEquals(2.0, cleared.get(2).condition.value(), "sensors still silent");
            assertEquals(1, h.numProcessingTimeTimers(), "the release of the children still silent");

            // TT reports before the release: its own clear un-suppresses it
            feed(h, stale(TT, AlarmTransition.CLEAR, T0, back + 10 * SEC), back + 10 * SEC);
            assertEquals(List.of("CONDITION " + TT + " " + staleId(TT, T0) + " CLEAR", "UNSUPPRESS " + TT + " STALE"), drain(h));

            h.setProcessingTime(back + LinkFunction.RELEASE_AFTER_MS - 1);
            assertEquals(List.of(), drain(h));
            h.setProcessingTime(back + LinkFunction.RELEASE_AFTER_MS);
            List<LifecycleInput> released = drainInputs(h);
            assertEquals(List.of("UNSUPPRESS " + PT + " STALE"), released.stream().map(LinkFunctionTest::line).toList());
            assertEquals("link to E01 is back but " + PT + " is still silent", released.get(0).reason);
            assertEquals(back + LinkFunction.RELEASE_AFTER_MS, released.get(0).ts);
            assertEquals(0, h.numProcessingTimeTimers());

            // PT's data comes back later: its clear passes, nothing is left to un-suppress and no link is down
            feed(h, stale(PT, AlarmTransition.CLEAR, T0, back + 600 * SEC), back + 600 * SEC);
            assertEquals(List.of("CONDITION " + PT + " " + staleId(PT, T0) + " CLEAR"), drain(h));
        }
    }

    @Test
    void theLinkGoesDownAgainAfterItCameBack() throws Exception {
        try (var h = withRoster()) {
            long down = T0 + 62 * SEC;
            for (String s : List.of(LT, TT, PT)) {
                feed(h, stale(s, AlarmTransition.RAISE, T0, down), down);
            }
            long back = down + 100 * SEC;
            feed(h, stale(LT, AlarmTransition.CLEAR, T0, back), back);
            drain(h);
            long again = back + 60 * SEC;
            feed(h, stale(LT, AlarmTransition.RAISE, back, again), again);
            List<String> lines = drain(h);
            assertEquals(List.of("CONDITION " + E + " " + LINK + again + " RAISE", "SUPPRESS " + LT + " STALE",
                    "CONDITION " + LT + " " + staleId(LT, back) + " RAISE"), lines, "TT and PT are still suppressed");
            h.setProcessingTime(back + LinkFunction.RELEASE_AFTER_MS);
            assertEquals(List.of(), drain(h), "no release while the link is down again");
        }
    }

    @Test
    void flatlineIsForwardedWhileANeighbourReportsAndHeldWhileAllAreSilent() throws Exception {
        try (var h = withRoster()) {
            feed(h, flat(LT, AlarmTransition.RAISE, T0, T0 + 1800 * SEC), T0 + 1800 * SEC);
            assertEquals(List.of("CONDITION " + LT + " " + LT + ":FLAT:" + T0 + " RAISE"), drain(h), "TT and PT report");
            feed(h, flat(LT, AlarmTransition.CLEAR, T0, T0 + 1801 * SEC), T0 + 1801 * SEC);
            assertEquals(List.of("CONDITION " + LT + " " + LT + ":FLAT:" + T0 + " CLEAR"), drain(h));

            long t1 = T0 + 2000 * SEC;
            feed(h, stale(TT, AlarmTransition.RAISE, T0, t1), t1);
            feed(h, stale(PT, AlarmTransition.RAISE, T0, t1), t1);
            h.setProcessingTime(t1 + LinkFunction.LINK_GRACE_MS); // their holds end: reported on their own
            drain(h);
            long flat1 = T0 + 2100 * SEC;
            feed(h, flat(LT, AlarmTransition.RAISE, flat1, T0 + 3900 * SEC), T0 + 3900 * SEC);
            assertEquals(List.of(), drain(h), "held: no neighbour of E01-S1 reports");

            feed(h, stale(TT, AlarmTransition.CLEAR, T0, T0 + 4000 * SEC), T0 + 4000 * SEC);
            assertEquals(List.of("CONDITION " + TT + " " + staleId(TT, T0) + " CLEAR",
                    "CONDITION " + LT + " " + LT + ":FLAT:" + flat1 + " RAISE"), drain(h), "released when TT reports");
            feed(h, flat(LT, AlarmTransition.CLEAR, flat1, T0 + 4001 * SEC), T0 + 4001 * SEC);
            assertEquals(List.of("CONDITION " + LT + " " + LT + ":FLAT:" + flat1 + " CLEAR"), drain(h));
        }
    }

    @Test
    void aHeldFlatlineWhoseClearArrivesFirstIsDropped() throws Exception {
        try (var h = withRoster()) {
            long t1 = T0 + 100 * SEC;
            feed(h, stale(TT, AlarmTransition.RAISE, T0, t1), t1);
            feed(h, stale(PT, AlarmTransition.RAISE, T0, t1), t1);
            h.setProcessingTime(t1 + LinkFunction.LINK_GRACE_MS);
            drain(h);
            feed(h, flat(LT, AlarmTransition.RAISE, T0, T0 + 1800 * SEC), T0 + 1800 * SEC);
            feed(h, flat(LT, AlarmTransition.CLEAR, T0, T0 + 1900 * SEC), T0 + 1900 * SEC);
            assertEquals(List.of(), drain(h), "it cleared before anyone saw it");
            feed(h, stale(PT, AlarmTransition.CLEAR, T0, T0 + 2000 * SEC), T0 + 2000 * SEC);
            assertEquals(List.of("CONDITION " + PT + " " + staleId(PT, T0) + " CLEAR"), drain(h), "nothing held any more");
        }
    }

    @Test
    void aSensorRemovedFromTheRosterNoLongerCounts() throws Exception {
        try (var h = withRoster()) {
            long t1 = T0 + 60 * SEC;
            feed(h, stale(LT, AlarmTransition.RAISE, T0, t1), t1);
            drain(h);
            // LT leaves the catalogue: the roster entry goes; SensorRulesFunction then clears LT's standing STALE,
            // which must pass to the lifecycle without bringing LT back onto the roster
            feed(h, removed(LT, 1), t1 + SEC);
            assertEquals(List.of(), drain(h));
            feed(h, stale(LT, AlarmTransition.CLEAR, T0, t1 + SEC), t1 + SEC);
            assertEquals(List.of("CONDITION " + LT + " " + staleId(LT, T0) + " CLEAR", "UNSUPPRESS " + LT + " STALE"), drain(h),
                    "a suppression under a LINK_DOWN must not outlive the sensor");

            long down = T0 + 120 * SEC;
            feed(h, stale(TT, AlarmTransition.RAISE, T0, down), down);
            feed(h, stale(PT, AlarmTransition.RAISE, T0, down), down);
            List<LifecycleInput> out = drainInputs(h);
            List<String> lines = out.stream().map(LinkFunctionTest::line).toList();
            assertEquals("CONDITION " + E + " " + LINK + down + " RAISE", lines.get(0), "the two sensors left are all there is");
            assertEquals(new TreeSet<>(List.of("SUPPRESS " + TT + " STALE", "SUPPRESS " + PT + " STALE",
                    "CONDITION " + TT + " " + staleId(TT, T0) + " RAISE", "CONDITION " + PT + " " + staleId(PT, T0) + " RAISE")),
                    tail(lines, 1));
            assertEquals(2.0, out.get(0).condition.value());
        }
    }

    @Test
    void removingEverySensorLeavesNoState() throws Exception {
        try (var h = withRoster()) {
            assertEquals(1, h.numKeyedStateEntries(), "E01's roster");
            feed(h, removed(LT, 1));
            feed(h, removed(TT, 1));
            assertEquals(1, h.numKeyedStateEntries());
            feed(h, member(PT, 0));  // an older revision changes nothing
            feed(h, removed(PT, 1));
            assertEquals(0, h.numKeyedStateEntries());
            assertEquals(List.of(), drain(h));
        }
    }

    @Test
    void anOlderRosterRevisionDoesNotRemoveASensor() throws Exception {
        try (var h = withRoster()) {
            feed(h, member(LT, 2));
            feed(h, removed(LT, 1)); // older than what is held
            long down = T0 + 60 * SEC;
            for (String s : List.of(LT, TT, PT)) {
                feed(h, stale(s, AlarmTransition.RAISE, T0, down), down);
            }
            assertEquals(3.0, drainInputs(h).stream().filter(i -> i.kind == LifecycleInput.Kind.CONDITION
                    && i.condition.type() == AlarmType.LINK_DOWN).findFirst().orElseThrow().condition.value());
        }
    }

    @Test
    void aSingleSensorEnterpriseNeverRaisesLinkDown() throws Exception {
        try (var h = harness()) {
            feed(h, LinkInput.roster("E02", "E02-LT201", "E02-S1", "T01", 2, 0, false));
            LinkInput in = condition("E02-LT201", "E02", staleId("E02-LT201", T0), AlarmType.STALE, AlarmTransition.RAISE,
                    T0 + 60 * SEC);
            feed(h, in, T0 + 60 * SEC);
            assertEquals(List.of("CONDITION E02-LT201 " + staleId("E02-LT201", T0) + " RAISE"), drain(h));
            feed(h, condition("E02-LT201", "E02", staleId("E02-LT201", T0), AlarmType.STALE, AlarmTransition.CLEAR,
                    T0 + 90 * SEC), T0 + 90 * SEC);
            assertEquals(List.of("CONDITION E02-LT201 " + staleId("E02-LT201", T0) + " CLEAR"), drain(h));
            assertEquals(0, h.numProcessingTimeTimers());
        }
    }

    @Test
    void aLoneStaleSensorIsReportedWhenItsHoldEndsAndABlipWithinItIsNot() throws Exception {
        try (var h = harness()) {
            // a gas detector (30 s) and a level sensor (60 s) on one gateway: the detector waits 60 - 30 + 5 s
            feed(h, LinkInput.roster(E, GT, "E01-S1", "T01", 1, 0, false, 30_000));
            feed(h, LinkInput.roster(E, LT, "E01-S1", "T01", 1, 0, false, 60_000));
            long t = T0 + 30 * SEC;
            feed(h, stale(GT, AlarmTransition.RAISE, T0, t), t);
            assertEquals(List.of(), drain(h));
            h.setProcessingTime(t + 35 * SEC - 1);
            assertEquals(List.of(), drain(h));
            h.setProcessingTime(t + 35 * SEC);
            assertEquals(List.of("CONDITION " + GT + " " + staleId(GT, T0) + " RAISE"), drain(h), "the level sensor still reports");

            // the level sensor goes stale too: the whole gateway is silent, LINK_DOWN at once
            long u = T0 + 200 * SEC;
            feed(h, stale(LT, AlarmTransition.RAISE, T0, u), u);
            List<String> down = drain(h);
            assertEquals("CONDITION " + E + " " + LINK + u + " RAISE", down.get(0), "both silent now: " + down);
        }
    }

    @Test
    void aStaleThatClearsWithinItsHoldIsDropped() throws Exception {
        try (var h = withRoster()) {
            feed(h, stale(LT, AlarmTransition.RAISE, T0, T0 + 60 * SEC), T0 + 60 * SEC);
            feed(h, stale(LT, AlarmTransition.CLEAR, T0, T0 + 62 * SEC), T0 + 62 * SEC);
            h.setProcessingTime(T0 + 70 * SEC);
            assertEquals(List.of(), drain(h));
        }
    }

    static String line(LifecycleInput in) {
        return in.kind == LifecycleInput.Kind.CONDITION
                ? in.kind + " " + in.owner + " " + in.condition.alarmId() + " " + in.condition.transition()
                : in.kind + " " + in.owner + " " + in.alarmClass;
    }
}
