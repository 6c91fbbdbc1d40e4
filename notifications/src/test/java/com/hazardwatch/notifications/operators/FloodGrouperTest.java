package com.hazardwatch.notifications.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.notifications.Level;
import com.hazardwatch.testsupport.TestCatalogues;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodGrouperTest {
    final FloodGrouper grouper = new FloodGrouper(3, 60_000, new Messages(TestCatalogues.threeSensors(), ZoneId.of("Asia/Shanghai")));

    static Notification n(String recipient, int i) {
        return new Notification(Notification.idOf("x", recipient, Integer.toString(i)), recipient, Level.ENTERPRISE, Kind.ALARM,
                List.of("A" + i), "E01", 2, "报警 " + i, "text", 0);
    }

    @Test
    void thirtyAlarmsGiveThreeSingleNotificationsAndOneGroupPerRecipient() {
        long t0 = 5_000_000;
        List<Notification> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.addAll(grouper.offer(n("e1", i), t0 + i * 100));
            sent.addAll(grouper.offer(n("t1", i), t0 + i * 100));
        }
        assertEquals(6, sent.size(), "the first 3 of each recipient's window go out one by one");
        assertEquals(List.of(), grouper.due(t0 + 59_999));
        List<Notification> groups = grouper.due(t0 + 60_000);
        assertEquals(2, groups.size());
        for (Notification g : groups) {
            assertEquals(Kind.GROUP, g.kind());
            assertEquals(27, g.alarmIds().size());
            assertEquals("A3", g.alarmIds().get(0));
            assertTrue(g.subject().contains("27"), g.subject());
        }
        assertEquals(List.of(), grouper.due(t0 + 120_000), "each group once");
        assertEquals(1, grouper.offer(n("e1", 99), t0 + 120_000).size(), "a new window starts afresh");
    }

    @Test
    void belowTheThresholdNothingIsHeld() {
        assertEquals(1, grouper.offer(n("e1", 1), 0).size());
        assertEquals(1, grouper.offer(n("e1", 2), 10).size());
        assertEquals(List.of(), grouper.due(60_000));
    }

    @Test
    void anOfferAfterTheWindowFlushesItsGroupFirst() {
        for (int i = 0; i < 5; i++) {
            grouper.offer(n("e1", i), i);
        }
        List<Notification> out = grouper.offer(n("e1", 9), 70_000);
        assertEquals(2, out.size());
        assertEquals(Kind.GROUP, out.get(0).kind());
        assertEquals(List.of("A3", "A4"), out.get(0).alarmIds());
        assertEquals("A9", out.get(1).alarmIds().get(0));
    }

    @Test
    void groupIdDependsOnRecipientAndWindowOnly() {
        FloodGrouper other = new FloodGrouper(3, 60_000, new Messages(TestCatalogues.threeSensors(), ZoneId.of("Asia/Shanghai")));
        for (int i = 0; i < 5; i++) {
            grouper.offer(n("e1", i), 100);
            other.offer(n("e1", i), 100);
        }
        assertEquals(grouper.due(60_100).get(0).id(), other.due(90_000).get(0).id());
    }
}
