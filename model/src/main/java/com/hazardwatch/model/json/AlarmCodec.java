package com.hazardwatch.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.LifecycleEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON of an alarm transition on hw.alarms: one flat object with the {@link AlarmEvent} fields (record names, enums by
 * name) followed by the lifecycle fields {@code priority}, {@code underlying}, {@code operator}, {@code comment},
 * {@code reason}, {@code shelvedUntil} and {@code notify}. A reader that knows only the AlarmEvent fields can read it
 * with {@link #fromJson} (unknown fields are ignored).
 */
public final class AlarmCodec {
    private AlarmCodec() {}

    public static byte[] toJson(LifecycleEvent e) {
        try {
            return Json.mapper().writeValueAsBytes(toTree(e));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static ObjectNode toTree(LifecycleEvent e) {
        ObjectNode o = Json.mapper().valueToTree(e.event());
        o.put("priority", e.priority());
        o.put("underlying", e.underlying() == null ? null : e.underlying().name());
        o.put("operator", e.operator());
        o.put("comment", e.comment());
        o.put("reason", e.reason());
        if (e.shelvedUntil() == null) {
            o.putNull("shelvedUntil");
        } else {
            o.put("shelvedUntil", e.shelvedUntil());
        }
        o.put("notify", e.shouldNotify());
        return o;
    }

    /** The AlarmEvent fields of a transition. */
    public static AlarmEvent fromJson(byte[] json) throws IOException {
        return Json.mapper().readValue(json, AlarmEvent.class);
    }

    /** A whole transition, as {@link #toJson(LifecycleEvent)} writes it. */
    public static LifecycleEvent lifecycleFromJson(byte[] json) throws IOException {
        JsonNode o = Json.mapper().readTree(json);
        AlarmEvent event = Json.mapper().treeToValue(o, AlarmEvent.class);
        JsonNode underlying = o.path("underlying");
        JsonNode until = o.path("shelvedUntil");
        return new LifecycleEvent(event, o.path("priority").asInt(0),
                underlying.isTextual() ? AlarmState.valueOf(underlying.asText()) : null,
                text(o, "operator"), text(o, "comment"), text(o, "reason"),
                until.isNumber() ? until.asLong() : null, o.path("notify").asBoolean(false));
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
