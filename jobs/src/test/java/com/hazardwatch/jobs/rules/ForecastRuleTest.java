package com.hazardwatch.jobs.rules;

import static com.hazardwatch.jobs.rules.RuleFixtures.LEVEL;
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

/** Readings every 15 s so that times, values and slopes are exact binary fractions. */
class ForecastRuleTest {
    static final long STEP = 15 * SEC;

    /** One sensor's ROC window and forecast, fed reading by reading. */
    static final class Feed {
        final Sensor s;
        final RocState roc = new RocState();
        final ForecastState fc = new ForecastState();
        final List<RuleEvent> events = new ArrayList<>();
        long ts = T0;
        double v;

        Feed(Sensor s, double start) {
            this.s = s;
            this.v = start;
        }

        /** {@code n} readings rising by {@code perStep} each (the first at the current value). */
        Feed ramp(double perStep, int n) {
            for (int i = 0; i < n; i++) {
                at(v);
                v += perStep;
            }
            return this;
        }

        Feed at(double value) {
            v = value;
            RateOfChangeRule.evaluate(s, roc, reading(s, ts, value), 1e9, 0);
            events.addAll(ForecastRule.evaluate(s, fc, roc.trend, reading(s, ts, value), 5));
            ts += STEP;
            return this;
        }

        List<String> lines() {
            List<String> out = new ArrayList<>();
            for (RuleEvent e : events) {
                out.add(e.event().transition() + " " + e.event().type() + " " + e.event().alarmId() + " " + e.detail());
            }
            return out;
        }
    }

    @Test
    void raisesWithTheEstimateInWholeMinutes() {
        // +1 %/min (0.25 per 15 s) from 82.5: the first slope at 30 s, v = 83, HH (95) in 12 min
        Feed f = new Feed(LEVEL, 82.5).ramp(0.25, 3);
        assertEquals(List.of("RAISE FORECAST_HH E01-LT101:FC:" + (T0 + 30 * SEC) + " HH in 12 min"), f.lines());
        AlarmEvent a = f.events.get(0).event();
        assertEquals(83.0, a.value());
        assertEquals(95.0, a.limit());
        assertEquals(AlarmState.ACTIVE_UNACK, a.state());
        assertEquals("E01-S1", a.source());
        assertEquals(5, a.emittedAt());
        f.ramp(0.25, 20);
        assertEquals(1, f.events.size(), "a standing forecast is not repeated");
    }

    @Test
    void estimateText() {
        assertEquals("12 min", ForecastRule.minutes(12.0));
        assertEquals("12 min", ForecastRule.minutes(11.01));
        assertEquals("13 min", ForecastRule.minutes(12.5));
        assertEquals("1 min", ForecastRule.minutes(1.0));
        assertEquals("<1 min", ForecastRule.minutes(0.99));
        assertEquals("<1 min", ForecastRule.minutes(0.0));
    }

    @Test
    void nothingBeyondTheHorizonAndARaiseExactlyAtIt() {
        // from 79.5 at +1 %/min: v = 80 at 30 s, HH in exactly 15 min = the horizon
        Feed f = new Feed(LEVEL, 79.5).ramp(0.25, 3);
        assertEquals(List.of("RAISE FORECAST_HH E01-LT101:FC:" + (T0 + 30 * SEC) + " HH in 15 min"), f.lines());
        Feed g = new Feed(LEVEL, 79.25).ramp(0.25, 3);
        assertEquals(List.of(), g.lines(), "15.25 min > 15 min");
        g.ramp(0.25, 1);
        assertEquals(1, g.lines().size());
    }

    @Test
    void clearsWhenTheTrendTurns() {
        // +1 %/min from 91.5: HH in 3 min at 30 s; then 91.75 and 91.5: the slope turns to -0.4 %/min
        Feed f = new Feed(LEVEL, 91.5).ramp(0.25, 3).at(91.75).at(91.5);
        List<String> l = f.lines();
        assertEquals(List.of("RAISE FORECAST_HH E01-LT101:FC:" + (T0 + 30 * SEC) + " HH in 3 min",
                "CLEAR FORECAST_HH E01-LT101:FC:" + (T0 + 30 * SEC) + " trend turned (falling 0.4 %/min)"), l);
        assertEquals(AlarmState.RTN_UNACK, f.events.get(1).event().state());
        Feed g = new Feed(LEVEL, 82.5).ramp(0.25, 3).ramp(-1, 3);
        assertTrue(g.lines().get(1).matches("CLEAR FORECAST_HH \\S+ trend turned \\(falling [0-9.]+ %/min\\)"), g.lines().toString());
    }

    @Test
    void clearsWhenTheEstimateGrowsPastOnePointTwoTimesTheHorizon() {
        // raise at v = 83 (12 min), then slow to 0.5 %/min: the estimate grows past 18 min
        Feed f = new Feed(LEVEL, 82.5).ramp(0.25, 3).ramp(0.125, 8);
        List<String> l = f.lines();
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(1).matches("CLEAR FORECAST_HH E01-LT101:FC:" + (T0 + 30 * SEC) + " HH in (19|2\\d) min, past 18 min"), l.get(1));
    }

    @Test
    void clearsWhenHighHighIsReached() {
        // +4 %/min from 88: raise, then HH reached; no new raise while at HH
        Feed f = new Feed(LEVEL, 88).ramp(1, 12);
        List<String> l = f.lines();
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("RAISE FORECAST_HH"), l.get(0));
        assertTrue(l.get(1).endsWith(" HH reached (95 %)"), l.get(1));
        assertEquals(AlarmType.FORECAST_HH, f.events.get(1).event().type());
    }

    @Test
    void nothingWhenAlreadyAtHighHigh() {
        Feed f = new Feed(LEVEL, 95).ramp(0.25, 10);
        assertEquals(List.of(), f.lines());
    }

    @Test
    void lowLowMirrors() {
        // -1 %/min from 17.5: v = 17 at 30 s, LL (5) in 12 min
        Feed f = new Feed(LEVEL, 17.5).ramp(-0.25, 3);
        assertEquals(List.of("RAISE FORECAST_LL E01-LT101:FC:" + (T0 + 30 * SEC) + " LL in 12 min"), f.lines());
        assertEquals(5.0, f.events.get(0).event().limit());
        f.ramp(-0.25, 60);
        assertTrue(f.lines().get(1).endsWith(" LL reached (5 %)"), f.lines().toString());
    }

    @Test
    void aSharpTurnClearsOneSideButForecastsTheOtherOnlyOnceTheNewTrendIsClear() {
        Feed f = new Feed(LEVEL, 82.5).ramp(0.25, 3).at(10);
        List<String> l = f.lines();
        // a line through a rise and a sudden drop explains little of it (low R²): no LL forecast from that window
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(1).startsWith("CLEAR FORECAST_HH E01-LT101:FC:" + (T0 + 30 * SEC) + " trend turned (falling"), l.get(1));
        f.ramp(-0.25, 8); // the window now holds a steady fall only
        assertTrue(f.lines().size() == 3 && f.lines().get(2).startsWith("RAISE FORECAST_LL"), f.lines().toString());
    }

    @Test
    void noiseAroundASteadyValueForecastsNothing() {
        Feed f = new Feed(LEVEL, 84);
        // within +-1 % of 84; some windows' slopes put HH within 15 min, but no line explains them (R² < 0.8)
        double[] noisy = {84.2, 83.3, 83.0, 84.7, 83.4, 83.4, 85.0, 84.7, 83.6, 84.9, 84.1, 84.4};
        for (double v : noisy) {
            f.at(v);
        }
        assertEquals(List.of(), f.lines(), "HH 95 is 11 % away; a slope from noise must not forecast it");
    }

    @Test
    void noSlopeOrAReadingTheWindowDidNotTakeCausesNothing() {
        Feed f = new Feed(LEVEL, 90).ramp(2, 2);
        assertEquals(List.of(), f.lines(), "two readings: no slope");
        Feed g = new Feed(LEVEL, 82.5).ramp(0.25, 3);
        // a bad-quality reading and a late one: not in the window, nothing
        assertTrue(ForecastRule.evaluate(LEVEL, g.fc, g.roc.trend, reading(LEVEL, g.ts, 96, Quality.BAD), 0).isEmpty());
        assertTrue(ForecastRule.evaluate(LEVEL, g.fc, g.roc.trend, reading(LEVEL, T0, 96), 0).isEmpty());
        assertEquals(1, g.fc.side);
    }

    @Test
    void sameInputSameEventsAndIds() {
        assertEquals(new Feed(LEVEL, 82.5).ramp(0.25, 3).ramp(-0.5, 40).lines(),
                new Feed(LEVEL, 82.5).ramp(0.25, 3).ramp(-0.5, 40).lines());
    }
}
