package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.LifecycleEvent;

import static com.hazardwatch.jobs.lifecycle.Fixtures.GRADE;
import static com.hazardwatch.jobs.lifecycle.Fixtures.ID;
import static com.hazardwatch.jobs.lifecycle.Fixtures.L;
import static com.hazardwatch.jobs.lifecycle.Fixtures.SENSOR;
import static com.hazardwatch.jobs.lifecycle.Fixtures.SHELF_END;
import static com.hazardwatch.jobs.lifecycle.Fixtures.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.CommandType;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmLifecycleTest {

    // ------------------------------------------------------------------------------------------ raise and priority

    @Test
    void raiseCreatesAnActiveUnacknowledgedRecordFromTheConditionEvent() {
        Step s = L.raise(null, Fixtures.raiseEvent(ID, AlarmType.HIGH, 86.0, 85.0, 1_000), GRADE);
        AlarmRecord r = s.record();
        assertTrue(s.applied());
        assertEquals(ID, r.alarmId);
        assertEquals(SENSOR, r.sensor);
        assertEquals("E01", r.enterprise);
        assertEquals("E01-S1", r.source);
        assertEquals(AlarmType.HIGH, r.type);
        assertEquals(2, r.priority);
        assertEquals(AlarmState.ACTIVE_UNACK, r.state);
        assertTrue(r.conditionActive);
        assertFalse(r.acknowledged);
        assertEquals(1_000, r.raisedAt);
        assertEquals(86.0, r.lastValue);
        assertEquals(85.0, r.limit);

        LifecycleEvent e = s.event();
        assertEquals(new AlarmEvent(ID, SENSOR, "E01", "E01-S1", AlarmType.HIGH, AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK,
                86.0, 85.0, 1_000, 1_000, "HIGH raised: value 86.0, limit 85.0"), e.event());
        assertEquals(AlarmLifecycle.SYSTEM, e.operator());
        assertNull(e.comment());
        assertEquals("HIGH raised: value 86.0, limit 85.0", e.reason());
        assertTrue(e.shouldNotify());
        assertNull(e.shelvedUntil());
    }

    @Test
    void escalationRaisesPriorityAndNeedsANewAcknowledgement() {
        AlarmRecord acked = Fixtures.activeAck();
        Step s = L.escalate(acked, AlarmType.HIGH_HIGH, 96.0, 95.0, T);
        assertEquals(AlarmState.ACTIVE_UNACK, s.record().state);
        assertEquals(AlarmType.HIGH_HIGH, s.record().type);
        assertEquals(1, s.record().priority);
        assertEquals(1, s.event().priority());
        assertEquals(AlarmType.HIGH_HIGH, s.event().event().type());
        assertEquals(95.0, s.event().event().limit());
        assertEquals("escalated HIGH -> HIGH_HIGH: value 96.0, limit 95.0", s.event().reason());
        assertTrue(s.event().shouldNotify());

        Step again = L.escalate(s.record(), AlarmType.HIGH_HIGH, 97.0, 95.0, T + 1);
        assertTrue(again.ignored(), "already at HIGH_HIGH");
    }

    @Test
    void deescalationKeepsTheAcknowledgementAndIsNotNotified() {
        AlarmRecord hh = L.escalate(Fixtures.activeUnack(), AlarmType.HIGH_HIGH, 96.0, 95.0, 2_000).record();
        AlarmRecord ackedHh = L.ack(hh, Fixtures.ack(3_000)).record();
        Step s = L.deescalate(ackedHh, AlarmType.HIGH, 93.0, 85.0, T);
        assertEquals(AlarmTransition.DEESCALATE, s.event().transition());
        assertEquals(AlarmState.ACTIVE_ACK, s.record().state);
        assertEquals(AlarmType.HIGH, s.record().type);
        assertEquals(2, s.record().priority);
        assertFalse(s.event().shouldNotify());
        assertEquals("de-escalated HIGH_HIGH -> HIGH: value 93.0, limit 85.0", s.event().reason());

        Step unacked = L.deescalate(hh, AlarmType.HIGH, 93.0, 85.0, T);
        assertEquals(AlarmState.ACTIVE_UNACK, unacked.record().state);
        assertFalse(unacked.event().shouldNotify());
    }

    @Test
    void priorityFollowsTheSourceGrade() {
        AlarmRecord plain = L.raise(null, Fixtures.raiseEvent(ID, AlarmType.HIGH_HIGH, 96.0, 95.0, 1_000), null).record();
        assertEquals(2, plain.priority);
        AlarmRecord grade1 = L.raise(null, Fixtures.raiseEvent(ID, AlarmType.HIGH_HIGH, 96.0, 95.0, 1_000), 1).record();
        assertEquals(1, grade1.priority);
    }

    @Test
    void aReturnKeepsTheAlarmIdAndTakesTheTypeItReturnsAt() {
        Step s = L.raise(Fixtures.rtnUnack(), Fixtures.raiseEvent("E01-LT101:HI:10000", AlarmType.HIGH_HIGH, 97.0, 95.0, T), GRADE);
        assertEquals(ID, s.record().alarmId);
        assertEquals(AlarmTransition.RETURN, s.event().transition());
        assertEquals(AlarmType.HIGH_HIGH, s.record().type);
        assertEquals(1, s.record().priority);
        assertEquals(1_000, s.record().raisedAt, "same episode");
        assertEquals("condition returned as HIGH_HIGH: value 97.0, limit 95.0", s.event().reason());
    }

    @Test
    void conditionEventsFromTheLimitEvaluatorDriveTheLifecycle() {
        String id2 = "E01-LT101:HI:50000";
        List<LifecycleEvent> out = new ArrayList<>();
        AlarmRecord r = null;
        List<AlarmEvent> fromEvaluator = List.of(
                Fixtures.condition(ID, AlarmType.HIGH, AlarmTransition.RAISE, 86.0, 85.0, 1_000),
                Fixtures.condition(ID, AlarmType.HIGH_HIGH, AlarmTransition.ESCALATE, 96.0, 95.0, 2_000),
                Fixtures.condition(ID, AlarmType.HIGH, AlarmTransition.DEESCALATE, 93.0, 85.0, 3_000),
                Fixtures.condition(ID, AlarmType.HIGH, AlarmTransition.CLEAR, 80.0, 84.0, 4_000),
                Fixtures.condition(id2, AlarmType.HIGH, AlarmTransition.RAISE, 86.0, 85.0, 50_000));
        for (AlarmEvent c : fromEvaluator) {
            Step s = L.onCondition(r, c, GRADE);
            r = s.record();
            out.addAll(s.events());
        }
        assertEquals(List.of(AlarmTransition.RAISE, AlarmTransition.ESCALATE, AlarmTransition.DEESCALATE, AlarmTransition.CLEAR,
                AlarmTransition.RETURN), out.stream().map(LifecycleEvent::transition).toList());
        assertEquals(List.of(AlarmState.ACTIVE_UNACK, AlarmState.ACTIVE_UNACK, AlarmState.ACTIVE_UNACK, AlarmState.RTN_UNACK,
                AlarmState.ACTIVE_UNACK), out.stream().map(LifecycleEvent::state).toList());
        assertTrue(out.stream().allMatch(e -> e.event().alarmId().equals(ID)), "one episode, one id: " + out);
        assertEquals(List.of(true, true, false, false, true), out.stream().map(LifecycleEvent::shouldNotify).toList());

        assertTrue(L.onCondition(null, Fixtures.condition(ID, AlarmType.HIGH, AlarmTransition.CLEAR, 1, 2, 3), GRADE).ignored());
        AlarmRecord last = r;
        assertThrows(IllegalArgumentException.class,
                () -> L.onCondition(last, Fixtures.condition(ID, AlarmType.HIGH, AlarmTransition.ACK, 1, 2, 3), GRADE));
    }

    @Test
    void anEndedEpisodeIsFollowedByANewOneWithANewId() {
        Step end = L.ack(Fixtures.rtnUnack(), Fixtures.ack(T));
        assertTrue(end.ended());
        assertEquals("acknowledged after return to normal: episode ended", end.event().reason());
        Step next = L.raise(end.record(), Fixtures.raiseEvent("E01-LT101:HI:20000", AlarmType.HIGH, 86.0, 85.0, 20_000), GRADE);
        assertEquals(AlarmTransition.RAISE, next.event().transition());
        assertEquals("E01-LT101:HI:20000", next.record().alarmId);
        assertEquals(20_000, next.record().raisedAt);
    }

    // ----------------------------------------------------------------------------------- who, when, why; commands

    @Test
    void commandEventsCarryOperatorCommentAndCommandTime() {
        Step ack = L.ack(Fixtures.activeUnack(), OperatorCommand.ack(ID, "li.na", "calling the plant", 7_000));
        assertEquals("li.na", ack.event().operator());
        assertEquals("calling the plant", ack.event().comment());
        assertEquals(7_000, ack.event().ts());
        assertEquals(7_000, ack.event().event().emittedAt());
        assertEquals("li.na", ack.record().acknowledgedBy);
        assertEquals(7_000, ack.record().acknowledgedAt);
        assertEquals(86.0, ack.event().event().value(), "value and limit of the alarm ride along");

        Step shelve = L.shelve(Fixtures.activeUnack(), Fixtures.shelve(8_000), 8_500);
        LifecycleEvent e = shelve.event();
        assertEquals("zhang.wei", e.operator());
        assertEquals("level transmitter recalibration", e.comment());
        assertEquals(8_000, e.ts());
        assertEquals(8_000 + 1_800_000L, e.shelvedUntil());
        assertEquals("shelved from ACTIVE_UNACK for 30m, until 1970-01-01T00:30:08Z", e.reason());
        assertEquals("zhang.wei", shelve.record().shelvedBy);
        assertEquals("level transmitter recalibration", shelve.record().shelveComment);

        Step oos = L.outOfService(Fixtures.activeUnack(), Fixtures.outOfService(9_000));
        assertEquals("wang.fang", oos.event().operator());
        assertEquals("transmitter replaced, ticket 4711", oos.event().comment());
        assertEquals(9_000, oos.event().ts());
        assertEquals("sensor E01-LT101 out of service (was ACTIVE_UNACK)", oos.event().reason());

        Step in = L.inService(oos.record(), Fixtures.inService(T));
        assertEquals("wang.fang", in.event().operator());
        assertEquals("replacement commissioned", in.event().comment());
        assertTrue(in.event().reason().startsWith("sensor E01-LT101 back in service (out of service since 1970-01-01T00:00:09Z by wang.fang)"),
                in.event().reason());
    }

    @Test
    void rejectionsAnswerTheOperatorWithTheReason() {
        AlarmRecord acked = Fixtures.activeAck();
        Step s = L.ack(acked, OperatorCommand.ack(ID, "zhao.lei", "double click", T));
        assertTrue(s.rejected());
        assertSame(acked, s.record());
        LifecycleEvent e = s.event();
        assertEquals(AlarmTransition.REJECTED, e.transition());
        assertEquals(AlarmState.ACTIVE_ACK, e.state());
        assertEquals("zhao.lei", e.operator());
        assertEquals("double click", e.comment());
        assertEquals(T, e.ts());
        assertEquals("ack rejected: already acknowledged by li.na at 1970-01-01T00:00:02Z", e.reason());
        assertFalse(e.shouldNotify());
    }

    @Test
    void aCommandForAnotherAlarmOrSensorIsRejected() {
        AlarmRecord r = Fixtures.activeUnack();
        Step other = L.ack(r, OperatorCommand.ack("E01-LT101:LO:5", "li.na", null, T));
        assertEquals("ack rejected: the command is for alarm 'E01-LT101:LO:5', not 'E01-LT101:HI:1000'", other.reason());
        Step wrongSensor = L.ack(r, new OperatorCommand(CommandType.ACK, ID, "E02-PT1", "li.na", null, null, T));
        assertEquals("ack rejected: alarm 'E01-LT101:HI:1000' is of sensor 'E01-LT101', not 'E02-PT1'", wrongSensor.reason());
        Step oosOther = L.outOfService(r, OperatorCommand.outOfService("E01-TT102", "wang.fang", "work", T));
        assertEquals("out-of-service rejected: the command is for sensor 'E01-TT102', not sensor 'E01-LT101'", oosOther.reason());
        Step oosOtherAlarm = L.outOfService(r, new OperatorCommand(CommandType.OUT_OF_SERVICE, "E01-TT102:HI:1", null,
                "wang.fang", "work", null, T));
        assertTrue(oosOtherAlarm.rejected());
        assertThrows(IllegalArgumentException.class, () -> L.ack(r, Fixtures.shelve(T)));
    }

    @Test
    void sensorLevelCommandsAcceptAnAlarmIdMeaningItsSensor() {
        AlarmRecord r = Fixtures.activeUnack();
        OperatorCommand byAlarm = new OperatorCommand(CommandType.OUT_OF_SERVICE, ID, null, "wang.fang", "maintenance", null, T);
        assertEquals(AlarmState.OUT_OF_SERVICE, L.outOfService(r, byAlarm).record().state);

        // the job resolves the sensor of the named alarm and applies the command to the sensor's other alarms too
        AlarmRecord low = L.raise(null, new AlarmEvent("E01-LT101:LO:2000", SENSOR, "E01", "E01-S1", AlarmType.LOW,
                AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK, 4.0, 5.0, 2_000, 2_000, null), GRADE).record();
        assertTrue(L.outOfService(low, byAlarm).rejected(), "by alarmId alone it names only that alarm");
        assertEquals(AlarmState.OUT_OF_SERVICE, L.outOfService(low, byAlarm.withSensor(SENSOR)).record().state);
    }

    @Test
    void aCommandForAnUnknownAlarmIsRejected() {
        Step s = L.apply(null, OperatorCommand.ack("E09-X:HI:1", "li.na", null, T), T);
        assertTrue(s.rejected());
        assertNull(s.record());
        assertEquals("ack rejected: no open alarm 'E09-X:HI:1'", s.reason());
        LifecycleEvent e = s.event();
        assertEquals(AlarmTransition.REJECTED, e.transition());
        assertEquals("E09-X:HI:1", e.event().alarmId());
        assertEquals("li.na", e.operator());
        assertEquals(T, e.ts());
        assertNull(e.state());
        assertTrue(Double.isNaN(e.event().value()));

        Step sensor = AlarmLifecycle.unknownAlarm(OperatorCommand.inService("E09-X", "li.na", null, T));
        assertEquals("in-service rejected: sensor 'E09-X' has no open alarm", sensor.reason());
    }

    @Test
    void applyDispatchesEveryCommand() {
        AlarmRecord r = Fixtures.activeUnack();
        assertEquals(AlarmState.ACTIVE_ACK, L.apply(r, Fixtures.ack(T), T).record().state);
        AlarmRecord shelved = L.apply(r, Fixtures.shelve(T), T).record();
        assertEquals(AlarmState.SHELVED, shelved.state);
        assertEquals(AlarmState.ACTIVE_UNACK, L.apply(shelved, Fixtures.unshelve(T), T).record().state);
        AlarmRecord oos = L.apply(r, Fixtures.outOfService(T), T).record();
        assertEquals(AlarmState.OUT_OF_SERVICE, oos.state);
        assertEquals(AlarmState.ACTIVE_UNACK, L.apply(oos, Fixtures.inService(T), T).record().state);
    }

    // --------------------------------------------------------------------------------------------------- shelving

    @Test
    void theShelfExpiresAtItsEndAndNotBefore() {
        AlarmRecord shelved = Fixtures.shelvedActive();
        assertEquals(SHELF_END, shelved.shelvedUntil);
        Step early = L.shelfExpired(shelved, SHELF_END - 1);
        assertTrue(early.ignored());
        assertEquals("E01-LT101:HI:1000 stays shelved until 1970-01-01T00:30:05Z", early.reason());

        Step late = L.shelfExpired(shelved, SHELF_END + 60_000);
        LifecycleEvent e = late.event();
        assertEquals(AlarmTransition.UNSHELVE, e.transition());
        assertEquals(AlarmState.ACTIVE_UNACK, e.state());
        assertEquals(SHELF_END, e.ts(), "the event is dated at the expiry, not when the timer ran");
        assertEquals(AlarmLifecycle.SYSTEM, e.operator());
        assertNull(e.comment());
        assertEquals("shelf expired (shelved by zhang.wei at 1970-01-01T00:00:05Z: level transmitter recalibration)", e.reason());
        assertTrue(e.shouldNotify());
        assertNull(e.shelvedUntil());
        assertFalse(late.record().shelved);
        assertNull(late.record().shelvedBy);
    }

    @Test
    void aShelfTooLongOrAlreadyOverWhenAppliedIsRejected() {
        AlarmLifecycle oneHour = new AlarmLifecycle(Duration.ofHours(1));
        AlarmRecord r = Fixtures.activeUnack();
        Step tooLong = oneHour.shelve(r, OperatorCommand.shelve(ID, "zhang.wei", "noisy", Duration.ofMinutes(61), T), T);
        assertEquals("shelve rejected: shelve duration 1h01m is longer than the maximum of 1h", tooLong.reason());
        assertTrue(oneHour.shelve(r, OperatorCommand.shelve(ID, "zhang.wei", "noisy", Duration.ofHours(1), T), T).applied());

        Step defaultMax = L.shelve(r, OperatorCommand.shelve(ID, "zhang.wei", "noisy", Duration.ofHours(9), T), T);
        assertEquals("shelve rejected: shelve duration 9h is longer than the maximum of 8h", defaultMax.reason());

        Step stale = L.shelve(r, OperatorCommand.shelve(ID, "zhang.wei", "noisy", Duration.ofSeconds(5), T), T + 5_000);
        assertEquals("shelve rejected: the shelf of 5s issued at 1970-01-01T00:00:10Z expired at 1970-01-01T00:00:15Z, before the "
                + "command was applied at 1970-01-01T00:00:15Z", stale.reason());
        assertThrows(IllegalArgumentException.class, () -> new AlarmLifecycle(Duration.ZERO));
    }

    @Test
    void whileShelvedTheConditionClearsAndReturnsUnderneathWithoutNotifying() {
        AlarmRecord r = Fixtures.shelvedActive();
        List<LifecycleEvent> out = new ArrayList<>();
        Step s = L.clear(r, 80.0, 84.0, 6_000);
        out.addAll(s.events());
        assertFalse(s.record().conditionActive);
        assertEquals(AlarmState.RTN_UNACK, s.event().underlying());
        s = L.raise(s.record(), Fixtures.raiseEvent("E01-LT101:HI:7000", AlarmType.HIGH, 86.5, 85.0, 7_000), GRADE);
        out.addAll(s.events());
        assertEquals(AlarmState.ACTIVE_UNACK, s.event().underlying());
        s = L.escalate(s.record(), AlarmType.HIGH_HIGH, 96.0, 95.0, 8_000);
        out.addAll(s.events());
        s = L.clear(s.record(), 80.0, 84.0, 9_000);
        out.addAll(s.events());

        assertEquals(List.of(AlarmTransition.CLEAR, AlarmTransition.RETURN, AlarmTransition.ESCALATE, AlarmTransition.CLEAR),
                out.stream().map(LifecycleEvent::transition).toList());
        assertTrue(out.stream().allMatch(e -> e.state() == AlarmState.SHELVED), out.toString());
        assertTrue(out.stream().noneMatch(LifecycleEvent::shouldNotify), out.toString());
        assertTrue(out.stream().allMatch(e -> e.event().alarmId().equals(ID)));
        assertTrue(out.stream().allMatch(e -> e.shelvedUntil() == SHELF_END));
        assertEquals("condition cleared: value 80.0, clear threshold 84.0 (tracked while SHELVED, not notified)", out.get(0).reason());

        // it came back clear: the shelf's end ends the episode
        Step end = L.shelfExpired(s.record(), SHELF_END);
        assertTrue(end.ended());
        assertFalse(end.event().shouldNotify());
        assertTrue(end.event().reason().endsWith("condition clear, episode ended"), end.event().reason());
    }

    @Test
    void unshelveOfAnAcknowledgedActiveAlarmNeedsANewAcknowledgement() {
        AlarmRecord shelved = L.shelve(Fixtures.activeAck(), Fixtures.shelve(SHELF_END - 1_800_000), T).record();
        Step s = L.unshelve(shelved, Fixtures.unshelve(T));
        assertEquals(AlarmState.ACTIVE_UNACK, s.record().state);
        assertTrue(s.event().shouldNotify());
        assertEquals("li.na", s.event().operator());
        assertEquals("recalibration done", s.event().comment());
        assertEquals("unshelved before its expiry at 1970-01-01T00:30:05Z", s.event().reason());
    }

    // -------------------------------------------------------------------------------------------------- suppression

    @Test
    void suppressionRoundTripKeepsTheStateItCameFrom() {
        AlarmRecord acked = Fixtures.activeAck();
        Step sup = L.suppress(acked, "E01:LINK_DOWN:9000: link to E01 down", 9_000);
        assertEquals(AlarmState.SUPPRESSED, sup.record().state);
        assertEquals(AlarmState.ACTIVE_ACK, sup.record().stateBeforeSuppression);
        assertEquals(AlarmState.ACTIVE_ACK, sup.event().underlying());
        assertEquals(AlarmLifecycle.SYSTEM, sup.event().operator());
        assertEquals(9_000, sup.event().ts());
        assertEquals("suppressed by design (was ACTIVE_ACK): E01:LINK_DOWN:9000: link to E01 down", sup.event().reason());
        assertFalse(sup.event().shouldNotify());

        Step back = L.unsuppress(sup.record(), "E01 reporting again", T);
        assertEquals(AlarmState.ACTIVE_ACK, back.record().state, "acknowledgement kept");
        assertNull(back.record().stateBeforeSuppression);
        assertFalse(back.event().shouldNotify(), "nothing new to tell");
        assertEquals("suppression ended: E01 reporting again (was suppressed from ACTIVE_ACK: E01:LINK_DOWN:9000: link to E01 down)",
                back.event().reason());
    }

    @Test
    void unsuppressReflectsWhatTheConditionDidMeanwhile() {
        // ACTIVE_ACK, cleared while suppressed: the episode ends when suppression lifts
        Step ended = L.unsuppress(Fixtures.suppressedClear(), null, T);
        assertTrue(ended.ended());
        assertFalse(ended.event().shouldNotify());

        // ACTIVE_UNACK, cleared while suppressed: RTN_UNACK afterwards
        AlarmRecord r = L.clear(Fixtures.suppressedActive(), 80.0, 84.0, 6_000).record();
        Step rtn = L.unsuppress(r, null, T);
        assertEquals(AlarmState.RTN_UNACK, rtn.record().state);
        assertFalse(rtn.event().shouldNotify());

        // ACTIVE_UNACK, cleared and returned while suppressed: a new activation nobody was told about
        r = L.raise(r, Fixtures.raiseEvent("E01-LT101:HI:7000", AlarmType.HIGH, 86.0, 85.0, 7_000), GRADE).record();
        assertTrue(r.missedNotification);
        Step returned = L.unsuppress(r, null, T);
        assertEquals(AlarmState.ACTIVE_UNACK, returned.record().state);
        assertTrue(returned.event().shouldNotify());
        assertFalse(returned.record().missedNotification);

        // RTN_UNACK, returned while suppressed
        AlarmRecord latched = L.suppress(Fixtures.rtnUnack(), "link down", 5_000).record();
        latched = L.raise(latched, Fixtures.raiseEvent("E01-LT101:HI:7000", AlarmType.HIGH, 86.0, 85.0, 7_000), GRADE).record();
        Step s = L.unsuppress(latched, null, T);
        assertEquals(AlarmState.ACTIVE_UNACK, s.record().state);
        assertTrue(s.event().shouldNotify());
    }

    @Test
    void aShelfExpiringWhileSuppressedShowsWhenSuppressionLifts() {
        AlarmRecord r = L.suppress(Fixtures.shelvedActive(), "link down", 6_000).record();
        assertEquals(AlarmState.SHELVED, r.stateBeforeSuppression);
        Step expired = L.shelfExpired(r, SHELF_END);
        assertEquals(AlarmTransition.UNSHELVE, expired.event().transition());
        assertEquals(AlarmState.SUPPRESSED, expired.event().state());
        assertFalse(expired.event().shouldNotify());
        Step back = L.unsuppress(expired.record(), null, SHELF_END + 1);
        assertEquals(AlarmState.ACTIVE_UNACK, back.record().state);
        assertTrue(back.event().shouldNotify());

        // still shelved when suppression lifts: back to SHELVED
        AlarmRecord r2 = L.suppress(Fixtures.shelvedActive(), "link down", 6_000).record();
        Step toShelf = L.unsuppress(r2, null, 7_000);
        assertEquals(AlarmState.SHELVED, toShelf.record().state);
        assertEquals(SHELF_END, toShelf.event().shelvedUntil());
        assertFalse(toShelf.event().shouldNotify());
    }

    @Test
    void anOperatorMayUnshelveASuppressedAlarmUnderneath() {
        AlarmRecord r = L.suppress(Fixtures.shelvedActive(), "link down", 6_000).record();
        Step s = L.unshelve(r, Fixtures.unshelve(T));
        assertEquals(AlarmState.SUPPRESSED, s.record().state);
        assertFalse(s.record().shelved);
        assertFalse(s.event().shouldNotify());
        assertEquals(AlarmState.ACTIVE_UNACK, L.unsuppress(s.record(), null, T + 1).record().state);
    }

    // ---------------------------------------------------------------------------------------------- out of service

    @Test
    void outOfServiceWinsOverAShelf() {
        AlarmRecord shelved = Fixtures.shelvedActive();
        Step oos = L.outOfService(shelved, Fixtures.outOfService(T));
        assertEquals(AlarmState.OUT_OF_SERVICE, oos.record().state);
        assertFalse(oos.record().shelved, "the shelf is replaced");
        assertNull(oos.event().shelvedUntil());
        assertEquals("sensor E01-LT101 out of service (was SHELVED); replaces the shelf by zhang.wei until 1970-01-01T00:30:05Z",
                oos.event().reason());

        AlarmRecord r = oos.record();
        assertTrue(L.shelfExpired(r, SHELF_END).ignored(), "the old shelf timer does nothing");
        assertTrue(L.unshelve(r, Fixtures.unshelve(T + 1)).rejected());
        Step reshelve = L.shelve(r, Fixtures.shelve(T + 1), T + 1);
        assertTrue(reshelve.reason().startsWith("shelve rejected: sensor E01-LT101 out of service since 1970-01-01T00:00:10Z by "
                + "wang.fang (transmitter replaced, ticket 4711); out of service wins over shelving"), reshelve.reason());

        Step in = L.inService(r, Fixtures.inService(T + 2));
        assertEquals(AlarmState.ACTIVE_UNACK, in.record().state);
        assertTrue(in.event().shouldNotify());
    }

    @Test
    void outOfServiceWinsOverSuppression() {
        AlarmRecord r = L.outOfService(Fixtures.suppressedActive(), Fixtures.outOfService(T)).record();
        assertEquals(AlarmState.OUT_OF_SERVICE, r.state);
        assertTrue(r.suppressed);
        Step in = L.inService(r, Fixtures.inService(T + 1));
        assertEquals(AlarmState.SUPPRESSED, in.record().state, "still suppressed by design");
        assertFalse(in.event().shouldNotify());
        Step back = L.unsuppress(in.record(), null, T + 2);
        assertEquals(AlarmState.ACTIVE_UNACK, back.record().state);
        assertTrue(back.event().shouldNotify());

        Step sup = L.suppress(Fixtures.outOfServiceActive(), "link down", T);
        assertEquals(AlarmState.OUT_OF_SERVICE, sup.event().state());
        assertEquals(AlarmState.OUT_OF_SERVICE, sup.record().stateBeforeSuppression);
    }

    @Test
    void anAlarmRaisedOnASensorOutOfServiceStartsOutOfService() {
        OperatorCommand oos = Fixtures.outOfService(500);
        Step s = L.raise(null, Fixtures.raiseEvent(ID, AlarmType.HIGH, 86.0, 85.0, 1_000), GRADE, oos);
        assertEquals(AlarmState.OUT_OF_SERVICE, s.record().state);
        assertEquals(AlarmTransition.RAISE, s.event().transition());
        assertFalse(s.event().shouldNotify());
        assertEquals(AlarmState.ACTIVE_UNACK, s.event().underlying());
        assertEquals("HIGH raised: value 86.0, limit 85.0; sensor out of service since 1970-01-01T00:00:00.500Z by wang.fang: "
                + "transmitter replaced, ticket 4711 (tracked while OUT_OF_SERVICE, not notified)", s.event().reason());
        assertEquals("wang.fang", s.record().outOfServiceBy);
        Step in = L.inService(s.record(), Fixtures.inService(T));
        assertEquals(AlarmState.ACTIVE_UNACK, in.record().state);
        assertTrue(in.event().shouldNotify());
        assertThrows(IllegalArgumentException.class,
                () -> L.raise(null, Fixtures.raiseEvent(ID, AlarmType.HIGH, 86.0, 85.0, 1_000), GRADE, Fixtures.ack(1)));
    }

    // ------------------------------------------------------------------------------------------------------ events

    @Test
    void theJobStampsEmittedAtAndTheEventSerializesNotifyUnderItsName() throws Exception {
        LifecycleEvent e = Fixtures.L.raise(null, Fixtures.raiseEvent(ID, AlarmType.HIGH, 86.0, 85.0, 1_000), GRADE).event();
        LifecycleEvent stamped = e.withEmittedAt(1_234);
        assertEquals(1_234, stamped.event().emittedAt());
        assertEquals(1_000, stamped.ts());
        assertEquals(e.reason(), stamped.reason());
        assertTrue(stamped.shouldNotify());

        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsBytes(stamped));
        assertTrue(json.get("notify").asBoolean(), json.toString());
        assertEquals("system", json.get("operator").asText());
        assertEquals("RAISE", json.get("event").get("transition").asText());
    }

    @Test
    void theLifecycleIsSerializableForAFlinkFunction() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new AlarmLifecycle(Duration.ofHours(2)));
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(Duration.ofHours(2), ((AlarmLifecycle) in.readObject()).maxShelve());
        }
    }
}
