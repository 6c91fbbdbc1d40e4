package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.json.ReadingCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The simulator's pacing, event times and delivery against {@link FakeBroker} (a fake clock and broker): event times
 * are the schedule's whatever the publishing delay, back-pressure instead of lost readings, resending after a lost
 * connection. No broker, no real waiting.
 */
class SimulatorPacingTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long EPOCH = 1_718_000_000_000L;

    /** One reading as received: event time and value. */
    record Point(long ts, double value) {}

    record Outcome(SimulatorStats stats, FakeBroker broker, List<String> lines, Map<String, List<Point>> perSensor,
            Map<String, List<Point>> planned, Map<String, List<Long>> silenced, long maxLateMillis) {
        /** Readings the summary says were due but not reached (single-reading path behind schedule). */
        long notReached() {
            Pattern p = Pattern.compile("not sent: (\\d+) readings");
            for (String l : lines) {
                Matcher m = p.matcher(l);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            return 0;
        }

        long plannedCount() {
            return planned.values().stream().mapToLong(List::size).sum();
        }

        long receivedCount() {
            return perSensor.values().stream().mapToLong(List::size).sum();
        }

        long silencedCount() {
            return silenced.values().stream().mapToLong(List::size).sum();
        }
    }

    private interface Setup {
        void accept(Simulator sim, FakeBroker broker);
    }

    private static Outcome run(Catalogue c, SimulatorOptions o, FakeBroker b) {
        return run(c, o, b, (sim, broker) -> {});
    }

    /** Runs the simulator against the fake; decodes what the broker received; plans the same run independently. */
    private static Outcome run(Catalogue c, SimulatorOptions o, FakeBroker b, Setup setup) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        SimulatorStats stats;
        List<Scenario> scenarios;
        try (Simulator sim = new Simulator(c, o, lines::add, b, b)) {
            setup.accept(sim, b);
            stats = sim.run();
            scenarios = sim.scenarios();
        } catch (SimulatorException e) {
            throw new AssertionError(e);
        }
        Map<String, List<Point>> got = new LinkedHashMap<>();
        long maxLate = Long.MIN_VALUE;
        for (FakeBroker.Message m : b.received) {
            ReadingCodec.Decoded d = ReadingCodec.decodeMqtt(m.topic(), m.payload(), o.topicRoot(), c, 0L);
            assertEquals(List.of(), d.rejects(), m.topic());
            long publishedAt = b.epochBase + m.atNanos() / MS;
            for (Reading r : d.readings()) {
                got.computeIfAbsent(r.sensor(), k -> new ArrayList<>()).add(new Point(r.ts(), r.value()));
                maxLate = Math.max(maxLate, publishedAt - r.ts());
            }
        }
        // the same schedule, planned on its own from the run's start; silenced slots are not to be published
        TrafficPlan plan = TrafficPlan.of(c, o, scenarios, stats.startedAt().toEpochMilli());
        long end = o.duration().toNanos();
        Map<String, List<Point>> planned = new LinkedHashMap<>();
        Map<String, List<Long>> silenced = new LinkedHashMap<>();
        for (TrafficPlan.Reading r = plan.next(); r.dueNanos() < end; r = plan.next()) {
            if (r.silenced()) {
                silenced.computeIfAbsent(r.sensor().id(), k -> new ArrayList<>()).add(plan.epochMillis(r));
            } else {
                planned.computeIfAbsent(r.sensor().id(), k -> new ArrayList<>()).add(new Point(plan.epochMillis(r), r.value()));
            }
        }
        return new Outcome(stats, b, lines, got, planned, silenced, maxLate);
    }

    /** Every sensor's event times strictly increase, and its readings are the schedule's, in order, from the first. */
    private static void assertScheduled(Outcome r, boolean complete) {
        assertFalse(r.perSensor.isEmpty(), "nothing received");
        for (Map.Entry<String, List<Point>> e : r.perSensor.entrySet()) {
            List<Point> got = e.getValue();
            for (int i = 1; i < got.size(); i++) {
                assertTrue(got.get(i).ts() > got.get(i - 1).ts(), e.getKey() + ": ts " + got.get(i).ts() + " after "
                        + got.get(i - 1).ts() + " at reading " + i);
            }
            List<Point> planned = r.planned.getOrDefault(e.getKey(), List.of());
            assertTrue(got.size() <= planned.size(), e.getKey() + ": more readings than planned");
            assertEquals(planned.subList(0, got.size()), got, e.getKey() + ": the schedule's times and values");
            if (complete) {
                assertEquals(planned, got, e.getKey() + ": every reading due within the duration");
            }
        }
        if (complete) {
            assertEquals(r.planned.keySet(), r.perSensor.keySet());
        }
    }

    @Test
    void singleReadingsCarryTheirScheduledTimeWhenThePublisherRunsLate() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        // 1,000 readings/s (each sensor every 233 ms) through a publisher that takes 1.5 ms a message: 667/s at best
        SimulatorOptions o = SimulatorOptions.builder().rate(1_000.0).duration(Duration.ofSeconds(10)).seed(7).build();
        FakeBroker b = new FakeBroker(EPOCH);
        b.publishCostNanos = 1_500_000L;
        Outcome r = run(demo, o, b);

        assertScheduled(r, false);
        assertTrue(r.maxLateMillis > 1_000, "published up to " + r.maxLateMillis + " ms late: several sensor intervals");
        assertEquals(0, r.stats.failed());
        assertEquals(r.receivedCount(), r.stats.published());
        assertEquals(r.plannedCount(), r.stats.published() + r.notReached(), "the rest was not reached, and says so");
        assertTrue(r.notReached() > 2_000, r.lines.toString());
        assertTrue(r.stats.maxLag().toMillis() > 1_000, r.stats.summary());
        assertTrue(r.stats.summary().contains("fell behind schedule"), r.stats.summary());
    }

    @Test
    void packedReadingsCarryTheirScheduledTimeWhenThePublisherRunsLate() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        // 20,000 readings/s in packs of up to 50 (about 450 packs/s) through a publisher that takes 4 ms a pack
        SimulatorOptions o = SimulatorOptions.builder().rate(20_000.0).pack(50).duration(Duration.ofSeconds(5)).seed(7).build();
        FakeBroker b = new FakeBroker(EPOCH);
        b.publishCostNanos = 4 * MS;
        Outcome r = run(demo, o, b);

        assertScheduled(r, true);
        assertTrue(r.maxLateMillis > 1_000, "published up to " + r.maxLateMillis + " ms late, the sensors report every 11.65 ms");
        assertEquals(0, r.stats.failed());
        assertEquals(r.plannedCount(), r.stats.published(), "every reading due within the duration");
    }

    @Test
    void theSameSeedGivesTheSameTimesAndValuesPackedOrNot() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions single = SimulatorOptions.builder().rate(2_000.0).duration(Duration.ofSeconds(3)).seed(99).build();
        Outcome a = run(demo, single, new FakeBroker(EPOCH));
        for (int k : new int[] {7, 100}) {
            SimulatorOptions packed = SimulatorOptions.builder().rate(2_000.0).duration(Duration.ofSeconds(3)).seed(99)
                    .pack(k).build();
            Outcome p = run(demo, packed, new FakeBroker(EPOCH));
            assertScheduled(p, true);
            assertEquals(a.perSensor, p.perSensor, "pack " + k);
        }
        assertScheduled(a, true);
        assertEquals(6_000, a.stats.published(), 2);

        // and slowed down: still the schedule's readings, the unpacked run a prefix of it
        FakeBroker slow = new FakeBroker(EPOCH);
        slow.publishCostNanos = 2 * MS;
        Outcome s = run(demo, single, slow);
        assertScheduled(s, false);
        assertTrue(s.maxLateMillis > 1_000, s.maxLateMillis + " ms");
    }

    @Test
    void scenarioTimelineFollowsTheScheduleWhenThePublisherRunsLate() throws Exception {
        Catalogue small = TestCatalogues.small(); // 10 sensors, one of them E01-LT101
        // each sensor every 2 s, the tank every second while the overfill plays: 5.5 readings/s planned
        SimulatorOptions o = SimulatorOptions.builder().scenario("overfill").scenarioStartAfter(Duration.ofSeconds(1))
                .duration(Duration.ofSeconds(120)).seed(3).build();
        FakeBroker b = new FakeBroker(EPOCH);
        b.publishCostNanos = 500 * MS; // 2 messages/s: reaches about 44 s of the schedule in 120 s
        Outcome r = run(small, o, b);

        assertScheduled(r, false);
        long start = r.stats.startedAt().toEpochMilli();
        List<Point> level = r.perSensor.get("E01-LT101");
        // while the overfill plays, the tank reports every second from its start, at the scheduled times
        List<Long> during = level.stream().map(Point::ts).filter(ts -> ts >= start + 1_000 && ts <= start + 30_000).toList();
        for (int i = 0; i < during.size(); i++) {
            assertEquals(start + 1_000 + 1_000L * i, during.get(i));
        }
        assertTrue(during.size() >= 25, during.size() + " scenario readings");
        // scenario events: at = start + the offset of the reading, the same clock as the readings
        List<ScenarioEvent> events = r.stats.scenarioEvents();
        assertTrue(events.size() >= 3, events.toString());
        for (ScenarioEvent e : events) {
            assertEquals(start + e.offset().toMillis(), e.at().toEpochMilli(), e.toString());
        }
        ScenarioEvent h = events.stream().filter(e -> e.message().contains("reached H ")).findFirst().orElseThrow();
        Point atH = level.stream().filter(p -> p.ts() == h.at().toEpochMilli()).findFirst().orElseThrow();
        assertTrue(atH.value() >= 85, atH.toString());
        assertTrue(r.maxLateMillis > 10_000, "late by " + r.maxLateMillis + " ms");
    }

    /** The demo's three scenarios: overfill on E01-LT101, E14's gateway down and E05-TT101 dead from +10 s for 100 s. */
    private static SimulatorOptions.Builder demoScenarios() {
        return SimulatorOptions.builder().scenario("overfill")
                .addScenario(ScenarioSpec.parse("gateway-outage:E14@10s+100s"))
                .addScenario(ScenarioSpec.parse("dead-sensor:E05-TT101@10s+100s"));
    }

    private static final List<String> SILENCED = List.of("E14-PT101", "E14-GT101", "E14-GT102", "E05-TT101");

    /** The silenced sensors publish nothing from +10 s to +110 s and come back on their schedule; nothing else changes. */
    private static void assertSilences(Outcome r) {
        long start = r.stats.startedAt().toEpochMilli();
        for (String id : SILENCED) {
            List<Long> ts = r.perSensor.get(id).stream().map(Point::ts).toList();
            assertTrue(ts.stream().noneMatch(t -> t >= start + 10_000 && t < start + 110_000), id + ": silent " + ts);
            long lastBefore = ts.stream().filter(t -> t < start + 10_000).max(Long::compare).orElseThrow();
            long firstAfter = ts.stream().filter(t -> t >= start + 110_000).min(Long::compare).orElseThrow();
            assertTrue(lastBefore >= start + 8_000, id + " reported until the silence: " + (lastBefore - start));
            assertTrue(firstAfter < start + 112_000, id + " back within an interval of its end: " + (firstAfter - start));
            assertEquals(50, r.silenced.get(id).size(), id + ": every 2 s slot of the 100 s silenced");
        }
        assertEquals(Set.copyOf(SILENCED), r.silenced.keySet(), "no other sensor silenced");
        // its neighbours keep reporting: E05's level and gas detectors; the overfill tank every second meanwhile
        List<Long> neighbour = r.perSensor.get("E05-LT101").stream().map(Point::ts).toList();
        assertEquals(65, neighbour.size(), "E05-LT101 every 2 s for 130 s");
        long tank = r.perSensor.get("E01-LT101").stream().filter(p -> p.ts() >= start + 10_000 && p.ts() < start + 75_000).count();
        assertEquals(65, tank, "the overfill plays on as before");
        assertEquals(0, r.stats.failed(), r.lines.toString());
        assertEquals(4 * 50, r.stats.silenced(), "counted apart from published and failed");
        assertEquals(r.silencedCount(), r.stats.silenced());
        assertEquals(r.plannedCount(), r.stats.published(), "every reading not silenced went out");
        assertTrue(r.stats.summary().contains("silenced 200 by scenarios"), r.stats.summary());
    }

    @Test
    void silencedSlotsAreSkippedAndTheScheduleKeepsItsTimes() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions o = demoScenarios().duration(Duration.ofSeconds(130)).seed(11).build();
        FakeBroker b = new FakeBroker(EPOCH);
        String[] progress = new String[2];
        Outcome r = run(demo, o, b, (sim, broker) -> broker.at(60 * S, t -> progress[1] = sim.progressLine()));

        assertScheduled(r, true);
        assertSilences(r);
        assertTrue(r.lines.get(0).contains("gateway-outage: E14 (3 sensors: E14-PT101, E14-GT101, E14-GT102) silent from +10s "
                + "for 1m40s") && r.lines.get(0).contains("dead-sensor: E05-TT101 silent from +10s"), r.lines.get(0));
        assertTrue(progress[1].contains(", silenced ") && progress[1].contains("gateway-outage: silent, E14")
                && progress[1].contains("dead-sensor: silent, E05-TT101") && progress[1].contains("overfill: "), progress[1]);
        assertFalse(progress[1].contains("failed 0 (last failure"), progress[1]);
        // the timeline says when each went silent and when it reported again
        List<ScenarioEvent> events = r.stats.scenarioEvents();
        ScenarioEvent down = events.stream().filter(e -> e.scenario().equals("gateway-outage") && e.phase().equals("silent"))
                .findFirst().orElseThrow();
        assertTrue(down.offset().toMillis() >= 10_000 && down.offset().toMillis() < 12_000 && down.message().endsWith(" publishes nothing (E14: 3 sensors silent)"),
                down.toString());
        ScenarioEvent back = events.stream().filter(e -> e.scenario().equals("dead-sensor") && e.phase().equals("done"))
                .findFirst().orElseThrow();
        assertTrue(back.offset().toMillis() >= 110_000 && back.message().startsWith("E05-TT101 = ") && back.message().endsWith(", reports again"), back.toString());
        assertTrue(r.stats.summary().contains("scenarios timeline:"), r.stats.summary());
    }

    @Test
    void packsLeaveSilencedSlotsOutToo() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions o = demoScenarios().duration(Duration.ofSeconds(130)).seed(11).pack(10).build();
        Outcome r = run(demo, o, new FakeBroker(EPOCH));
        assertScheduled(r, true);
        assertSilences(r);
        // and the same readings as without packing
        Outcome single = run(demo, demoScenarios().duration(Duration.ofSeconds(130)).seed(11).build(), new FakeBroker(EPOCH));
        assertEquals(single.perSensor, r.perSensor);
    }

    @Test
    void aFullWindowMeansWaitingNotLosingReadings() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        // the benchmark's shape: 100,000 readings/s in packs of 100 (1,000 packs/s); the broker takes 20 unacknowledged
        // messages and acknowledges after 25 ms: 800 packs/s at most
        SimulatorOptions o = SimulatorOptions.builder().rate(100_000.0).pack(100).qos(1).duration(Duration.ofSeconds(3))
                .seed(5).build();
        FakeBroker b = new FakeBroker(EPOCH);
        b.receiveMaximum = 20;
        b.ackLatencyNanos = 25 * MS;
        String[] progress = new String[1];
        Outcome r = run(demo, o, b, (sim, broker) -> broker.at(2 * S, t -> progress[0] = sim.progressLine()));

        assertTrue(b.windowRefusals > 0, "Paho's window refused publishes, which were retried");
        assertEquals(0, b.firstOnTopicRefusals, "no topic's first message is refused (Paho topic-alias bug)");
        assertEquals(0, r.stats.failed(), r.lines.toString());
        assertEquals(0, r.stats.unconfirmed());
        assertEquals(r.plannedCount(), r.stats.published(), "every reading due within the duration");
        assertScheduled(r, true);
        assertTrue(progress[0].contains("behind schedule by up to"), progress[0]);
        assertTrue(progress[0].contains("back-pressure"), progress[0]);
    }

    @Test
    void singleReadingsWaitForTheWindowToo() throws Exception {
        Catalogue demo = TestCatalogues.demo(); // 233 topics: each topic's first message waits for the broker's window
        SimulatorOptions o = SimulatorOptions.builder().rate(2_000.0).duration(Duration.ofSeconds(3)).seed(5).build();
        FakeBroker b = new FakeBroker(EPOCH);
        b.receiveMaximum = 4;
        b.ackLatencyNanos = 30 * MS;
        Outcome r = run(demo, o, b);
        assertTrue(b.windowRefusals > 0);
        assertEquals(0, b.firstOnTopicRefusals);
        assertEquals(0, r.stats.failed());
        assertEquals(r.receivedCount(), r.stats.published());
        assertEquals(r.plannedCount(), r.stats.published() + r.notReached());
        assertScheduled(r, false);
    }

    @Test
    void stoppingWhileTheWindowIsFullSendsWhatIsDueInsteadOfFailingIt() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions o = SimulatorOptions.builder().rate(10_000.0).pack(100).qos(1).duration(Duration.ofSeconds(30))
                .seed(5).build();
        FakeBroker b = new FakeBroker(EPOCH);
        b.receiveMaximum = 2;
        b.ackLatencyNanos = 50 * MS; // 40 messages/s for about 100 needed: behind, the window always full
        Outcome r = run(demo, o, b, (sim, broker) -> broker.at(1_500 * MS, t -> sim.stop()));

        assertEquals(0, r.stats.failed(), r.lines.toString());
        assertEquals(0, r.stats.unconfirmed());
        assertEquals(r.receivedCount(), r.stats.published());
        long dueByStop = r.planned.values().stream().flatMap(List::stream)
                .filter(p -> p.ts() <= r.stats.startedAt().toEpochMilli() + 1_500).count();
        assertTrue(r.stats.published() >= dueByStop, r.stats.published() + " published, " + dueByStop + " due by the stop");
        assertScheduled(r, false);
    }

    @Test
    void unacknowledgedMessagesAreSentAgainAfterAReconnect() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions o = SimulatorOptions.builder().rate(500.0).duration(Duration.ofSeconds(6)).seed(5).build();
        FakeBroker b = new FakeBroker(EPOCH).outage(2 * S, 3 * S);
        b.ackLatencyNanos = 20 * MS;
        String[] progress = new String[1];
        Outcome r = run(demo, o, b, (sim, broker) -> broker.at(2_500 * MS, t -> progress[0] = sim.progressLine()));

        assertEquals(2, b.connections);
        assertEquals(0, r.stats.failed(), r.lines.toString());
        assertEquals(0, r.stats.unconfirmed());
        assertTrue(progress[0].contains("DISCONNECTED"), progress[0]);
        assertTrue(r.lines.stream().anyMatch(l -> l.startsWith("MQTT connection lost")), r.lines.toString());
        assertTrue(r.lines.stream().anyMatch(l -> l.startsWith("sent again after connections were lost")), r.lines.toString());
        // at least once: a reading may arrive twice (the broker had it, the acknowledgement was lost), never changed
        long duplicates = 0;
        for (Map.Entry<String, List<Point>> e : r.perSensor.entrySet()) {
            List<Point> distinct = new ArrayList<>();
            for (Point p : e.getValue()) {
                if (distinct.contains(p)) {
                    duplicates++;
                } else {
                    distinct.add(p);
                }
            }
            e.setValue(distinct);
        }
        assertTrue(duplicates > 0, "the messages in flight at the outage arrive twice");
        assertScheduled(r, false);
        assertEquals(r.receivedCount(), r.stats.published(), "each reading counted once");
        assertEquals(r.plannedCount(), r.stats.published() + r.notReached());
    }

    @Test
    void whatCannotBeSentBeforeTheEndIsCountedFailed() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions o = SimulatorOptions.builder().rate(500.0).duration(Duration.ofSeconds(3)).seed(5).build();
        FakeBroker b = new FakeBroker(EPOCH).outage(1 * S, Long.MAX_VALUE);
        b.ackLatencyNanos = 20 * MS;
        Outcome r = run(demo, o, b);

        assertEquals(1, b.connections);
        assertTrue(r.stats.failed() > 1, "the one waiting to be sent and those lost in flight: " + r.stats.failed());
        assertTrue(r.stats.elapsed().toSeconds() >= 3 + Simulator.END_GRACE.toSeconds() - 1, r.stats.elapsed().toString());
        assertTrue(r.lines.stream().anyMatch(l -> l.contains("not connected again before the end of the run")), r.lines.toString());
        assertEquals(r.plannedCount(), r.stats.published() + r.stats.failed() + r.notReached(), "every reading accounted for");
    }

    @Test
    void readingsTheBrokerRefusesAreFailed() throws Exception {
        Catalogue small = TestCatalogues.small();
        SimulatorOptions o = SimulatorOptions.builder().interval(Duration.ofMillis(100)).duration(Duration.ofSeconds(2)).build();
        FakeBroker b = new FakeBroker(EPOCH);
        b.refusedTopics.add("hw/E01/E01-S1/E01-PT101");
        Outcome r = run(small, o, b);
        assertEquals(20, r.stats.failed());
        assertEquals(180, r.stats.published());
        assertEquals(0L, r.stats.perSensor().get("E01-PT101"));
        assertTrue(r.lines.stream().anyMatch(l -> l.contains("reason code 0x87")), r.lines.toString());
    }

    @Test
    void aRateThatWouldRepeatAMillisecondIsRefused() {
        Catalogue small = TestCatalogues.small(); // 10 sensors: at most 10,000 readings/s
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new Simulator(small, SimulatorOptions.builder().rate(20_000.0).build())).getMessage();
        assertTrue(msg.contains("at most 10000/s"), msg);
        new Simulator(small, SimulatorOptions.builder().rate(10_000.0).build()).close();
    }
}
