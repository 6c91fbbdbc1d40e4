package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Forecast (docs/rules.md section 3), from the trend window's slope {@code s} (units/min) and the newest value
 * {@code v}. With {@code s > 0} the time to HH is {@code (HH - v) / s}: RAISE FORECAST_HH ("HH in 12 min") when it
 * is at most the horizon (default 15 min) and {@code v < HH}. The forecast clears when the trend turns
 * ({@code s <= 0}), when the estimate grows past 1.2 x horizon, or when HH is reached ({@code v >= HH}; the limit
 * alarm takes over); the detail says which. LL mirrors it with {@code s < 0}. A sensor without HH (LL) has no
 * forecast on that side.
 *
 * <p>Estimates are rounded up to whole minutes ("HH in 12 min"), "HH in &lt;1 min" below a minute. Alarm id
 * {@code {sensor}:FC:{ts of the raising reading}}; value = v, limit = HH (LL). When the trend turns sharply one
 * reading may clear one side and raise the other, in that order.
 *
 * <p>Call it after {@link RateOfChangeRule} with the same reading and {@code rocState.trend}: a reading the window
 * did not take (faulty, out of order) causes nothing, and so does a window without a slope.
 */
public final class ForecastRule {
    private ForecastRule() {}

    /** {@link #evaluate(Sensor, ForecastState, TrendWindow, Reading, long, long)} with the default horizon. */
    public static List<RuleEvent> evaluate(Sensor s, ForecastState st, TrendWindow trend, Reading r, long now) {
        return evaluate(s, st, trend, r, RuleDefaults.FORECAST_HORIZON_MS, now);
    }

    /**
     * Returns the events the reading causes (none, one, or a clear then a raise); the state is updated in place.
     *
     * @param trend the sensor's trend window, already holding {@code r}
     * @param horizonMs the forecast horizon
     * @param now processing time, for emittedAt
     */
    public static List<RuleEvent> evaluate(Sensor s, ForecastState st, TrendWindow trend, Reading r, long horizonMs, long now) {
        List<RuleEvent> out = new ArrayList<>(1);
        if (trend == null || trend.isEmpty() || trend.newestTs() != r.ts() || FaultRule.isFaulty(s, r)) {
            return out;
        }
        OptionalDouble slope = trend.slope();
        if (slope.isEmpty()) {
            return out;
        }
        double k = slope.getAsDouble();
        double v = r.value();
        Limits l = s.limits() == null ? Limits.NONE : s.limits();
        double horizonMin = horizonMs / (double) RuleDefaults.MINUTE_MS;
        double clearMin = RuleDefaults.FORECAST_CLEAR_FACTOR * horizonMin;

        if (st.side != 0) {
            boolean high = st.side > 0;
            Double limit = high ? l.hh() : l.ll();
            String name = high ? "HH" : "LL";
            String why = null;
            if (limit == null) {
                why = name + " no longer set";
            } else if (high ? v >= limit : v <= limit) {
                why = name + " reached (" + RuleEvent.num(v) + " " + s.unit() + ")";
            } else if (high ? k <= 0 : k >= 0) {
                why = "trend turned (" + RateOfChangeRule.describe(k, s.unit()) + ")";
            } else {
                double est = (high ? limit - v : v - limit) / Math.abs(k);
                if (est > clearMin) {
                    why = name + " in " + minutes(est) + ", past " + RuleEvent.num(clearMin) + " min";
                }
            }
            if (why != null) {
                out.add(RuleEvent.of(s, st.alarmId, high ? AlarmType.FORECAST_HH : AlarmType.FORECAST_LL,
                        AlarmTransition.CLEAR, v, limit == null ? 0.0 : limit, r.ts(), now, why));
                st.side = 0;
                st.alarmId = null;
            }
        }
        if (st.side == 0) {
            if (k > 0 && l.hh() != null && v < l.hh()) {
                double est = (l.hh() - v) / k;
                if (est <= horizonMin && recentAgrees(trend, v, l.hh(), horizonMin)
                        && trend.rSquared() >= RuleDefaults.FORECAST_MIN_R_SQUARED) {
                    st.side = 1;
                    st.alarmId = s.id() + ":FC:" + r.ts();
                    out.add(RuleEvent.of(s, st.alarmId, AlarmType.FORECAST_HH, AlarmTransition.RAISE, v, l.hh(),
                            r.ts(), now, "HH in " + minutes(est)));
                }
            } else if (k < 0 && l.ll() != null && v > l.ll()) {
                double est = (v - l.ll()) / -k;
                if (est <= horizonMin && recentAgrees(trend, v, l.ll(), horizonMin)
                        && trend.rSquared() >= RuleDefaults.FORECAST_MIN_R_SQUARED) {
                    st.side = -1;
                    st.alarmId = s.id() + ":FC:" + r.ts();
                    out.add(RuleEvent.of(s, st.alarmId, AlarmType.FORECAST_LL, AlarmTransition.RAISE, v, l.ll(),
                            r.ts(), now, "LL in " + minutes(est)));
                }
            }
        }
        return out;
    }

    /**
     * The last quarter of the window also heads for the limit, fast enough to reach it within the horizon. When the
     * window holds no reading that old (a slow sensor) the slope alone decides.
     */
    static boolean recentAgrees(TrendWindow trend, double v, double limit, double horizonMin) {
        OptionalDouble recent = trend.recentRate(trend.windowMs / 4);
        if (recent.isEmpty()) {
            return true;
        }
        double r = recent.getAsDouble();
        double toGo = limit - v;
        return r != 0 && Math.signum(r) == Math.signum(toGo) && toGo / r <= horizonMin;
    }

    /** "12 min" (rounded up), "&lt;1 min" below a minute. */
    static String minutes(double est) {
        if (est < 1) {
            return "<1 min";
        }
        return (long) Math.ceil(est - 1e-9) + " min";
    }
}
