package com.hazardwatch.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The reading formats: the MQTT payloads gateways send, and the normalised JSON on hw.readings.
 *
 * <p>MQTT: topic {root}/{enterprise}/..., payload either one reading {"sensor": id, "ts": epoch-ms or ISO-8601,
 * "value": number, "quality": "good"|"bad"|"uncertain" (optional)}, or, when its first non-blank character is
 * {@code [}, a SenML pack of many readings ({@link SenmlCodec}). {@link #decodeMqtt} reads both.
 */
public final class ReadingCodec {
    private ReadingCodec() {}

    /**
     * What one MQTT message gave: the readings accepted and the rejections, each with its reason and a detail (for a
     * SenML record, {@code record N: ...} with N its 0-based position in the pack). A message rejected as a whole
     * (bad topic, not JSON, not a usable pack, an invalid single reading) has no reading and exactly one rejection.
     */
    public record Decoded(List<Reading> readings, List<RejectedInputException> rejects) {
        public Decoded {
            readings = List.copyOf(readings);
            rejects = List.copyOf(rejects);
        }

        static Decoded of(Reading r) {
            return new Decoded(List.of(r), List.of());
        }

        static Decoded of(RejectedInputException e) {
            return new Decoded(List.of(), List.of(e));
        }
    }

    /**
     * Validates one MQTT message, a single reading or a SenML pack, against the contract and the catalogue. Never
     * throws for bad input: everything that cannot be accepted is in {@link Decoded#rejects()}.
     */
    public static Decoded decodeMqtt(String topic, byte[] payload, String topicRoot, Catalogue catalogue, long receivedAt) {
        try {
            if (!SenmlCodec.isPack(payload)) {
                return Decoded.of(fromMqtt(topic, payload, topicRoot, catalogue, receivedAt));
            }
            String enterprise = enterpriseOfTopic(topic, topicRoot);
            return SenmlCodec.decode(parse(payload), topic, enterprise, catalogue, receivedAt);
        } catch (RejectedInputException e) {
            return Decoded.of(e);
        }
    }

    /**
     * Validates one MQTT message holding a single reading object against the contract and the catalogue; throws with
     * the dead-letter reason. A SenML pack is not a single reading (NOT_AN_OBJECT): use {@link #decodeMqtt} for any
     * message.
     */
    public static Reading fromMqtt(String topic, byte[] payload, String topicRoot, Catalogue catalogue, long receivedAt)
            throws RejectedInputException {
        String enterprise = enterpriseOfTopic(topic, topicRoot);
        JsonNode root = parse(payload);
        if (!root.isObject()) {
            throw new RejectedInputException(RejectReason.NOT_AN_OBJECT,
                    "payload is a JSON " + root.getNodeType().name().toLowerCase() + ", expected an object {\"sensor\",\"ts\",\"value\"}");
        }
        String sensorId = requiredText(root, "sensor");
        long ts = timestamp(required(root, "ts"));
        double value = number(required(root, "value"));
        Quality quality = quality(root.get("quality"));

        Sensor sensor = catalogue.sensor(sensorId).orElseThrow(() -> new RejectedInputException(
                RejectReason.UNKNOWN_SENSOR, "sensor '" + sensorId + "' is not in the catalogue"));
        if (!sensor.enterprise().equals(enterprise)) {
            throw new RejectedInputException(RejectReason.WRONG_ENTERPRISE, "sensor '" + sensorId + "' belongs to enterprise '"
                    + sensor.enterprise() + "', but was published under '" + enterprise + "' (topic " + topic + ")");
        }
        return new Reading(sensorId, sensor.enterprise(), sensor.source(), sensor.kind().code(), ts, value, quality, receivedAt);
    }

    /** The enterprise id named by a topic {root}/{enterprise}/...; rejects other topics. */
    public static String enterpriseOfTopic(String topic, String topicRoot) throws RejectedInputException {
        String prefix = topicRoot + "/";
        if (topic == null || !topic.startsWith(prefix)) {
            throw new RejectedInputException(RejectReason.BAD_TOPIC, "topic '" + topic + "' is not under '" + prefix + "'");
        }
        String rest = topic.substring(prefix.length());
        int slash = rest.indexOf('/');
        String enterprise = slash < 0 ? rest : rest.substring(0, slash);
        if (enterprise.isEmpty()) {
            throw new RejectedInputException(RejectReason.BAD_TOPIC, "topic '" + topic + "' names no enterprise: expected "
                    + prefix + "{enterpriseId}/...");
        }
        return enterprise;
    }

    /** The normalised form written to hw.readings. */
    public static byte[] toJson(Reading r) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("sensor", r.sensor());
        n.put("enterprise", r.enterprise());
        n.put("source", r.source());
        n.put("kind", r.kind());
        n.put("ts", r.ts());
        n.put("value", r.value());
        n.put("quality", r.quality().code());
        n.put("receivedAt", r.receivedAt());
        try {
            return Json.mapper().writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the normalised form back; throws with a reason when a record on hw.readings is not one. */
    public static Reading fromJson(byte[] json) throws RejectedInputException {
        // Written by the bridge, so the separate UTF-8 check of outside input is not needed (Jackson still rejects bad bytes)
        JsonNode n = parseJson(json);
        if (!n.isObject()) {
            throw new RejectedInputException(RejectReason.NOT_AN_OBJECT, "hw.readings record is not a JSON object");
        }
        return new Reading(
                requiredText(n, "sensor"),
                requiredText(n, "enterprise"),
                requiredText(n, "source"),
                requiredText(n, "kind"),
                timestamp(required(n, "ts")),
                number(required(n, "value")),
                quality(n.get("quality")),
                n.path("receivedAt").asLong(0));
    }

    static JsonNode parse(byte[] payload) throws RejectedInputException {
        return JsonInput.parse(payload, "payload", true);
    }

    private static JsonNode parseJson(byte[] payload) throws RejectedInputException {
        return JsonInput.parse(payload, "payload", false);
    }

    private static JsonNode required(JsonNode n, String field) throws RejectedInputException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new RejectedInputException(RejectReason.MISSING_FIELD, "field '" + field + "' is missing");
        }
        return v;
    }

    private static String requiredText(JsonNode n, String field) throws RejectedInputException {
        JsonNode v = required(n, field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new RejectedInputException(RejectReason.MISSING_FIELD, "field '" + field + "' must be a non-empty string, found "
                    + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }

    /** Epoch milliseconds, or an ISO-8601 string with a zone offset; anything else is BAD_TIMESTAMP. */
    static long timestamp(JsonNode v) throws RejectedInputException {
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong() || v.asLong() <= 0) {
                throw new RejectedInputException(RejectReason.BAD_TIMESTAMP, "ts " + JsonInput.abbreviate(v.toString())
                        + " is not a positive epoch-milliseconds value");
            }
            return v.asLong();
        }
        if (v.isTextual()) {
            String s = v.asText();
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(s).toEpochMilli();
                } catch (DateTimeParseException e2) {
                    throw new RejectedInputException(RejectReason.BAD_TIMESTAMP, "ts '" + JsonInput.abbreviate(s)
                            + "' is not ISO-8601 with a zone offset (e.g. 2024-05-01T08:00:00+08:00) nor epoch milliseconds");
                }
            }
        }
        throw new RejectedInputException(RejectReason.BAD_TIMESTAMP, "ts must be epoch milliseconds (integer) or an ISO-8601 string, found "
                + v.getNodeType().name().toLowerCase() + " " + v);
    }

    private static double number(JsonNode v) throws RejectedInputException {
        if (!v.isNumber()) {
            throw new RejectedInputException(RejectReason.NON_NUMERIC_VALUE, "value must be a number, found "
                    + v.getNodeType().name().toLowerCase() + " " + JsonInput.abbreviate(v.toString()));
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new RejectedInputException(RejectReason.NON_FINITE_VALUE, "value " + JsonInput.abbreviate(v.toString()) + " is not a finite number");
        }
        return d;
    }

    private static Quality quality(JsonNode v) throws RejectedInputException {
        if (v == null || v.isNull()) {
            return Quality.GOOD;
        }
        if (v.isTextual()) {
            var q = Quality.fromCode(v.asText());
            if (q.isPresent()) {
                return q.get();
            }
        }
        throw new RejectedInputException(RejectReason.BAD_QUALITY, "quality must be \"good\", \"bad\" or \"uncertain\", found " + JsonInput.abbreviate(v.toString()));
    }
}
