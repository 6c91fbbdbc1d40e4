package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.OperatorCommand;
import java.time.Duration;

/** One high-side alarm of tank level E01-LT101 (source grade 2) brought into each state through the lifecycle itself. */
final class Fixtures {
    static final AlarmLifecycle L = new AlarmLifecycle();
    static final String SENSOR = "E01-LT101";
    static final String ID = "E01-LT101:HI:1000";
    static final int GRADE = 2;
    static final long RAISED = 1_000;
    static final long SHELVED_AT = 5_000;
    static final Duration SHELF = Duration.ofMinutes(30);
    static final long SHELF_END = SHELVED_AT + SHELF.toMillis();
    /** When the commands of a test are issued and applied. */
    static final long T = 10_000;

    private Fixtures() {}

    static AlarmEvent condition(String id, AlarmType type, AlarmTransition t, double value, double limit, long ts) {
        AlarmState state = t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        return new AlarmEvent(id, SENSOR, "E01", "E01-S1", type, t, state, value, limit, ts, ts, null);
    }

    static AlarmEvent raiseEvent(String id, AlarmType type, double value, double limit, long ts) {
        return condition(id, type, AlarmTransition.RAISE, value, limit, ts);
    }

    static OperatorCommand ack(long ts) {
        return OperatorCommand.ack(ID, "li.na", "seen, calling the plant", ts);
    }

    static OperatorCommand shelve(long ts) {
        return OperatorCommand.shelve(ID, "zhang.wei", "level transmitter recalibration", SHELF, ts);
    }

    static OperatorCommand unshelve(long ts) {
        return OperatorCommand.unshelve(ID, "li.na", "recalibration done", ts);
    }

    static OperatorCommand outOfService(long ts) {
        return OperatorCommand.outOfService(SENSOR, "wang.fang", "transmitter replaced, ticket 4711", ts);
    }

    static OperatorCommand inService(long ts) {
        return OperatorCommand.inService(SENSOR, "wang.fang", "replacement commissioned", ts);
    }

    static AlarmRecord activeUnack() {
        return L.raise(null, raiseEvent(ID, AlarmType.HIGH, 86.0, 85.0, RAISED), GRADE).record();
    }

    static AlarmRecord activeAck() {
        return L.ack(activeUnack(), ack(2_000)).record();
    }

    static AlarmRecord rtnUnack() {
        return L.clear(activeUnack(), 80.0, 84.0, 3_000).record();
    }

    static AlarmRecord normal() {
        return L.ack(rtnUnack(), ack(4_000)).record();
    }

    static AlarmRecord shelvedActive() {
        return L.shelve(activeUnack(), shelve(SHELVED_AT), SHELVED_AT).record();
    }

    static AlarmRecord shelvedClear() {
        return L.clear(shelvedActive(), 80.0, 84.0, 6_000).record();
    }

    static AlarmRecord suppressedActive() {
        return L.suppress(activeUnack(), "E01:LINK_DOWN:4000: link to E01 down", SHELVED_AT).record();
    }

    /** Suppressed while ACTIVE_ACK, then the condition cleared underneath: NORMAL beneath SUPPRESSED. */
    static AlarmRecord suppressedClear() {
        AlarmRecord r = L.suppress(activeAck(), "E01:LINK_DOWN:4000: link to E01 down", SHELVED_AT).record();
        return L.clear(r, 80.0, 84.0, 6_000).record();
    }

    static AlarmRecord outOfServiceActive() {
        return L.outOfService(activeUnack(), outOfService(SHELVED_AT)).record();
    }

    static AlarmRecord outOfServiceClear() {
        return L.clear(outOfServiceActive(), 80.0, 84.0, 6_000).record();
    }
}
