package com.hazardwatch.console.health;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import java.time.Instant;

/** hw.alarms transitions for the health tests, built as the lifecycle operator emits them. */
final class HealthEvents {
    private HealthEvents() {}

    static LifecycleEvent event(String alarmId, String sensor, String enterprise, AlarmType type, AlarmTransition t,
            AlarmState state, AlarmState underlying, int priority, Instant ts) {
        long ms = ts.toEpochMilli();
        return new LifecycleEvent(new AlarmEvent(alarmId, sensor, enterprise, enterprise + "-S1", type, t, state, 1.0, 1.0,
                ms, ms, "detail"), priority, underlying, "system", null, "reason", null, false);
    }

    /** A RAISE of {@code {sensor}:{cls}:{ts}}, ACTIVE_UNACK. */
    static LifecycleEvent raise(String sensor, String cls, AlarmType type, int priority, Instant ts) {
        return event(sensor + ":" + cls + ":" + ts.toEpochMilli(), sensor, sensor.substring(0, 3), type,
                AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK, AlarmState.ACTIVE_UNACK, priority, ts);
    }

    /** A later transition of the alarm {@code raised}. */
    static LifecycleEvent then(LifecycleEvent raised, AlarmTransition t, AlarmState state, AlarmState underlying,
            Instant ts) {
        AlarmEvent e = raised.event();
        return event(e.alarmId(), e.sensor(), e.enterprise(), e.type(), t, state, underlying, raised.priority(), ts);
    }
}
