package com.hazardwatch.notifications;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;

/** Alarm transitions for the notification tests, as the monitoring job publishes them. */
public final class Alarms {
    private Alarms() {}

    public static LifecycleEvent event(String alarmId, String sensor, String enterprise, AlarmType type, AlarmTransition t,
            AlarmState state, int priority, boolean notify, long ts) {
        return new LifecycleEvent(new AlarmEvent(alarmId, sensor, enterprise, enterprise + "-S1", type, t, state, 95.4, 95.0, ts, ts,
                "95.4 % >= HH 95 %"), priority, state == AlarmState.SHELVED ? AlarmState.ACTIVE_UNACK : state, "system", null,
                "value 95.4 >= 95", null, notify);
    }

    /** A RAISE of a HIGH_HIGH alarm on E01-LT101 (or another sensor), ACTIVE_UNACK, notify true. */
    public static LifecycleEvent raise(String alarmId, String sensor, int priority, long ts) {
        return event(alarmId, sensor, "E01", AlarmType.HIGH_HIGH, AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK, priority, true, ts);
    }

    public static LifecycleEvent ack(String alarmId, String sensor, int priority, long ts) {
        return event(alarmId, sensor, "E01", AlarmType.HIGH_HIGH, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, priority, false, ts);
    }
}
