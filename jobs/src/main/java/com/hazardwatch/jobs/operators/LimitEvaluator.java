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
        long onDelay = s.rules().onDelay();
        long offDelay = s.rules().offDelay();

        st.highRaw = highLevel(l, db, st.highRaw, v);
        st.lowRaw = lowLevel(l, db, st.lowRaw, v);

        // high side
        if (st.high == 0 && st.highRaw > 0) {
            if (st.highSince == Long.MIN_VALUE) {
                st.highSince = r.ts();
            }
            if (r.ts() - st.highSince >= onDelay) {
                st.highAlarmId = s.id() + ":HI:" + st.highSince;
                AlarmType type = st.highRaw == 2 ? AlarmType.HIGH_HIGH : AlarmType.HIGH;
                out.add(event(s, st.highAlarmId, type, AlarmTransition.RAISE, v, st.highRaw == 2 ? l.hh() : l.h(), r, now,
                        held(r.ts() - st.highSince)));
                st.high = st.highRaw;
                st.highSince = Long.MIN_VALUE;
            }
        } else if (st.high == 0) {
            st.highSince = Long.MIN_VALUE; // back inside the band within the on-delay: nothing was raised
        } else if (st.highRaw > 0) {
            st.highSince = Long.MIN_VALUE; // still (or again) in alarm: any off-delay starts afresh
            if (st.highRaw != st.high) {
                AlarmTransition t = st.highRaw > st.high ? AlarmTransition.ESCALATE : AlarmTransition.DEESCALATE;
                AlarmType type = st.highRaw == 2 ? AlarmType.HIGH_HIGH : AlarmType.HIGH;
                out.add(event(s, st.highAlarmId, type, t, v, st.highRaw == 2 ? l.hh() : l.h(), r, now, ""));
                st.high = st.highRaw;
            }
        } else {
            if (st.highSince == Long.MIN_VALUE) {
                st.highSince = r.ts();
            }
            if (r.ts() - st.highSince >= offDelay) {
                double clearAt = (l.h() != null ? l.h() : l.hh()) - db;
                out.add(event(s, st.highAlarmId, st.high == 2 ? AlarmType.HIGH_HIGH : AlarmType.HIGH, AlarmTransition.CLEAR,
                        v, clearAt, r, now, held(r.ts() - st.highSince)));
                st.high = 0;
                st.highAlarmId = null;
                st.highSince = Long.MIN_VALUE;
            }
        }

        // low side, mirrored
        if (st.low == 0 && st.lowRaw > 0) {
            if (st.lowSince == Long.MIN_VALUE) {
                st.lowSince = r.ts();
            }
            if (r.ts() - st.lowSince >= onDelay) {
                st.lowAlarmId = s.id() + ":LO:" + st.lowSince;
                AlarmType type = st.lowRaw == 2 ? AlarmType.LOW_LOW : AlarmType.LOW;
                out.add(event(s, st.lowAlarmId, type, AlarmTransition.RAISE, v, st.lowRaw == 2 ? l.ll() : l.l(), r, now,
                        held(r.ts() - st.lowSince)));
                st.low = st.lowRaw;
                st.lowSince = Long.MIN_VALUE;
            }
        } else if (st.low == 0) {
            st.lowSince = Long.MIN_VALUE;
        } else if (st.lowRaw > 0) {
            st.lowSince = Long.MIN_VALUE;
            if (st.lowRaw != st.low) {
                AlarmTransition t = st.lowRaw > st.low ? AlarmTransition.ESCALATE : AlarmTransition.DEESCALATE;
                AlarmType type = st.lowRaw == 2 ? AlarmType.LOW_LOW : AlarmType.LOW;
                out.add(event(s, st.lowAlarmId, type, t, v, st.lowRaw == 2 ? l.ll() : l.l(), r, now, ""));
                st.low = st.lowRaw;
            }
        } else {
            if (st.lowSince == Long.MIN_VALUE) {
                st.lowSince = r.ts();
            }
            if (r.ts() - st.lowSince >= offDelay) {
                double clearAt = (l.l() != null ? l.l() : l.ll()) + db;
                out.add(event(s, st.lowAlarmId, st.low == 2 ? AlarmType.LOW_LOW : AlarmType.LOW, AlarmTransition.CLEAR,
                        v, clearAt, r, now, held(r.ts() - st.lowSince)));
                st.low = 0;
                st.lowAlarmId = null;
                st.lowSince = Long.MIN_VALUE;
            }
        }
        return out;
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
