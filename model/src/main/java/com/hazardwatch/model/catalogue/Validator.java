package com.hazardwatch.model.catalogue;

import static com.hazardwatch.model.catalogue.CatalogueLoader.ENTERPRISE_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.LIMIT_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.ROOT_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.SENSOR_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.SOURCE_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.TOWN_FIELDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Walks a parsed catalogue document, collecting every error, and builds the catalogue when there are none. */
final class Validator {
    private final YamlDoc doc;
    private final String origin;
    private final List<CatalogueError> errors;

    /** id to where it was first defined, per namespace. */
    private final Map<String, String> townAt = new LinkedHashMap<>();
    private final Map<String, String> enterpriseAt = new HashMap<>();
    private final Map<String, String> sourceAt = new HashMap<>();
    private final Map<String, String> sensorAt = new HashMap<>();

    private final List<Town> towns = new ArrayList<>();
    private final List<Enterprise> enterprises = new ArrayList<>();
    private final List<Sensor> sensors = new ArrayList<>();
    private int sensorEntries;
    /** Whether the towns list could be read at all. */
    private boolean townsReadable;
    /** Town ids written but unusable (malformed, not text, a bare scalar instead of a mapping): already reported. */
    private final Set<String> unusableTownIds = new HashSet<>();
    /** Paths of towns with no id at all. */
    private final List<String> townsWithoutId = new ArrayList<>();

    Validator(YamlDoc doc, String origin, List<CatalogueError> errors) {
        this.doc = doc;
        this.origin = origin;
        this.errors = errors;
    }

    /** The catalogue, or null when errors were found (they are in the list given to the constructor). */
    Catalogue catalogue() {
        Obj root = new Obj((ObjectNode) doc.root(), CatalogueLoader.FILE_PLACE, "");
        root.unknownFields(ROOT_FIELDS);
        String name = root.text("name", false);

        ArrayNode townList = root.list("towns", "");
        townsReadable = townList != null;
        if (townList != null) {
            for (int i = 0; i < townList.size(); i++) {
                ObjectNode n = root.item(townList, "towns", i, TOWN_FIELDS);
                if (n != null) {
                    town(n, "towns[" + i + "]");
                } else if (townList.get(i).isValueNode()) {
                    unusableTownIds.add(townList.get(i).asText().strip());
                }
            }
        }
        ArrayNode enterpriseList = root.list("enterprises", "");
        if (enterpriseList != null) {
            for (int i = 0; i < enterpriseList.size(); i++) {
                ObjectNode n = root.item(enterpriseList, "enterprises", i, ENTERPRISE_FIELDS);
                if (n != null) {
                    enterprise(n, "enterprises[" + i + "]");
                }
            }
            if (sensorEntries == 0) {
                root.error("enterprises", "the catalogue defines no sensors (" + enterpriseList.size() + " enterprise"
                        + (enterpriseList.size() == 1 ? "" : "s") + ", 0 sensors); add at least one sensor under"
                        + " enterprises[].sources[].sensors");
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Catalogue(name == null ? origin : name, towns, enterprises, sensors);
    }

    // ---- one level each -----------------------------------------------------------------------------------------

    private void town(ObjectNode n, String path) {
        int before = errors.size();
        Obj o = new Obj(n, path, "");
        String id = o.id("town", townAt, path);
        if (id == null) {
            JsonNode raw = n.get("id");
            if (raw != null && raw.isValueNode() && !raw.isNull()) {
                unusableTownIds.add(raw.asText().strip());
            } else {
                townsWithoutId.add(path);
            }
        }
        o.unknownFields(TOWN_FIELDS);
        String name = o.text("name", true);
        if (errors.size() == before) {
            towns.add(new Town(id, name));
        }
    }

    private void enterprise(ObjectNode n, String path) {
        int before = errors.size();
        Obj o = new Obj(n, path, "");
        String id = o.id("enterprise", enterpriseAt, path);
        o.unknownFields(ENTERPRISE_FIELDS);
        String name = o.text("name", true);
        String town = o.text("town", true);
        // no cascades: nothing to check against when the towns list is broken, and a reference to a town whose id
        // is already reported as unusable is covered by that error
        if (town != null && townsReadable && !townAt.containsKey(town) && !unusableTownIds.contains(town.strip())) {
            o.error("town", "town \"" + town + "\" is not defined under towns" + Names.didYouMean(town, townAt.keySet())
                    + (townAt.isEmpty() ? " (no towns are defined)" : " (defined towns: " + Names.list(townAt.keySet(), 12) + ")")
                    + (townsWithoutId.isEmpty() ? "" : "; " + String.join(", ", townsWithoutId) + " has no id yet"));
        }
        List<Source> sources = new ArrayList<>();
        ArrayNode list = o.list("sources", "write sources: [] for an enterprise none of whose units is connected yet");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                ObjectNode s = o.item(list, "sources", i, SOURCE_FIELDS);
                if (s != null) {
                    Source source = source(s, path + ".sources[" + i + "]", id, town);
                    if (source != null) {
                        sources.add(source);
                    }
                }
            }
        }
        if (errors.size() == before) {
            enterprises.add(new Enterprise(id, name, town, sources));
        }
    }

    private Source source(ObjectNode n, String path, String enterprise, String town) {
        int before = errors.size();
        Obj o = new Obj(n, path, "");
        String id = o.id("source", sourceAt, path);
        o.unknownFields(SOURCE_FIELDS);
        String name = o.text("name", true);
        Integer grade = grade(o);
        ArrayNode list = o.list("sensors", "write sensors: [] for a source none of whose sensors is connected yet");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                sensorEntries++;
                ObjectNode s = o.item(list, "sensors", i, SENSOR_FIELDS);
                if (s != null) {
                    sensor(s, path + ".sensors[" + i + "]", enterprise, town, id, grade);
                }
            }
        }
        return errors.size() == before ? new Source(id, name, grade) : null;
    }

    private void sensor(ObjectNode n, String path, String enterprise, String town, String source, Integer grade) {
        int before = errors.size();
        Obj o = new Obj(n, path, "");
        String id = o.id("sensor", sensorAt, path);
        o.unknownFields(SENSOR_FIELDS);
        String name = o.text("name", true);
        SensorKind kind = kind(o);
        String unit = unit(o, kind);
        Range range = range(o);
        Limits limits = limits(o, kind, range);
        Double deadband = deadband(o, kind, range);
        if (errors.size() == before) {
            sensors.add(new Sensor(id, name, enterprise, town, source, grade, kind, unit, range, limits, deadband));
        }
    }

    // ---- fields -------------------------------------------------------------------------------------------------

    private Integer grade(Obj o) {
        JsonNode v = o.node.get("grade");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1 || v.intValue() > 4) {
            o.error("grade", "found " + describe(v, o.raw("grade")) + "; a GB 18218-2018 major hazard grade is a whole"
                    + " number from 1 (most severe) to 4; leave grade out for a unit that is not a major hazard source");
            return null;
        }
        return v.intValue();
    }

    private SensorKind kind(Obj o) {
        String codes = String.join(", ", CatalogueLoader.kindCodes());
        String code = o.text("kind", true, "valid kinds: " + codes);
        if (code == null) {
            return null;
        }
        Optional<SensorKind> kind = SensorKind.fromCode(code);
        if (kind.isEmpty()) {
            o.error("kind", "unknown kind \"" + code + "\"" + Names.didYouMean(code, CatalogueLoader.kindCodes())
                    + "; valid kinds: " + codes);
            return null;
        }
        return kind.get();
    }

    private String unit(Obj o, SensorKind kind) {
        JsonNode v = o.node.get("unit");
        if (v == null || v.isNull()) {
            return kind == null ? null : kind.unit();
        }
        String unit = o.text("unit", false);
        if (unit == null || kind == null) {
            return null;
        }
        if (!unit.equals(kind.unit())) {
            o.error("unit", "unit \"" + unit + "\" does not match kind " + kind.code() + ", which is measured in \""
                    + kind.unit() + "\"; write unit: \"" + kind.unit() + "\" or leave unit out");
            return null;
        }
        return unit;
    }

    private Range range(Obj o) {
        JsonNode v = o.node.get("range");
        if (v == null || v.isNull()) {
            o.missing("range", "give the instrument range as [min, max], e.g. range: [0, 100]");
            return null;
        }
        if (!v.isArray() || v.size() != 2) {
            o.error("range", "expected the instrument range as two numbers [min, max] (e.g. range: [0, 100]), found "
                    + describe(v, o.raw("range")));
            return null;
        }
        Double min = o.number("range", v.get(0), "range min (first value)", o.rawItem(v, 0));
        Double max = o.number("range", v.get(1), "range max (second value)", o.rawItem(v, 1));
        if (min == null || max == null) {
            return null;
        }
        if (min >= max) {
            o.error("range", "range min " + fmt(min) + " must be less than max " + fmt(max) + "; write [min, max]");
            return null;
        }
        return new Range(min, max);
    }

    private Limits limits(Obj o, SensorKind kind, Range range) {
        JsonNode v = o.node.get("limits");
        if (v == null || v.isNull()) {
            return Limits.NONE;
        }
        if (!v.isObject()) {
            o.error("limits", "expected a mapping of alarm limits such as {l: 10, h: 85, hh: 95} (keys ll, l, h, hh),"
                    + " found " + describe(v, o.raw("limits")));
            return null;
        }
        Obj lo = new Obj((ObjectNode) v, o.place, "limits.");
        lo.unknownFields(LIMIT_FIELDS);
        Double[] values = new Double[LIMIT_FIELDS.size()];
        boolean numbers = true;
        for (int i = 0; i < values.length; i++) {
            String key = LIMIT_FIELDS.get(i);
            JsonNode x = v.get(key);
            if (x == null || x.isNull()) {
                continue;
            }
            values[i] = lo.number(key, x, key, lo.raw(key));
            numbers &= values[i] != null;
        }
        String unit = kind == null ? "" : " " + kind.unit();
        int previous = -1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                continue;
            }
            String key = LIMIT_FIELDS.get(i);
            if (previous >= 0 && values[previous] >= values[i]) {
                String prevKey = LIMIT_FIELDS.get(previous);
                lo.error(key, key + " " + fmt(values[i]) + " must be greater than " + prevKey + " " + fmt(values[previous])
                        + "; limits must be ordered ll < l < h < hh");
            }
            previous = i;
            if (range != null && !range.contains(values[i])) {
                lo.error(key, key + " " + fmt(values[i]) + unit + " lies outside the instrument range ["
                        + fmt(range.min()) + ", " + fmt(range.max()) + "]: a reading can never reach it, so the alarm"
                        + " could never work; set it within the range or correct the range");
            }
        }
        if (kind == SensorKind.COMBUSTIBLE_GAS) {
            gbt50493(lo, "h", values[2], CatalogueLoader.GBT50493_COMBUSTIBLE_FIRST_MAX, "first-level");
            gbt50493(lo, "hh", values[3], CatalogueLoader.GBT50493_COMBUSTIBLE_SECOND_MAX, "second-level");
        }
        return numbers ? new Limits(values[0], values[1], values[2], values[3]) : null;
    }

    private static void gbt50493(Obj lo, String key, Double value, double max, String level) {
        if (value != null && value > max) {
            lo.error(key, key + " " + fmt(value) + " %LEL is laxer than GB/T 50493-2019 allows: the " + level
                    + " combustible gas alarm must be set at or below " + fmt(max) + " %LEL");
        }
    }

    private Double deadband(Obj o, SensorKind kind, Range range) {
        JsonNode v = o.node.get("deadband");
        if (v == null || v.isNull()) {
            if (kind == null) {
                return null;
            }
            double d = kind.defaultDeadband();
            if (range != null && d >= range.max() - range.min()) {
                o.error("deadband", "the default deadband of kind " + kind.code() + " (" + fmt(d) + " " + kind.unit()
                        + ") is not smaller than the range span " + fmt(range.max() - range.min())
                        + "; set a smaller deadband for this sensor");
                return null;
            }
            return d;
        }
        Double d = o.number("deadband", v, "deadband", o.raw("deadband"));
        if (d == null) {
            return null;
        }
        if (d < 0) {
            o.error("deadband", "deadband " + fmt(d) + " is negative; a deadband is a hysteresis width, 0 or more"
                    + (kind == null ? "" : " (default for " + kind.code() + ": " + fmt(kind.defaultDeadband()) + ")"));
            return null;
        }
        if (range != null && d >= range.max() - range.min()) {
            o.error("deadband", "deadband " + fmt(d) + " is not smaller than the range span " + fmt(range.max() - range.min())
                    + " (range [" + fmt(range.min()) + ", " + fmt(range.max()) + "]): an alarm could never clear");
            return null;
        }
        return d;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A number for messages: 85.0 as 85, 0.020 as 0.02. */
    static String fmt(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** What a value is, for "found ..." in messages; raw is the scalar as written, when known. */
    static String describe(JsonNode v, String raw) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "no value";
        }
        if (v.isTextual()) {
            return "text \"" + v.textValue() + "\"";
        }
        if (v.isNumber()) {
            return "number " + (raw != null ? raw : v.asText());
        }
        if (v.isBoolean()) {
            return "boolean " + (raw != null ? raw : v.asText());
        }
        if (v.isArray()) {
            return "a list of " + v.size() + " item" + (v.size() == 1 ? "" : "s");
        }
        if (v.isObject()) {
            List<String> keys = new ArrayList<>();
            v.fieldNames().forEachRemaining(keys::add);
            return "a mapping" + (keys.isEmpty() ? "" : " (keys " + String.join(", ", keys) + ")");
        }
        return v.getNodeType().toString().toLowerCase();
    }

    private static String whatIsWrong(String id) {
        if (id.isEmpty()) {
            return "is empty";
        }
        int first = id.codePointAt(0);
        if (!isAsciiAlnum(first)) {
            return "starts with '" + new String(Character.toChars(first)) + "'";
        }
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            if (!isAsciiAlnum(c) && c != '.' && c != '_' && c != '-') {
                String shown = Character.isWhitespace(c) ? "a space" : "'" + new String(Character.toChars(c)) + "'";
                return "contains " + shown + " at position " + (id.codePointCount(0, i) + 1);
            }
            i += Character.charCount(c);
        }
        return "is malformed";
    }

    private static boolean isAsciiAlnum(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String lineSuffix(YamlDoc.Pos pos) {
        return pos == null ? "" : " (line " + pos.line() + ")";
    }

    /** One mapping being validated: its node, the place its errors are reported at, and the prefix of its fields. */
    private final class Obj {
        final ObjectNode node;
        String place;
        final String prefix;

        Obj(ObjectNode node, String place, String prefix) {
            this.node = node;
            this.place = place;
            this.prefix = prefix;
        }

        /** An error about key of this mapping, at the line of the key (or of the mapping when the key is absent). */
        void error(String key, String message) {
            YamlDoc.Pos pos = doc.pos(node, key);
            if (pos == null) {
                pos = doc.start(node);
            }
            errors.add(new CatalogueError(place, prefix + key, message + lineSuffix(pos)));
        }

        String raw(String key) {
            YamlDoc.Pos pos = doc.pos(node, key);
            return pos == null ? null : pos.raw();
        }

        String rawItem(JsonNode list, int index) {
            YamlDoc.Pos pos = doc.pos(list, index);
            return pos == null ? null : pos.raw();
        }

        void missing(String key, String hint) {
            String what = node.has(key) ? "required field \"" + key + "\" has no value" : "required field \"" + key + "\" is missing";
            error(key, what + (hint == null || hint.isEmpty() ? "" : "; " + hint));
        }

        void unknownFields(List<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    String hint = Names.nearest(key, known)
                            .map(n -> "; did you mean \"" + n + "\"?")
                            .orElse("; known fields here: " + String.join(", ", known));
                    error(key, "unknown field \"" + key + "\"" + hint);
                }
            }
        }

        String text(String key, boolean required) {
            return text(key, required, null);
        }

        /** Text of key, or null (with an error when required and absent, or when present but not usable text). */
        String text(String key, boolean required, String hint) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    missing(key, hint);
                }
                return null;
            }
            if (!v.isTextual()) {
                error(key, "expected text, found " + describe(v, raw(key)) + (v.isValueNode()
                        ? "; put it in quotes if it is meant as text, e.g. " + key + ": \"" + (raw(key) != null ? raw(key) : v.asText()) + "\""
                        : ""));
                return null;
            }
            if (v.textValue().isBlank()) {
                error(key, "\"" + key + "\" must not be empty" + (hint == null ? "" : "; " + hint));
                return null;
            }
            return v.textValue();
        }

        /**
         * Reads this mapping's id, checks its form and that it is unique in its namespace, and from then on reports
         * errors at the id. Returns the id, or null when it is missing or malformed (errors then stay at the path).
         */
        String id(String what, Map<String, String> seen, String path) {
            String id = text("id", true);
            if (id == null) {
                return null;
            }
            if (id.length() > CatalogueLoader.MAX_ID_LENGTH) {
                error("id", what + " id \"" + id + "\" is " + id.length() + " characters long; at most "
                        + CatalogueLoader.MAX_ID_LENGTH + " are allowed");
                return null;
            }
            if (!CatalogueLoader.ID_PATTERN.matcher(id).matches()) {
                error("id", what + " id \"" + id + "\" " + whatIsWrong(id) + "; an id must start with a letter or digit"
                        + " and may contain only A-Z, a-z, 0-9, '.', '_' and '-' (ids become MQTT topic levels,"
                        + " Kafka keys and InfluxDB tags)");
                return null;
            }
            YamlDoc.Pos start = doc.start(node);
            String here = path + lineSuffix(start);
            String first = seen.putIfAbsent(id, here);
            place = id;
            if (first != null) {
                error("id", what + " id \"" + id + "\" is defined twice: at " + first + " and at " + path
                        + "; " + what + " ids must be unique across the whole catalogue");
            }
            return id;
        }

        /** The required list under key, or null (with an error) when it is missing or not a list. */
        ArrayNode list(String key, String hint) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                missing(key, hint);
                return null;
            }
            if (!v.isArray()) {
                error(key, "expected a list (one item per '- ' line), found " + describe(v, raw(key)));
                return null;
            }
            return (ArrayNode) v;
        }

        /** Item index of list (under key) as a mapping, or null (with an error) when it is not one. */
        ObjectNode item(ArrayNode list, String key, int index, List<String> fields) {
            JsonNode v = list.get(index);
            if (v.isObject()) {
                return (ObjectNode) v;
            }
            YamlDoc.Pos pos = doc.pos(list, index);
            errors.add(new CatalogueError(place, prefix + key + "[" + index + "]", "expected a mapping with fields "
                    + String.join(", ", fields) + ", found " + describe(v, pos == null ? null : pos.raw())
                    + lineSuffix(pos)));
            return null;
        }

        /** v as a finite number, or null with an error naming what (e.g. "range max") at key. */
        Double number(String key, JsonNode v, String what, String raw) {
            if (v != null && v.isNumber()) {
                double d = v.doubleValue();
                if (Double.isFinite(d)) {
                    return d;
                }
                error(key, what + " must be a finite number, found " + describe(v, raw));
                return null;
            }
            String hint = "";
            if (v != null && v.isTextual()) {
                try {
                    Double.parseDouble(v.textValue().trim());
                    hint = "; write the number without quotes";
                } catch (NumberFormatException notANumber) {
                    hint = "";
                }
            }
            error(key, what + " must be a number, found " + describe(v, raw) + hint);
            return null;
        }
    }
}
