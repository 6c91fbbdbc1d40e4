package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PackerTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static List<TrafficPlan.Reading> unpacked(Catalogue c, SimulatorOptions o, long endNanos) {
        TrafficPlan plan = new TrafficPlan(c, o, null, 0);
        List<TrafficPlan.Reading> out = new ArrayList<>();
        TrafficPlan.Reading r;
        while ((r = plan.next()).dueNanos() < endNanos) {
            out.add(r);
        }
        return out;
    }

    private static List<Packer.Pack> packed(Catalogue c, SimulatorOptions o, long endNanos) {
        Packer packer = new Packer(new TrafficPlan(c, o, null, 0), o.topicRoot(), o.pack(), endNanos);
        List<Packer.Pack> out = new ArrayList<>();
        Packer.Pack p;
        while ((p = packer.next()) != null) {
            out.add(p);
        }
        return out;
    }

    @Test
    void packsNeverMixEnterprisesAndKeepEveryReadingOfTheSameSeedAndDuration() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        for (int k : new int[] {2, 7, 50, 100}) {
            SimulatorOptions o = SimulatorOptions.builder().rate(20_000.0).seed(11).pack(k).build();
            List<TrafficPlan.Reading> plain = unpacked(demo, o, 3 * S);
            List<Packer.Pack> packs = packed(demo, o, 3 * S);

            long total = packs.stream().mapToLong(p -> p.readings().size()).sum();
            assertEquals(plain.size(), total, "k=" + k);
            assertEquals(60_000, plain.size(), 5);
            for (Packer.Pack p : packs) {
                Set<String> enterprises = p.readings().stream().map(r -> r.sensor().enterprise()).collect(Collectors.toSet());
                assertEquals(Set.of(p.enterprise()), enterprises, "one enterprise per pack");
                assertEquals("hw/" + p.enterprise() + "/pack", p.topic());
                assertTrue(p.readings().size() >= 1 && p.readings().size() <= k, "pack size " + p.readings().size());
                long oldest = p.readings().get(0).dueNanos();
                assertTrue(p.dueNanos() >= p.readings().get(p.readings().size() - 1).dueNanos(), "published after its readings");
                assertTrue(p.dueNanos() - oldest <= Packer.MAX_WAIT.toNanos(), "a reading waits at most MAX_WAIT");
            }
            for (int i = 1; i < packs.size(); i++) {
                assertTrue(packs.get(i).dueNanos() >= packs.get(i - 1).dueNanos(), "publishing order");
            }
            // the same readings, with the same values, only grouped differently
            List<String> a = plain.stream().map(r -> r.dueNanos() + " " + r.sensor().id() + "=" + r.value()).sorted().toList();
            List<String> b = packs.stream().flatMap(p -> p.readings().stream())
                    .map(r -> r.dueNanos() + " " + r.sensor().id() + "=" + r.value()).sorted().toList();
            assertEquals(a, b, "k=" + k);
        }
    }

    @Test
    void fullPacksAtHighRatesAndTimelyPartialPacksAtLowRates() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions fast = SimulatorOptions.builder().rate(100_000.0).pack(100).build();
        List<Packer.Pack> packs = packed(demo, fast, 2 * S);
        double mean = packs.stream().mapToInt(p -> p.readings().size()).average().orElseThrow();
        assertTrue(mean > 90, "mostly full packs at 100,000/s: mean " + mean);

        // demo pace: 116.5 readings/s over 23 enterprises, a pack of 50 never fills: packs go out after 100 ms
        // (the last ones at the end of the run)
        SimulatorOptions slow = SimulatorOptions.builder().pack(50).build();
        for (Packer.Pack p : packed(demo, slow, 10 * S)) {
            assertEquals(Math.min(10 * S, p.readings().get(0).dueNanos() + Packer.MAX_WAIT.toNanos()), p.dueNanos());
        }
    }

    @Test
    void singleEnterpriseFillsPacksInDueOrder() {
        Catalogue small = TestCatalogues.small(); // 10 sensors of E01, one reading every 200 ms in total
        SimulatorOptions o = SimulatorOptions.builder().interval(java.time.Duration.ofMillis(100)).pack(4).build();
        // one reading every 10 ms: 4 readings fill a pack in 30 ms
        List<Packer.Pack> packs = packed(small, o, 100 * MS);
        assertEquals(List.of(4, 4, 2), packs.stream().map(p -> p.readings().size()).toList());
        assertEquals(List.of(30 * MS, 70 * MS, 100 * MS), packs.stream().map(Packer.Pack::dueNanos).toList(),
                "full at the 4th reading; the last one cut at the end");
        assertEquals(List.of("E01-LT101", "E01-LT102", "E01-LT103", "E01-TT101"),
                packs.get(0).readings().stream().map(r -> r.sensor().id()).toList());
    }

    @Test
    void upToKeepsTheReadingsDueByThen() {
        Catalogue small = TestCatalogues.small();
        SimulatorOptions o = SimulatorOptions.builder().interval(java.time.Duration.ofMillis(100)).pack(4).build();
        Packer.Pack first = new Packer(new TrafficPlan(small, o, null, 0), "hw", 4, Long.MAX_VALUE).next(); // 0..30 ms
        assertEquals(4, first.readings().size());
        assertEquals(2, first.upTo(15 * MS).readings().size());
        assertEquals(30 * MS, first.upTo(15 * MS).dueNanos());
        assertNull(first.upTo(-1));
        assertEquals(first, first.upTo(30 * MS));
    }

    @Test
    void flushPublishesEverythingDueThatIsNotOutYet() {
        Catalogue small = TestCatalogues.small(); // one reading every 10 ms
        SimulatorOptions o = SimulatorOptions.builder().interval(java.time.Duration.ofMillis(100)).build();
        Packer packer = new Packer(new TrafficPlan(small, o, null, 0), "hw", 4, 15 * MS, Long.MAX_VALUE);
        assertEquals(List.of(0L, 10 * MS), dues(packer.next()), "sent at 15 ms: the oldest waited 15 ms");
        assertEquals(List.of(20 * MS, 30 * MS), dues(packer.next()), "sent at 35 ms; the reading at 40 ms is taken");
        List<Packer.Pack> rest = packer.flush(85 * MS);
        assertEquals(List.of(List.of(40 * MS, 50 * MS, 60 * MS, 70 * MS), List.of(80 * MS)),
                rest.stream().map(PackerTest::dues).toList(), "held and not yet taken, up to 85 ms, in packs of 4");
        assertTrue(rest.stream().allMatch(p -> p.dueNanos() == 85 * MS));
        assertNull(packer.next(), "nothing after a flush");
        assertEquals(List.of(), packer.flush(200 * MS));
    }

    private static List<Long> dues(Packer.Pack p) {
        return p.readings().stream().map(TrafficPlan.Reading::dueNanos).toList();
    }

    @Test
    void rejectsAPackSizeBelowOne() {
        Catalogue small = TestCatalogues.small();
        TrafficPlan plan = new TrafficPlan(small, SimulatorOptions.builder().build(), null, 0);
        assertThrows(IllegalArgumentException.class, () -> new Packer(plan, "hw", 0, Long.MAX_VALUE));
    }
}
