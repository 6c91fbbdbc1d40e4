package com.hazardwatch.jobs.rules;

import static com.hazardwatch.jobs.rules.RuleFixtures.SEC;
import static com.hazardwatch.jobs.rules.RuleFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendWindowTest {

    /** Slope from scratch over what the window keeps, the reference for the incremental sums. */
    static double batchSlope(TrendWindow w) {
        int n = w.count;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            int k = (w.head + i) % w.ts.length;
            mx += (w.ts[k] - w.newestTs()) / 60_000.0;
            my += w.values[k];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            int k = (w.head + i) % w.ts.length;
            double x = (w.ts[k] - w.newestTs()) / 60_000.0 - mx;
            sxy += x * (w.values[k] - my);
            sxx += x * x;
        }
        return sxy / sxx;
    }

    @Test
    void exactSlopeOnARisingLine() {
        TrendWindow w = new TrendWindow();
        for (int i = 0; i <= 600; i++) { // 20 min at 2 s, +6 units/min = 0.1 per second
            long ts = T0 + i * 2 * SEC;
            assertTrue(w.add(ts, 40 + 0.1 * i * 2));
            if (i >= 15) { // 30 s spanned: half the window
                assertEquals(6.0, w.slope().orElseThrow(), 1e-9, "at reading " + i);
            }
        }
        assertEquals(30, w.size(), "60 s at 2 s: readings in (t - 60 s, t]");
    }

    @Test
    void exactSlopeOnFallingLinesOfLargeValuesAndIrregularSpacing() {
        TrendWindow w = new TrendWindow();
        long ts = T0;
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            ts += 500 + rnd.nextInt(3000);
            w.add(ts, 10_000.0 - 0.25 * (ts - T0) / 60_000.0);
            if (w.slope().isPresent()) {
                assertEquals(-0.25, w.slope().getAsDouble(), 1e-9);
            }
        }
        assertTrue(w.slope().isPresent());
    }

    @Test
    void flatLineHasSlopeZero() {
        TrendWindow w = new TrendWindow();
        for (int i = 0; i < 40; i++) {
            w.add(T0 + i * 2 * SEC, 1.23);
        }
        assertEquals(0.0, w.slope().orElseThrow(), 1e-12);
    }

    @Test
    void robustToNoise() {
        TrendWindow w = new TrendWindow();
        Random rnd = new Random(42);
        for (int i = 0; i < 300; i++) { // 1 s readings, +6 units/min, noise +-0.2
            w.add(T0 + i * SEC, 50 + 0.1 * i + (rnd.nextDouble() - 0.5) * 0.4);
            if (i >= 59) {
                assertEquals(6.0, w.slope().orElseThrow(), 0.6, "within 10 % at reading " + i);
            }
        }
    }

    @Test
    void incrementalSumsMatchABatchFitAfterManyReadings() {
        TrendWindow w = new TrendWindow();
        Random rnd = new Random(1);
        long ts = T0;
        for (int i = 0; i < 20_000; i++) {
            ts += 200 + rnd.nextInt(2000);
            w.add(ts, 1_000 + Math.sin(i / 50.0) * 30 + rnd.nextGaussian());
            if (i % 97 == 0 && w.slope().isPresent()) {
                double b = batchSlope(w);
                assertEquals(b, w.slope().getAsDouble(), 1e-9 * Math.max(1, Math.abs(b)), "at " + i);
            }
        }
    }

    @Test
    void tooFewPointsOrTooShortASpanGiveNoSlope() {
        TrendWindow w = new TrendWindow();
        assertTrue(w.slope().isEmpty());
        w.add(T0, 1);
        w.add(T0 + 30 * SEC, 2);
        assertTrue(w.slope().isEmpty(), "2 points, even spanning half the window");
        TrendWindow v = new TrendWindow();
        v.add(T0, 1);
        v.add(T0 + 10 * SEC, 2);
        v.add(T0 + 29 * SEC, 3);
        assertTrue(v.slope().isEmpty(), "3 points spanning 29 s < 30 s");
        v.add(T0 + 30 * SEC, 4);
        assertTrue(v.slope().isPresent(), "4 points spanning exactly half the window");
    }

    @Test
    void readingsOlderThanTheWindowLeaveIt() {
        TrendWindow w = new TrendWindow();
        w.add(T0, 0);
        w.add(T0 + 30 * SEC, 3);
        w.add(T0 + 59 * SEC, 5.9);
        assertEquals(3, w.size());
        w.add(T0 + 60 * SEC, 6);
        assertEquals(3, w.size(), "the reading exactly 60 s old left the window");
        assertEquals(T0 + 30 * SEC, w.oldestTs());
        w.add(T0 + 10 * 60 * SEC, 100);
        assertEquals(1, w.size(), "after a gap only the new reading remains");
        assertTrue(w.slope().isEmpty());
    }

    @Test
    void refusesOutOfOrderDuplicateAndNonFinite() {
        TrendWindow w = new TrendWindow();
        assertTrue(w.add(T0 + 10 * SEC, 1));
        assertFalse(w.add(T0 + 10 * SEC, 2), "same ts");
        assertFalse(w.add(T0 + 5 * SEC, 2), "older");
        assertFalse(w.add(T0 + 20 * SEC, Double.NaN));
        assertFalse(w.add(T0 + 20 * SEC, Double.POSITIVE_INFINITY));
        assertEquals(1, w.size());
        assertEquals(1.0, w.newestValue());
    }

    @Test
    void ringOverflowDropsTheOldestAndKeepsASlopeOverWhatIsKept() {
        TrendWindow w = new TrendWindow(60_000, 16);
        // 10 readings a second for 60 s: 600 in the window, only 16 (1.5 s) kept
        for (int i = 0; i < 600; i++) {
            w.add(T0 + i * 100L, 20 + 0.05 * i); // 0.5 per second = 30 per minute
        }
        assertEquals(16, w.size());
        assertEquals(T0 + 584 * 100L, w.oldestTs(), "the newest 16 are kept");
        assertEquals(30.0, w.slope().orElseThrow(), 1e-9,
                "dropped readings still count for the span condition, the fit is over the 16 kept");
    }

    @Test
    void ringOverflowForgottenOnceTheDroppedReadingsLeaveTheWindow() {
        TrendWindow w = new TrendWindow(60_000, 4);
        for (int i = 0; i < 8; i++) {
            w.add(T0 + i * SEC, i);
        }
        assertTrue(w.slope().isEmpty(), "8 readings over 7 s: too short a span although the ring overflowed");
        for (int i = 0; i < 40; i++) {
            w.add(T0 + 8 * SEC + i * SEC, 8 + i);
        }
        assertEquals(60.0, w.slope().orElseThrow(), 1e-9);
        w.add(T0 + 200 * SEC, 1);
        w.add(T0 + 201 * SEC, 2);
        w.add(T0 + 202 * SEC, 3);
        assertTrue(w.slope().isEmpty(), "after a gap the old overflow does not count for the span");
    }

    @Test
    void sameInputSameSlope() {
        TrendWindow a = new TrendWindow();
        TrendWindow b = new TrendWindow();
        Random r1 = new Random(3);
        Random r2 = new Random(3);
        for (int i = 0; i < 1000; i++) {
            a.add(T0 + i * 1500L, r1.nextGaussian());
            b.add(T0 + i * 1500L, r2.nextGaussian());
        }
        assertEquals(a.slope(), b.slope());
    }
}
