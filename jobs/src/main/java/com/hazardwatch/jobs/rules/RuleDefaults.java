package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;

/**
 * The one place for the defaults of docs/rules.md sections 2, 3, 5, 7 and 8. Times are milliseconds (event time
 * unless a rule says otherwise), rates are in the sensor kind's unit per minute.
 *
 * <table>
 *   <caption>Defaults per sensor kind</caption>
 *   <tr><th>kind</th><th>rocLimit (unit/min)</th><th>flatline period</th></tr>
 *   <tr><td>level</td><td>5 %</td><td>30 min</td></tr>
 *   <tr><td>temperature</td><td>5 C</td><td>30 min</td></tr>
 *   <tr><td>pressure</td><td>0.1 MPa</td><td>30 min</td></tr>
 *   <tr><td>combustible gas</td><td>10 %LEL</td><td>off (a clean-air baseline is legitimately flat)</td></tr>
 *   <tr><td>toxic gas</td><td>50 % of its H; without H, 10 % of its range span</td><td>off</td></tr>
 * </table>
 *
 * <p>Common to every kind: ROC window 60 s (at least {@link #TREND_MIN_POINTS} readings spanning at least half of
 * it), ROC clears at 0.9 x rocLimit, forecast horizon 15 min (clears past 1.2 x horizon), flatline epsilon 0
 * (bit-identical), chattering at more than 5 raises of one class in 10 min (settles after 10 min without a raise),
 * gas correlation window 60 s with 2 detectors.
 */
public final class RuleDefaults {
    private RuleDefaults() {}

    public static final long MINUTE_MS = 60_000L;

    /** Rate of change: the sliding event-time window of the least-squares slope. */
    public static final long ROC_WINDOW_MS = 60_000L;
    /** Rate of change: CLEAR once |slope| is at or below this fraction of rocLimit (hysteresis). */
    public static final double ROC_CLEAR_FRACTION = 0.9;
    /**
     * A rate-of-change alarm needs the straight line to explain at least this share of the window's variation (R²):
     * noise on a steady value has a slope too, but no line explains it. Keeps noisy transmitters from chattering.
     */
    public static final double ROC_MIN_R_SQUARED = 0.5;
    /** Trend window: fewest readings for a slope. */
    public static final int TREND_MIN_POINTS = 3;
    /** Trend window: most readings kept (the ring's capacity; beyond it the oldest are dropped). */
    public static final int TREND_CAPACITY = 256;

    /** Forecast: RAISE when the time to HH (LL) is at most this. */
    public static final long FORECAST_HORIZON_MS = 15 * MINUTE_MS;
    /** Forecast: CLEAR when the estimate grows past this factor times the horizon. */
    public static final double FORECAST_CLEAR_FACTOR = 1.2;
    /** A forecast extrapolates, so it needs a clearer trend than a rate alarm: R² of at least this. */
    public static final double FORECAST_MIN_R_SQUARED = 0.8;

    /** Flatline: values within this of the first value of the run count as unchanged; 0 = bit-identical. */
    public static final double FLATLINE_EPSILON = 0.0;
    /** Flatline period of level, temperature and pressure. */
    public static final long FLATLINE_PERIOD_MS = 30 * MINUTE_MS;

    /** Chattering: more than this many RAISEs of one class of one sensor within the window. */
    public static final int CHATTER_MAX_RAISES = 5;
    /** Chattering: the counting window, and how long without a raise before it settles. */
    public static final long CHATTER_WINDOW_MS = 10 * MINUTE_MS;

    /** Gas correlation: detectors whose raises lie within this of each other. */
    public static final long CORRELATION_WINDOW_MS = 60_000L;
    /** Gas correlation: detectors in alarm that make an AREA alarm. */
    public static final int CORRELATION_MIN_DETECTORS = 2;
    /** Gas correlation: the priority of an AREA alarm (docs/rules.md section 8). */
    public static final int AREA_PRIORITY = 1;

    /** No data: silence after which a level, temperature or pressure sensor is STALE (processing time). */
    public static final long STALE_AFTER_MS = 60_000L;
    /** No data: silence after which a gas detector is STALE; they report more often and matter more. */
    public static final long GAS_STALE_AFTER_MS = 30_000L;

    /** The sensor's rocLimit, in its unit per minute: the catalogue's, else the kind's default (see the table above). */
    public static double rocLimit(Sensor s) {
        if (s.rules().rocLimit() != null) {
            return s.rules().rocLimit();
        }
        return rocLimit(s.kind(), s.limits() == null ? null : s.limits().h(), s.range());
    }

    /** The sensor's trend window (rate of change and forecast): the catalogue's, else {@link #ROC_WINDOW_MS}. */
    public static long rocWindowMs(Sensor s) {
        return s.rules().rocWindowMs() != null ? s.rules().rocWindowMs() : ROC_WINDOW_MS;
    }

    /** The sensor's forecast horizon: the catalogue's, else {@link #FORECAST_HORIZON_MS}. */
    public static long forecastHorizonMs(Sensor s) {
        return s.rules().forecastHorizonMs() != null ? s.rules().forecastHorizonMs() : FORECAST_HORIZON_MS;
    }

    /** The sensor's flatline period, or null when the rule is off for it (catalogue 0, or a gas detector by default). */
    public static Long flatlinePeriodMs(Sensor s) {
        Long own = s.rules().flatlineMs();
        if (own != null) {
            return own > 0 ? own : null;
        }
        return flatlinePeriodMs(s.kind());
    }

    public static double flatlineEpsilon(Sensor s) {
        return s.rules().flatlineEpsilon() != null ? s.rules().flatlineEpsilon() : FLATLINE_EPSILON;
    }

    /** The sensor's stale period (processing time): the catalogue's, else 30 s for gas detectors and 60 s otherwise. */
    public static long staleAfterMs(Sensor s) {
        if (s.rules().staleAfterMs() != null) {
            return s.rules().staleAfterMs();
        }
        return isGas(s.kind()) ? GAS_STALE_AFTER_MS : STALE_AFTER_MS;
    }

    /**
     * Default rocLimit, in the kind's unit per minute. {@code h} and {@code range} matter only for toxic gas: 50 % of
     * H per minute, or 10 % of the range span per minute when H is unset.
     */
    public static double rocLimit(SensorKind kind, Double h, Range range) {
        return switch (kind) {
            // at least the kind's figure, and never tighter than a share of the instrument span: 0.1 MPa/min suits a
            // 1.6 MPa storage sphere but would chatter on a 16 MPa reactor
            case TANK_LEVEL -> atLeastSpan(5.0, 0.05, range);
            case TEMPERATURE -> atLeastSpan(5.0, 0.05, range);
            case PRESSURE -> atLeastSpan(0.1, 0.04, range);
            case COMBUSTIBLE_GAS -> 10.0;
            case TOXIC_GAS -> {
                if (h != null) {
                    yield 0.5 * h;
                }
                if (range == null) {
                    throw new IllegalArgumentException("toxic gas rocLimit needs H or the instrument range");
                }
                yield 0.1 * (range.max() - range.min());
            }
        };
    }

    private static double atLeastSpan(double perMin, double spanShare, Range range) {
        return range == null ? perMin : Math.max(perMin, spanShare * (range.max() - range.min()));
    }

    /** Flatline period of a kind in ms, or null where flatline detection is off (gas detectors). */
    public static Long flatlinePeriodMs(SensorKind kind) {
        return switch (kind) {
            case TANK_LEVEL, TEMPERATURE, PRESSURE -> FLATLINE_PERIOD_MS;
            case COMBUSTIBLE_GAS, TOXIC_GAS -> null;
        };
    }

    /** Whether a kind is a gas detector (gas correlation, section 8). */
    public static boolean isGas(SensorKind kind) {
        return kind == SensorKind.COMBUSTIBLE_GAS || kind == SensorKind.TOXIC_GAS;
    }
}
