package com.hazardwatch.simulators.script;

import com.hazardwatch.model.event.AlarmType;
import java.time.Duration;

/**
 * Alarms a scenario must not cause (simulators/scenarios/README.md, {@code forbid:}): any RAISE (or ESCALATE, RETURN)
 * matching it within the window fails the scenario.
 *
 * @param type the alarm type, or null for any type
 * @param owner the owner (sensor, enterprise or source as on hw.alarms {@code sensor}), or null for any
 * @param from window start after the scenario started
 * @param to window end after the scenario started, or null for the end of the scenario
 * @param why what it guards against, for the report ("a benign spike stays below H")
 */
public record ForbiddenAlarm(AlarmType type, String owner, Duration from, Duration to, String why) {
    public ForbiddenAlarm {
        if (from == null) {
            from = Duration.ZERO;
        }
        if (to != null && to.compareTo(from) < 0) {
            throw new IllegalArgumentException("forbidden alarm: the window must end (to) at or after it opens (from)");
        }
    }

    public boolean matches(AlarmType t, String alarmOwner) {
        return (type == null || type == t) && (owner == null || owner.equals(alarmOwner));
    }

    @Override
    public String toString() {
        return "no " + (type == null ? "alarm" : type.name()) + (owner == null ? "" : " on " + owner)
                + (why == null ? "" : " (" + why + ")");
    }
}
