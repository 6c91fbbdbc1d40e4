package com.hazardwatch.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.event.RiskLevel;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON of a risk-level change on hw.risk: one flat object with the {@link RiskChange} field names, levels by their
 * lowercase English name, times in epoch ms:
 *
 * <pre>{"scope":"source","id":"E01-S1","town":"T01","level":"red","previous":"blue","score":40.0,
 *  "ts":1732262430000,"emittedAt":1732262430112}</pre>
 */
public final class RiskCodec {
    private RiskCodec() {}

    public static byte[] toJson(RiskChange c) {
        try {
            return Json.mapper().writeValueAsBytes(toTree(c));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static ObjectNode toTree(RiskChange c) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("scope", c.scope());
        o.put("id", c.id());
        o.put("town", c.town());
        o.put("level", c.level().english());
        o.put("previous", c.previous().english());
        o.put("score", c.score());
        o.put("ts", c.ts());
        o.put("emittedAt", c.emittedAt());
        return o;
    }

    /**
     * Reads what {@link #toJson} writes; unknown fields are ignored.
     *
     * @throws IOException when it is not JSON, or a field is missing or of the wrong kind (the message names it)
     */
    public static RiskChange fromJson(byte[] json) throws IOException {
        JsonNode o = Json.mapper().readTree(json);
        if (o == null || !o.isObject()) {
            throw new IOException("a risk change is a JSON object");
        }
        String scope = text(o, "scope");
        if (!RiskChange.isScope(scope)) {
            throw new IOException("risk change: scope must be source, enterprise or town, found '" + scope + "'");
        }
        try {
            return new RiskChange(scope, text(o, "id"), o.hasNonNull("town") ? o.get("town").asText() : null,
                    RiskLevel.ofEnglish(text(o, "level")), RiskLevel.ofEnglish(text(o, "previous")),
                    number(o, "score").asDouble(), number(o, "ts").asLong(), number(o, "emittedAt").asLong());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a risk change: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String key) throws IOException {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new IOException("risk change: '" + key + "' must be a string");
        }
        return v.asText();
    }

    private static JsonNode number(JsonNode o, String key) throws IOException {
        JsonNode v = o.get(key);
        if (v == null || !v.isNumber()) {
            throw new IOException("risk change: '" + key + "' must be a number");
        }
        return v;
    }
}
