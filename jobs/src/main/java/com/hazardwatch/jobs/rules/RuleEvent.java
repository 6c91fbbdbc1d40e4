package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What a rule emits: the alarm event as it goes to hw.alarms, and a line for a person ("rising 6.2 %/min",
 * "HH in 12 min", "value not finite (NaN)"). The event's value and limit are always finite numbers.
 */
public record RuleEvent(AlarmEvent event, String detail) implements Serializable {

    /** An event of a sensor: ACTIVE_UNACK unless it is a CLEAR (then RTN_UNACK), like the limit alarms. */
    static RuleEvent of(Sensor s, String alarmId, AlarmType type, AlarmTransition t, double value, double limit,
                        long ts, long now, String detail) {
        return of(alarmId, s.id(), s.enterprise(), s.source(), type, t, value, limit, ts, now, detail);
    }

    static RuleEvent of(String alarmId, String sensor, String enterprise, String source, AlarmType type,
                        AlarmTransition t, double value, double limit, long ts, long now, String detail) {
        AlarmState state = t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        return new RuleEvent(new AlarmEvent(alarmId, sensor, enterprise, source, type, t, state,
                finite(value), finite(limit), ts, now, detail), detail);
    }

    /** InfluxDB and strict JSON readers reject NaN and infinities: such a number is reported as 0 (the detail says why). */
    static double finite(double d) {
        return Double.isFinite(d) ? d : 0.0;
    }

    /**
     * A number for a person: 3 significant digits, or the whole integer part and one decimal when that is more
     * (6.2, 0.125, 120.5, 1234.6), no trailing zeros, no exponent, locale-independent.
     */
    static String num(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(d);
        int intDigits = b.precision() - b.scale();
        return b.round(new MathContext(Math.max(3, intDigits + 1))).stripTrailingZeros().toPlainString();
    }

    /** A duration for a person: seconds below 2 minutes ("60 s", "90 s"), else minutes ("10 min", "2.5 min"). */
    public static String duration(long ms) {
        if (ms < 2 * RuleDefaults.MINUTE_MS) {
            return num(ms / 1000.0) + " s";
        }
        return num(ms / (double) RuleDefaults.MINUTE_MS) + " min";
    }
}
