package com.hazardwatch.simulators;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Normal process behaviour of one sensing point, driven by its catalogue entry and deterministic for a seed.
 *
 * <p>The sensors of one piece of equipment share its process: the level, temperature and pressure transmitters of a
 * sphere ({@code E01-LT103}, {@code E01-TT103}, {@code E01-PT103}: same source, same loop number, the digits ending
 * the tag) follow one {@link Loop}, a deterministic function of the seed, the source, the loop number and the time,
 * so each sensor's model computes it on its own and the siblings agree without looking at each other:
 * <ul>
 *   <li>level: fill and draw-off cycles (filling 1-2.5 h, full 10-60 min, drawn off 1.5-4 h, low 10-60 min) between
 *   a low and a high bound well inside L..H;</li>
 *   <li>temperature: a daily swing (the same time of day for the whole district) and slower weather/process waves;</li>
 *   <li>pressure: follows its loop's temperature (60-80 % of its swing: a sphere's vapour pressure rises with its
 *   temperature) and its level (the rest: a fuller vessel, a higher pressure);</li>
 *   <li>combustible and toxic gas: a baseline near zero (never below the range minimum) with rare benign spikes (one
 *   every 2-6 h on average, up to 10 % of H, a linear rise and an exponential decay of a minute or two).</li>
 * </ul>
 * Every kind adds white noise (independent per reading).
 *
 * <p>No trend of normal traffic comes near the rate-of-change and forecast rules (docs/rules.md sections 2 and 3):
 * cycles, swings and spikes move at most 0.3 (spikes 0.25) of the sensor's rate-of-change limit per minute and would
 * take at least 25 min and 5/3 forecast horizons (spikes 1.5) to reach HH or LL from the edge of the normal range. A
 * least-squares slope is a weighted mean of the slopes between consecutive readings, so that holds for any window and
 * any reporting rate. The noise's spread is a tenth of that budget ({@link #trendBudget}).
 *
 * <p>Values are rounded to about 1/1000 of the span, as transmitters report them, and never stay bit-identical for
 * more than {@link #MAX_UNCHANGED_SECONDS} (a flatline period may be as short as 2 min). Whatever the noise,
 * {@link #next(double)} stays inside {@link #safeLow()}..{@link #safeHigh()}: inside the instrument range, and at
 * least the deadband plus 1 % of span away from L (or LL) and H (or HH), so normal traffic raises no alarm and would
 * let a limit alarm clear. Where the band is too narrow for that margin (a Cl2 detector with H 1 ppm and a 1 ppm
 * deadband) the margin shrinks to 1 % of span: still strictly inside L..H.
 */
public final class SensorModel {
    /** A value never stays bit-identical longer than this: it moves by one unit of resolution. */
    public static final double MAX_UNCHANGED_SECONDS = 45;
    /** Length of the daily temperature swing. */
    public static final double DAY_SECONDS = 86_400;
    /** Mean time between two spikes of a gas detector, at least (each detector draws 2-6 h). */
    public static final double MIN_SPIKE_GAP_SECONDS = 2 * 3600;

    /** Share of the rate-of-change limit a normal trend may take, at most. */
    private static final double ROC_SHARE = 0.3;
    /** A normal trend must be this many minutes from HH (LL) at least (and 5/3 forecast horizons). */
    private static final double FORECAST_MINUTES = 25;

    private final Sensor sensor;
    private final SplittableRandom random;
    private final double safeLow;
    private final double safeHigh;
    private final int decimals;
    private final double unit;
    private final Loop loop;
    private final double base;
    /** Level: value at fill 0 and 1. Temperature/pressure: swing amplitude. */
    private final double lowBound;
    private final double highBound;
    private final double amplitude;
    /** Pressure: share of the swing that follows the temperature (the rest follows the level). */
    private final double temperatureShare;
    private final double noiseSigma;
    /** Gas: spikes. */
    private final SplittableRandom spikeRandom;
    private final double spikeMax;
    private final double spikeGapSeconds;
    /** Gas: the steepest a spike rises or decays, units per second. */
    private final double spikeSlopePerSecond;
    private double spikeStart = Double.NaN;
    private double spikeAmplitude;
    private double spikeRise;
    private double spikeDecay;
    private double nextSpike = Double.NaN;
    private int spikes;

    private double lastValue = Double.NaN;
    private double unchangedSince;

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
        double rocLimit = rocLimit(sensor);
        // how far a trend may go per minute: well under the rate-of-change limit, and farMinutes from HH / LL
        Double top = limits.hh(); // the forecast looks at HH and LL only
        Double bottom = limits.ll();
        double farMinutes = Math.max(FORECAST_MINUTES, 5.0 / 3 * forecastHorizonMinutes(sensor));

        double b = mid;
        double lowB = mid;
        double highB = mid;
        double amp = 0;
        double share = 0;
        double sigma;
        double sMax = 0;
        double spikeSlope = 0;
        double gap = Double.POSITIVE_INFINITY;
        boolean gas = sensor.kind() == SensorKind.COMBUSTIBLE_GAS || sensor.kind() == SensorKind.TOXIC_GAS;
        this.loop = gas ? null : new Loop(seed, loopKey(sensor));
        switch (sensor.kind()) {
            case TANK_LEVEL -> {
                sigma = Math.min(0.001 * span, 0.05 * band);
                double in = band - 6 * sigma;
                lowB = lo + 3 * sigma + (0.10 + 0.15 * random.nextDouble()) * in;
                highB = hi - 3 * sigma - (0.08 + 0.12 * random.nextDouble()) * in;
                // the fastest segment moves the level (highB - lowB) in loop.shortestRampMinutes()
                double rate = (highB - lowB) / loop.shortestRampMinutes();
                double cap = ROC_SHARE * rocLimit;
                if (top != null) {
                    cap = Math.min(cap, (top - highB) / farMinutes);
                }
                if (bottom != null) {
                    cap = Math.min(cap, (lowB - bottom) / farMinutes);
                }
                if (rate > cap && rate > 0) {
                    double keep = Math.max(0, cap) * loop.shortestRampMinutes();
                    double c = (lowB + highB) / 2;
                    lowB = c - keep / 2;
                    highB = c + keep / 2;
                }
                b = (lowB + highB) / 2;
            }
            case TEMPERATURE, PRESSURE -> {
                b = mid + (random.nextDouble() - 0.5) * 0.2 * band;
                amp = 0.08 * band;
                sigma = (sensor.kind() == SensorKind.TEMPERATURE ? 0.002 : 0.003) * band;
                sigma = Math.max(sigma, Math.min(0.5 * unit, 0.05 * band)); // moves at its resolution
                share = 0.6 + 0.2 * random.nextDouble();
                // the swing's fastest part: the loop's waves (and, for pressure, the level's fill) per minute
                double perMinute = amp * Loop.MAX_DRIVE_SLOPE_PER_MINUTE
                        + (sensor.kind() == SensorKind.PRESSURE ? amp * (1 - share) * 2 / loop.shortestRampMinutes() : 0);
                double cap = ROC_SHARE * rocLimit;
                double headTop = top == null ? Double.POSITIVE_INFINITY : top - (b + amp);
                double headBottom = bottom == null ? Double.POSITIVE_INFINITY : (b - amp) - bottom;
                cap = Math.min(cap, Math.min(headTop, headBottom) / farMinutes);
                if (perMinute > cap && perMinute > 0) {
                    amp *= Math.max(0, cap) / perMinute;
                }
            }
            case COMBUSTIBLE_GAS, TOXIC_GAS -> {
                b = Math.min(range.min() + (0.003 + 0.012 * random.nextDouble()) * span, lo + 0.4 * band);
                b = Math.max(lo, b);
                sigma = 0.002 * span;
                double h = highAlarm != null ? highAlarm : range.max();
                double hh = top != null ? top : range.max();
                sMax = Math.max(0, Math.min(0.1 * (h - range.min()), 0.8 * (hi - b)));
                // a spike rises and decays no faster than a quarter of the rate-of-change limit, and so slowly that
                // the forecast, extrapolating from its top, never sees HH within its horizon
                // (less what rounding to the resolution can add to a trend line through readings a minute apart)
                spikeSlope = Math.max(0, Math.min(0.25 * rocLimit, (hh - b - sMax) / (1.5 * forecastHorizonMinutes(sensor)))
                        - 2 * unit) / 60;
                if (sMax < 3 * unit || spikeSlope <= 0) {
                    sMax = 0; // no room for a spike a transmitter could show
                }
                gap = MIN_SPIKE_GAP_SECONDS * (1 + 2 * random.nextDouble());
            }
            default -> throw new IllegalStateException("no model for " + sensor.kind());
        }
        // White noise: a trend line through a few noisy readings (a slow sensor) must not look like a trend worth an
        // alarm either, so its spread stays a tenth of what the rate-of-change and forecast rules would notice.
        sigma = Math.min(sigma, trendBudget(sensor, rocLimit, top, bottom, hi, lo) / 10);
        // Shrink swing and noise so that base +- (swing + 3 sigma) stays in the band; the clamp stays the guarantee.
        if (!gas && sensor.kind() != SensorKind.TANK_LEVEL) {
            double headroom = Math.min(b - lo, hi - b);
            double excursion = amp + 3 * sigma;
            if (excursion > headroom && excursion > 0) {
                double f = Math.max(0, headroom) / excursion;
                amp *= f;
                sigma *= f;
            }
        } else if (gas) {
            double headroom = hi - b;
            if (3 * sigma > headroom) {
                sigma = Math.max(0, headroom) / 3;
            }
        }
        this.base = b;
        this.lowBound = lowB;
        this.highBound = highB;
        this.amplitude = amp;
        this.temperatureShare = share;
        this.noiseSigma = sigma;
        this.spikeMax = sMax;
        this.spikeGapSeconds = gap;
        this.spikeRandom = new SplittableRandom(mix(seed, "spikes:" + sensor.id()));
        this.spikeSlopePerSecond = spikeSlope;
    }

    /** The model of a sensor for a seed: same seed and sensor id give the same sequence of values. */
    public static SensorModel create(Sensor sensor, long seed) {
        return new SensorModel(sensor, seed);
    }

    public Sensor sensor() {
        return sensor;
    }

    /** The operating point the value wanders around (a level: the middle of its cycle; gas: the baseline). */
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

    /** A level's value when its tank is at the bottom of its cycle; else the operating point. */
    public double cycleLow() {
        return sensor.kind() == SensorKind.TANK_LEVEL ? lowBound : base;
    }

    /** A level's value when its tank is at the top of its cycle; else the operating point. */
    public double cycleHigh() {
        return sensor.kind() == SensorKind.TANK_LEVEL ? highBound : base;
    }

    /** Temperature and pressure: the amplitude of the swing around the operating point (0 otherwise). */
    public double swingAmplitude() {
        return amplitude;
    }

    /** Gas: the highest a benign spike rises above the baseline (0 otherwise). */
    public double spikeMax() {
        return spikeMax;
    }

    /** Gas: spikes started so far. */
    public int spikeCount() {
        return spikes;
    }

    /** The equipment process this sensor follows, or null for a gas detector. */
    Loop loop() {
        return loop;
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
        double noise = noiseSigma > 0 ? noiseSigma * random.nextGaussian() : 0;
        double v = switch (sensor.kind()) {
            case TANK_LEVEL -> lowBound + loop.fill(t) * (highBound - lowBound) + noise;
            case TEMPERATURE -> base + amplitude * loop.drive(t) + noise;
            case PRESSURE -> base + amplitude * (temperatureShare * loop.drive(t)
                    + (1 - temperatureShare) * (2 * loop.fill(t) - 1)) + noise;
            case COMBUSTIBLE_GAS, TOXIC_GAS -> Math.max(sensor.range().min(), base + noise) + spike(t);
        };
        double out = clampRound(v, safeLow, safeHigh);
        if (Double.isNaN(lastValue) || out != lastValue) {
            unchangedSince = t;
        } else if (t - unchangedSince >= MAX_UNCHANGED_SECONDS) {
            // a live transmitter is never bit-identical for long: move by one unit, towards the middle of the band
            double step = out + unit <= safeHigh && (out - unit < safeLow || out <= (safeLow + safeHigh) / 2) ? unit : -unit;
            double moved = clampRound(out + step, safeLow, safeHigh);
            if (moved != out) {
                out = moved;
                unchangedSince = t;
            }
        }
        lastValue = out;
        return out;
    }

    /** A gas detector's spike above its baseline at t: rare, a quick rise and an exponential decay. */
    private double spike(double t) {
        if (spikeMax <= 0) {
            return 0;
        }
        if (Double.isNaN(nextSpike)) {
            nextSpike = t + exponential(spikeGapSeconds);
        }
        if (Double.isNaN(spikeStart) && t >= nextSpike) {
            spikeStart = t;
            spikeAmplitude = (0.5 + 0.5 * spikeRandom.nextDouble()) * spikeMax;
            // rise linearly, then decay exponentially, never steeper than spikeSlopePerSecond
            double fastest = spikeSlopePerSecond > 0 ? spikeAmplitude / spikeSlopePerSecond : 0;
            spikeRise = Math.max(10, fastest * (1 + 0.5 * spikeRandom.nextDouble()));
            spikeDecay = Math.max(10, fastest * (1 + spikeRandom.nextDouble()));
            spikes++;
        }
        if (Double.isNaN(spikeStart)) {
            return 0;
        }
        double x = t - spikeStart;
        if (x < spikeRise) {
            return spikeAmplitude * x / spikeRise;
        }
        double d = (x - spikeRise) / spikeDecay;
        if (d > 5) { // over: the next one comes later
            spikeStart = Double.NaN;
            nextSpike = t + exponential(spikeGapSeconds);
            return 0;
        }
        return spikeAmplitude * Math.exp(-d);
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - spikeRandom.nextDouble());
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

    /**
     * The rate-of-change limit the job applies to the sensor (units per minute; docs/rules.md section 2): the
     * catalogue's, else the kind's default. Normal traffic keeps its trends well under it.
     */
    static double rocLimit(Sensor s) {
        if (s.rules() != null && s.rules().rocLimit() != null) {
            return s.rules().rocLimit();
        }
        double span = s.range().max() - s.range().min();
        return switch (s.kind()) {
            case TANK_LEVEL, TEMPERATURE -> Math.max(5.0, 0.05 * span);
            case PRESSURE -> Math.max(0.1, 0.04 * span);
            case COMBUSTIBLE_GAS -> 10.0;
            case TOXIC_GAS -> s.limits() != null && s.limits().h() != null ? 0.5 * s.limits().h() : 0.1 * span;
        };
    }

    /**
     * How steep a trend may look without coming near an alarm, units per minute: a quarter of the rate-of-change
     * limit, and no steeper than would take a value at the edge of the normal band to HH (LL) in 1.5 forecast horizons.
     */
    static double trendBudget(Sensor s, double rocLimit, Double top, Double bottom, double hi, double lo) {
        double horizon = 1.5 * forecastHorizonMinutes(s);
        double b = 0.25 * rocLimit;
        if (top != null) {
            b = Math.min(b, Math.max(0, top - hi) / horizon);
        }
        if (bottom != null) {
            b = Math.min(b, Math.max(0, lo - bottom) / horizon);
        }
        return b;
    }

    /** The sensor's forecast horizon, minutes: the catalogue's, else 15. */
    static double forecastHorizonMinutes(Sensor s) {
        Long ms = s.rules() == null ? null : s.rules().forecastHorizonMs();
        return ms != null && ms > 0 ? ms / 60_000.0 : 15.0;
    }

    /**
     * The equipment a sensor belongs to: its source and its loop number, the digits that end its tag
     * ({@code E01-PT103} -> {@code E01-S1#103}); a tag without a number is equipment of its own.
     */
    static String loopKey(Sensor s) {
        String id = s.id();
        int end = id.length();
        int i = end;
        while (i > 0 && Character.isDigit(id.charAt(i - 1))) {
            i--;
        }
        String owner = s.source() != null && !s.source().isBlank() ? s.source() : s.enterprise();
        return owner + "#" + (i < end ? id.substring(i) : id);
    }

    /**
     * The process of one piece of equipment (a tank, a reactor): its fill fraction over fill and draw-off cycles and
     * its temperature drive (daily swing plus slower waves), both pure functions of the seed, the equipment and the
     * time, so that every sensor of the equipment sees the same process. Queried with non-decreasing t.
     */
    static final class Loop {
        /** The drive's steepest slope per minute, as a share of its amplitude (the waves of 40 min and more). */
        static final double MAX_DRIVE_SLOPE_PER_MINUTE = 0.7 * 2 * Math.PI / (DAY_SECONDS / 60)
                + 0.3 * (0.6 * 2 * Math.PI / 40 + 0.4 * 2 * Math.PI / 120);

        private static final int FILL = 0;
        private static final int FULL = 1;
        private static final int DRAW = 2;
        private static final int EMPTY = 3;

        private final SplittableRandom random;
        /** Typical length of each phase, minutes. */
        private final double[] minutes = new double[4];
        private final double dayPhase;
        private final double wave1Seconds;
        private final double wave1Phase;
        private final double wave2Seconds;
        private final double wave2Phase;
        private int phase;
        private double segStart;
        private double segEnd;

        Loop(long seed, String key) {
            this.random = new SplittableRandom(mix(seed, "loop:" + key));
            minutes[FILL] = 60 + 90 * random.nextDouble();
            minutes[FULL] = 10 + 50 * random.nextDouble();
            minutes[DRAW] = 90 + 150 * random.nextDouble();
            minutes[EMPTY] = 10 + 50 * random.nextDouble();
            // the sun is the same for the whole district: the daily phase depends on the seed only
            this.dayPhase = 2 * Math.PI * new SplittableRandom(mix(seed, "day")).nextDouble();
            this.wave1Seconds = 60 * (40 + 80 * random.nextDouble());
            this.wave1Phase = 2 * Math.PI * random.nextDouble();
            this.wave2Seconds = 60 * (120 + 240 * random.nextDouble());
            this.wave2Phase = 2 * Math.PI * random.nextDouble();
            this.phase = random.nextInt(4);
            double length = length(phase);
            this.segStart = -length * random.nextDouble(); // the cycle was under way when the run started
            this.segEnd = segStart + length;
        }

        /** Seconds of a phase: its typical length +- 20 %. */
        private double length(int p) {
            return 60 * minutes[p] * (0.8 + 0.4 * random.nextDouble());
        }

        /** The shortest a fill or a draw-off can take, minutes. */
        double shortestRampMinutes() {
            return 0.8 * Math.min(minutes[FILL], minutes[DRAW]);
        }

        /** Fill fraction 0..1 at t: rising while filling, 1 while full, falling while drawn off, 0 while low. */
        double fill(double t) {
            while (t >= segEnd) {
                phase = (phase + 1) % 4;
                segStart = segEnd;
                segEnd = segStart + length(phase);
            }
            double f = Math.max(0, Math.min(1, (t - segStart) / (segEnd - segStart)));
            return switch (phase) {
                case FILL -> f;
                case FULL -> 1;
                case DRAW -> 1 - f;
                default -> 0;
            };
        }

        /** Temperature drive -1..1 at t: 0.7 of it the daily swing, 0.3 slower weather and process waves. */
        double drive(double t) {
            double day = Math.sin(2 * Math.PI * t / DAY_SECONDS + dayPhase);
            double waves = 0.6 * Math.sin(2 * Math.PI * t / wave1Seconds + wave1Phase)
                    + 0.4 * Math.sin(2 * Math.PI * t / wave2Seconds + wave2Phase);
            return 0.7 * day + 0.3 * waves;
        }
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
