package com.hazardwatch.notifications.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.notifications.Alarms;
import com.hazardwatch.notifications.Level;
import com.hazardwatch.testsupport.TestCatalogues;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static Planner planner() {
        Messages m = new Messages(TestCatalogues.threeSensors(), ZoneId.of("Asia/Shanghai"));
        return new Planner(new Escalator(EscalatorTest.TIMES, (l, e, at) -> EscalatorTest.ON_DUTY.get(l)),
                new FloodGrouper(10, 600_000, m), m);
    }

    @Test
    void messageIsChineseThenEnglishAndNamesWhatHappened() {
        long ts = 1_732_262_430_000L; // 2024-11-22 16:00:30 in Shanghai
        Notification n = planner().onEvent(Alarms.raise("E01-LT101:HI:1", "E01-LT101", 1, ts), ts).get(0);
        assertEquals("e1", n.recipient());
        assertEquals(Level.ENTERPRISE, n.level());
        String t = n.text();
        for (String s : List.of("【危险源报警】新报警，一级（P1）", "企业：澜涛石化仓储有限公司（E01）", "危险源：1号液化烃球罐区（E01-S1）",
                "测点：1号球罐液位（E01-LT101）", "报警类型：高高报警（HIGH_HIGH）", "95.4 % >= HH 95 %; value 95.4, limit 95",
                "时间：2024-11-22 16:00:30（Asia/Shanghai）", "Hazard alarm: new alarm, priority P1", "Enterprise: 澜涛石化仓储有限公司（E01）",
                "Alarm type: HIGH_HIGH", "Time: 2024-11-22 16:00:30 (Asia/Shanghai)")) {
            assertTrue(t.contains(s), "missing <" + s + "> in\n" + t);
        }
        assertTrue(t.indexOf("企业") < t.indexOf("Enterprise"), "Chinese first");
        assertTrue(n.subject().startsWith("【一级报警】澜涛石化仓储有限公司 1号球罐液位 高高报警 / P1 HIGH_HIGH E01-LT101"), n.subject());
    }

    @Test
    void notifyFalseNotifiesNobody() {
        Planner p = planner();
        for (AlarmState s : List.of(AlarmState.ACTIVE_UNACK, AlarmState.SHELVED, AlarmState.SUPPRESSED)) {
            assertEquals(List.of(), p.onEvent(Alarms.event("A-" + s, "E01-LT101", "E01", AlarmType.CHATTERING, AlarmTransition.RAISE,
                    s, 2, false, 1000), 1000));
        }
        assertEquals(List.of(), p.tick(10_000_000));
    }

    @Test
    void theSameInputGivesTheSameIdsSoTheDedupeDropsTheSecond() {
        long ts = 1_000_000;
        Notification a = planner().onEvent(Alarms.raise("A1", "E01-LT101", 1, ts), ts).get(0);
        Notification b = planner().onEvent(Alarms.raise("A1", "E01-LT101", 1, ts), ts + 5000).get(0);
        assertEquals(a.id(), b.id());
        Dedupe d = new Dedupe();
        assertTrue(d.claim(a.deliveryId("webhook")));
        assertTrue(d.claim(a.deliveryId("mqtt")), "another channel is another delivery");
        assertFalse(d.claim(b.deliveryId("webhook")));
        assertEquals(2, d.size());
        Notification other = planner().onEvent(Alarms.raise("A1", "E01-LT101", 1, ts + 1), ts).get(0);
        assertFalse(other.id().equals(a.id()), "a new episode is a new notification");
    }

    @Test
    void escalationMessageSaysWhoDidNotAcknowledge() {
        Planner p = planner();
        p.onEvent(Alarms.raise("A1", "E01-LT101", 1, 0), 0);
        List<Notification> up = p.tick(5 * 60_000);
        assertEquals(1, up.size());
        assertEquals(Kind.ESCALATION, up.get(0).kind());
        assertTrue(up.get(0).text().startsWith("【报警升级】企业安全员在 5 分钟内未确认，现升级至镇（街道）值班员。"), up.get(0).text());
        assertTrue(up.get(0).text().contains("not acknowledged by the enterprise safety officer within 5 min, now sent to the town duty officer"));
    }
}
