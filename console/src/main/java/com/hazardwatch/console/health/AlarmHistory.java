package com.hazardwatch.console.health;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.LifecycleEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarms of a list of hw.alarms transitions, each as it stands after its last transition. Transitions are taken in
 * the order given, which must be hw.alarms order (the topic keeps the order of each owner's transitions; the
 * {@code ts} of an operator command is the command's own time and may be older than the transition before it).
 * REJECTED answers change nothing. Pure: no clock, no I/O.
 */
final class AlarmHistory {

    /** One alarm (one {@code alarmId}) after the transitions seen. */
    static final class Alarm {
        final String alarmId;
        AlarmEvent last;
        /** Visible state after the last transition. */
        AlarmState state;
        /** ISA-18.2 condition state beneath shelving, suppression, out-of-service (the visible state when unknown). */
        AlarmState underlying;
        int priority;
        /** Event time of the episode's RAISE (from the alarm id when the RAISE was not among the transitions). */
        long raisedAt;
        /** Event time since which the alarm has been waiting for an acknowledgement (valid in ACTIVE_UNACK, RTN_UNACK). */
        long unackedSince;

        Alarm(String alarmId) {
            this.alarmId = alarmId;
        }

        String sensor() {
            return last.sensor();
        }

        String enterprise() {
            return last.enterprise();
        }

        /** Condition active (ACTIVE_UNACK or ACTIVE_ACK underneath), whatever layer lies on top. */
        boolean conditionActive() {
            return underlying == AlarmState.ACTIVE_UNACK || underlying == AlarmState.ACTIVE_ACK;
        }
    }

    private final Map<String, Alarm> alarms = new LinkedHashMap<>();

    AlarmHistory(List<LifecycleEvent> events) {
        for (LifecycleEvent e : events) {
            AlarmEvent ev = e.event();
            if (ev == null || ev.alarmId() == null || e.transition() == AlarmTransition.REJECTED || ev.state() == null) {
                continue;
            }
            Alarm a = alarms.computeIfAbsent(ev.alarmId(), Alarm::new);
            boolean first = a.last == null;
            boolean wasWaiting = !first && waitingForAck(a.state);
            if (e.transition() == AlarmTransition.RAISE || first) {
                a.raisedAt = e.transition() == AlarmTransition.RAISE ? ev.ts() : raiseTimeOf(ev.alarmId(), ev.ts());
            }
            a.last = ev;
            a.state = ev.state();
            a.underlying = e.underlying() != null ? e.underlying() : ev.state();
            if (e.priority() > 0) {
                a.priority = e.priority();
            }
            if (waitingForAck(a.state) && !wasWaiting) {
                a.unackedSince = ev.ts();
            }
        }
    }

    Collection<Alarm> alarms() {
        return alarms.values();
    }

    /** The alarms whose visible state is one of these, in first-seen order. */
    List<Alarm> inState(AlarmState... states) {
        List<Alarm> out = new ArrayList<>();
        for (Alarm a : alarms.values()) {
            for (AlarmState s : states) {
                if (a.state == s) {
                    out.add(a);
                    break;
                }
            }
        }
        return out;
    }

    static boolean waitingForAck(AlarmState s) {
        return s == AlarmState.ACTIVE_UNACK || s == AlarmState.RTN_UNACK;
    }

    /** The raising reading's time, the last part of {@code {owner}:{class}:{ts}}; {@code fallback} when not a number. */
    static long raiseTimeOf(String alarmId, long fallback) {
        int i = alarmId.lastIndexOf(':');
        if (i < 0) {
            return fallback;
        }
        try {
            return Long.parseLong(alarmId.substring(i + 1));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * The alarm class of {@code {owner}:{class}:{ts}} ({@code HI}, {@code LO}, {@code ROC}, {@code STALE},
     * {@code CHAT:HI}, ...): what stays the same from one episode of an alarm to the next. The type's name when the id
     * does not have that shape.
     */
    static String alarmClass(AlarmEvent e) {
        String id = e.alarmId();
        String owner = e.sensor();
        int last = id.lastIndexOf(':');
        if (owner != null && id.startsWith(owner + ":") && last > owner.length()) {
            return id.substring(owner.length() + 1, last);
        }
        return e.type() == null ? "?" : e.type().name();
    }
}
