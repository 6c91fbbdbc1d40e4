package com.hazardwatch.console.health;

import static com.hazardwatch.testsupport.TestAlarms.alarmId;
import static com.hazardwatch.testsupport.TestAlarms.raise;
import static com.hazardwatch.testsupport.TestAlarms.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.testsupport.TestCatalogues;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthAndDigestTest {
    // Wednesday 2026-11-18 12:00 UTC
    static final Instant NOW = Instant.parse("2026-11-18T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final long now = NOW.toEpochMilli();

    @Test
    void floodsChatteringTopTenAndLongStanding() {
        List<LifecycleEvent> events = new ArrayList<>();
        long flood = now - 3_600_000;
        for (int i = 0; i < 11; i++) { // 11 raises of one sensor within 10 minutes: a flood period and chattering
            String id = alarmId("E01-LT101", "HI", flood + i * 1000);
            events.add(raise(id, "E01-LT101", AlarmType.HIGH, 3, 86, 85, flood + i * 1000));
            events.add(transition(id, "E01-LT101", AlarmType.HIGH, AlarmTransition.CLEAR, AlarmState.RTN_UNACK, 3, 80, 84,
                    flood + i * 1000 + 500, null, null));
        }
        long old = now - 30 * 3_600_000L;
        events.add(raise(alarmId("E01-TT101", "HI", old), "E01-TT101", AlarmType.HIGH, 3, 41, 40, old));
        AlarmKpis.Report r = AlarmKpis.compute(events, clock);
        assertEquals(12, r.raised());
        assertEquals(1, r.floods().size());
        assertEquals(11, r.floods().get(0).raised());
        assertEquals("E01-LT101", r.top10().get(0).sensor());
        assertEquals(11, r.top10().get(0).raised());
        assertEquals(1, r.chattering().size());
        assertEquals(1, r.standingOver24h().size(), "only the alarm raised 30 h ago; the latched ones are an hour old");
        assertTrue(r.standingOver24h().stream().anyMatch(s -> s.sensor().equals("E01-TT101") && s.hours() >= 30));
        assertEquals(144, r.last24h().size());
    }

    @Test
    void digestCountsThisWeekPerEnterpriseAndTown() {
        long monday = Instant.parse("2026-11-16T00:00:00Z").toEpochMilli();
        List<LifecycleEvent> events = List.of(
                raise(alarmId("E01-LT101", "HI", monday - 1000), "E01-LT101", AlarmType.HIGH, 3, 86, 85, monday - 1000), // last week, overdue
                raise(alarmId("E01-TT101", "HI", now - 21 * 3_600_000L), "E01-TT101", AlarmType.HIGH, 3, 41, 40, now - 21 * 3_600_000L), // due in 3 h
                raise(alarmId("E01-PT101", "HI", now - 3_600_000), "E01-PT101", AlarmType.HIGH, 3, 1.9, 1.8, now - 3_600_000),
                transition(alarmId("E01-PT101", "HI", now - 3_600_000), "E01-PT101", AlarmType.HIGH, AlarmTransition.ACK,
                        AlarmState.ACTIVE_ACK, 3, 1.9, 1.8, now - 1_800_000, "li.na", null));
        WeeklyDigest.Report r = WeeklyDigest.compute(events, TestCatalogues.threeSensors(), clock, ZoneId.of("UTC"));
        assertEquals(monday, r.weekStart());
        assertEquals(2, r.newAlarms());
        assertEquals(3, r.open());
        assertEquals(2, r.unacknowledged());
        assertEquals(1, r.dueSoon());
        assertEquals(1, r.overdue());
        assertEquals(1, r.towns().size());
        assertEquals(3, r.towns().get(0).open());
        String csv = WeeklyDigest.toCsv(r);
        assertTrue(csv.startsWith("scope,id,name,town,new_alarms,open,unacknowledged,due_soon,overdue\r\n"), csv);
        assertTrue(csv.contains("enterprise,E01,澜涛石化仓储有限公司,临港镇,2,3,2,1,1\r\n"), csv);
    }
}
