package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.json.ReadingCodec;
import com.hazardwatch.simulators.script.ScenarioScript;
import com.hazardwatch.simulators.script.ScriptLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scenario script's delivery faults, bad quality and out-of-range values as the simulator publishes them, against
 * {@link FakeBroker}: late readings keep their true timestamps, swapped pairs arrive newer first, duplicates twice, and
 * everything else keeps the schedule. Counted in {@link SimulatorStats} and shown in the progress lines and timeline.
 */
class ScriptDeliveryTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long EPOCH = 1_718_000_000_000L;

    static final String SCRIPT = """
            description: "Delivery faults and instrument faults on the small test catalogue"
            length: 60s
            incidents:
              - {at: 10s, sensor: E01-PT101, action: late, by: 5s, for: 10s}
              - {at: 10s, sensor: E01-TT101, action: out-of-order, for: 10s}
              - {at: 10s, sensor: E01-GT101, action: duplicate, for: 10s}
              - {at: 30s, sensor: E01-LT102, action: bad-quality, for: 5s}
              - {at: 30s, sensor: E01-PT102, action: out-of-range, value: 3.5, for: 5s}
            """;

    /** A reading as received: event time, value, quality, and when the broker got it. */
    record Got(long ts, double value, Quality quality, long receivedAt) {}

    record Run(SimulatorStats stats, List<String> lines, Map<String, List<Got>> got, Map<String, List<Long>> planned,
            String progress) {
        List<Long> ts(String sensor) {
            return got.get(sensor).stream().map(Got::ts).toList();
        }
    }

    static Run run(int pack) throws Exception {
        Catalogue small = TestCatalogues.small();
        ScenarioScript script = ScriptLoader.parse(SCRIPT, "delivery.yaml", "delivery", small);
        SimulatorOptions o = SimulatorOptions.builder().duration(Duration.ofSeconds(60)).seed(3).pack(pack).build();
        FakeBroker b = new FakeBroker(EPOCH);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        String[] progress = new String[1];
        SimulatorStats stats;
        List<Scenario> scenarios;
        try (Simulator sim = new Simulator(small, o, List.of(script.scenario()), lines::add, b, b)) {
            b.at(25 * S, t -> progress[0] = sim.progressLine());
            stats = sim.run();
            scenarios = sim.scenarios();
        }
        Map<String, List<Got>> got = new LinkedHashMap<>();
        for (FakeBroker.Message m : b.received) {
            ReadingCodec.Decoded d = ReadingCodec.decodeMqtt(m.topic(), m.payload(), o.topicRoot(), small, 0L);
            assertEquals(List.of(), d.rejects(), m.topic());
            for (Reading r : d.readings()) {
                got.computeIfAbsent(r.sensor(), k -> new ArrayList<>())
                        .add(new Got(r.ts(), r.value(), r.quality(), b.epochBase + m.atNanos() / MS));
            }
        }
        TrafficPlan plan = TrafficPlan.of(small, o, scenarios, stats.startedAt().toEpochMilli());
        Map<String, List<Long>> planned = new LinkedHashMap<>();
        for (TrafficPlan.Reading r = plan.next(); r.dueNanos() < o.duration().toNanos(); r = plan.next()) {
            planned.computeIfAbsent(r.sensor().id(), k -> new ArrayList<>()).add(plan.epochMillis(r));
        }
        return new Run(stats, lines, got, planned, progress[0]);
    }

    static boolean within(long ts, long start, long fromS, long toS) {
        return ts >= start + fromS * 1000 && ts < start + toS * 1000;
    }

    @Test
    void lateReadingsKeepTheirTrueTimestamps() throws Exception {
        Run r = run(1);
        long start = r.stats.startedAt().toEpochMilli();
        List<Got> pt = r.got.get("E01-PT101");
        assertEquals(r.planned.get("E01-PT101"), pt.stream().map(Got::ts).sorted().toList(), "every reading once, none changed");
        List<Got> late = pt.stream().filter(g -> within(g.ts(), start, 10, 20)).toList();
        assertEquals(10, late.size(), "it reports every second while the script plays");
        for (Got g : late) {
            assertTrue(g.receivedAt() - g.ts() >= 5_000, "5 s late: " + g);
        }
        for (Got g : pt) {
            if (!within(g.ts(), start, 10, 20)) {
                assertTrue(g.receivedAt() - g.ts() < 1_000, "the others on time: " + g);
            }
        }
        // the readings due from +20 s went out on time, before the last late ones: the order is broken
        List<Long> order = r.ts("E01-PT101");
        assertTrue(order.indexOf(start + 20_000) < order.indexOf(start + 19_000), order.toString());
        assertEquals(10, r.stats.late());
    }

    @Test
    void outOfOrderSwapsPairsAndDuplicateSendsTwice() throws Exception {
        Run r = run(1);
        long start = r.stats.startedAt().toEpochMilli();
        List<Long> tt = r.ts("E01-TT101");
        assertEquals(r.planned.get("E01-TT101"), tt.stream().sorted().toList(), "every reading once");
        List<Long> during = tt.stream().filter(ts -> within(ts, start, 10, 20)).toList();
        List<Long> swapped = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            swapped.add(start + 10_000 + (i + 1) * 1_000L);
            swapped.add(start + 10_000 + i * 1_000L);
        }
        assertEquals(swapped, during, "consecutive readings in swapped pairs, the newer first");
        assertEquals(5, r.stats.reordered());

        List<Long> gt = r.ts("E01-GT101");
        List<Long> expected = new ArrayList<>();
        for (long ts : r.planned.get("E01-GT101")) {
            expected.add(ts);
            if (within(ts, start, 10, 20)) {
                expected.add(ts); // right after the first copy
            }
        }
        assertEquals(expected, gt);
        assertEquals(10, r.stats.duplicated());
        long planned = r.planned.values().stream().mapToLong(List::size).sum();
        assertEquals(planned + 10, r.stats.published(), "each copy counts");
        assertEquals(0, r.stats.failed());
    }

    @Test
    void badQualityAndOutOfRangeValuesGoOutAsScripted() throws Exception {
        Run r = run(1);
        long start = r.stats.startedAt().toEpochMilli();
        for (Got g : r.got.get("E01-LT102")) {
            assertEquals(within(g.ts(), start, 30, 35) ? Quality.BAD : Quality.GOOD, g.quality(), g.toString());
        }
        for (Got g : r.got.get("E01-PT102")) {
            if (within(g.ts(), start, 30, 35)) {
                assertEquals(3.5, g.value(), "outside the range 0..2.5, not clamped");
            } else {
                assertTrue(g.value() >= 0 && g.value() <= 2.5, g.toString());
            }
        }
        assertEquals(5, r.got.get("E01-PT102").stream().filter(g -> g.value() == 3.5).count());
    }

    @Test
    void deliveryFaultsShowInProgressSummaryAndTimeline() throws Exception {
        Run r = run(1);
        assertTrue(r.progress.contains(", delivered by scenarios: 10 late, 5 out of order, 10 twice"), r.progress);
        assertTrue(r.progress.contains("; delivery: "), r.progress);
        assertTrue(r.stats.summary().contains("delivered by scenarios on purpose: 10 late (true timestamps), 5 out of order,"
                + " 10 twice"), r.stats.summary());
        List<String> timeline = r.stats.scenarioEvents().stream().map(ScenarioEvent::toString).toList();
        assertTrue(timeline.contains("+10s delivery late E01-PT101 by 5s + out-of-order E01-TT101 + duplicate E01-GT101:"
                + " E01-PT101: readings published 5s late from here, with their true timestamps"), timeline.toString());
        assertTrue(timeline.stream().anyMatch(l -> l.endsWith("E01-TT101: consecutive readings published swapped from here")),
                timeline.toString());
        assertTrue(timeline.stream().anyMatch(l -> l.endsWith("E01-GT101: every reading published twice from here")),
                timeline.toString());
        assertTrue(r.lines.get(0).contains("scenario delivery: 5 incidents on E01-PT101, E01-TT101, E01-GT101, E01-LT102,"
                + " E01-PT102 from +10s until +35s"), r.lines.get(0));
    }

    @Test
    void packingDeliversTheSameReadings() throws Exception {
        Run single = run(1);
        Run packed = run(10);
        for (String id : single.got.keySet()) {
            List<Got> a = single.got.get(id);
            List<Got> b = packed.got.get(id);
            assertEquals(a.stream().map(g -> g.ts() + "/" + g.value() + "/" + g.quality()).sorted().toList(),
                    b.stream().map(g -> g.ts() + "/" + g.value() + "/" + g.quality()).sorted().toList(), id);
        }
        assertEquals(single.ts("E01-TT101"), packed.ts("E01-TT101"), "the same swapped order");
        assertEquals(single.stats.late(), packed.stats.late());
        assertEquals(single.stats.reordered(), packed.stats.reordered());
        assertEquals(single.stats.duplicated(), packed.stats.duplicated());
        assertEquals(single.stats.published(), packed.stats.published());
    }
}
