package com.hazardwatch.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.json.AlarmCodec;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.notifications.channels.Delivery;
import com.hazardwatch.notifications.operators.Escalator;
import com.hazardwatch.notifications.operators.FloodGrouper;
import com.hazardwatch.notifications.operators.Kind;
import com.hazardwatch.notifications.operators.Notification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON of hw.notifications (docs/notifications.md): delivery records, key = delivery id, value
 * {@code {"id","recipient","level","channel","alarmIds","kind","subject","text","status","attempt","error","at"}} plus
 * {@code record} ("delivery"), {@code notification}, {@code address}, {@code enterprise}, {@code priority}; and the
 * notifier's checkpoints, key {@code checkpoint:{alarms topic}}, {@code "record":"checkpoint"}, status CHECKPOINT.
 */
public final class NotificationRecords {
    private NotificationRecords() {}

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";
    public static final String RETRYING = "RETRYING";
    public static final String CHECKPOINT = "CHECKPOINT";

    /** What a channel carries (webhook body, MQTT payload): the delivery without status. */
    public static ObjectNode payload(Delivery d) {
        Notification n = d.notification();
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", d.id());
        o.put("recipient", n.recipient());
        o.put("level", n.level().name());
        o.put("channel", d.channel());
        ArrayNode ids = o.putArray("alarmIds");
        n.alarmIds().forEach(ids::add);
        o.put("kind", n.kind().name());
        o.put("subject", n.subject());
        o.put("text", n.text());
        o.put("priority", n.priority());
        o.put("enterprise", n.enterprise());
        o.put("notification", n.id());
        o.put("address", d.address());
        o.put("decidedAt", n.at());
        return o;
    }

    /** One attempt's result (or the intent, PENDING, attempt 0). */
    public static byte[] delivery(Delivery d, String status, int attempt, String error, long at, Long nextAttemptAt) {
        ObjectNode o = payload(d);
        o.put("status", status);
        o.put("attempt", attempt);
        o.put("error", error);
        o.put("at", at);
        o.put("record", "delivery");
        if (nextAttemptAt != null) {
            o.put("nextAttemptAt", nextAttemptAt);
        }
        return bytes(o);
    }

    public static Delivery deliveryOf(JsonNode o) {
        List<String> ids = new ArrayList<>();
        o.path("alarmIds").forEach(x -> ids.add(x.asText()));
        Notification n = new Notification(o.path("notification").asText(), o.path("recipient").asText(),
                Level.valueOf(o.path("level").asText()), Kind.valueOf(o.path("kind").asText()), ids,
                o.path("enterprise").isTextual() ? o.path("enterprise").asText() : null, o.path("priority").asInt(4),
                o.path("subject").asText(), o.path("text").asText(), o.path("decidedAt").asLong(o.path("at").asLong()));
        return new Delivery(o.path("id").asText(), n, o.path("channel").asText(), o.path("address").asText());
    }

    public static String checkpointKey(String alarmsTopic) {
        return "checkpoint:" + alarmsTopic;
    }

    public static byte[] checkpoint(String alarmsTopic, Map<Integer, Long> positions, List<Escalator.Pending> pending,
            List<FloodGrouper.Window> windows, long at) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("record", "checkpoint");
        o.put("id", checkpointKey(alarmsTopic));
        o.put("status", CHECKPOINT);
        o.put("alarmsTopic", alarmsTopic);
        ObjectNode pos = o.putObject("positions");
        positions.forEach((p, off) -> pos.put(Integer.toString(p), off));
        ArrayNode esc = o.putArray("escalations");
        for (Escalator.Pending p : pending) {
            ObjectNode e = esc.addObject();
            e.put("alarmId", p.alarmId());
            e.put("level", p.level().name());
            e.put("episode", p.episode());
            e.put("since", p.since());
            e.put("deadline", p.deadline());
            e.set("event", AlarmCodec.toTree(p.event()));
        }
        ArrayNode win = o.putArray("windows");
        for (FloodGrouper.Window w : windows) {
            ObjectNode x = win.addObject();
            x.put("recipient", w.recipient());
            x.put("start", w.start());
            x.put("count", w.count());
            ArrayNode held = x.putArray("held");
            for (Notification n : w.held()) {
                ObjectNode h = payload(new Delivery(n.id(), n, null, null));
                h.remove("text"); // a group names each held notification by its subject: keep checkpoints small
                held.add(h);
            }
        }
        o.put("at", at);
        return bytes(o);
    }

    public static List<Escalator.Pending> escalationsOf(JsonNode checkpoint) throws IOException {
        List<Escalator.Pending> out = new ArrayList<>();
        for (JsonNode e : checkpoint.path("escalations")) {
            out.add(new Escalator.Pending(e.path("alarmId").asText(), AlarmCodec.lifecycleFromJson(bytes(e.path("event"))),
                    Level.valueOf(e.path("level").asText()), e.path("episode").asLong(), e.path("since").asLong(),
                    e.path("deadline").asLong()));
        }
        return out;
    }

    public static List<FloodGrouper.Window> windowsOf(JsonNode checkpoint) {
        List<FloodGrouper.Window> out = new ArrayList<>();
        for (JsonNode w : checkpoint.path("windows")) {
            List<Notification> held = new ArrayList<>();
            w.path("held").forEach(h -> held.add(deliveryOf(h).notification()));
            out.add(new FloodGrouper.Window(w.path("recipient").asText(), w.path("start").asLong(), w.path("count").asInt(),
                    List.copyOf(held)));
        }
        return out;
    }

    static byte[] bytes(JsonNode o) {
        try {
            return Json.mapper().writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
