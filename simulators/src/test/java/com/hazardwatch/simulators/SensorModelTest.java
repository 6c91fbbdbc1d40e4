package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorModelTest {
    /** Ten simulated minutes at one reading per second for every sensor: no L/H crossing, always in range. */
    static void assertNormalTrafficRaisesNoAlarm(Catalogue catalogue, long seed) {
        List<String> problems = new ArrayList<>();
        for (Sensor s : catalogue.sensors()) {
            SensorModel m = SensorModel.create(s, seed);
            Limits l = s.limits() == null ? Limits.NONE : s.limits();
            double span = s.range().max() - s.range().min();
            double top = l.h() != null ? l.h() : l.hh() != null ? l.hh() : s.range().max();
            double bottom = l.l() != null ? l.l() : l.ll() != null ? l.ll() : s.range().min();
            // whether the band leaves room to stay a deadband away from the limits (not so for H 1, deadband 1)
            boolean roomForDeadband = top - s.deadband() > Math.max(s.range().min(), bottom + s.deadband()) + 0.02 * span;
            double db = roomForDeadband ? s.deadband() : 0;
            for (int t = 0; t <= 600; t++) {
                double v = m.next(t);
                String where = s.id() + " at " + t + " s = " + v;
                if (!s.range().contains(v)) {
                    problems.add(where + " outside range " + s.range());
                }
                if (l.h() != null && v >= l.h() - db) {
                    problems.add(where + " not below H - deadband " + (l.h() - db));
                }
                if (l.hh() != null && v >= l.hh()) {
                    problems.add(where + " reaches HH " + l.hh());
                }
                if (l.l() != null && v <= l.l() + db) {
                    problems.add(where + " not above L + deadband " + (l.l() + db));
                }
                if (l.ll() != null && v <= l.ll()) {
                    problems.add(where + " reaches LL " + l.ll());
                }
                if (problems.size() > 20) {
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems, first: " + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        }
    }

    @Test
    void demoDistrictNormalTrafficStaysInsideLimitsAndRange() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        assertEquals(233, demo.sensorCount());
        for (long seed : new long[] {42, 1, 2, 3, 20240601}) {
            assertNormalTrafficRaisesNoAlarm(demo, seed);
        }
    }

    @Test
    void awkwardLimitsStayInsideToo() {
        for (long seed = 0; seed < 50; seed++) {
            assertNormalTrafficRaisesNoAlarm(TestCatalogues.small(), seed);
        }
    }

    @Test
    void sameSeedSameValuesOtherSeedOtherValues() {
        Sensor s = TestCatalogues.small().sensor("E01-TT101").orElseThrow();
        SensorModel a = SensorModel.create(s, 42);
        SensorModel b = SensorModel.create(s, 42);
        SensorModel c = SensorModel.create(s, 43);
        List<Double> va = new ArrayList<>();
        List<Double> vb = new ArrayList<>();
        List<Double> vc = new ArrayList<>();
        for (int t = 0; t < 100; t += 2) {
            va.add(a.next(t));
            vb.add(b.next(t));
            vc.add(c.next(t));
        }
        assertEquals(va, vb);
        assertNotEquals(va, vc);
    }

    @Test
    void sensorsWithTheSameLimitsDoNotMoveInLockstep() {
        Sensor x = TestCatalogues.sensor("A", SensorKind.TEMPERATURE, 0, 100, new Limits(null, 10.0, 90.0, null), 1);
        Sensor y = TestCatalogues.sensor("B", SensorKind.TEMPERATURE, 0, 100, new Limits(null, 10.0, 90.0, null), 1);
        assertNotEquals(SensorModel.create(x, 42).next(0), SensorModel.create(y, 42).next(0));
    }

    @Test
    void operatingPointsLookLikeThePlant() {
        Catalogue small = TestCatalogues.small();
        SensorModel level = SensorModel.create(small.sensor("E01-LT101").orElseThrow(), 42);
        assertTrue(level.operatingPoint() >= 40 && level.operatingPoint() <= 70, "level " + level.operatingPoint());
        SensorModel gas = SensorModel.create(small.sensor("E01-GT101").orElseThrow(), 42);
        assertTrue(gas.operatingPoint() >= 0 && gas.operatingPoint() <= 2, "gas " + gas.operatingPoint());
        DoubleSummaryStatistics gasValues = new DoubleSummaryStatistics();
        for (int t = 0; t < 600; t++) {
            gasValues.accept(gas.next(t));
        }
        assertTrue(gasValues.getMin() >= 0 && gasValues.getMax() < 5, gasValues.toString());
        assertTrue(gasValues.getMax() > gasValues.getMin(), "gas is noisy: " + gasValues);
        SensorModel temp = SensorModel.create(small.sensor("E01-TT101").orElseThrow(), 42);
        double mid = (0 + 1 + 80 - 1 - 1.7) / 2; // roughly the middle of the alarm-free band
        assertTrue(Math.abs(temp.operatingPoint() - mid) < 15, "temperature " + temp.operatingPoint());
    }

    /** Tank levels fill and are drawn off in cycles of hours, between bounds well inside L..H. */
    @Test
    void levelsCycleForHoursBetweenBoundsWellInsideTheBand() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        int levels = 0;
        for (long seed : new long[] {42, 7}) {
            for (Sensor s : demo.sensors()) {
                if (s.kind() != SensorKind.TANK_LEVEL) {
                    continue;
                }
                levels++;
                SensorModel m = SensorModel.create(s, seed);
                Limits l = s.limits();
                double lo = m.cycleLow();
                double hi = m.cycleHigh();
                assertTrue(lo > l.l() + s.deadband() && hi < l.h() - s.deadband(), s.id() + " cycle " + lo + ".." + hi);
                assertTrue(hi - lo >= 0.25 * (l.h() - l.l()), s.id() + " swings " + lo + ".." + hi + ": a real fill and draw-off");
                double mid = (lo + hi) / 2;
                List<Double> upCrossings = new ArrayList<>();
                double prev = Double.NaN;
                double min = Double.MAX_VALUE;
                double max = -Double.MAX_VALUE;
                double steepest = 0;
                double tenMinutesAgo = Double.NaN;
                for (int i = 0; i <= 48 * 360; i++) { // every 10 s for 48 h
                    double t = i * 10.0;
                    double v = m.next(t);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    if (!Double.isNaN(prev) && prev < mid && v >= mid) {
                        upCrossings.add(t);
                    }
                    if (i % 60 == 0) {
                        if (!Double.isNaN(tenMinutesAgo)) {
                            steepest = Math.max(steepest, Math.abs(v - tenMinutesAgo) / 10);
                        }
                        tenMinutesAgo = v;
                    }
                    prev = v;
                }
                assertTrue(min >= lo - 0.5 && max <= hi + 0.5, s.id() + " stays in its cycle: " + min + ".." + max);
                assertTrue(max - min >= 0.9 * (hi - lo), s.id() + " goes through its cycle in 48 h: " + min + ".." + max);
                assertTrue(upCrossings.size() >= 4, s.id() + " fills again and again: " + upCrossings.size() + " fills in 48 h");
                double period = (upCrossings.get(upCrossings.size() - 1) - upCrossings.get(0)) / (upCrossings.size() - 1) / 3600;
                assertTrue(period >= 2 && period <= 11, s.id() + " cycle of " + period + " h");
                assertTrue(steepest <= 1.0, s.id() + " moves at most " + steepest + " %/min (rate-of-change limit 5 %/min)");
            }
        }
        assertEquals(54, levels);
    }

    /** Temperatures swing with the time of day (the same time for the whole district), plus noise. */
    @Test
    void temperaturesSwingDaily() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        Double districtPhase = null;
        for (Sensor s : demo.sensors()) {
            if (s.kind() != SensorKind.TEMPERATURE) {
                continue;
            }
            SensorModel m = SensorModel.create(s, 42);
            assertTrue(m.swingAmplitude() > 0, s.id() + " swings");
            double a = 0;
            double b = 0;
            int n = 0;
            double day = SensorModel.DAY_SECONDS;
            for (int t = 0; t < 2 * day; t += 60) { // two days, every minute
                double v = m.next(t) - m.operatingPoint();
                a += v * Math.cos(2 * Math.PI * t / day);
                b += v * Math.sin(2 * Math.PI * t / day);
                n++;
            }
            double daily = 2 * Math.hypot(a, b) / n;
            assertTrue(daily >= 0.5 * m.swingAmplitude() && daily <= 0.9 * m.swingAmplitude(),
                    s.id() + ": daily swing " + daily + " of a swing amplitude " + m.swingAmplitude());
            double phase = Math.atan2(a, b);
            if (districtPhase == null) {
                districtPhase = phase;
            }
            double diff = Math.abs(Math.atan2(Math.sin(phase - districtPhase), Math.cos(phase - districtPhase)));
            assertTrue(diff < 0.5, s.id() + " peaks at another time of day: " + phase + " vs " + districtPhase);
        }
    }

    /**
     * A pressure transmitter follows the level and the temperature of its equipment: its siblings, the sensors of the
     * same source with the same loop number (E01-PT103: E01-LT103, E01-TT103).
     */
    @Test
    void pressureFollowsItsSiblingLevelAndTemperature() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        int checked = 0;
        for (Sensor p : demo.sensors()) {
            if (p.kind() != SensorKind.PRESSURE) {
                continue;
            }
            Sensor level = sibling(demo, p, SensorKind.TANK_LEVEL);
            Sensor temp = sibling(demo, p, SensorKind.TEMPERATURE);
            if (level == null || temp == null) {
                continue;
            }
            SensorModel pm = SensorModel.create(p, 42);
            SensorModel lm = SensorModel.create(level, 42);
            SensorModel tm = SensorModel.create(temp, 42);
            int n = 24 * 60; // a day, every minute
            double[] pv = new double[n];
            double[] lv = new double[n];
            double[] tv = new double[n];
            for (int i = 0; i < n; i++) {
                double t = i * 60.0;
                pv[i] = pm.next(t);
                lv[i] = lm.next(t + 0.7); // the siblings report at other moments of the schedule
                tv[i] = tm.next(t + 1.3);
            }
            double[] fit = regress(pv, lv, tv);
            assertTrue(fit[0] > 0 && fit[1] > 0, p.id() + " rises with " + level.id() + " and " + temp.id() + ": " + java.util.Arrays.toString(fit));
            assertTrue(fit[2] >= 0.9, p.id() + " explained by " + level.id() + " and " + temp.id() + ": R2 " + fit[2]);
            assertTrue(correlation(pv, tv) >= 0.5, p.id() + " follows " + temp.id() + " first: r " + correlation(pv, tv));
            checked++;
        }
        assertTrue(checked >= 15, "spheres and tanks with level, temperature and pressure: " + checked);
    }

    /** Gas detectors: a noisy baseline near zero, rare short spikes well under H, never below the range. */
    @Test
    void gasDetectorsSpikeRarelyShortlyAndWellUnderH() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        long spikes = 0;
        long detectorHours = 0;
        int withSpikes = 0;
        for (Sensor s : demo.sensors()) {
            if (s.kind() != SensorKind.COMBUSTIBLE_GAS && s.kind() != SensorKind.TOXIC_GAS) {
                continue;
            }
            SensorModel m = SensorModel.create(s, 42);
            double h = s.limits().h();
            assertTrue(m.operatingPoint() >= s.range().min() && m.operatingPoint() <= s.range().min() + 0.02 * (s.range().max() - s.range().min()),
                    s.id() + " baseline " + m.operatingPoint());
            assertTrue(m.spikeMax() <= 0.1 * h, s.id() + " spikes up to " + m.spikeMax() + ", H " + h);
            double threshold = m.operatingPoint() + 0.5 * m.spikeMax();
            int high = 0;
            int n = 0;
            double max = 0;
            double longestHigh = 0;
            double highSince = Double.NaN;
            for (int i = 0; i < 24 * 1800; i++) { // a day, every 2 s
                double t = i * 2.0;
                double v = m.next(t);
                assertTrue(v >= s.range().min(), s.id() + " below its range: " + v);
                max = Math.max(max, v);
                n++;
                if (m.spikeMax() > 0 && v > threshold) {
                    high++;
                    if (Double.isNaN(highSince)) {
                        highSince = t;
                    }
                    longestHigh = Math.max(longestHigh, t - highSince);
                } else {
                    highSince = Double.NaN;
                }
            }
            assertTrue(max < 0.5 * h, s.id() + " reaches " + max + ", H " + h);
            assertTrue(high < 0.05 * n, s.id() + " is up in a spike " + high + " of " + n + " readings: rare");
            assertTrue(longestHigh <= 10 * 60, s.id() + " spike lasts " + longestHigh + " s: short");
            spikes += m.spikeCount();
            withSpikes += m.spikeMax() > 0 ? 1 : 0;
            detectorHours += 24;
        }
        double perHour = spikes / (double) detectorHours;
        assertTrue(withSpikes >= 90, "most detectors can spike: " + withSpikes);
        assertTrue(perHour >= 1 / 8.0 && perHour <= 1 / 1.5, "spikes per detector-hour " + perHour + " (" + spikes + ")");
    }

    /** No value is bit-identical for long: a flatline period can be as short as 2 min. */
    @Test
    void noValueStaysUnchangedForAMinute() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        for (double step : new double[] {2.0, 0.1}) {
            for (Sensor s : demo.sensors()) {
                SensorModel m = SensorModel.create(s, 42);
                double last = Double.NaN;
                double since = 0;
                for (int i = 0; i * step <= (step < 1 ? 600 : 7200); i++) {
                    double t = i * step;
                    double v = m.next(t);
                    if (v != last) {
                        last = v;
                        since = t;
                    }
                    assertTrue(t - since <= 60, s.id() + " unchanged at " + v + " for " + (t - since) + " s (step " + step + " s)");
                }
            }
        }
    }

    @Test
    void everyKindIsDeterministicForASeed() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        for (SensorKind kind : SensorKind.values()) {
            Sensor s = demo.sensors().stream().filter(x -> x.kind() == kind).findFirst().orElseThrow();
            List<Double> a = series(s, 42);
            assertEquals(a, series(s, 42), s.id());
            assertNotEquals(a, series(s, 43), s.id());
        }
    }

    private static List<Double> series(Sensor s, long seed) {
        SensorModel m = SensorModel.create(s, seed);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            out.add(m.next(i * 2.0));
        }
        return out;
    }

    /** The sensor of {@code kind} with the same source and loop number as {@code s}, or null. */
    private static Sensor sibling(Catalogue c, Sensor s, SensorKind kind) {
        String loop = s.id().replaceAll("^.*?(\\d+)$", "$1");
        return c.sensors().stream()
                .filter(x -> x.kind() == kind && x.source().equals(s.source()) && x.id().replaceAll("^.*?(\\d+)$", "$1").equals(loop))
                .findFirst().orElse(null);
    }

    private static double correlation(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Least squares y = c + b1 x1 + b2 x2: {b1, b2, R2}. */
    private static double[] regress(double[] y, double[] x1, double[] x2) {
        double my = mean(y);
        double m1 = mean(x1);
        double m2 = mean(x2);
        double s11 = 0;
        double s22 = 0;
        double s12 = 0;
        double s1y = 0;
        double s2y = 0;
        double syy = 0;
        for (int i = 0; i < y.length; i++) {
            double a = x1[i] - m1;
            double b = x2[i] - m2;
            double c = y[i] - my;
            s11 += a * a;
            s22 += b * b;
            s12 += a * b;
            s1y += a * c;
            s2y += b * c;
            syy += c * c;
        }
        double det = s11 * s22 - s12 * s12;
        double b1 = (s1y * s22 - s2y * s12) / det;
        double b2 = (s2y * s11 - s1y * s12) / det;
        double explained = b1 * s1y + b2 * s2y;
        return new double[] {b1, b2, explained / syy};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Test
    void valuesAreRoundedToTheSpansResolution() {
        Catalogue small = TestCatalogues.small();
        SensorModel pressure = SensorModel.create(small.sensor("E01-PT101").orElseThrow(), 42);
        SensorModel level = SensorModel.create(small.sensor("E01-LT101").orElseThrow(), 42);
        assertEquals(3, pressure.decimals());
        assertEquals(1, level.decimals());
        for (int t = 0; t < 50; t++) {
            double p = pressure.next(t);
            assertEquals(p, Math.round(p * 1000) / 1000.0, 0.0);
            double v = level.next(t);
            assertEquals(v, Math.round(v * 10) / 10.0, 0.0);
        }
    }
}
