package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SensorRulesFunctionTest {
    static final Catalogue CATALOGUE = new Catalogue("t", List.of(new Town("T01", "t")),
            List.of(new Enterprise("E01", "e", "T01", List.of(new Source("E01-S1", "s", 2)))), List.of(LimitEvaluatorTest.LEVEL));

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, AlarmEvent> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SensorRulesFunction(CATALOGUE)), Reading::sensor, Types.STRING);
        h.open();
        return h;
    }

    private static Reading reading(long ts, double v, Quality q) {
        return new Reading("E01-LT101", "E01", "E01-S1", "level", ts, v, q, 0);
    }

    private static List<String> summary(List<AlarmEvent> events) {
        return events.stream().map(e -> e.transition() + " " + e.type()).toList();
    }

    @Test
    void raisesAndClearsThroughFlinkState() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(1000, 50, Quality.GOOD), 1000);
            h.processElement(reading(2000, 96, Quality.GOOD), 2000);
            h.processElement(reading(3000, 50, Quality.GOOD), 3000);
            List<AlarmEvent> out = h.extractOutputValues();
            assertEquals(List.of("RAISE HIGH_HIGH", "CLEAR HIGH_HIGH"), summary(out));
            assertEquals(out.get(0).alarmId(), out.get(1).alarmId());
        }
    }

    @Test
    void lateAndDuplicateReadingsDoNotMoveTheState() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(5000, 50, Quality.GOOD), 5000);
            h.processElement(reading(4000, 99, Quality.GOOD), 4000); // older than the newest: not evaluated
            h.processElement(reading(5000, 99, Quality.GOOD), 5000); // same timestamp again: a duplicate
            assertEquals(List.of(), h.extractOutputValues());
        }
    }

    @Test
    void badQualityRaisesFaultAndSkipsLimitsUntilAGoodReading() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(1000, 99, Quality.BAD), 1000);
            h.processElement(reading(2000, 99, Quality.UNCERTAIN), 2000);
            List<AlarmEvent> out = h.extractOutputValues();
            assertEquals(List.of("RAISE FAULT", "CLEAR FAULT", "RAISE HIGH_HIGH"), summary(out));
            assertTrue(out.get(0).detail().contains("quality bad"), out.get(0).detail());
        }
    }

    @Test
    void valueOutsideTheInstrumentRangeIsAFaultNotAnHighHigh() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(1000, 150, Quality.GOOD), 1000);
            assertEquals(List.of("RAISE FAULT"), summary(h.extractOutputValues()));
        }
    }

    @Test
    void aSteadyRiseRaisesRateOfChangeAndForecastBeforeTheLimits() throws Exception {
        try (var h = harness()) {
            // +8 %/min from 40 %: rocLimit for level is 5 %/min; HH 95 % is about 7 minutes away
            for (int i = 0; i <= 12; i++) {
                long ts = 1_000_000 + i * 5_000L;
                h.processElement(reading(ts, 40 + 8.0 * i * 5 / 60, Quality.GOOD), ts);
            }
            List<AlarmEvent> out = h.extractOutputValues();
            assertEquals(List.of("RAISE RATE_OF_CHANGE", "RAISE FORECAST_HH"), summary(out).stream().distinct().toList());
            AlarmEvent forecast = out.stream().filter(e -> e.type() == AlarmType.FORECAST_HH).findFirst().orElseThrow();
            assertTrue(forecast.detail().startsWith("HH in "), forecast.detail());
            assertTrue(out.stream().noneMatch(e -> e.type() == AlarmType.HIGH || e.type() == AlarmType.HIGH_HIGH));
        }
    }

    @Test
    void stateHoldsOneEntryPerSensorAndNoTimers() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(1000, 99, Quality.GOOD), 1000);
            assertEquals(1, h.numKeyedStateEntries());
            assertEquals(0, h.numProcessingTimeTimers());
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void eventsAndStateAreFlinkPojosNotKryo() {
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(Reading.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(AlarmEvent.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(SensorState.class));
    }

    /** The overfill drill's profile, one reading a second: up from 58 % to 97 %, a hold, down to 58 %, then level. */
    @Test
    void trendAlarmsDoNotExtrapolateAChangeThatIsOver() {
        SensorState st = new SensorState();
        List<String> out = new java.util.ArrayList<>();
        long ts = 1_000_000;
        java.util.List<Double> profile = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) profile.add(58.0);               // level
        for (int i = 1; i <= 35; i++) profile.add(58.0 + 39.0 * i / 35); // rising to 97
        for (int i = 0; i < 10; i++) profile.add(97.0);               // hold
        for (int i = 1; i <= 20; i++) profile.add(97.0 - 39.0 * i / 20); // falling to 58
        for (int i = 0; i < 90; i++) profile.add(58.0);               // level again
        for (double v : profile) {
            long t = ts;
            SensorRules.apply(LimitEvaluatorTest.LEVEL, st, reading(t, v, Quality.GOOD), 0,
                    e -> out.add((t - 1_000_000) / 1000 + "s " + e.transition() + " " + e.type()));
            ts += 1000;
        }
        // while rising: rate of change, a forecast, then H and HH; falling: no new HH forecast; level again: nothing new
        long raisesAfterPeak = out.stream().filter(l -> l.contains("RAISE") && Integer.parseInt(l.split("s ")[0]) >= 75).count();
        assertEquals(0, raisesAfterPeak, out.toString());
        assertTrue(out.stream().anyMatch(l -> l.endsWith("RAISE FORECAST_HH")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.endsWith("CLEAR RATE_OF_CHANGE")), out.toString());
    }
}
