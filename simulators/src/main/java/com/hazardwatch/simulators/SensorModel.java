package com.hazardwatch.simulators;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Normal process behaviour of one sensing point: an operating point well inside the alarm-free band, a slow swing
 * and correlated noise (an Ornstein-Uhlenbeck process), deterministic for a seed and the sensor id.
 *
 * <ul>
 *   <li>level: operating point at 40-70 % of range, slow fill/draw swing (30-90 min), small noise</li>
 *   <li>temperature: mid-band, slow swing (1-3 h), small noise</li>
 *   <li>pressure: mid-band, small swing (30-90 min), small noise</li>
 * Swings and noise are slow and small enough that normal traffic stays well under the rate-of-change and forecast
 * rules of docs/rules.md: a drill must raise only the alarms its scenario causes.
 *   <li>combustible and toxic gas: a noisy baseline at 0-2 % of range, never below the range minimum</li>
 * </ul>
 *
 * <p>Whatever the noise, {@link #next(double)} stays inside {@link #safeLow()}..{@link #safeHigh()}: inside the
 * instrument range, and at least the deadband plus 1 % of span away from L (or LL) and H (or HH), so normal traffic
 * raises no alarm and would let a limit alarm clear. Where the band is too narrow for that margin (a Cl2 detector
 * with H 1 ppm and a 1 ppm deadband) the margin shrinks to 1 % of span: still strictly inside L..H.
 */
public final class SensorModel {
    private final Sensor sensor;
    private final SplittableRandom random;
    private final double safeLow;
    private final double safeHigh;
    private final double base;
    private final double swingAmplitude;
    private final double swingPeriodSeconds;
    private final double swingPhase;
    private final double noiseSigma;
    private final double noiseTauSeconds;
    private final int decimals;
    private final double unit;

    private double noise;
    private double lastT = Double.NaN;

    private SensorModel(Sensor sensor, long seed) {
        this.sensor = sensor;
        this.random = new SplittableRandom(mix(seed, sensor.id()));
        Range range = sensor.range();
        Limits limits = sensor.limits() == null ? Limits.NONE : sensor.limits();
        double span = range.max() - range.min();
        double margin = Math.max(0, sensor.deadband()) + 0.01 * span;

        Double lowAlarm = limits.l() != null ? limits.l() : limits.ll();
        Double highAlarm = limits.h() != null ? limits.h() : limits.hh();
        double lo = lowAlarm == null ? range.min() : Math.max(range.min(), lowAlarm + margin);
        double hi = highAlarm == null ? range.max() : Math.min(range.max(), highAlarm - margin);
        if (lo > hi) { // deadband too wide for the band (e.g. H 1 ppm, deadband 1 ppm): keep 1 % of span off the limits
            double small = 0.01 * span;
            lo = lowAlarm == null ? range.min() : Math.max(range.min(), lowAlarm + small);
            hi = highAlarm == null ? range.max() : Math.min(range.max(), highAlarm - small);
        }
        if (lo > hi) { // a band narrower than that: sit in the middle of the alarm-free band
            double mid = (Math.max(range.min(), lowAlarm == null ? range.min() : lowAlarm)
                    + Math.min(range.max(), highAlarm == null ? range.max() : highAlarm)) / 2;
            lo = mid;
            hi = mid;
        }
        this.safeLow = lo;
        this.safeHigh = hi;
        this.decimals = decimalsFor(span);
        this.unit = Math.pow(10, -decimals);
        double band = hi - lo;
        double mid = (lo + hi) / 2;

        double b;
        double amp;
        double period;
        double sigma;
        double tau;
        boolean floorAtMin = false;
        switch (sensor.kind()) {
            case TANK_LEVEL -> {
                double pLo = Math.max(lo, range.min() + 0.40 * span);
                double pHi = Math.min(hi, range.min() + 0.70 * span);
                b = pLo <= pHi ? pLo + (0.2 + 0.6 * random.nextDouble()) * (pHi - pLo) : mid;
                amp = 0.03 * span;
                period = 1800 + 3600 * random.nextDouble();
                sigma = 0.001 * span;
                tau = 5;
            }
            case TEMPERATURE -> {
                b = mid + (random.nextDouble() - 0.5) * 0.2 * band;
                amp = 0.05 * band;
                period = 3600 + 7200 * random.nextDouble();
                sigma = 0.002 * band;
                tau = 5;
            }
            case PRESSURE -> {
                b = mid + (random.nextDouble() - 0.5) * 0.2 * band;
                amp = 0.03 * band;
                period = 1800 + 3600 * random.nextDouble();
                sigma = 0.003 * band;
                tau = 5;
            }
            case COMBUSTIBLE_GAS, TOXIC_GAS -> {
                b = Math.min(hi, Math.max(lo, range.min() + 0.02 * span * random.nextDouble()));
                amp = 0;
                period = 600;
                sigma = 0.002 * span;
                tau = 3;
                floorAtMin = true;
            }
            default -> throw new IllegalStateException("no model for " + sensor.kind());
        }
        // Shrink swing and noise so that base +- (swing + 3 sigma) stays in the band; the clamp stays the guarantee.
        double headroom = floorAtMin ? hi - b : Math.min(b - lo, hi - b);
        double excursion = amp + 3 * sigma;
        if (excursion > headroom && excursion > 0) {
            double f = Math.max(0, headroom) / excursion;
            amp *= f;
            sigma *= f;
        }
        this.base = b;
        this.swingAmplitude = amp;
        this.swingPeriodSeconds = period;
        this.swingPhase = 2 * Math.PI * random.nextDouble();
        this.noiseSigma = sigma;
        this.noiseTauSeconds = tau;
        this.noise = sigma * random.nextGaussian();
    }

    /** The model of a sensor for a seed: same seed and sensor id give the same sequence of values. */
    public static SensorModel create(Sensor sensor, long seed) {
        return new SensorModel(sensor, seed);
    }

    public Sensor sensor() {
        return sensor;
    }

    /** The operating point the value wanders around. */
    public double operatingPoint() {
        return base;
    }

    /** Lowest value normal traffic may take. */
    public double safeLow() {
        return safeLow;
    }

    /** Highest value normal traffic may take. */
    public double safeHigh() {
        return safeHigh;
    }

    /** Decimal places values are rounded to (about four significant digits of the span). */
    public int decimals() {
        return decimals;
    }

    /**
     * The value at time {@code t} seconds after the start; calls must come with non-decreasing t.
     * Rounded to {@link #decimals()} and inside {@link #safeLow()}..{@link #safeHigh()}.
     */
    public double next(double t) {
        double dt = Double.isNaN(lastT) ? 0 : Math.max(0, t - lastT);
        lastT = t;
        if (dt > 0 && noiseSigma > 0) {
            double a = Math.exp(-dt / noiseTauSeconds);
            noise = a * noise + noiseSigma * Math.sqrt(1 - a * a) * random.nextGaussian();
        }
        double swing = swingAmplitude * Math.sin(2 * Math.PI * t / swingPeriodSeconds + swingPhase);
        return clampRound(base + swing + noise, safeLow, safeHigh);
    }

    /** Rounds v to this sensor's resolution, keeping it inside lo..hi (which must be in range). */
    public double clampRound(double v, double lo, double hi) {
        double c = Math.min(hi, Math.max(lo, v));
        double r = round(c);
        if (r > hi) {
            r = round(r - unit);
        }
        if (r < lo) {
            r = round(r + unit);
        }
        return Math.min(hi, Math.max(lo, r));
    }

    /** Rounds to this sensor's resolution. */
    public double round(double v) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    static int decimalsFor(double span) {
        if (!(span > 0)) {
            return 3;
        }
        return (int) Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(span))));
    }

    /** Seed of a sensor's generator: the run seed mixed with a stable 64-bit hash (FNV-1a) of the sensor id. */
    static long mix(long seed, String sensorId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : sensorId.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        long z = seed * 0x9E3779B97F4A7C15L + h;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
