package com.hazardwatch.testsupport;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.json.AlarmCodec;
import java.nio.charset.StandardCharsets;

/**
 * Alarm transitions as the job publishes them on hw.alarms, for tests of consumers of that topic (the console): an
 * alarm of a catalogue sensor raised, acknowledged, cleared ..., each with the fields the job fills in.
 */
public final class TestAlarms {
    private TestAlarms() {}

    /** The id the job gives an alarm: {owner}:{class}:{ts of the raising reading}. */
    public static String alarmId(String sensor, String cls, long raisedAt) {
        return sensor + ":" + cls + ":" + raisedAt;
    }

    /**
     * One transition of an alarm on a sensor of enterprise E01-style ids (enterprise = the part before the first '-',
     * source = enterprise + "-S1"), by the engine ({@code system}) unless an operator is given.
     */
    public static LifecycleEvent transition(String alarmId, String sensor, AlarmType type, AlarmTransition transition,
                                            AlarmState state, int priority, double value, double limit, long ts, String operator,
                                            String comment) {
        String enterprise = sensor.contains("-") ? sensor.substring(0, sensor.indexOf('-')) : sensor;
        AlarmState underlying = state == AlarmState.SHELVED || state == AlarmState.OUT_OF_SERVICE || state == AlarmState.SUPPRESSED
                ? AlarmState.ACTIVE_UNACK : state;
        AlarmEvent e = new AlarmEvent(alarmId, sensor, enterprise, enterprise + "-S1", type, transition, state, value, limit, ts, ts,
                value + " vs limit " + limit);
        return new LifecycleEvent(e, priority, underlying, operator == null ? "system" : operator, comment,
                transition.name().toLowerCase() + (operator == null ? "" : " by " + operator), null,
                transition == AlarmTransition.RAISE);
    }

    /** A RAISE by the engine: state ACTIVE_UNACK. */
    public static LifecycleEvent raise(String alarmId, String sensor, AlarmType type, int priority, double value, double limit, long ts) {
        return transition(alarmId, sensor, type, AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK, priority, value, limit, ts, null, null);
    }

    /** The JSON the job writes for a transition (AlarmCodec), as text. */
    public static String json(LifecycleEvent e) {
        return new String(AlarmCodec.toJson(e), StandardCharsets.UTF_8);
    }
}
