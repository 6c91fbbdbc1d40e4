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
        DoubleSummaryStatistics levelValues = new DoubleSummaryStatistics();
        for (int t = 0; t < 600; t++) {
            gasValues.accept(gas.next(t));
            levelValues.accept(level.next(t));
        }
        assertTrue(gasValues.getMin() >= 0 && gasValues.getMax() < 5, gasValues.toString());
        assertTrue(gasValues.getMax() > gasValues.getMin(), "gas is noisy: " + gasValues);
        assertTrue(levelValues.getMax() - levelValues.getMin() > 0.5, "level moves: " + levelValues);
        assertTrue(levelValues.getMin() > 30 && levelValues.getMax() < 80, levelValues.toString());
        SensorModel temp = SensorModel.create(small.sensor("E01-TT101").orElseThrow(), 42);
        double mid = (0 + 1 + 80 - 1 - 1.7) / 2; // roughly the middle of the alarm-free band
        assertTrue(Math.abs(temp.operatingPoint() - mid) < 15, "temperature " + temp.operatingPoint());
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
