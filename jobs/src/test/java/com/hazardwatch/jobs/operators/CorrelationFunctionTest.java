package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The per-source gas correlation operator on Flink's keyed harness (docs/rules.md section 8, AREA). */
class CorrelationFunctionTest {
    static final long T0 = 1_732_262_400_000L;
    static final long SEC = 1_000;

    static Sensor gas(String id, String source) {
        return new Sensor(id, "gas", "E01", "T01", source, 1, SensorKind.COMBUSTIBLE_GAS, "%LEL", new Range(0, 100),
                new Limits(null, null, 20.0, 40.0), 2.0);
    }

    static final Sensor GT1 = gas("E01-GT101", "E01-S1");
    static final Sensor GT2 = gas("E01-GT102", "E01-S1");
    static final Sensor GT3 = gas("E01-GT103", "E01-S1");
    static final Sensor OTHER = gas("E01-GT201", "E01-S2");

    private static KeyedOneInputStreamOperatorTestHarness<String, GasSignal, LifecycleInput> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CorrelationFunction()),
                (GasSignal g) -> g.sensor().source(), Types.STRING);
        h.setProcessingTime(T0);
        h.open();
        return h;
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, GasSignal, LifecycleInput> h, Sensor s, boolean inAlarm,
            long ts) throws Exception {
        h.processElement(new GasSignal(s, inAlarm, ts), ts);
    }

    static List<LifecycleInput> drain(KeyedOneInputStreamOperatorTestHarness<String, GasSignal, LifecycleInput> h) {
        List<LifecycleInput> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    /** "KIND owner alarmId TRANSITION TYPE p{priority}" of each input for the lifecycle. */
    static List<String> lines(List<LifecycleInput> inputs) {
        return inputs.stream().map(i -> i.kind + " " + i.owner + " " + i.condition.alarmId() + " " + i.condition.transition()
                + " " + i.condition.type() + " p" + i.priority).toList();
    }

    @Test
    void twoDetectorsInAlarmWithinTheWindowRaiseOneAreaAlarmAndTheClearOfOneClearsIt() throws Exception {
        try (var h = harness()) {
            feed(h, GT1, true, T0);
            assertEquals(List.of(), drain(h), "one detector is not an area");
            assertEquals(1, h.numKeyedStateEntries());

            feed(h, GT2, true, T0 + 45 * SEC);
            List<LifecycleInput> raised = drain(h);
            String id = "E01-S1:AREA:" + (T0 + 45 * SEC);
            assertEquals(List.of("CONDITION E01-S1 " + id + " RAISE AREA_GAS p1"), lines(raised));
            LifecycleInput area = raised.get(0);
            assertEquals("E01-S1", area.condition.sensor());
            assertEquals("E01-S1", area.condition.source());
            assertEquals("E01", area.condition.enterprise());
            assertEquals("T01", area.town);
            assertEquals(1, area.sourceGrade);
            assertEquals(2.0, area.condition.value(), "detectors in alarm");
            assertEquals(T0 + 45 * SEC, area.condition.ts());

            feed(h, GT3, true, T0 + 50 * SEC);
            assertEquals(List.of(), drain(h), "a third detector joins the standing AREA alarm");
            feed(h, GT3, false, T0 + 55 * SEC);
            assertEquals(List.of(), drain(h), "two are still in alarm");

            feed(h, GT1, false, T0 + 90 * SEC);
            List<LifecycleInput> cleared = drain(h);
            assertEquals(List.of("CONDITION E01-S1 " + id + " CLEAR AREA_GAS p1"), lines(cleared));
            assertEquals(T0 + 90 * SEC, cleared.get(0).condition.ts());
            assertEquals(1, h.numKeyedStateEntries(), "GT102 is still in alarm");

            feed(h, GT2, false, T0 + 100 * SEC);
            assertEquals(List.of(), drain(h));
            assertEquals(0, h.numKeyedStateEntries(), "no detector in alarm: the state is gone");
        }
    }

    @Test
    void detectorsRaisedFurtherApartThanTheWindowRaiseNothing() throws Exception {
        try (var h = harness()) {
            feed(h, GT1, true, T0);
            feed(h, GT2, true, T0 + 61 * SEC);
            assertEquals(List.of(), drain(h));
            feed(h, GT1, false, T0 + 70 * SEC);
            feed(h, GT2, false, T0 + 80 * SEC);
            assertEquals(List.of(), drain(h));
            assertEquals(0, h.numKeyedStateEntries());
        }
    }

    @Test
    void sourcesAreCorrelatedApart() throws Exception {
        try (var h = harness()) {
            feed(h, GT1, true, T0);
            feed(h, OTHER, true, T0 + SEC);
            assertEquals(List.of(), drain(h), "one detector in alarm on each of two sources");
            feed(h, GT2, true, T0 + 2 * SEC);
            assertEquals(List.of("CONDITION E01-S1 E01-S1:AREA:" + (T0 + 2 * SEC) + " RAISE AREA_GAS p1"), lines(drain(h)));
            assertEquals(2, h.numKeyedStateEntries(), "one per source");
        }
    }

    @Test
    void anAreaAlarmAfterAClearIsANewEpisode() throws Exception {
        try (var h = harness()) {
            feed(h, GT1, true, T0);
            feed(h, GT2, true, T0 + 10 * SEC);
            feed(h, GT2, false, T0 + 20 * SEC);
            feed(h, GT2, true, T0 + 30 * SEC);
            assertEquals(List.of(
                    "CONDITION E01-S1 E01-S1:AREA:" + (T0 + 10 * SEC) + " RAISE AREA_GAS p1",
                    "CONDITION E01-S1 E01-S1:AREA:" + (T0 + 10 * SEC) + " CLEAR AREA_GAS p1",
                    "CONDITION E01-S1 E01-S1:AREA:" + (T0 + 30 * SEC) + " RAISE AREA_GAS p1"), lines(drain(h)));
        }
    }
}
