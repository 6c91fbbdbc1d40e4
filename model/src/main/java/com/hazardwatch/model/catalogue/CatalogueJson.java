package com.hazardwatch.model.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.json.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sensors of a catalogue as JSON: an array with one object per sensor, in catalogue order, denormalised and with
 * defaults applied (what {@code hazardwatch catalogue show --json} prints):
 *
 * <pre>
 * {"id": "E01-LT101", "name": "...", "enterprise": "E01", "town": "T01", "source": "E01-S1", "sourceGrade": 1,
 *  "kind": "level", "unit": "%", "range": {"min": 0.0, "max": 100.0},
 *  "limits": {"ll": 5.0, "l": 10.0, "h": 85.0, "hh": 95.0}, "deadband": 1.0}
 * </pre>
 *
 * {@code sourceGrade} is absent for a source that is not a major hazard source; each limit is absent where unset.
 */
public final class CatalogueJson {
    private CatalogueJson() {}

    /** Pretty-printed JSON array of every sensor of the catalogue. */
    public static String toJson(Catalogue catalogue) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toTree(catalogue));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }

    /** The JSON array of every sensor of the catalogue, as a tree. */
    public static ArrayNode toTree(Catalogue catalogue) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Sensor s : catalogue.sensors()) {
            array.add(toTree(s));
        }
        return array;
    }

    /** One sensor as a JSON object. */
    public static ObjectNode toTree(Sensor s) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", s.id());
        o.put("name", s.name());
        o.put("enterprise", s.enterprise());
        o.put("town", s.town());
        o.put("source", s.source());
        if (s.sourceGrade() != null) {
            o.put("sourceGrade", s.sourceGrade());
        }
        o.put("kind", s.kind().code());
        o.put("unit", s.unit());
        ObjectNode range = o.putObject("range");
        range.put("min", s.range().min());
        range.put("max", s.range().max());
        ObjectNode limits = o.putObject("limits");
        Limits l = s.limits() == null ? Limits.NONE : s.limits();
        putIfSet(limits, "ll", l.ll());
        putIfSet(limits, "l", l.l());
        putIfSet(limits, "h", l.h());
        putIfSet(limits, "hh", l.hh());
        o.put("deadband", s.deadband());
        RuleSettings r = s.rules();
        if (!r.equals(RuleSettings.DEFAULTS)) {
            ObjectNode rules = o.putObject("rules");
            putIfSet(rules, "onDelayMs", r.onDelayMs());
            putIfSet(rules, "offDelayMs", r.offDelayMs());
            putIfSet(rules, "staleAfterMs", r.staleAfterMs());
            putIfSet(rules, "rocLimit", r.rocLimit());
            putIfSet(rules, "rocWindowMs", r.rocWindowMs());
            putIfSet(rules, "forecastHorizonMs", r.forecastHorizonMs());
            putIfSet(rules, "flatlineMs", r.flatlineMs());
            putIfSet(rules, "flatlineEpsilon", r.flatlineEpsilon());
            if (r.priority() != null) {
                rules.put("priority", r.priority());
            }
            putIfSet(rules, "oel", r.oel());
            if (r.outOfService()) {
                rules.put("outOfService", true);
            }
            if (r.compression() != null) {
                ObjectNode c = rules.putObject("compression");
                c.put("method", r.compression().method().code());
                c.put("deviation", r.compression().deviation());
            }
        }
        return o;
    }

    /**
     * One hw.catalogue record as JSON: {@code {"sensorId": .., "enterprise": .., "revision": .., "sensor": {...}}}, with
     * {@code "sensor": null} for a removal.
     */
    public static byte[] entryToJson(CatalogueEntry e) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("sensorId", e.sensorId());
        o.put("enterprise", e.enterprise());
        o.put("revision", e.revision());
        if (e.sensor() == null) {
            o.putNull("sensor");
        } else {
            o.set("sensor", toTree(e.sensor()));
        }
        try {
            return Json.mapper().writeValueAsBytes(o);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads one hw.catalogue record.
     *
     * @throws IllegalArgumentException naming what is wrong when it is not such a record
     */
    public static CatalogueEntry entryFromJson(byte[] json) {
        JsonNode o;
        try {
            o = Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("catalogue entry is not JSON: " + e.getMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("catalogue entry is not a JSON object");
        }
        String id = text(o, "sensorId", "catalogue entry");
        JsonNode revision = required(o, "revision", "catalogue entry " + id);
        if (!revision.canConvertToLong()) {
            throw new IllegalArgumentException("catalogue entry " + id + ": revision is not a whole number");
        }
        JsonNode sensor = o.get("sensor");
        if (sensor == null || sensor.isNull()) {
            return CatalogueEntry.removal(id, text(o, "enterprise", "catalogue entry " + id), revision.asLong());
        }
        Sensor s = sensorFromTree(sensor, "catalogue entry " + id);
        if (!s.id().equals(id)) {
            throw new IllegalArgumentException("catalogue entry " + id + " holds sensor " + s.id());
        }
        return CatalogueEntry.of(s, revision.asLong());
    }

    /**
     * Reads sensors back from the JSON that {@link #toJson(Catalogue)} writes.
     *
     * @throws IllegalArgumentException when the text is not such an array (not JSON, a field missing, an unknown kind)
     */
    public static List<Sensor> sensorsFromJson(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of sensors");
        }
        List<Sensor> sensors = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            sensors.add(sensorFromTree(root.get(i), "[" + i + "]"));
        }
        return sensors;
    }

    private static Sensor sensorFromTree(JsonNode o, String where) {
        String kindCode = text(o, "kind", where);
        SensorKind kind = SensorKind.fromCode(kindCode)
                .orElseThrow(() -> new IllegalArgumentException(where + ": unknown kind \"" + kindCode + "\""));
        JsonNode range = required(o, "range", where);
        JsonNode limits = o.path("limits");
        JsonNode grade = o.get("sourceGrade");
        return new Sensor(
                text(o, "id", where),
                text(o, "name", where),
                text(o, "enterprise", where),
                text(o, "town", where),
                text(o, "source", where),
                grade == null || grade.isNull() ? null : grade.intValue(),
                kind,
                text(o, "unit", where),
                new Range(required(range, "min", where + ".range").doubleValue(), required(range, "max", where + ".range").doubleValue()),
                new Limits(optional(limits, "ll"), optional(limits, "l"), optional(limits, "h"), optional(limits, "hh")),
                required(o, "deadband", where).doubleValue(),
                rulesFromTree(o.path("rules")));
    }

    private static RuleSettings rulesFromTree(JsonNode r) {
        if (r.isMissingNode() || r.isNull()) {
            return RuleSettings.DEFAULTS;
        }
        JsonNode prio = r.get("priority");
        return new RuleSettings(optionalLong(r, "onDelayMs"), optionalLong(r, "offDelayMs"), optionalLong(r, "staleAfterMs"),
                optional(r, "rocLimit"), optionalLong(r, "rocWindowMs"), optionalLong(r, "forecastHorizonMs"),
                optionalLong(r, "flatlineMs"), optional(r, "flatlineEpsilon"),
                prio == null || prio.isNull() ? null : prio.intValue(), optional(r, "oel"),
                r.path("outOfService").asBoolean(false), compressionFromTree(r.path("compression")));
    }

    private static Compression compressionFromTree(JsonNode c) {
        if (c.isMissingNode() || c.isNull()) {
            return null;
        }
        String code = c.path("method").asText("");
        return new Compression(Compression.Method.fromCode(code)
                .orElseThrow(() -> new IllegalArgumentException("unknown compression method \"" + code + "\"")),
                c.path("deviation").asDouble(Double.NaN));
    }

    private static Long optionalLong(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.longValue();
    }

    private static void putIfSet(ObjectNode o, String key, Long value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static void putIfSet(ObjectNode o, String key, Double value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static JsonNode required(JsonNode o, String key, String where) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing \"" + key + "\"");
        }
        return v;
    }

    private static String text(JsonNode o, String key, String where) {
        return required(o, key, where).asText();
    }

    private static Double optional(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.doubleValue();
    }
}
