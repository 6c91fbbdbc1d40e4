package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Reading;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Rate of change (docs/rules.md section 2): the least-squares slope of the readings of a sliding event-time window
 * (the sensor's {@link TrendWindow}, default 60 s), in units per minute. RAISE RATE_OF_CHANGE when
 * {@code |slope| > rocLimit}; CLEAR when {@code |slope| <= 0.9 x rocLimit}. Between the two nothing changes, and
 * while the window has no slope (too few readings, too short a span) nothing changes either.
 *
 * <p>Alarm id {@code {sensor}:ROC:{ts of the raising reading}}; the event's value is the reading's value, its limit
 * the rocLimit (on CLEAR too); the detail carries the slope ("rising 6.2 %/min").
 *
 * <p>Faulty readings ({@link FaultRule#isFaulty}: bad quality, not finite, outside the range) and readings not newer
 * than the newest in the window are not added and cause nothing.
 */
public final class RateOfChangeRule {
    private RateOfChangeRule() {}

    /** {@link #evaluate(Sensor, RocState, Reading, double, long)} with the kind's default rocLimit. */
    public static Optional<RuleEvent> evaluate(Sensor s, RocState st, Reading r, long now) {
        return evaluate(s, st, r, RuleDefaults.rocLimit(s), now);
    }

    /**
     * Adds the reading to the window and returns the RAISE or CLEAR it causes, if any; the state is updated in place.
     *
     * @param limitUnitsPerMin rocLimit in the sensor's unit per minute; not above 0 (or NaN) turns the rule off
     * @param now processing time, for emittedAt
     */
    public static Optional<RuleEvent> evaluate(Sensor s, RocState st, Reading r, double limitUnitsPerMin, long now) {
        if (st.trend == null) {
            st.trend = new TrendWindow();
        }
        if (FaultRule.isFaulty(s, r) || !st.trend.add(r.ts(), r.value())) {
            return Optional.empty();
        }
        if (!(limitUnitsPerMin > 0)) {
            return Optional.empty();
        }
        OptionalDouble slope = st.trend.slope();
        if (slope.isEmpty()) {
            return Optional.empty();
        }
        double k = slope.getAsDouble();
        if (!st.active && Math.abs(k) > limitUnitsPerMin && recentAlsoFast(st.trend, k, limitUnitsPerMin)
                && st.trend.rSquared() >= RuleDefaults.ROC_MIN_R_SQUARED) {
            st.active = true;
            st.alarmId = s.id() + ":ROC:" + r.ts();
            return Optional.of(RuleEvent.of(s, st.alarmId, AlarmType.RATE_OF_CHANGE, AlarmTransition.RAISE,
                    r.value(), limitUnitsPerMin, r.ts(), now, describe(k, s.unit())));
        }
        if (st.active && Math.abs(k) <= RuleDefaults.ROC_CLEAR_FRACTION * limitUnitsPerMin
                && recentlySlow(st.trend, RuleDefaults.ROC_CLEAR_FRACTION * limitUnitsPerMin)) {
            String id = st.alarmId;
            st.active = false;
            st.alarmId = null;
            return Optional.of(RuleEvent.of(s, id, AlarmType.RATE_OF_CHANGE, AlarmTransition.CLEAR,
                    r.value(), limitUnitsPerMin, r.ts(), now, describe(k, s.unit()) + ", at or below "
                            + RuleEvent.num(RuleDefaults.ROC_CLEAR_FRACTION * limitUnitsPerMin) + " " + s.unit() + "/min"));
        }
        return Optional.empty();
    }

    /** "rising 6.2 %/min", "falling 0.15 MPa/min", "steady". */
    static String describe(double slope, String unit) {
        if (slope == 0) {
            return "steady";
        }
        return (slope > 0 ? "rising " : "falling ") + RuleEvent.num(Math.abs(slope)) + " " + unit + "/min";
    }

    /**
     * The last quarter of the window moves the same way at no less than half the window's rate: a change that is over
     * raises nothing. When the window holds no reading that old (a slow sensor) the slope alone decides.
     */
    static boolean recentAlsoFast(TrendWindow trend, double slope, double limit) {
        OptionalDouble recent = trend.recentRate(trend.windowMs / 4);
        if (recent.isEmpty()) {
            return true;
        }
        double r = recent.getAsDouble();
        return Math.signum(r) == Math.signum(slope) && Math.abs(r) >= 0.5 * Math.abs(slope);
    }

    /**
     * The last quarter of the window is under the clear threshold too: a window holding a rise and then a fall has a
     * flat fitted line while the value is still running away, which must not clear the alarm.
     */
    static boolean recentlySlow(TrendWindow trend, double clearBelow) {
        OptionalDouble recent = trend.recentRate(trend.windowMs / 4);
        return recent.isEmpty() || Math.abs(recent.getAsDouble()) <= clearBelow;
    }
}
