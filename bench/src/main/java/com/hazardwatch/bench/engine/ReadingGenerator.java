package com.hazardwatch.bench.engine;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.json.ReadingCodec;
import com.hazardwatch.simulators.SensorModel;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Deterministic readings for the engine benchmark, as normalised hw.readings records ({@link ReadingCodec#toJson}).
 *
 * <ul>
 *   <li>every sensor reads once per round, every {@value #INTERVAL_MS} ms of event time (staggered within the round),
 *       so timestamps increase per sensor;</li>
 *   <li>values follow the simulator's {@link SensorModel} (in band, no alarms);</li>
 *   <li>{@value #EXCURSION_PERCENT} % of the sensors with limits make excursions: a ramp from the normal value out past
 *       H (about half of them on through HH; or past L/LL for low-side ones) and back, lasting a quarter to a half of
 *       a 60-200-round cycle, so alarms are raised, escalated, de-escalated and cleared all through the run;</li>
 *   <li>1 in 1,000 readings has quality bad (stored, not evaluated), 1 in 10,000 names a sensor that is not in the
 *       catalogue and 1 in 100,000 is not valid JSON (both dead letters).</li>
 * </ul>
 * Same catalogue, sizes and seed give the same bytes.
 */
public final class ReadingGenerator {
    /** Event-time interval between two readings of a sensor. */
    public static final long INTERVAL_MS = 2_000;
    /** Share of the sensors with limits that make excursions, in percent. */
    public static final int EXCURSION_PERCENT = 3;
    /** Event time of round 0: 2024-11-22T08:00:00+08:00. */
    public static final long T0 = 1_732_233_600_000L;

    static final double BAD_QUALITY = 1e-3;
    static final double UNKNOWN_SENSOR = 1e-4;
    static final double MALFORMED = 1e-5;

    private ReadingGenerator() {}

    /**
     * Readings of the first {@code sensors} sensors of the catalogue, {@code readings / sensors} rounds of them (the
     * count is rounded down to whole rounds; at least one round).
     */
    public static ReadingData generate(Catalogue catalogue, int sensors, long readings, long seed) {
        if (sensors < 1 || sensors > catalogue.sensorCount()) {
            throw new IllegalArgumentException("sensors must be 1.." + catalogue.sensorCount() + " (the catalogue's size), got " + sensors);
        }
        long rounds = Math.max(1, readings / sensors);
        if (rounds * sensors > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rounds * sensors + " readings do not fit one array; use fewer");
        }
        int n = (int) rounds * sensors;
        byte[][] records = new byte[n][];
        List<Sensor> list = catalogue.sensors().subList(0, sensors);
        AtomicInteger excursions = new AtomicInteger();
        AtomicLong bad = new AtomicLong();
        AtomicLong unknown = new AtomicLong();
        AtomicLong malformed = new AtomicLong();
        // one sensor's series per task: SensorModel is sequential per sensor, the sensors are independent
        IntStream.range(0, sensors).parallel().forEach(j -> {
            Sensor s = list.get(j);
            SensorModel model = SensorModel.create(s, seed);
            Excursion ex = Excursion.of(s, model, new SplittableRandom(mix(seed, j, -1)));
            if (ex != null) {
                excursions.incrementAndGet();
            }
            long stagger = (j * 37L) % 1000;
            long b = 0;
            long u = 0;
            long m = 0;
            for (int r = 0; r < rounds; r++) {
                long ts = T0 + r * INTERVAL_MS + stagger;
                double v = model.next(r * (INTERVAL_MS / 1000.0));
                if (ex != null) {
                    v = model.round(ex.apply(r, v));
                }
                double dice = (mix(seed, j, r) >>> 11) * 0x1.0p-53;
                Quality q = dice < BAD_QUALITY ? Quality.BAD : Quality.GOOD;
                String id = s.id();
                if (dice < UNKNOWN_SENSOR) {
                    id = "ZZ-" + s.id(); // not in the catalogue: a dead letter
                    u++;
                } else if (q == Quality.BAD) {
                    b++;
                }
                byte[] json = ReadingCodec.toJson(new Reading(id, s.enterprise(), s.source(), s.kind().code(), ts, v, q,
                        ts + 40 + (j % 200)));
                if (dice < MALFORMED) {
                    json = Arrays.copyOf(json, json.length / 2); // cut short: not JSON
                    m++;
                    u--;
                }
                records[r * sensors + j] = json;
            }
            bad.addAndGet(b);
            unknown.addAndGet(u);
            malformed.addAndGet(m);
        });
        return new ReadingData(records, sensors, (int) rounds,
                new ReadingData.Composition(excursions.get(), bad.get(), unknown.get(), malformed.get()));
    }

    /** A repeating ramp out of the band and back on one side, for one sensor. */
    private record Excursion(int period, int length, int offset, double target) {
        static Excursion of(Sensor s, SensorModel model, SplittableRandom random) {
            Limits l = s.limits() == null ? Limits.NONE : s.limits();
            boolean hasHigh = l.h() != null || l.hh() != null;
            boolean hasLow = l.l() != null || l.ll() != null;
            if ((!hasHigh && !hasLow) || random.nextInt(100) >= EXCURSION_PERCENT) {
                return null;
            }
            boolean high = hasHigh && (!hasLow || random.nextInt(3) > 0);
            boolean deep = random.nextBoolean();
            double target;
            if (high) {
                Double first = l.h() != null ? l.h() : l.hh();
                Double second = l.h() != null ? l.hh() : null;
                double edge = s.range().max();
                target = second != null && deep ? second + 0.5 * (edge - second)
                        : second != null ? (first + second) / 2 : first + 0.5 * (edge - first);
                if (target < first) {
                    return null;
                }
            } else {
                Double first = l.l() != null ? l.l() : l.ll();
                Double second = l.l() != null ? l.ll() : null;
                double edge = s.range().min();
                target = second != null && deep ? second - 0.5 * (second - edge)
                        : second != null ? (first + second) / 2 : first - 0.5 * (first - edge);
                if (target > first) {
                    return null;
                }
            }
            int period = 60 + random.nextInt(141);
            int length = period / 4 + random.nextInt(period / 4 + 1);
            return new Excursion(period, length, random.nextInt(period), model.round(target));
        }

        /** The value at round r, given the normal one: a triangle from normal to target and back over length rounds. */
        double apply(int r, double normal) {
            int phase = (r + offset) % period;
            if (phase >= length) {
                return normal;
            }
            double half = length / 2.0;
            double f = phase <= half ? phase / half : (length - phase) / half;
            return normal + (target - normal) * Math.min(1.0, f);
        }
    }

    /** A well-mixed 64-bit hash of (seed, sensor, round): the same every run. */
    static long mix(long seed, long sensor, long round) {
        long z = seed * 0x9E3779B97F4A7C15L + sensor * 0xC2B2AE3D27D4EB4FL + round * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
