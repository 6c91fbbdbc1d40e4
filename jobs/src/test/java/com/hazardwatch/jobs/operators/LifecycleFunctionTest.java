package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.jobs.risk.RiskInput;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.OperatorCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The lifecycle operator on Flink's keyed operator harness: state, timers, side output, exact event sequences. */
class LifecycleFunctionTest {
    static final String SENSOR = "E01-LT101";
    static final String TOWN = "T01";
    static final int GRADE = 2;
    static final long T0 = 1_732_262_400_000L;
    static final long SEC = 1_000;
    static final long MIN = 60 * SEC;

    static final String OFFICER = "li.na";
    static final String ENGINEER = "wang.fang";

    private static KeyedOneInputStreamOperatorTestHarness<String, LifecycleInput, LifecycleEvent> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LifecycleFunction()),
                (LifecycleInput in) -> in.owner, Types.STRING);
        h.open();
        h.setProcessingTime(T0);
        return h;
    }

    static String id(String cls, long raisedAt) {
        return SENSOR + ":" + cls + ":" + raisedAt;
    }

    static LifecycleInput condition(String alarmId, AlarmType type, AlarmTransition t, double value, double limit, long ts,
            Integer priority) {
        AlarmState state = t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        AlarmEvent e = new AlarmEvent(alarmId, SENSOR, "E01", "E01-S1", type, t, state, value, limit, ts, ts, null);
        return LifecycleInput.condition(e, TOWN, GRADE, priority);
    }

    static LifecycleInput raise(String alarmId, long ts) {
        return condition(alarmId, AlarmType.HIGH, AlarmTransition.RAISE, 86, 85, ts, null);
    }

    static LifecycleInput clear(String alarmId, long ts) {
        return condition(alarmId, AlarmType.HIGH, AlarmTransition.CLEAR, 80, 84, ts, null);
    }

    static LifecycleInput ack(String alarmId, long ts) {
        return LifecycleInput.command(OperatorCommand.ack(alarmId, OFFICER, "seen, calling the plant", ts));
    }

    static LifecycleInput command(OperatorCommand c) {
        return LifecycleInput.command(c);
    }

    /** Feeds one input at processing time {@code ts} (commands are applied at the processing time). */
    static void feed(KeyedOneInputStreamOperatorTestHarness<String, LifecycleInput, LifecycleEvent> h, LifecycleInput in)
            throws Exception {
        h.setProcessingTime(Math.max(h.getProcessingTime(), in.ts));
        h.processElement(in, in.ts);
    }

    /** The events emitted since the last call, and forgets them. */
    static List<LifecycleEvent> drain(KeyedOneInputStreamOperatorTestHarness<String, LifecycleInput, LifecycleEvent> h) {
        List<LifecycleEvent> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    /** "TRANSITION STATE notify|quiet operator" for each event. */
    static List<String> summary(List<LifecycleEvent> events) {
        return events.stream().map(e -> e.transition() + " " + e.state() + " " + (e.shouldNotify() ? "notify" : "quiet") + " "
                + e.operator()).toList();
    }

    static List<RiskInput> risk(KeyedOneInputStreamOperatorTestHarness<String, LifecycleInput, LifecycleEvent> h) {
        Queue<StreamRecord<RiskInput>> q = h.getSideOutput(LifecycleFunction.RISK);
        List<RiskInput> out = new ArrayList<>();
        if (q != null) {
            q.forEach(r -> out.add(r.getValue()));
            q.clear();
        }
        return out;
    }

    static void assertNoStateLeft(KeyedOneInputStreamOperatorTestHarness<String, LifecycleInput, LifecycleEvent> h) {
        assertEquals(0, h.numKeyedStateEntries(), "no record, command, suppression or detector left");
        assertEquals(0, h.numEventTimeTimers());
        assertEquals(0, h.numProcessingTimeTimers());
    }

    @Test
    void raiseAckClearEndsTheEpisodeAndLeavesNoState() throws Exception {
        String id = id("HI", T0);
        try (var h = harness()) {
            feed(h, raise(id, T0));
            List<LifecycleEvent> raised = drain(h);
            assertEquals(List.of("RAISE ACTIVE_UNACK notify system"), summary(raised));
            LifecycleEvent r = raised.get(0);
            assertEquals(id, r.event().alarmId());
            assertEquals(2, r.priority(), "HIGH on a grade-2 source");
            assertEquals(T0, r.ts());
            assertEquals(T0, r.event().emittedAt(), "stamped with the processing time");
            assertEquals(List.of(new RiskInput(TOWN, "E01", "E01-S1", id, GRADE, 2, true, T0)), risk(h));

            h.setProcessingTime(T0 + 30 * SEC);
            h.processElement(ack(id, T0 + 20 * SEC), T0 + 20 * SEC);
            List<LifecycleEvent> acked = drain(h);
            assertEquals(List.of("ACK ACTIVE_ACK quiet li.na"), summary(acked));
            assertEquals("seen, calling the plant", acked.get(0).comment());
            assertEquals(T0 + 20 * SEC, acked.get(0).ts(), "the command's time");
            assertEquals(T0 + 30 * SEC, acked.get(0).event().emittedAt(), "applied at the processing time");
            assertEquals(List.of(new RiskInput(TOWN, "E01", "E01-S1", id, GRADE, 2, true, T0 + 20 * SEC)), risk(h));

            feed(h, clear(id, T0 + MIN));
            assertEquals(List.of("CLEAR NORMAL quiet system"), summary(drain(h)));
            assertEquals(List.of(new RiskInput(TOWN, "E01", "E01-S1", id, GRADE, 2, false, T0 + MIN)), risk(h));

            assertEquals(1, h.numKeyedStateEntries(), "only the chattering count of HI is left, for its window");
            h.processWatermark(T0 + 10 * MIN);
            assertEquals(List.of(), drain(h));
            assertNoStateLeft(h);
        }
    }

    @Test
    void aLatchedAlarmEndsWhenAcknowledged() throws Exception {
        String id = id("HI", T0);
        try (var h = harness()) {
            feed(h, raise(id, T0));
            feed(h, clear(id, T0 + 10 * SEC));
            feed(h, ack(id, T0 + 20 * SEC));
            assertEquals(List.of("RAISE ACTIVE_UNACK notify system", "CLEAR RTN_UNACK quiet system", "ACK NORMAL quiet li.na"),
                    summary(drain(h)));
            assertEquals(List.of(true, false, false), risk(h).stream().map(r -> r.stands).toList());
            h.processWatermark(T0 + 10 * MIN);
            assertNoStateLeft(h);
        }
    }

    @Test
    void aShelfExpiresOnProcessingTime() throws Exception {
        String id = id("HI", T0);
        long shelvedAt = T0 + MIN;
        long until = shelvedAt + 30 * MIN;
        try (var h = harness()) {
            feed(h, raise(id, T0));
            feed(h, command(OperatorCommand.shelve(id, "zhang.wei", "transmitter recalibration", Duration.ofMinutes(30),
                    shelvedAt)));
            List<LifecycleEvent> shelved = drain(h);
            assertEquals(List.of("RAISE ACTIVE_UNACK notify system", "SHELVE SHELVED quiet zhang.wei"), summary(shelved));
            assertEquals(until, shelved.get(1).shelvedUntil());
            assertEquals(1, h.numProcessingTimeTimers());
            assertEquals(List.of(true, false), risk(h).stream().map(r -> r.stands).toList(), "a shelved alarm does not stand");

            h.setProcessingTime(until - 1);
            assertEquals(List.of(), drain(h));
            h.setProcessingTime(until);
            List<LifecycleEvent> back = drain(h);
            assertEquals(List.of("UNSHELVE ACTIVE_UNACK notify system"), summary(back));
            assertEquals(until, back.get(0).ts());
            assertEquals(0, h.numProcessingTimeTimers());
            assertEquals(List.of(true), risk(h).stream().map(r -> r.stands).toList());
        }
    }

    @Test
    void aCommandForAnUnknownAlarmIsAnsweredWithARejection() throws Exception {
        try (var h = harness()) {
            feed(h, ack(id("HI", T0), T0));
            List<LifecycleEvent> out = drain(h);
            assertEquals(List.of("REJECTED null quiet li.na"), summary(out));
            assertEquals("ack rejected: no open alarm '" + id("HI", T0) + "'", out.get(0).reason());
            assertEquals(List.of(), risk(h), "a rejection changes no risk");

            String id = id("HI", T0 + SEC);
            feed(h, raise(id, T0 + SEC));
            feed(h, ack(id, T0 + 2 * SEC));
            feed(h, ack(id, T0 + 3 * SEC));
            List<LifecycleEvent> twice = drain(h);
            assertEquals(List.of("RAISE ACTIVE_UNACK notify system", "ACK ACTIVE_ACK quiet li.na", "REJECTED ACTIVE_ACK quiet li.na"),
                    summary(twice));
            assertTrue(twice.get(2).reason().startsWith("ack rejected: already acknowledged by li.na"), twice.get(2).reason());
        }
    }

    @Test
    void aSensorOutOfServiceBeforeARaiseRaisesOutOfServiceWithoutNotifying() throws Exception {
        String id = id("HI", T0 + MIN);
        try (var h = harness()) {
            feed(h, command(OperatorCommand.outOfService(SENSOR, ENGINEER, "transmitter replaced, ticket 4711", T0)));
            assertEquals(List.of(), drain(h), "nothing open: the command is kept, nothing to answer");
            assertEquals(1, h.numKeyedStateEntries());

            feed(h, raise(id, T0 + MIN));
            List<LifecycleEvent> raised = drain(h);
            assertEquals(List.of("RAISE OUT_OF_SERVICE quiet system"), summary(raised));
            assertEquals(AlarmState.ACTIVE_UNACK, raised.get(0).underlying());
            assertTrue(raised.get(0).reason().contains("out of service since"), raised.get(0).reason());
            assertEquals(List.of(false), risk(h).stream().map(r -> r.stands).toList());

            feed(h, command(OperatorCommand.inService(SENSOR, ENGINEER, "commissioned", T0 + 2 * MIN)));
            assertEquals(List.of("IN_SERVICE ACTIVE_UNACK notify wang.fang"), summary(drain(h)));
            assertEquals(List.of(true), risk(h).stream().map(r -> r.stands).toList());

            feed(h, command(OperatorCommand.inService(SENSOR, ENGINEER, null, T0 + 3 * MIN)));
            List<LifecycleEvent> again = drain(h);
            assertEquals(List.of("REJECTED null quiet wang.fang"), summary(again));
            assertEquals("in-service rejected: sensor 'E01-LT101' is not out of service", again.get(0).reason());

            feed(h, ack(id, T0 + 4 * MIN));
            feed(h, clear(id, T0 + 5 * MIN));
            assertEquals(List.of("ACK ACTIVE_ACK quiet li.na", "CLEAR NORMAL quiet system"), summary(drain(h)));
            h.processWatermark(T0 + 20 * MIN);
            assertNoStateLeft(h);
        }
    }

    @Test
    void outOfServiceAppliesToEveryOpenAlarmOfTheSensorAndInServiceBringsThemBack() throws Exception {
        String hi = id("HI", T0);
        String roc = id("ROC", T0 + SEC);
        try (var h = harness()) {
            feed(h, raise(hi, T0));
            feed(h, condition(roc, AlarmType.RATE_OF_CHANGE, AlarmTransition.RAISE, 86, 5, T0 + SEC, null));
            feed(h, command(OperatorCommand.outOfService(SENSOR, ENGINEER, "ticket 4712", T0 + MIN)));
            feed(h, clear(hi, T0 + 2 * MIN));
            feed(h, command(OperatorCommand.inService(SENSOR, ENGINEER, null, T0 + 3 * MIN)));
            List<LifecycleEvent> out = drain(h);
            List<String> seq = out.stream().map(e -> e.event().alarmId().substring(SENSOR.length() + 1, SENSOR.length() + 4)
                    + " " + e.transition() + " " + e.state() + " " + (e.shouldNotify() ? "notify" : "quiet")).toList();
            assertEquals(List.of(
                    "HI: RAISE ACTIVE_UNACK notify",
                    "ROC RAISE ACTIVE_UNACK notify",
                    "HI: OUT_OF_SERVICE OUT_OF_SERVICE quiet",
                    "ROC OUT_OF_SERVICE OUT_OF_SERVICE quiet",
                    "HI: CLEAR OUT_OF_SERVICE quiet",
                    "HI: IN_SERVICE NORMAL quiet",
                    "ROC IN_SERVICE ACTIVE_UNACK notify"), seq);
        }
    }

    @Test
    void aClassSuppressedBeforeItsRaiseStartsSuppressedAndNotifiesWhenReleased() throws Exception {
        String id = id("STALE", T0 + MIN);
        try (var h = harness()) {
            feed(h, LifecycleInput.suppress(SENSOR, "STALE", "E01:LINK_DOWN:" + T0 + ": link to E01 down", T0));
            assertEquals(List.of(), drain(h), "nothing open to suppress yet");

            feed(h, condition(id, AlarmType.STALE, AlarmTransition.RAISE, 0, 60, T0 + MIN, null));
            List<LifecycleEvent> raised = drain(h);
            assertEquals(List.of("RAISE SUPPRESSED quiet system"), summary(raised), "one event, already suppressed");
            assertEquals(AlarmState.ACTIVE_UNACK, raised.get(0).underlying());
            assertTrue(raised.get(0).reason().contains("suppressed by design"), raised.get(0).reason());
            assertEquals(raised.get(0).reason(), raised.get(0).event().detail());
            assertEquals(List.of(false), risk(h).stream().map(r -> r.stands).toList());

            feed(h, LifecycleInput.unsuppress(SENSOR, "STALE", "link to E01 back", T0 + 2 * MIN));
            assertEquals(List.of("UNSUPPRESS ACTIVE_UNACK notify system"), summary(drain(h)),
                    "never announced, so releasing it notifies");

            feed(h, condition(id, AlarmType.STALE, AlarmTransition.CLEAR, 1, 60, T0 + 3 * MIN, null));
            feed(h, ack(id, T0 + 4 * MIN));
            assertEquals(List.of("CLEAR RTN_UNACK quiet system", "ACK NORMAL quiet li.na"), summary(drain(h)));
            h.processWatermark(T0 + 20 * MIN);
            assertNoStateLeft(h);
        }
    }

    @Test
    void aChildRaisedAndClearedUnderItsLinkDownEndsWithTheSuppressionAndWantsNoAcknowledgement() throws Exception {
        String id = id("STALE", T0 + MIN);
        try (var h = harness()) {
            feed(h, LifecycleInput.suppress(SENSOR, "STALE", "E01:LINK_DOWN:" + T0 + ": link to E01 down", T0));
            feed(h, condition(id, AlarmType.STALE, AlarmTransition.RAISE, 0, 60, T0 + MIN, null));
            feed(h, condition(id, AlarmType.STALE, AlarmTransition.CLEAR, 1, 60, T0 + 2 * MIN, null));
            feed(h, LifecycleInput.unsuppress(SENSOR, "STALE", "data from " + SENSOR + " again", T0 + 2 * MIN));
            List<LifecycleEvent> out = drain(h);
            assertEquals(List.of("RAISE SUPPRESSED quiet system", "CLEAR SUPPRESSED quiet system", "UNSUPPRESS NORMAL quiet system"),
                    summary(out), "never annunciated: nothing is latched for the duty officer to acknowledge");
            assertTrue(out.get(2).reason().contains("never annunciated"), out.get(2).reason());
            h.processWatermark(T0 + 20 * MIN);
            assertNoStateLeft(h);
        }
    }

    @Test
    void anOpenAlarmSuppressedAfterItsRaiseTracksItsConditionUnderneath() throws Exception {
        String id = id("STALE", T0);
        try (var h = harness()) {
            feed(h, condition(id, AlarmType.STALE, AlarmTransition.RAISE, 0, 60, T0, null));
            feed(h, LifecycleInput.suppress(SENSOR, "STALE", "link to E01 down", T0 + MIN));
            feed(h, condition(id, AlarmType.STALE, AlarmTransition.CLEAR, 1, 60, T0 + 2 * MIN, null));
            feed(h, LifecycleInput.unsuppress(SENSOR, "STALE", "link to E01 back", T0 + 3 * MIN));
            feed(h, ack(id, T0 + 4 * MIN));
            assertEquals(List.of(
                    "RAISE ACTIVE_UNACK notify system",
                    "SUPPRESS SUPPRESSED quiet system",
                    "CLEAR SUPPRESSED quiet system",
                    "UNSUPPRESS RTN_UNACK quiet system",
                    "ACK NORMAL quiet li.na"), summary(drain(h)));
            assertEquals(List.of(true, false, false, false, false), risk(h).stream().map(r -> r.stands).toList());
            h.processWatermark(T0 + 20 * MIN);
            assertNoStateLeft(h);
        }
    }

    @Test
    void theCataloguePriorityOverridesTheDefaultAlsoAfterAnEscalation() throws Exception {
        String id = id("HI", T0);
        try (var h = harness()) {
            feed(h, condition(id, AlarmType.HIGH, AlarmTransition.RAISE, 86, 85, T0, 1));
            feed(h, condition(id, AlarmType.HIGH_HIGH, AlarmTransition.ESCALATE, 96, 95, T0 + MIN, 3));
            feed(h, ack(id, T0 + 2 * MIN));
            List<LifecycleEvent> out = drain(h);
            assertEquals(List.of("RAISE ACTIVE_UNACK notify system", "ESCALATE ACTIVE_UNACK notify system",
                    "ACK ACTIVE_ACK quiet li.na"), summary(out));
            assertEquals(List.of(1, 3, 3), out.stream().map(LifecycleEvent::priority).toList(),
                    "not 2 and 1, the defaults for HIGH and HIGH_HIGH on a grade-2 source");
            assertEquals(List.of(1, 3, 3), risk(h).stream().map(r -> r.priority).toList());

            String lo = id("LO", T0 + 3 * MIN);
            feed(h, condition(lo, AlarmType.LOW, AlarmTransition.RAISE, 9, 10, T0 + 3 * MIN, null));
            assertEquals(List.of(2), drain(h).stream().map(LifecycleEvent::priority).toList(), "no override: the default");
        }
    }

    @Test
    void aChatteringClassRaisesChatteringHoldsBackItsEventsAndSettles() throws Exception {
        String hi = id("HI", T0);
        try (var h = harness()) {
            for (int i = 0; i < 6; i++) {
                long t = T0 + i * MIN;
                feed(h, raise(i == 0 ? hi : id("HI", t), t)); // a raise onto a latched alarm returns under its id
                feed(h, clear(hi, t + 30 * SEC));
            }
            List<LifecycleEvent> out = drain(h);
            List<String> seq = out.stream().map(e -> e.event().type() + " " + e.transition() + " " + e.state() + " "
                    + (e.shouldNotify() ? "notify" : "quiet")).toList();
            assertEquals(List.of(
                    "HIGH RAISE ACTIVE_UNACK notify", "HIGH CLEAR RTN_UNACK quiet",
                    "HIGH RETURN ACTIVE_UNACK notify", "HIGH CLEAR RTN_UNACK quiet",
                    "HIGH RETURN ACTIVE_UNACK notify", "HIGH CLEAR RTN_UNACK quiet",
                    "HIGH RETURN ACTIVE_UNACK notify", "HIGH CLEAR RTN_UNACK quiet",
                    "HIGH RETURN ACTIVE_UNACK notify", "HIGH CLEAR RTN_UNACK quiet",
                    "HIGH RETURN ACTIVE_UNACK quiet", "CHATTERING RAISE ACTIVE_UNACK notify",
                    "HIGH CLEAR RTN_UNACK quiet"), seq);
            LifecycleEvent sixth = out.get(10);
            assertTrue(sixth.reason().endsWith(LifecycleFunction.HELD_BACK), sixth.reason());
            assertTrue(out.get(12).reason().endsWith(LifecycleFunction.HELD_BACK), out.get(12).reason());
            assertFalse(out.get(8).reason().contains("chattering"), "before the sixth raise nothing is held back");
            LifecycleEvent chat = out.get(11);
            String chatId = SENSOR + ":CHAT:HI:" + (T0 + 5 * MIN);
            assertEquals(chatId, chat.event().alarmId());
            assertEquals(4, chat.priority());
            assertEquals(AlarmType.CHATTERING, chat.event().type());
            assertEquals(6.0, chat.event().value(), "raises counted");
            assertEquals(5.0, chat.event().limit(), "raises allowed");

            // the duty officer acknowledges both: the class's alarm ends, still held back; the chattering alarm stands
            feed(h, ack(hi, T0 + 6 * MIN));
            feed(h, ack(chatId, T0 + 6 * MIN + SEC));
            List<LifecycleEvent> acks = drain(h);
            assertEquals(List.of("ACK NORMAL quiet li.na", "ACK ACTIVE_ACK quiet li.na"), summary(acks));
            assertTrue(acks.get(0).reason().endsWith(LifecycleFunction.HELD_BACK), acks.get(0).reason());
            assertFalse(acks.get(1).reason().contains(LifecycleFunction.HELD_BACK), "the chattering alarm is never held back");

            h.processWatermark(T0 + 15 * MIN - 1);
            assertEquals(List.of(), drain(h), "the last raise was less than 10 min ago");
            h.processWatermark(T0 + 15 * MIN);
            List<LifecycleEvent> settled = drain(h);
            assertEquals(List.of("CLEAR NORMAL quiet system"), summary(settled));
            assertEquals(chatId, settled.get(0).event().alarmId());
            assertEquals(AlarmType.CHATTERING, settled.get(0).event().type());
            assertEquals(T0 + 15 * MIN, settled.get(0).ts());
            assertNoStateLeft(h);

            // settled: the next raise of the class notifies again
            String next = id("HI", T0 + 16 * MIN);
            feed(h, raise(next, T0 + 16 * MIN));
            assertEquals(List.of("RAISE ACTIVE_UNACK notify system"), summary(drain(h)));
        }
    }

    @Test
    void chatteringSettlesOnlyAfterAWholeQuietWindowAndOtherClassesAreNotHeldBack() throws Exception {
        String hi = id("HI", T0);
        try (var h = harness()) {
            for (int i = 0; i < 6; i++) {
                long t = T0 + i * MIN;
                feed(h, raise(hi, t));
                feed(h, clear(hi, t + 30 * SEC));
            }
            String roc = id("ROC", T0 + 6 * MIN);
            drain(h);
            feed(h, condition(roc, AlarmType.RATE_OF_CHANGE, AlarmTransition.RAISE, 86, 5, T0 + 6 * MIN, null));
            assertEquals(List.of("RAISE ACTIVE_UNACK notify system"), summary(drain(h)), "only HI chatters");
            feed(h, raise(hi, T0 + 7 * MIN)); // a seventh raise: chattering now settles 10 min after this one
            assertEquals(List.of("RETURN ACTIVE_UNACK quiet system"), summary(drain(h)));
            h.processWatermark(T0 + 15 * MIN);
            List<LifecycleEvent> atFirstDeadline = drain(h);
            assertEquals(List.of(), atFirstDeadline.stream().filter(e -> e.event().type() == AlarmType.CHATTERING).toList());
            h.processWatermark(T0 + 17 * MIN);
            assertEquals(List.of("CHATTERING CLEAR RTN_UNACK"), drain(h).stream()
                    .map(e -> e.event().type() + " " + e.transition() + " " + e.state()).toList());
        }
    }

    @Test
    void stateAndEventsAreFlinkPojos() {
        for (Class<?> c : List.of(LifecycleInput.class, RiskInput.class)) {
            PojoTypeInfo<?> pojo = assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(c), c.getName());
            for (int i = 0; i < pojo.getArity(); i++) {
                assertFalse(pojo.getTypeAt(i) instanceof GenericTypeInfo, c.getSimpleName() + "." + pojo.getFieldNames()[i]);
            }
        }
    }
}
