package com.hazardwatch.jobs.rules;

import static com.hazardwatch.jobs.rules.RuleFixtures.LEVEL;
import static com.hazardwatch.jobs.rules.RuleFixtures.PRESSURE;
import static com.hazardwatch.jobs.rules.RuleFixtures.SEC;
import static com.hazardwatch.jobs.rules.RuleFixtures.T0;
import static com.hazardwatch.jobs.rules.RuleFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Quality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateOfChangeRuleTest {

    /** Feeds one reading every 2 s following piecewise-constant rates (units/min), returns "TRANSITION id detail". */
    static List<String> run(Sensor s, RocState st, double start, double[][] rateAndSeconds) {
        return run(s, st, start, 2, rateAndSeconds);
    }

    /** The same with a reading every {@code step} seconds (15 s keeps all the arithmetic exact in binary). */
    static List<String> run(Sensor s, RocState st, double start, int step, double[][] rateAndSeconds) {
        List<String> out = new ArrayList<>();
        long ts = T0;
        double v = start;
        for (double[] seg : rateAndSeconds) {
            for (int i = 0; i < seg[1] / step; i++) {
                RateOfChangeRule.evaluate(s, st, reading(s, ts, v), 7).ifPresent(e -> out.add(
                        e.event().transition() + " " + e.event().alarmId() + " " + e.detail()));
                ts += step * SEC;
                v += seg[0] * step / 60.0;
            }
        }
        return out;
    }

    @Test
    void raisesAboveTheLimitAndCarriesTheSlope() {
        RocState st = new RocState();
        List<RuleEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // +6 %/min > 5 %/min
            RateOfChangeRule.evaluate(LEVEL, st, reading(LEVEL, T0 + i * 2 * SEC, 40 + 0.2 * i), 7).ifPresent(events::add);
        }
        assertEquals(1, events.size());
        RuleEvent e = events.get(0);
        AlarmEvent a = e.event();
        // first slope with 16 readings spanning 30 s
        assertEquals("E01-LT101:ROC:" + (T0 + 30 * SEC), a.alarmId());
        assertEquals(AlarmType.RATE_OF_CHANGE, a.type());
        assertEquals(AlarmTransition.RAISE, a.transition());
        assertEquals(AlarmState.ACTIVE_UNACK, a.state());
        assertEquals(43.0, a.value(), 1e-9);
        assertEquals(5.0, a.limit());
        assertEquals(T0 + 30 * SEC, a.ts());
        assertEquals(7, a.emittedAt());
        assertEquals("E01", a.enterprise());
        assertEquals("E01-S1", a.source());
        assertEquals("rising 6 %/min", e.detail());
        assertTrue(st.active);
    }

    @Test
    void hysteresisClearsOnlyAtNinetyPercentOfTheLimit() {
        RocState st = new RocState();
        // 6 %/min raises; 4.8 %/min (between 4.5 and 5) holds it; 4.4 %/min clears
        List<String> out = run(LEVEL, st, 20, new double[][] {{6, 120}, {4.8, 240}, {4.4, 240}});
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("RAISE E01-LT101:ROC:"), out.get(0));
        assertTrue(out.get(1).startsWith("CLEAR " + out.get(0).split(" ")[1] + " "), out.get(1));
        assertTrue(out.get(1).endsWith("at or below 4.5 %/min"), out.get(1));
    }

    @Test
    void exactlyAtTheLimitDoesNotRaiseAndExactlyAtNinetyPercentClears() {
        // 15 s steps: times, values and sums are exact binary fractions, so the slopes are exactly 5, 6 and 4.5
        RocState st = new RocState();
        assertEquals(List.of(), run(LEVEL, st, 20, 15, new double[][] {{5, 600}}), "|slope| = limit is not above it");
        RocState st2 = new RocState();
        List<String> out = run(LEVEL, st2, 20, 15, new double[][] {{6, 120}, {4.5, 240}});
        assertEquals(List.of(
                "RAISE E01-LT101:ROC:" + (T0 + 30 * SEC) + " rising 6 %/min",
                "CLEAR E01-LT101:ROC:" + (T0 + 30 * SEC) + " rising 4.5 %/min, at or below 4.5 %/min"), out);
    }

    @Test
    void aFallAndARecoveryAreOneEpisodeThatClearsOnceCalm() {
        RocState st = new RocState();
        List<String> out = run(PRESSURE, st, 1.5, new double[][] {{-0.2, 120}, {0.2, 120}, {0, 240}});
        // the fall raises; while the window turns its fitted line is flat but the value is still moving fast, so the
        // alarm stands through the recovery and clears only once the window and its last quarter are calm
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("RAISE E01-PT101:ROC:") && out.get(0).endsWith("falling 0.2 MPa/min"), out.toString());
        assertTrue(out.get(1).startsWith("CLEAR " + out.get(0).split(" ")[1]), out.toString());
    }

    @Test
    void noSlopeNoEvent() {
        RocState st = new RocState();
        for (int i = 0; i < 3; i++) { // 3 readings, 10 s apart, a huge jump: span 20 s < 30 s
            assertTrue(RateOfChangeRule.evaluate(LEVEL, st, reading(LEVEL, T0 + i * 10 * SEC, i * 30), 0).isEmpty());
        }
    }

    @Test
    void faultyAndLateReadingsAreNotTaken() {
        RocState st = new RocState();
        RateOfChangeRule.evaluate(LEVEL, st, reading(LEVEL, T0, 50), 0);
        RateOfChangeRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 2 * SEC, 50, Quality.BAD), 0);
        RateOfChangeRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 4 * SEC, 150), 0);
        RateOfChangeRule.evaluate(LEVEL, st, reading(LEVEL, T0 + 6 * SEC, Double.NaN), 0);
        RateOfChangeRule.evaluate(LEVEL, st, reading(LEVEL, T0 - 2 * SEC, 50), 0);
        assertEquals(1, st.trend.size());
    }

    @Test
    void defaultLimitsPerKind() {
        assertEquals(5.0, RuleDefaults.rocLimit(LEVEL));
        assertEquals(0.1, RuleDefaults.rocLimit(PRESSURE));
        RocState st = new RocState();
        // +0.12 MPa/min raises with the pressure default (0.1)
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RateOfChangeRule.evaluate(PRESSURE, st, reading(PRESSURE, T0 + i * 2 * SEC, 1.0 + 0.004 * i), 0)
                    .ifPresent(e -> out.add(e.detail()));
        }
        assertEquals(List.of("rising 0.12 MPa/min"), out);
    }

    @Test
    void aLimitOfZeroTurnsTheRuleOff() {
        RocState st = new RocState();
        for (int i = 0; i < 40; i++) {
            assertTrue(RateOfChangeRule.evaluate(LEVEL, st, reading(LEVEL, T0 + i * 2 * SEC, i), 0.0, 0).isEmpty());
        }
        assertEquals(30, st.trend.size(), "the window still fills");
    }

    @Test
    void noiseWithALargeSlopeButNoTrendRaisesNothing() {
        com.hazardwatch.model.catalogue.Sensor s = RuleFixtures.LEVEL;
        RocState st = new RocState();
        // noise whose least-squares slope is 7.6 %/min (over the 5 %/min limit) but R² only 0.2
        double[] noise = {47.0, 43.2, 51.6, 42.5, 45.2, 48.5, 51.8, 44.5, 42.7, 55.9, 47.0, 57.3};
        long ts = 1_000_000;
        for (double v : noise) {
            var e = RateOfChangeRule.evaluate(s, st, new com.hazardwatch.model.event.Reading(s.id(), s.enterprise(), s.source(),
                    s.kind().code(), ts, v, com.hazardwatch.model.event.Quality.GOOD, 0), 0);
            org.junit.jupiter.api.Assertions.assertTrue(e.isEmpty(), "noise of +-8 % must not raise: " + e);
            ts += 5_000;
        }
    }
}
