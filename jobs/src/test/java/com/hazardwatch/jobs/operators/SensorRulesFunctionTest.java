package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SensorRulesFunctionTest {
    static final Catalogue CATALOGUE = new Catalogue("t", List.of(new Town("T01", "t")),
            List.of(new Enterprise("E01", "e", "T01", List.of(new Source("E01-S1", "s", 2)))), List.of(LimitEvaluatorTest.LEVEL));

    /** Wraps the two-input harness so that the tests read like the one-input ones: readings in, conditions out. */
    static final class Harness implements AutoCloseable {
        final KeyedTwoInputStreamOperatorTestHarness<String, Reading, CatalogueEntry, LifecycleInput> h;

        Harness(Catalogue catalogue) throws Exception {
            this(catalogue, 0L);
        }

        Harness(Catalogue catalogue, long reorderWindowMs) throws Exception {
            h = new KeyedTwoInputStreamOperatorTestHarness<>(
                    new KeyedCoProcessOperator<>(new SensorRulesFunction(catalogue, 300_000L, reorderWindowMs)),
                    Reading::sensor, CatalogueEntry::sensorId, Types.STRING);
            h.setProcessingTime(0);
            h.open();
        }

        void processElement(Reading r, long ts) throws Exception {
            h.processElement1(new StreamRecord<>(r, ts));
        }

        void entry(CatalogueEntry e) throws Exception {
            h.processElement2(new StreamRecord<>(e, 0));
        }

        void clock(long ms) throws Exception {
            h.setProcessingTime(ms);
        }

        /** The conditions of the main output (commands left out). */
        List<AlarmEvent> extractOutputValues() {
            return h.extractOutputValues().stream().filter(i -> i.condition != null).map(i -> i.condition).toList();
        }

        List<LifecycleInput> inputs() {
            return h.extractOutputValues();
        }

        List<AlarmEvent> link() {
            var q = h.getSideOutput(SensorRulesFunction.LINK);
            return q == null ? List.of() : q.stream().map(r -> r.getValue().condition).toList();
        }

        List<DeadLetter> deadLetters() {
            var q = h.getSideOutput(SensorRulesFunction.DEAD_LETTERS);
            return q == null ? List.of() : q.stream().map(r -> r.getValue()).toList();
        }

        int numKeyedStateEntries() {
            return h.numKeyedStateEntries();
        }

        int numProcessingTimeTimers() {
            return h.numProcessingTimeTimers();
        }

        int numEventTimeTimers() {
            return h.numEventTimeTimers();
        }

        @Override
        public void close() throws Exception {
            h.close();
        }
    }

    private static Harness harness() throws Exception {
        return new Harness(CATALOGUE);
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
            h.clock(1_000_000); // the engine's clock where the readings are stamped: none is from the future
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
    void stateHoldsOneEntryPerSensorAndOneSilenceTimer() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(1000, 99, Quality.GOOD), 1000);
            h.processElement(reading(2000, 99, Quality.GOOD), 2000);
            assertEquals(1, h.numKeyedStateEntries());
            assertEquals(1, h.numProcessingTimeTimers());
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void silenceRaisesStaleOnProcessingTimeAndTheNextReadingClearsIt() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(1000, 50, Quality.GOOD), 1000);
            h.clock(30_000);
            h.processElement(reading(2000, 50, Quality.GOOD), 2000); // arrives at 30 s: silence counts from here
            h.clock(89_999);
            assertEquals(List.of(), h.link());
            h.clock(90_000); // 60 s (the level default) after the last arrival
            assertEquals(List.of("RAISE STALE"), summary(h.link()));
            AlarmEvent stale = h.link().get(0);
            assertEquals("E01-LT101:STALE:2000", stale.alarmId());
            assertEquals("no data for 60 s (stale after 60 s)", stale.detail());
            h.clock(200_000);
            assertEquals(1, h.link().size(), "raised once, not again on every tick");
            h.processElement(reading(3000, 50, Quality.GOOD), 3000);
            assertEquals(List.of("RAISE STALE", "CLEAR STALE"), summary(h.link()));
            assertEquals(stale.alarmId(), h.link().get(1).alarmId());
        }
    }

    @Test
    void aCatalogueSensorNeverHeardFromIsStaleToo() throws Exception {
        try (var h = harness()) {
            h.entry(CatalogueEntry.of(LimitEvaluatorTest.LEVEL, 0));
            assertEquals(1, h.numProcessingTimeTimers());
            h.clock(60_000);
            assertEquals(List.of("RAISE STALE"), summary(h.link()));
            assertEquals("never heard from in 60 s (stale after 60 s)", h.link().get(0).detail());
        }
    }

    @Test
    void aPushedLimitTakesEffectOnTheNextReading() throws Exception {
        try (var h = harness()) {
            h.entry(CatalogueEntry.of(LimitEvaluatorTest.LEVEL, 0));
            h.processElement(reading(1000, 80, Quality.GOOD), 1000);
            assertEquals(List.of(), h.extractOutputValues());
            var l = LimitEvaluatorTest.LEVEL.limits();
            h.entry(CatalogueEntry.of(LimitEvaluatorTest.LEVEL.withLimits(
                    new com.hazardwatch.model.catalogue.Limits(l.ll(), l.l(), 75.0, l.hh())), 5));
            h.entry(CatalogueEntry.of(LimitEvaluatorTest.LEVEL, 0)); // an older revision changes nothing
            h.processElement(reading(2000, 80, Quality.GOOD), 2000);
            assertEquals(List.of("RAISE HIGH"), summary(h.extractOutputValues()));
            assertEquals(75.0, h.extractOutputValues().get(0).limit());
        }
    }

    @Test
    void aRemovedSensorClearsItsAlarmsDropsItsStateAndItsReadingsGoToTheDeadLetters() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(1000, 99, Quality.GOOD), 1000);
            h.entry(CatalogueEntry.removal("E01-LT101", "E01", 7));
            assertEquals(List.of("RAISE HIGH_HIGH", "CLEAR HIGH_HIGH"), summary(h.extractOutputValues()));
            assertEquals("sensor removed from the catalogue at revision 7", h.extractOutputValues().get(1).detail());
            assertEquals(1, h.numKeyedStateEntries(), "only the removal is kept");
            assertEquals(1, h.numProcessingTimeTimers(), "the retention timer, the silence timer is gone");
            h.processElement(reading(2000, 99, Quality.GOOD), 2000);
            assertEquals(1, h.deadLetters().size());
            assertEquals(RejectReason.UNKNOWN_SENSOR, h.deadLetters().get(0).reason());
            assertTrue(h.deadLetters().get(0).detail().contains("removed at revision 7"), h.deadLetters().get(0).detail());
            h.clock(SensorRulesFunction.REMOVAL_RETENTION_MS);
            assertEquals(0, h.numKeyedStateEntries(), "state back to zero once the removal has been kept long enough");
            assertEquals(0, h.numProcessingTimeTimers());
        }
    }

    @Test
    void aReadingFromTheFutureIsRejected() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(400_000, 50, Quality.GOOD), 400_000);
            assertEquals(List.of(), h.extractOutputValues());
            assertEquals(RejectReason.FUTURE_TIMESTAMP, h.deadLetters().get(0).reason());
            assertEquals(0, h.numKeyedStateEntries());
        }
    }

    @Test
    void anUnknownSensorGoesToTheDeadLetters() throws Exception {
        try (var h = harness()) {
            h.processElement(new Reading("E09-XX1", "E09", null, "level", 1000, 50, Quality.GOOD, 0), 1000);
            assertEquals(RejectReason.UNKNOWN_SENSOR, h.deadLetters().get(0).reason());
            assertEquals("sensor 'E09-XX1' is not in the job's catalogue", h.deadLetters().get(0).detail());
        }
    }

    @Test
    void outOfServiceInTheCatalogueBecomesACommandForTheLifecycle() throws Exception {
        try (var h = harness()) {
            h.entry(CatalogueEntry.of(LimitEvaluatorTest.LEVEL.withRules(
                    com.hazardwatch.model.catalogue.RuleSettings.DEFAULTS.withOutOfService(true)), 3));
            h.entry(CatalogueEntry.of(LimitEvaluatorTest.LEVEL, 4));
            List<String> commands = h.inputs().stream().filter(i -> i.command != null)
                    .map(i -> i.command.command() + " " + i.command.sensor() + " by " + i.command.operator() + ": " + i.command.comment())
                    .toList();
            assertEquals(List.of("OUT_OF_SERVICE E01-LT101 by catalogue: catalogue revision 3",
                    "IN_SERVICE E01-LT101 by catalogue: catalogue revision 4"), commands);
        }
    }

    @Test
    void withAReorderWindowReadingsThatArriveOutOfOrderWithinItAreEvaluatedInTimestampOrder() throws Exception {
        try (var h = new Harness(CATALOGUE, 1000)) {
            h.processElement(reading(1000, 50, Quality.GOOD), 1000);
            h.processElement(reading(3000, 50, Quality.GOOD), 3000);
            h.processElement(reading(2000, 96, Quality.GOOD), 2000); // overtaken on its way, within the window
            assertEquals(List.of(), h.extractOutputValues(), "nothing before the window ends");
            h.clock(999);
            assertEquals(List.of(), h.extractOutputValues());
            h.clock(1000);
            List<AlarmEvent> out = h.extractOutputValues();
            assertEquals(List.of("RAISE HIGH_HIGH", "CLEAR HIGH_HIGH"), summary(out));
            assertEquals("E01-LT101:HI:2000", out.get(0).alarmId());
            assertEquals(3000, out.get(1).ts());

            // one arriving after its window was evaluated is late: stored, moves nothing
            h.processElement(reading(2500, 99, Quality.GOOD), 2500);
            h.clock(2000);
            assertEquals(2, h.extractOutputValues().size());
            assertEquals(4, h.h.getSideOutput(SensorRulesFunction.ACCEPTED).size(), "every reading is stored");
        }
    }

    @Test
    void withoutAReorderWindowTheOvertakenReadingIsLate() throws Exception {
        try (var h = harness()) {
            h.processElement(reading(1000, 50, Quality.GOOD), 1000);
            h.processElement(reading(3000, 50, Quality.GOOD), 3000);
            h.processElement(reading(2000, 96, Quality.GOOD), 2000);
            assertEquals(List.of(), h.extractOutputValues());
            assertEquals(3, h.h.getSideOutput(SensorRulesFunction.ACCEPTED).size());
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
