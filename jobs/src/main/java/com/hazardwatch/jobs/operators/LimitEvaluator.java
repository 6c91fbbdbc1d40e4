package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.rules.RuleEvent;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * Limit alarms with deadband, as plain functions (no Flink), so the rule is tested on its own.
 *
 * <p>One alarm per side of the band. The high side raises at value >= H (or >= HH, if H is unset), escalates to
 * HIGH_HIGH at value >= HH, de-escalates to HIGH once value <= HH - deadband, and clears once value <= H - deadband.
 * The low side mirrors it with L and LL. A value exactly at a limit is in alarm.
 */
public final class LimitEvaluator {
    private LimitEvaluator() {}

    /** The high-side level a value puts the sensor at, given the level it is at now (deadband applies on the way back). */
    static int highLevel(Limits l, double deadband, int current, double v) {
        if (l.hh() != null && (v >= l.hh() || (current == 2 && v > l.hh() - deadband))) {
            return 2;
        }
        if (l.h() != null && (v >= l.h() || (current >= 1 && v > l.h() - deadband))) {
            return 1;
        }
        return 0;
    }

    static int lowLevel(Limits l, double deadband, int current, double v) {
        if (l.ll() != null && (v <= l.ll() || (current == 2 && v < l.ll() + deadband))) {
            return 2;
        }
        if (l.l() != null && (v <= l.l() || (current >= 1 && v < l.l() + deadband))) {
            return 1;
        }
        return 0;
    }

    /**
     * Applies one reading to the state and returns the alarm events it causes (none, one, or for a jump across the
     * whole band a clear on one side and a raise on the other). The state is updated in place.
     *
     * <p>On-delay and off-delay (catalogue {@code rules.onDelay}, {@code rules.offDelay}, default 0) are measured in
     * event time from the first reading beyond the limit (back inside it): RAISE comes with the first reading at which
     * the condition has held for onDelay, CLEAR with the first at which it has been clear for offDelay. A condition
     * that ends within its on-delay raises nothing; one that returns within the off-delay continues the same alarm.
     * Escalation and de-escalation of a raised alarm are not delayed. The raised alarm's id carries the ts of the first
     * reading beyond the limit, so it does not depend on the delay.
     */
    public static List<AlarmEvent> evaluate(Sensor s, LimitState st, Reading r, long now) {
        List<AlarmEvent> out = new ArrayList<>(1);
        Limits l = s.limits();
        double db = s.deadband();
        double v = r.value();
        st.high.raw = highLevel(l, db, st.high.raw, v);
        st.low.raw = lowLevel(l, db, st.low.raw, v);
        side(s, st.high, true, l.h(), l.hh(), r, now, out);
        side(s, st.low, false, l.l(), l.ll(), r, now, out);
        return out;
    }

    /**
     * One side of the band: the high side with (H, HH), the low side with (L, LL); {@code side.raw} is already where
     * the value puts it. Emits RAISE, ESCALATE, DEESCALATE or CLEAR with the delays applied.
     */
    private static void side(Sensor s, LimitState.Side side, boolean high, Double one, Double two, Reading r, long now,
                             List<AlarmEvent> out) {
        long onDelay = s.rules().onDelay();
        long offDelay = s.rules().offDelay();
        double v = r.value();
        if (side.level == 0 && side.raw > 0) {
            if (side.since == Long.MIN_VALUE) {
                side.since = r.ts();
            }
            if (r.ts() - side.since >= onDelay) {
                side.alarmId = s.id() + (high ? ":HI:" : ":LO:") + side.since;
                out.add(event(s, side.alarmId, type(high, side.raw), AlarmTransition.RAISE, v, side.raw == 2 ? two : one, r, now,
                        held(r.ts() - side.since)));
                side.level = side.raw;
                side.since = Long.MIN_VALUE;
            }
        } else if (side.level == 0) {
            side.since = Long.MIN_VALUE; // back inside the band within the on-delay: nothing was raised
        } else if (side.raw > 0) {
            side.since = Long.MIN_VALUE; // still (or again) in alarm: any off-delay starts afresh
            if (side.raw != side.level) {
                AlarmTransition t = side.raw > side.level ? AlarmTransition.ESCALATE : AlarmTransition.DEESCALATE;
                out.add(event(s, side.alarmId, type(high, side.raw), t, v, side.raw == 2 ? two : one, r, now, ""));
                side.level = side.raw;
            }
        } else {
            if (side.since == Long.MIN_VALUE) {
                side.since = r.ts();
            }
            if (r.ts() - side.since >= offDelay) {
                double db = s.deadband();
                double clearAt = high ? (one != null ? one : two) - db : (one != null ? one : two) + db;
                out.add(event(s, side.alarmId, type(high, side.level), AlarmTransition.CLEAR, v, clearAt, r, now,
                        held(r.ts() - side.since)));
                side.level = 0;
                side.alarmId = null;
                side.since = Long.MIN_VALUE;
            }
        }
    }

    private static AlarmType type(boolean high, int level) {
        return high ? (level == 2 ? AlarmType.HIGH_HIGH : AlarmType.HIGH) : (level == 2 ? AlarmType.LOW_LOW : AlarmType.LOW);
    }

    /** The detail's suffix for a delayed raise or clear: " (held 10 s)"; empty without a delay. */
    private static String held(long ms) {
        return ms > 0 ? " (held " + RuleEvent.duration(ms) + ")" : "";
    }

    private static AlarmEvent event(Sensor s, String id, AlarmType type, AlarmTransition t, double v, double limit, Reading r,
                                    long now, String suffix) {
        AlarmState state = t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        return new AlarmEvent(id, s.id(), s.enterprise(), s.source(), type, t, state, v, limit, r.ts(), now,
                detail(s, type, t, v, limit) + suffix);
    }

    /** What the duty officer reads, e.g. "96.2 % >= HH 95 %", "83.9 % back past H 85 % - deadband 1". */
    static String detail(Sensor s, AlarmType type, AlarmTransition t, double v, double limit) {
        String u = " " + s.unit();
        boolean high = type == AlarmType.HIGH || type == AlarmType.HIGH_HIGH;
        String name = switch (type) {
            case HIGH_HIGH -> "HH";
            case HIGH -> "H";
            case LOW -> "L";
            default -> "LL";
        };
        if (t == AlarmTransition.CLEAR) {
            return num(v) + u + " back to normal (" + (high ? "<= " : ">= ") + num(limit) + u + ", limit minus deadband)";
        }
        if (t == AlarmTransition.DEESCALATE) {
            return num(v) + u + (high ? " back below HH, still >= H " : " back above LL, still <= L ") + num(limit) + u;
        }
        if (high ? v < limit : v > limit) {
            // raised after an on-delay on a reading back inside the limit but not yet past the deadband
            return num(v) + u + " within the deadband of " + name + " " + num(limit) + u;
        }
        return num(v) + u + (high ? " >= " : " <= ") + name + " " + num(limit) + u;
    }

    static String num(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
