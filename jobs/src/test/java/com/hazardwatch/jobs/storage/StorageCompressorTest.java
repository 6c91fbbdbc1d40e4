package com.hazardwatch.jobs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazardwatch.model.catalogue.Compression;
import com.hazardwatch.model.catalogue.Compression.Method;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Property test of storage compression: over many random and adversarial series, the trend read back from the stored
 * points (deadband: a step holding each stored value; swinging door: straight lines between stored points) is within
 * the deviation of every original reading. Prints the compression ratio (readings per stored point) of each family.
 */
class StorageCompressorTest {
    private static final long NO_GAP = Long.MAX_VALUE / 4;
    private static final double[] DEVIATIONS = {0.01, 0.1, 0.5, 2.0};
    private static final int SEEDS = 25;
    private static final int LENGTH = 2_000;
    /** family -> method -> {readings, stored}. */
    private static final Map<String, Map<Method, long[]>> RATIOS = new LinkedHashMap<>();

    /** A series family: from a random source and the deviation, values at the given times. */
    private static final Map<String, BiFunction<Random, Double, double[]>> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("random walk", (r, d) -> {
            double[] v = new double[LENGTH];
            for (int i = 1; i < LENGTH; i++) {
                v[i] = v[i - 1] + r.nextGaussian() * d;
            }
            return v;
        });
        FAMILIES.put("steps", (r, d) -> {
            double[] v = new double[LENGTH];
            double level = 50;
            for (int i = 0; i < LENGTH; i++) {
                if (r.nextInt(100) == 0) {
                    level += (r.nextDouble() - 0.5) * 40 * d;
                }
                v[i] = level;
            }
            return v;
        });
        FAMILIES.put("ramps", (r, d) -> {
            double[] v = new double[LENGTH];
            double slope = 0;
            for (int i = 1; i < LENGTH; i++) {
                if (r.nextInt(200) == 0) {
                    slope = (r.nextDouble() - 0.5) * d;
                }
                v[i] = v[i - 1] + slope;
            }
            return v;
        });
        FAMILIES.put("noise", (r, d) -> {
            double[] v = new double[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                v[i] = 20 + r.nextGaussian() * d;
            }
            return v;
        });
        FAMILIES.put("spikes", (r, d) -> {
            double[] v = new double[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                v[i] = 10 + (r.nextInt(50) == 0 ? (r.nextBoolean() ? 1 : -1) * 100 * d : r.nextGaussian() * d * 0.2);
            }
            return v;
        });
        FAMILIES.put("tank fill (sine + noise)", (r, d) -> {
            double[] v = new double[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                v[i] = 50 + 30 * Math.sin(i / 300.0) + r.nextGaussian() * d * 0.3;
            }
            return v;
        });
        // adversarial: exactly at the deviation, alternating sides; the bound is met with equality
        FAMILIES.put("zigzag at the deviation", (r, d) -> {
            double[] v = new double[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                v[i] = (i % 2 == 0 ? d : -d) * (r.nextInt(10) == 0 ? 1.0000001 : 1);
            }
            return v;
        });
        FAMILIES.put("constant", (r, d) -> new double[LENGTH]);
        FAMILIES.put("huge values", (r, d) -> {
            double[] v = new double[LENGTH];
            v[0] = 1e6;
            for (int i = 1; i < LENGTH; i++) {
                v[i] = v[i - 1] + r.nextGaussian() * d * 3;
            }
            return v;
        });
    }

    @Test
    void trendFromStoredPointsIsWithinTheDeviationOfEveryReading() {
        int series = 0;
        for (var family : FAMILIES.entrySet()) {
            for (Method m : Method.values()) {
                for (double dev : DEVIATIONS) {
                    for (int seed = 0; seed < SEEDS; seed++) {
                        Random random = new Random(seed * 31L + family.getKey().hashCode());
                        double[] values = family.getValue().apply(random, dev);
                        long[] ts = times(random, values.length, seed % 3 == 0);
                        List<Reading> in = readings(ts, values);
                        List<Reading> stored = compress(new Compression(m, dev), NO_GAP, in, List.of());
                        assertWithinBound(family.getKey() + " " + m.code() + " dev " + dev + " seed " + seed, m, dev, in, stored);
                        long[] count = RATIOS.computeIfAbsent(family.getKey(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(m, k -> new long[2]);
                        count[0] += in.size();
                        count[1] += stored.size();
                        series++;
                    }
                }
            }
        }
        assertEquals(FAMILIES.size() * 2 * DEVIATIONS.length * SEEDS, series);
    }

    @Test
    void firstReadingAndTheReadingsAroundAGapAQualityChangeOrAnAlarmAreStored() {
        for (Method m : Method.values()) {
            Compression c = new Compression(m, 1.0);
            List<Reading> in = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                in.add(reading(1_000L * i, 5, Quality.GOOD));
            }
            in.add(reading(200_000, 5, Quality.GOOD));       // after a 191 s gap (stale period 60 s)
            in.add(reading(201_000, 5, Quality.GOOD));
            in.add(reading(202_000, 5, Quality.UNCERTAIN));  // quality changes
            in.add(reading(203_000, 5, Quality.UNCERTAIN));
            in.add(reading(204_000, 5, Quality.UNCERTAIN));  // alarm transition on this one (index 14)
            in.add(reading(205_000, 5, Quality.UNCERTAIN));
            List<Reading> stored = compress(c, 60_000, in, List.of(14));
            List<Long> at = stored.stream().map(Reading::ts).toList();
            assertEquals(List.of(0L, 9_000L, 200_000L, 201_000L, 202_000L, 203_000L, 204_000L, 205_000L), at, m.code());
            assertWithinBound("gaps " + m.code(), m, 1.0, in, stored);
        }
    }

    @Test
    void outOfOrderReadingIsStoredAsItIs() {
        CompressionState st = new CompressionState();
        List<Reading> stored = new ArrayList<>();
        Compression c = new Compression(Method.SWINGING_DOOR, 1);
        StorageCompressor.offer(c, NO_GAP, st, reading(10_000, 1, Quality.GOOD), false, stored::add);
        StorageCompressor.offer(c, NO_GAP, st, reading(11_000, 1, Quality.GOOD), false, stored::add);
        StorageCompressor.offer(c, NO_GAP, st, reading(5_000, 7, Quality.GOOD), false, stored::add);
        assertEquals(List.of(10_000L, 5_000L), stored.stream().map(Reading::ts).toList());
        assertEquals(11_000L, st.heldTs, "the held point is kept");
    }

    @Test
    void stateIsAFlinkPojo() {
        PojoTypeInfo<?> t = (PojoTypeInfo<?>) TypeInformation.of(CompressionState.class);
        for (int i = 0; i < t.getArity(); i++) {
            assertTrue(!(t.getPojoFieldAt(i).getTypeInformation() instanceof GenericTypeInfo), "no Kryo: " + t.getPojoFieldAt(i));
        }
    }

    @AfterAll
    static void printRatios() {
        if (RATIOS.isEmpty()) {
            return;
        }
        System.out.println("storage compression: readings per stored point (all deviations " + java.util.Arrays.toString(DEVIATIONS)
                + ", " + SEEDS + " seeds, " + LENGTH + " readings a series)");
        System.out.printf("  %-26s %12s %14s%n", "series", "deadband", "swinging-door");
        for (var e : RATIOS.entrySet()) {
            long[] d = e.getValue().get(Method.DEADBAND);
            long[] s = e.getValue().get(Method.SWINGING_DOOR);
            if (d == null || s == null) {
                continue; // the property test stopped early
            }
            System.out.printf("  %-26s %11.1fx %13.1fx%n", e.getKey(), (double) d[0] / d[1], (double) s[0] / s[1]);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    static List<Reading> compress(Compression c, long gapMs, List<Reading> in, List<Integer> alarmAt) {
        CompressionState st = new CompressionState();
        List<Reading> stored = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            StorageCompressor.offer(c, gapMs, st, in.get(i), alarmAt.contains(i), stored::add);
        }
        StorageCompressor.flush(st, in.get(in.size() - 1), stored::add);
        return stored;
    }

    /** Every reading against the trend read back from the stored points. */
    static void assertWithinBound(String what, Method m, double dev, List<Reading> in, List<Reading> stored) {
        assertEquals(in.get(0), stored.get(0), what + ": the first reading is stored");
        for (int i = 1; i < stored.size(); i++) {
            assertTrue(stored.get(i).ts() > stored.get(i - 1).ts(), what + ": stored points in time order");
        }
        int j = 0;
        for (Reading r : in) {
            while (j + 1 < stored.size() && stored.get(j + 1).ts() <= r.ts()) {
                j++;
            }
            Reading a = stored.get(j);
            double back;
            if (a.ts() == r.ts() || m == Method.DEADBAND) {
                back = a.value();
            } else {
                if (j + 1 >= stored.size()) {
                    fail(what + ": reading at " + r.ts() + " is after the last stored point " + a.ts());
                }
                Reading b = stored.get(j + 1);
                back = a.value() + (b.value() - a.value()) * (r.ts() - a.ts()) / (double) (b.ts() - a.ts());
            }
            double tolerance = dev + 1e-9 * Math.max(1, Math.abs(r.value()));
            if (Math.abs(r.value() - back) > tolerance) {
                fail(what + ": reading " + r.value() + " at " + r.ts() + " read back as " + back + ", off by "
                        + Math.abs(r.value() - back) + " > deviation " + dev);
            }
        }
    }

    /** Regular 1 s steps, or irregular ones (1 ms .. 5 s). */
    static long[] times(Random r, int n, boolean irregular) {
        long[] t = new long[n];
        t[0] = 1_700_000_000_000L;
        for (int i = 1; i < n; i++) {
            t[i] = t[i - 1] + (irregular ? 1 + r.nextInt(5_000) : 1_000);
        }
        return t;
    }

    static List<Reading> readings(long[] ts, double[] v) {
        List<Reading> out = new ArrayList<>(v.length);
        for (int i = 0; i < v.length; i++) {
            out.add(reading(ts[i], v[i], Quality.GOOD));
        }
        return out;
    }

    static Reading reading(long ts, double v, Quality q) {
        return new Reading("E01-LT101", "E01", "E01-S1", "level", ts, v, q, ts);
    }
}
