package com.hazardwatch.jobs.operators;

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
     */
    public static List<AlarmEvent> evaluate(Sensor s, LimitState st, Reading r, long now) {
        List<AlarmEvent> out = new ArrayList<>(1);
        Limits l = s.limits();
        double db = s.deadband();
        double v = r.value();

        int hi = highLevel(l, db, st.high, v);
        if (hi != st.high) {
            if (st.high == 0) {
                st.highAlarmId = s.id() + ":HI:" + r.ts();
            }
            String id = st.highAlarmId;
            if (hi == 0) {
                double clearAt = (l.h() != null ? l.h() : l.hh()) - db;
                out.add(event(s, id, st.high == 2 ? AlarmType.HIGH_HIGH : AlarmType.HIGH, AlarmTransition.CLEAR, v, clearAt, r, now));
                st.highAlarmId = null;
            } else {
                AlarmTransition t = st.high == 0 ? AlarmTransition.RAISE
                        : hi > st.high ? AlarmTransition.ESCALATE : AlarmTransition.DEESCALATE;
                AlarmType type = hi == 2 ? AlarmType.HIGH_HIGH : AlarmType.HIGH;
                out.add(event(s, id, type, t, v, hi == 2 ? l.hh() : l.h(), r, now));
            }
            st.high = hi;
        }

        int lo = lowLevel(l, db, st.low, v);
        if (lo != st.low) {
            if (st.low == 0) {
                st.lowAlarmId = s.id() + ":LO:" + r.ts();
            }
            String id = st.lowAlarmId;
            if (lo == 0) {
                double clearAt = (l.l() != null ? l.l() : l.ll()) + db;
                out.add(event(s, id, st.low == 2 ? AlarmType.LOW_LOW : AlarmType.LOW, AlarmTransition.CLEAR, v, clearAt, r, now));
                st.lowAlarmId = null;
            } else {
                AlarmTransition t = st.low == 0 ? AlarmTransition.RAISE
                        : lo > st.low ? AlarmTransition.ESCALATE : AlarmTransition.DEESCALATE;
                AlarmType type = lo == 2 ? AlarmType.LOW_LOW : AlarmType.LOW;
                out.add(event(s, id, type, t, v, lo == 2 ? l.ll() : l.l(), r, now));
            }
            st.low = lo;
        }
        return out;
    }

    private static AlarmEvent event(Sensor s, String id, AlarmType type, AlarmTransition t, double v, double limit, Reading r, long now) {
        AlarmState state = t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        return new AlarmEvent(id, s.id(), s.enterprise(), s.source(), type, t, state, v, limit, r.ts(), now, detail(s, type, t, v, limit));
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
        return num(v) + u + (high ? " >= " : " <= ") + name + " " + num(limit) + u;
    }

    static String num(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
