package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrafficPlanTest {
    private static final long S = 1_000_000_000L;

    private static List<TrafficPlan.Reading> until(TrafficPlan plan, long endNanos) {
        List<TrafficPlan.Reading> out = new ArrayList<>();
        TrafficPlan.Reading r;
        while ((r = plan.next()).dueNanos() < endNanos) {
            out.add(r);
        }
        return out;
    }

    @Test
    void everySensorReportsEveryIntervalSpreadEvenly() {
        Catalogue small = TestCatalogues.small(); // 10 sensors
        TrafficPlan plan = new TrafficPlan(small, SimulatorOptions.builder().build(), null, 0);
        List<TrafficPlan.Reading> rs = until(plan, 60 * S);
        assertEquals(10 * 30, rs.size());
        // one reading every 200 ms in total: smooth
        for (int i = 1; i < rs.size(); i++) {
            assertEquals(200_000_000L, rs.get(i).dueNanos() - rs.get(i - 1).dueNanos());
        }
        Map<String, List<Long>> bySensor = rs.stream().collect(Collectors.groupingBy(r -> r.sensor().id(),
                Collectors.mapping(TrafficPlan.Reading::dueNanos, Collectors.toList())));
        bySensor.values().forEach(times -> {
            for (int i = 1; i < times.size(); i++) {
                assertEquals(2 * S, times.get(i) - times.get(i - 1));
            }
        });
        assertEquals("hw/E01/E01-S1/E01-LT101", rs.get(0).topic());
    }

    @Test
    void rateOverridesTheIntervalAndStaysSmooth() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        TrafficPlan plan = new TrafficPlan(demo, SimulatorOptions.builder().rate(1000.0).topicRoot("x/y").build(), null, 0);
        List<TrafficPlan.Reading> rs = until(plan, 10 * S);
        assertEquals(10_000, rs.size(), 2);
        int[] perSecond = new int[10];
        rs.forEach(r -> perSecond[(int) (r.dueNanos() / S)]++);
        for (int c : perSecond) {
            assertEquals(1000, c, 2);
        }
        assertTrue(rs.get(0).topic().startsWith("x/y/"));
        assertEquals(233, rs.stream().map(r -> r.sensor().id()).distinct().count());
    }

    @Test
    void demoDistrictTrafficAtTheDefaultIntervalRaisesNoAlarm() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        TrafficPlan plan = new TrafficPlan(demo, SimulatorOptions.builder().build(), null, 0);
        for (TrafficPlan.Reading r : until(plan, 300 * S)) {
            var l = r.sensor().limits();
            double v = r.value();
            String where = r.sensor().id() + "=" + v;
            assertTrue(r.sensor().range().contains(v), where);
            assertTrue(l.h() == null || v < l.h(), where);
            assertTrue(l.hh() == null || v < l.hh(), where);
            assertTrue(l.l() == null || v > l.l(), where);
            assertTrue(l.ll() == null || v > l.ll(), where);
        }
    }

    @Test
    void sameSeedSameValues() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        List<Double> a = until(new TrafficPlan(demo, SimulatorOptions.builder().seed(7).build(), null, 0), 20 * S)
                .stream().map(TrafficPlan.Reading::value).toList();
        List<Double> b = until(new TrafficPlan(demo, SimulatorOptions.builder().seed(7).build(), null, 0), 20 * S)
                .stream().map(TrafficPlan.Reading::value).toList();
        List<Double> c = until(new TrafficPlan(demo, SimulatorOptions.builder().seed(8).build(), null, 0), 20 * S)
                .stream().map(TrafficPlan.Reading::value).toList();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void overfillOnTheDemoTankReportsEverySecondAndCrossesHhThenClears() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions o = SimulatorOptions.builder().scenario("overfill").build();
        Scenario scenario = Scenarios.create("overfill", demo, o.scenarioSensor(), o.scenarioStartAfter());
        TrafficPlan plan = new TrafficPlan(demo, o, scenario, 1_000_000L);
        List<TrafficPlan.Reading> rs = until(plan, 100 * S);
        List<TrafficPlan.Reading> tank = rs.stream().filter(r -> r.sensor().id().equals("E01-LT101")).toList();

        // normal interval before, 1 s during [10 s, 75 s), normal again after; first scenario reading at 10 s exactly
        List<Long> during = tank.stream().map(TrafficPlan.Reading::dueNanos).filter(t -> t >= 10 * S && t < 75 * S).toList();
        assertEquals(10 * S, during.get(0));
        assertEquals(65, during.size());
        for (int i = 1; i < during.size(); i++) {
            assertEquals(S, during.get(i) - during.get(i - 1));
        }
        List<Long> after = tank.stream().map(TrafficPlan.Reading::dueNanos).filter(t -> t >= 75 * S).toList();
        assertEquals(75 * S, after.get(0));
        assertEquals(2 * S, after.get(1) - after.get(0));

        double max = tank.stream().mapToDouble(TrafficPlan.Reading::value).max().orElseThrow();
        assertEquals(97.0, max, 1e-9);
        TrafficPlan.Reading last = tank.get(tank.size() - 1);
        assertTrue(last.value() < 85 - 1, "back to normal: " + last.value());
        assertTrue(tank.stream().filter(r -> r.dueNanos() < 10 * S).allMatch(r -> r.value() < 84), "normal before");

        Map<String, Duration> firstByMessage = new HashMap<>();
        for (ScenarioEvent e : plan.events()) {
            firstByMessage.putIfAbsent(e.phase() + ":" + e.message().replaceAll("^E01-LT101 = [0-9.]+ % ?", ""), e.offset());
        }
        List<String> timeline = plan.events().stream().map(ScenarioEvent::toString).toList();
        assertEquals(Duration.ZERO, firstByMessage.get("waiting:E01-LT101: scenario starts at +10s"), timeline.toString());
        assertEquals(Duration.ofSeconds(10), firstByMessage.get("rising:"), timeline.toString());
        assertEquals(Duration.ofSeconds(45), firstByMessage.get("holding:"), timeline.toString());
        assertEquals(Duration.ofSeconds(55), firstByMessage.get("falling:"), timeline.toString());
        assertEquals(Duration.ofSeconds(75), firstByMessage.get("done:"), timeline.toString());
        Duration h = firstByMessage.get("rising:reached H 85");
        Duration hh = firstByMessage.get("rising:reached HH 95");
        Duration clear = firstByMessage.get("falling:back below H - deadband 84");
        assertTrue(h != null && hh != null && clear != null && h.compareTo(hh) < 0, timeline.toString());
        assertTrue(firstByMessage.containsKey("falling:back below HH 95"), timeline.toString());
        assertEquals(1_000_000L + 45_000L, plan.events().stream().filter(e -> e.phase().equals("holding")).findFirst()
                .orElseThrow().at().toEpochMilli());
        assertEquals(plan.events().size(), plan.takeNewEvents().size());
        assertTrue(plan.takeNewEvents().isEmpty());
    }

    /**
     * A silence flags slots and changes nothing else: the same slots at the same times with the same values as
     * without it, whatever else plays at the same time.
     */
    @Test
    void silencesFlagTheirSlotsAndLeaveTimesAndValuesAlone() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions o = SimulatorOptions.builder().seed(3).build();
        List<Scenario> overfill = List.of(Scenarios.create("overfill", demo, null, Duration.ofSeconds(10)));
        List<Scenario> all = List.of(overfill.get(0),
                Scenarios.create(ScenarioSpec.parse("gateway-outage:E14@10s+100s"), demo, Duration.ZERO),
                Scenarios.create(ScenarioSpec.parse("dead-sensor:E05-TT101@10s+100s"), demo, Duration.ZERO));
        List<TrafficPlan.Reading> without = until(TrafficPlan.of(demo, o, overfill, 0), 150 * S);
        TrafficPlan plan = TrafficPlan.of(demo, o, all, 0);
        List<TrafficPlan.Reading> with = until(plan, 150 * S);

        assertEquals(without.size(), with.size(), "the same slots");
        List<String> silencedIds = List.of("E14-PT101", "E14-GT101", "E14-GT102", "E05-TT101");
        long silenced = 0;
        for (int i = 0; i < with.size(); i++) {
            TrafficPlan.Reading a = without.get(i);
            TrafficPlan.Reading b = with.get(i);
            assertEquals(a.dueNanos(), b.dueNanos());
            assertEquals(a.sensor().id(), b.sensor().id());
            assertEquals(a.value(), b.value(), b.sensor().id() + " at " + b.dueNanos());
            assertTrue(!a.silenced());
            boolean inWindow = b.dueNanos() >= 10 * S && b.dueNanos() < 110 * S;
            assertEquals(inWindow && silencedIds.contains(b.sensor().id()), b.silenced(), b.toString());
            silenced += b.silenced() ? 1 : 0;
        }
        assertEquals(4 * 50, silenced, "every 2 s slot of the 100 s, for 4 sensors");
        assertEquals(silenced, plan.silencedCount());

        // the timeline: each silence starts and ends once, the overfill's events are still there
        List<String> phases = plan.events().stream().map(e -> e.scenario() + " " + e.phase()).toList();
        assertEquals(List.of("overfill waiting", "gateway-outage waiting", "dead-sensor waiting"), phases.subList(0, 3));
        assertEquals(1, phases.stream().filter("gateway-outage silent"::equals).count(), phases.toString());
        assertEquals(1, phases.stream().filter("gateway-outage done"::equals).count(), phases.toString());
        assertEquals(1, phases.stream().filter("dead-sensor silent"::equals).count(), phases.toString());
        assertEquals(1, phases.stream().filter("dead-sensor done"::equals).count(), phases.toString());
        assertTrue(phases.contains("overfill holding") && phases.contains("overfill done"), phases.toString());
        ScenarioEvent back = plan.events().stream().filter(e -> e.scenario().equals("gateway-outage") && e.phase().equals("done"))
                .findFirst().orElseThrow();
        assertTrue(back.offset().compareTo(Duration.ofSeconds(110)) >= 0 && back.offset().compareTo(Duration.ofSeconds(112)) < 0,
                back.toString());
    }
}
