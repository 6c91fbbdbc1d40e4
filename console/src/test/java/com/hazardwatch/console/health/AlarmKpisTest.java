package com.hazardwatch.console.health;

import static com.hazardwatch.console.health.HealthEvents.raise;
import static com.hazardwatch.console.health.HealthEvents.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmKpisTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-11-20 (Friday) 14:37:30 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-20T06:37:30Z");

    @Test
    void bucketsAreTenMinutesOfLocalTimeEndingWithTheOneHoldingNow() {
        AlarmKpis k = AlarmKpis.compute(List.of(), NOW, SHANGHAI);
        assertEquals(144, k.buckets().size());
        assertEquals(ms("2026-11-20T06:40:00Z"), k.windowEnd());
        assertEquals(ms("2026-11-19T06:40:00Z"), k.windowStart());
        assertEquals(ms("2026-11-20T06:30:00Z"), k.buckets().get(143).start());
        assertEquals(NOW.toEpochMilli(), k.now());
        assertEquals(0, k.alarms());
        assertEquals(0.0, k.averagePer10Min());
        assertTrue(k.targets().stream().allMatch(AlarmKpis.Target::met), k.targets().toString());
    }

    @Test
    void raisesAreCountedPerBucketAndOnlyRaisesCount() {
        Instant t = Instant.parse("2026-11-20T05:02:00Z"); // bucket 05:00
        LifecycleEvent r = raise("E01-LT101", "HI", AlarmType.HIGH, 2, t);
        List<LifecycleEvent> events = List.of(
                r,
                then(r, AlarmTransition.ESCALATE, AlarmState.ACTIVE_UNACK, AlarmState.ACTIVE_UNACK, t.plusSeconds(30)),
                then(r, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, AlarmState.ACTIVE_ACK, t.plusSeconds(60)),
                then(r, AlarmTransition.CLEAR, AlarmState.NORMAL, AlarmState.NORMAL, t.plusSeconds(90)),
                raise("E01-TT101", "HI", AlarmType.HIGH, 3, t.plusSeconds(500)), // bucket 05:10
                raise("E01-TT101", "HI", AlarmType.HIGH, 3, Instant.parse("2026-11-19T06:39:59Z")), // before the window
                raise("E01-PT101", "HI", AlarmType.HIGH, 3, NOW)); // the bucket still filling
        AlarmKpis k = AlarmKpis.compute(events, NOW, SHANGHAI);
        assertEquals(3, k.alarms());
        int i = (int) ((ms("2026-11-20T05:00:00Z") - k.windowStart()) / 600_000);
        assertEquals(1, k.buckets().get(i).alarms());
        assertEquals(1, k.buckets().get(i + 1).alarms());
        assertEquals(1, k.buckets().get(143).alarms());
        assertEquals(2 / 143.0, k.averagePer10Min(), 1e-9, "the bucket holding now is not averaged");
        assertEquals(1, k.maxPer10Min());
    }

    @Test
    void aFloodIsARunOfBucketsWithMoreThanTenRaises() {
        List<LifecycleEvent> events = new ArrayList<>();
        Instant b1 = Instant.parse("2026-11-20T02:00:00Z");
        for (int i = 0; i < 11; i++) { // 02:00 bucket: 11 -> flood
            events.add(raise("E01-G" + i, "HI", AlarmType.HIGH, 1, b1.plusSeconds(i * 10)));
        }
        for (int i = 0; i < 15; i++) { // 02:10 bucket: 15 -> flood, the same flood
            events.add(raise("E02-G" + i, "HI", AlarmType.HIGH, 1, b1.plusSeconds(600 + i * 10)));
        }
        for (int i = 0; i < 10; i++) { // 02:20 bucket: exactly 10 -> not a flood
            events.add(raise("E03-G" + i, "HI", AlarmType.HIGH, 1, b1.plusSeconds(1200 + i * 10)));
        }
        for (int i = 0; i < 12; i++) { // 03:00: a second flood
            events.add(raise("E04-G" + i, "HI", AlarmType.HIGH, 1, b1.plusSeconds(3600 + i)));
        }
        AlarmKpis k = AlarmKpis.compute(events, NOW, SHANGHAI);
        assertEquals(2, k.floods().size(), k.floods().toString());
        AlarmKpis.Flood f = k.floods().get(0);
        assertEquals(b1.toEpochMilli(), f.start());
        assertEquals(b1.plusSeconds(1200).toEpochMilli(), f.end());
        assertTrue(k.buckets().stream().filter(AlarmKpis.Bucket::flood).count() == 3);
        assertEquals(26, f.alarms());
        assertEquals(15, f.peakPer10Min());
        assertEquals(12, k.floods().get(1).alarms());
        assertEquals(300.0 / 143, k.floodPercent(), 1e-9);
        assertEquals(15, k.maxPer10Min());
        AlarmKpis.Target flood = target(k, "10-minute periods in flood");
        assertFalse(flood.met());
        assertEquals("2.10 %", flood.value());
        assertFalse(target(k, "most alarms in 10 minutes").met());
    }

    @Test
    void topTenBySensorAndTypeWithTheirShare() {
        List<LifecycleEvent> events = new ArrayList<>();
        Instant t = Instant.parse("2026-11-19T12:00:00Z");
        for (int s = 0; s < 12; s++) {
            for (int n = 0; n <= s; n++) { // sensor s raises s+1 times, an hour apart
                events.add(raise("E01-S" + (s < 10 ? "0" : "") + s, "HI", AlarmType.HIGH, 3, t.plusSeconds(3600L * n + s)));
            }
        }
        events.add(raise("E01-S11", "LO", AlarmType.LOW, 3, t.plusSeconds(7)));
        AlarmKpis k = AlarmKpis.compute(events, NOW, SHANGHAI);
        assertEquals(79, k.alarms());
        assertEquals(10, k.top10().size());
        assertEquals("E01-S11", k.top10().get(0).sensor());
        assertEquals(12, k.top10().get(0).raises());
        assertEquals(100.0 * 12 / 79, k.top10().get(0).percent(), 1e-9);
        assertEquals("E01-S02", k.top10().get(9).sensor());
        assertEquals(AlarmType.HIGH, k.top10().get(9).type());
        assertEquals(100.0 * (12 + 11 + 10 + 9 + 8 + 7 + 6 + 5 + 4 + 3) / 79, k.top10Percent(), 1e-9);
        assertFalse(target(k, "share of the top 10 alarms").met());
    }

    @Test
    void chatteringIsThreeRaisesOfAClassWithinAMinuteOrTheEnginesVerdict() {
        Instant t = Instant.parse("2026-11-20T04:00:00Z");
        LifecycleEvent first = raise("E01-LT101", "HI", AlarmType.HIGH, 2, t);
        List<LifecycleEvent> events = new ArrayList<>(List.of(
                first,
                then(first, AlarmTransition.CLEAR, AlarmState.RTN_UNACK, AlarmState.RTN_UNACK, t.plusSeconds(10)),
                then(first, AlarmTransition.RETURN, AlarmState.ACTIVE_UNACK, AlarmState.ACTIVE_UNACK, t.plusSeconds(20)),
                then(first, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, AlarmState.ACTIVE_ACK, t.plusSeconds(25)),
                then(first, AlarmTransition.CLEAR, AlarmState.NORMAL, AlarmState.NORMAL, t.plusSeconds(30)),
                raise("E01-LT101", "HI", AlarmType.HIGH_HIGH, 1, t.plusSeconds(50)), // third within 50 s
                // two raises within a minute, a third 61 s after the first: not chattering by the minute rule
                raise("E01-TT101", "HI", AlarmType.HIGH, 3, t),
                raise("E01-TT101", "HI", AlarmType.HIGH, 3, t.plusSeconds(30)),
                raise("E01-TT101", "HI", AlarmType.HIGH, 3, t.plusSeconds(61)),
                // the engine's CHATTERING for the ROC class of PT101
                raise("E01-PT101", "CHAT:ROC", AlarmType.CHATTERING, 4, t.plusSeconds(600))));
        AlarmKpis k = AlarmKpis.compute(events, NOW, SHANGHAI);
        assertEquals(2, k.chattering().size(), k.chattering().toString());
        AlarmKpis.Chattering lt = k.chattering().get(0);
        assertEquals("E01-LT101", lt.sensor());
        assertEquals("HI", lt.alarmClass());
        assertEquals(3, lt.raises());
        assertEquals(3, lt.maxPerMinute());
        assertFalse(lt.flaggedByEngine());
        assertEquals("E01-LT101:HI:" + t.plusSeconds(50).toEpochMilli(), lt.lastAlarmId());
        AlarmKpis.Chattering pt = k.chattering().get(1);
        assertEquals("E01-PT101", pt.sensor());
        assertEquals("ROC", pt.alarmClass());
        assertTrue(pt.flaggedByEngine());
        assertEquals("2", target(k, "chattering alarms").value());
        assertFalse(target(k, "chattering alarms").met());
    }

    @Test
    void standingAlarmsAreThoseActiveForMoreThanADayWhateverIsLayeredOnTop() {
        Instant old = NOW.minus(Duration.ofHours(30));
        LifecycleEvent acked = raise("E01-LT101", "HI", AlarmType.HIGH, 2, old);
        LifecycleEvent shelved = raise("E01-TT101", "HI", AlarmType.HIGH, 3, old.plusSeconds(60));
        LifecycleEvent cleared = raise("E01-PT101", "HI", AlarmType.HIGH, 3, old);
        LifecycleEvent latched = raise("E02-PT101", "HI", AlarmType.HIGH, 3, old);
        LifecycleEvent young = raise("E01-GT101", "HI", AlarmType.HIGH, 1, NOW.minus(Duration.ofHours(23)));
        List<LifecycleEvent> events = List.of(acked, shelved, cleared, latched, young,
                then(acked, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, AlarmState.ACTIVE_ACK, old.plusSeconds(100)),
                then(shelved, AlarmTransition.SHELVE, AlarmState.SHELVED, AlarmState.ACTIVE_UNACK, old.plusSeconds(200)),
                then(cleared, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, AlarmState.ACTIVE_ACK, old.plusSeconds(100)),
                then(cleared, AlarmTransition.CLEAR, AlarmState.NORMAL, AlarmState.NORMAL, old.plusSeconds(300)),
                then(latched, AlarmTransition.CLEAR, AlarmState.RTN_UNACK, AlarmState.RTN_UNACK, old.plusSeconds(300)));
        AlarmKpis k = AlarmKpis.compute(events, NOW, SHANGHAI);
        assertEquals(List.of("E01-LT101", "E01-TT101"), k.standing().stream().map(AlarmKpis.Standing::sensor).toList());
        assertEquals(AlarmState.SHELVED, k.standing().get(1).state());
        assertEquals(30.0, k.standing().get(0).hours(), 1e-9);
        assertEquals(old.toEpochMilli(), k.standing().get(0).raisedAt());
        assertTrue(target(k, "alarms standing over 24 h").met());
    }

    @Test
    void averageRateAgainstTheTargetOfTwoPerTenMinutes() {
        List<LifecycleEvent> events = new ArrayList<>();
        Instant start = Instant.parse("2026-11-19T06:40:00Z");
        for (int i = 0; i < 143 * 3; i++) { // three per complete bucket, spread
            events.add(raise("E01-X" + (i % 50), "ROC", AlarmType.RATE_OF_CHANGE, 4, start.plusSeconds(200L * i)));
        }
        AlarmKpis k = AlarmKpis.compute(events, NOW, SHANGHAI);
        assertEquals(3.0, k.averagePer10Min(), 1e-9);
        AlarmKpis.Target avg = target(k, "average alarms per 10 minutes");
        assertEquals("3.00", avg.value());
        assertFalse(avg.met());
        assertTrue(k.floods().isEmpty());
    }

    @Test
    void serializesWithTheProjectsObjectMapper() throws Exception {
        Instant t = Instant.parse("2026-11-20T05:02:00Z");
        AlarmKpis k = AlarmKpis.compute(List.of(raise("E01-LT101", "HI", AlarmType.HIGH, 2, t)), NOW, SHANGHAI);
        com.fasterxml.jackson.databind.JsonNode n = com.hazardwatch.model.json.Json.mapper().valueToTree(k);
        assertEquals(k.windowStart(), n.get("windowStart").asLong());
        assertEquals(List.of("start", "alarms"), iterable(n.get("buckets").get(0).fieldNames()));
        assertEquals("HIGH", n.get("top10").get(0).get("type").asText());
    }

    static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static AlarmKpis.Target target(AlarmKpis k, String name) {
        return k.targets().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
