package com.hazardwatch.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.notifications.channels.Delivery;
import com.hazardwatch.notifications.operators.Escalator;
import com.hazardwatch.notifications.operators.FloodGrouper;
import com.hazardwatch.notifications.operators.Kind;
import com.hazardwatch.notifications.operators.Notification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationRecordsTest {
    static final Notification N = new Notification("nabc", "e1", Level.TOWN, Kind.ESCALATION, List.of("A1"), "E01", 1,
            "【升级】subject", "正文 text", 123L);

    @Test
    void deliveryRecordCarriesTheContractFieldsAndEnoughToSendItAgain() throws Exception {
        Delivery d = new Delivery(N.deliveryId("webhook"), N, "webhook", "http://127.0.0.1:1/x");
        JsonNode o = Json.mapper().readTree(NotificationRecords.delivery(d, "RETRYING", 2, "HTTP 500", 456L, 789L));
        for (String f : List.of("id", "recipient", "level", "channel", "alarmIds", "kind", "subject", "text", "status", "attempt",
                "error", "at")) {
            assertTrue(o.has(f), f);
        }
        assertEquals("nabc-webhook", o.path("id").asText());
        assertEquals("TOWN", o.path("level").asText());
        assertEquals("ESCALATION", o.path("kind").asText());
        assertEquals("RETRYING", o.path("status").asText());
        assertEquals(2, o.path("attempt").asInt());
        assertEquals(456L, o.path("at").asLong());
        assertEquals(789L, o.path("nextAttemptAt").asLong());
        assertEquals(d, NotificationRecords.deliveryOf(o));
    }

    @Test
    void checkpointRestoresPositionsEscalationsAndWindows() throws Exception {
        Escalator.Pending p = new Escalator.Pending("A1", Alarms.raise("A1", "E01-LT101", 1, 1000), Level.TOWN, 1000, 2000, 3000);
        FloodGrouper.Window w = new FloodGrouper.Window("e1", 5000, 12, List.of(N));
        JsonNode o = Json.mapper().readTree(NotificationRecords.checkpoint("hw.alarms", Map.of(0, 5L, 1, 7L), List.of(p), List.of(w), 9L));
        assertEquals("checkpoint", o.path("record").asText());
        assertEquals("checkpoint:hw.alarms", o.path("id").asText());
        assertEquals(7L, o.path("positions").path("1").asLong());
        assertEquals(List.of(p), NotificationRecords.escalationsOf(o));
        FloodGrouper.Window back = NotificationRecords.windowsOf(o).get(0);
        assertEquals(12, back.count());
        assertEquals(N.id(), back.held().get(0).id());
        assertEquals(N.subject(), back.held().get(0).subject());
        assertEquals(N.alarmIds(), back.held().get(0).alarmIds());
    }
}
