package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The 1-minute rollup operator on Flink's keyed harness: minute boundaries, lateness, state after emitting. */
class RollupFunctionTest {
    static final long T0 = 1_732_262_400_000L; // a minute's start
    static final long OUT_OF_ORDERNESS = 5_000;

    private final RollupFunction function = new RollupFunction();

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, RollupAggregate> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), Reading::sensor, Types.STRING);
        h.open();
        return h;
    }

    static Reading r(String sensor, long ts, double v) {
        return new Reading(sensor, "E01", "E01-S1", "level", ts, v, Quality.GOOD, ts);
    }

    /** Feeds a reading and moves the watermark as the job's bounded out-of-orderness would. */
    private long newest = Long.MIN_VALUE;

    private void feed(KeyedOneInputStreamOperatorTestHarness<String, Reading, RollupAggregate> h, Reading r) throws Exception {
        h.processElement(r, r.ts());
        if (r.ts() > newest) {
            newest = r.ts();
            h.processWatermark(newest - OUT_OF_ORDERNESS - 1);
        }
    }

    static List<String> drain(KeyedOneInputStreamOperatorTestHarness<String, Reading, RollupAggregate> h) {
        List<String> out = new ArrayList<>();
        for (RollupAggregate a : h.extractOutputValues()) {
            out.add(a.sensor + " " + (a.minute - T0) / 60_000 + " n=" + a.count + " mean=" + a.mean() + " min=" + a.min
                    + " max=" + a.max + " last=" + a.last);
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void aMinuteIsEmittedOnceTheWatermarkPassesItsEnd() throws Exception {
        try (var h = harness()) {
            feed(h, r("A", T0, 1.0));
            feed(h, r("A", T0 + 30_000, 3.0));
            feed(h, r("A", T0 + 59_999, 2.0)); // the minute's last millisecond
            feed(h, r("A", T0 + 60_000, 10.0)); // the next minute's first
            assertEquals(List.of(), drain(h), "the watermark is still inside the first minute");
            feed(h, r("A", T0 + 63_000, 20.0));
            assertEquals(List.of(), drain(h));
            // a reading of the first minute within the out-of-orderness still counts
            feed(h, r("A", T0 + 58_000, 0.5));
            feed(h, r("A", T0 + 65_000, 30.0)); // watermark T0 + 59 999: the first minute is complete
            assertEquals(List.of("A 0 n=4 mean=1.625 min=0.5 max=3.0 last=2.0"), drain(h));
            h.processWatermark(T0 + 120_000);
            assertEquals(List.of("A 1 n=3 mean=20.0 min=10.0 max=30.0 last=30.0"), drain(h));
            assertEquals(0, function.lateDropped());
        }
    }

    @Test
    void aReadingLaterThanTheOutOfOrdernessIsCountedAndDropped() throws Exception {
        try (var h = harness()) {
            feed(h, r("A", T0 + 1_000, 1.0));
            feed(h, r("A", T0 + 70_000, 5.0)); // watermark T0 + 64 999: minute 0 emitted
            assertEquals(List.of("A 0 n=1 mean=1.0 min=1.0 max=1.0 last=1.0"), drain(h));
            feed(h, r("A", T0 + 59_000, 99.0)); // minute 0 is closed
            assertEquals(1, function.lateDropped());
            h.processWatermark(T0 + 200_000);
            assertEquals(List.of("A 1 n=1 mean=5.0 min=5.0 max=5.0 last=5.0"), drain(h), "the late reading is nowhere");
        }
    }

    @Test
    void sensorsAreRolledUpApartAndStateIsClearedAfterEmitting() throws Exception {
        try (var h = harness()) {
            feed(h, r("A", T0 + 1_000, 1.0));
            feed(h, r("B", T0 + 2_000, 7.0));
            feed(h, r("A", T0 + 3_000, 3.0));
            assertEquals(2, h.numKeyedStateEntries());
            assertEquals(2, h.numEventTimeTimers());
            h.processWatermark(T0 + 60_000);
            List<String> out = drain(h);
            assertEquals(2, out.size());
            assertTrue(out.contains("A 0 n=2 mean=2.0 min=1.0 max=3.0 last=3.0"), out.toString());
            assertTrue(out.contains("B 0 n=1 mean=7.0 min=7.0 max=7.0 last=7.0"), out.toString());
            assertEquals(0, h.numKeyedStateEntries(), "nothing kept once the minute is written");
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void aQuietMinuteEmitsNothing() throws Exception {
        try (var h = harness()) {
            feed(h, r("A", T0, 1.0));
            feed(h, r("A", T0 + 180_000, 2.0));
            assertEquals(List.of("A 0 n=1 mean=1.0 min=1.0 max=1.0 last=1.0"), drain(h), "minutes 1 and 2 had no reading");
        }
    }
}
