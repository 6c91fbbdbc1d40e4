package com.hazardwatch.simulators.script;

import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.time.Duration;

/**
 * An alarm transition a scenario must cause (simulators/scenarios/README.md, {@code expect:}).
 *
 * @param type the alarm type the transition must carry
 * @param owner the alarm's owner as on hw.alarms {@code sensor}: the sensor id, the enterprise id for LINK_DOWN, the
 *     source id for AREA_GAS
 * @param transition RAISE matches a RAISE, an ESCALATE or a RETURN that brings the alarm to {@code type}; any other
 *     transition matches itself
 * @param from the window opens this long after the scenario started (the simulator's start)
 * @param to the window closes this long after the scenario started; a hit later than this is a miss
 */
public record ExpectedAlarm(AlarmType type, String owner, AlarmTransition transition, Duration from, Duration to) {
    public ExpectedAlarm {
        if (type == null || owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("an expected alarm needs a type and an owner (sensor, enterprise or source)");
        }
        if (transition == null) {
            transition = AlarmTransition.RAISE;
        }
        if (from == null) {
            from = Duration.ZERO;
        }
        if (to == null || to.compareTo(from) < 0) {
            throw new IllegalArgumentException("expected " + type + " on " + owner + ": the window must end (to) at or after it opens (from)");
        }
    }

    /** Whether a transition of hw.alarms is this one (time aside). */
    public boolean matches(AlarmType t, String alarmOwner, AlarmTransition tr) {
        if (t != type || !owner.equals(alarmOwner)) {
            return false;
        }
        if (transition == AlarmTransition.RAISE) {
            return tr == AlarmTransition.RAISE || tr == AlarmTransition.ESCALATE || tr == AlarmTransition.RETURN;
        }
        return tr == transition;
    }

    @Override
    public String toString() {
        return transition + " " + type + " on " + owner + " within [" + from.toSeconds() + "s, " + to.toSeconds() + "s]";
    }
}
