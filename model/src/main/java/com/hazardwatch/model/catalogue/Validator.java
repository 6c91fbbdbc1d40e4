package com.hazardwatch.model.catalogue;

import static com.hazardwatch.model.catalogue.CatalogueLoader.ENTERPRISE_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.LIMIT_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.ROOT_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.RULE_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.SENSOR_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.SOURCE_FIELDS;
import static com.hazardwatch.model.catalogue.CatalogueLoader.TOWN_FIELDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.config.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
    /** The rule settings of the top-level defaults, per kind (absent: none given). */
    private final Map<SensorKind, RuleSettings> kindDefaults = new EnumMap<>(SensorKind.class);

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
        defaults(root);

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
        Double oel = oel(o, kind);
        Limits limits = limits(o, kind, range, oel);
        Double deadband = deadband(o, kind, range);
        RuleSettings own = rules(o, "rules");
        boolean outOfService = outOfService(o);
        if (errors.size() == before) {
            RuleSettings rules = merge(own, kindDefaults.getOrDefault(kind, RuleSettings.DEFAULTS), oel, outOfService);
            sensors.add(new Sensor(id, name, enterprise, town, source, grade, kind, unit, range, limits, deadband, rules));
        }
    }

    /** The top-level defaults: a mapping from kind code to rule settings, applied under each sensor's own. */
    private void defaults(Obj root) {
        JsonNode v = root.node.get("defaults");
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isObject()) {
            root.error("defaults", "expected a mapping from sensor kind to rule settings, such as"
                    + " {level: {staleAfter: 60s}, toxic_gas: {staleAfter: 30s}}, found " + describe(v, root.raw("defaults")));
            return;
        }
        Obj d = new Obj((ObjectNode) v, CatalogueLoader.FILE_PLACE, "defaults.");
        d.unknownFields(CatalogueLoader.kindCodes());
        for (SensorKind kind : SensorKind.values()) {
            RuleSettings r = rules(d, kind.code());
            if (r != null) {
                kindDefaults.put(kind, r);
            }
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

    private Limits limits(Obj o, SensorKind kind, Range range, Double oel) {
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
        if (kind == SensorKind.TOXIC_GAS && oel != null) {
            gbt50493Toxic(lo, "h", values[2], oel, CatalogueLoader.GBT50493_TOXIC_FIRST_MAX_OEL_PERCENT, "first-level");
            gbt50493Toxic(lo, "hh", values[3], oel, CatalogueLoader.GBT50493_TOXIC_SECOND_MAX_OEL_PERCENT, "second-level");
        }
        return numbers ? new Limits(values[0], values[1], values[2], values[3]) : null;
    }

    private static void gbt50493(Obj lo, String key, Double value, double max, String level) {
        if (value != null && value > max) {
            lo.error(key, key + " " + fmt(value) + " %LEL is laxer than " + CatalogueLoader.GBT50493_CLAUSE + " allows: the "
                    + level + " combustible gas alarm must be set at or below " + fmt(max) + " %LEL");
        }
    }

    private static void gbt50493Toxic(Obj lo, String key, Double value, double oel, double percent, String level) {
        if (value == null) {
            return;
        }
        // decimal arithmetic, so that hh 0.66 against 200 % of oel 0.33 is not lost to binary rounding
        BigDecimal max = BigDecimal.valueOf(oel).multiply(BigDecimal.valueOf(percent)).movePointLeft(2);
        if (BigDecimal.valueOf(value).compareTo(max) > 0) {
            lo.error(key, key + " " + fmt(value) + " ppm is laxer than " + CatalogueLoader.GBT50493_CLAUSE + " allows: the "
                    + level + " toxic gas alarm must be set at or below " + fmt(percent) + " % OEL, "
                    + max.stripTrailingZeros().toPlainString() + " ppm (oel " + fmt(oel) + " ppm)");
        }
    }

    /** The sensor's OEL: required for toxic gas, an error on any other kind. */
    private Double oel(Obj o, SensorKind kind) {
        JsonNode v = o.node.get("oel");
        if (v == null || v.isNull()) {
            if (kind == SensorKind.TOXIC_GAS) {
                o.missing("oel", "a toxic_gas sensor needs the occupational exposure limit (OEL) of its gas in ppm,"
                        + " against which " + CatalogueLoader.GBT50493_CLAUSE + " checks h and hh, e.g. oel: 7 for H2S");
            }
            return null;
        }
        if (kind != null && kind != SensorKind.TOXIC_GAS) {
            o.error("oel", "oel is only for toxic_gas sensors (" + CatalogueLoader.GBT50493_CLAUSE
                    + " sets their alarms against it); remove it from this " + kind.code() + " sensor");
            return null;
        }
        Double oel = o.number("oel", v, "oel", o.raw("oel"));
        if (oel == null) {
            return null;
        }
        if (oel <= 0) {
            o.error("oel", "oel " + fmt(oel) + " must be greater than 0; it is the occupational exposure limit of the"
                    + " gas in ppm");
            return null;
        }
        return kind == null ? null : oel;
    }

    private boolean outOfService(Obj o) {
        JsonNode v = o.node.get("outOfService");
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            o.error("outOfService", "outOfService must be true or false, found " + describe(v, o.raw("outOfService")));
            return false;
        }
        return v.booleanValue();
    }

    // ---- rule settings ------------------------------------------------------------------------------------------

    /** Written minutes ("15min", "1h30min") as the duration syntax spells them ("15m"). */
    private static final Pattern MINUTES = Pattern.compile("(\\d)min(?=\\d|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final long SECOND_MS = 1_000L;
    private static final long MINUTE_MS = 60 * SECOND_MS;
    private static final long HOUR_MS = 60 * MINUTE_MS;

    /** How a duration setting is bounded: above min (or at it, when minInclusive), at most max. */
    private record Bounds(long minMs, boolean minInclusive, long maxMs, String expected) {
        boolean contains(long ms) {
            return (minInclusive ? ms >= minMs : ms > minMs) && ms <= maxMs;
        }
    }

    private static final Bounds DELAY = new Bounds(0, false, HOUR_MS, "positive and at most 1h");
    private static final Bounds STALE = new Bounds(5 * SECOND_MS, true, 24 * HOUR_MS, "between 5s and 24h");
    private static final Bounds ROC_WINDOW = new Bounds(10 * SECOND_MS, true, HOUR_MS, "between 10s and 1h");
    private static final Bounds FORECAST = new Bounds(MINUTE_MS, true, 24 * HOUR_MS, "between 1m and 24h");
    private static final Bounds FLATLINE = new Bounds(0, true, Long.MAX_VALUE, "0s (off) or positive");

    /** Keys that belong to the sensor itself, not to rules or defaults, with where to write them. */
    private static final Map<String, String> SENSOR_ONLY = Map.of(
            "oel", "oel is set on the sensor itself (next to limits), not under rules or defaults",
            "outOfService", "outOfService is set on the sensor itself (next to limits), not under rules or defaults");

    /**
     * The rule settings under key of parent (a sensor's rules, or one kind of defaults): DEFAULTS when absent, null
     * when not a mapping (reported). Settings with errors are reported and left null.
     */
    private RuleSettings rules(Obj parent, String key) {
        JsonNode v = parent.node.get(key);
        if (v == null || v.isNull()) {
            return RuleSettings.DEFAULTS;
        }
        if (!v.isObject()) {
            parent.error(key, "expected a mapping of rule settings such as {onDelay: 10s, staleAfter: 90s} (keys "
                    + String.join(", ", RULE_FIELDS) + "), found " + describe(v, parent.raw(key)));
            return null;
        }
        Obj r = new Obj((ObjectNode) v, parent.place, parent.prefix + key + ".");
        r.unknownFields(RULE_FIELDS, SENSOR_ONLY);
        Long onDelay = r.duration("onDelay", DELAY);
        Long offDelay = r.duration("offDelay", DELAY);
        Long staleAfter = r.duration("staleAfter", STALE);
        Double rocLimit = r.positiveNumber("rocLimit", "it is a rate of change in the sensor's unit per minute");
        Long rocWindow = r.duration("rocWindow", ROC_WINDOW);
        Long forecastHorizon = r.duration("forecastHorizon", FORECAST);
        Long flatline = r.duration("flatline", FLATLINE);
        Double flatlineEpsilon = null;
        JsonNode eps = v.get("flatlineEpsilon");
        if (eps != null && !eps.isNull()) {
            flatlineEpsilon = r.number("flatlineEpsilon", eps, "flatlineEpsilon", r.raw("flatlineEpsilon"));
            if (flatlineEpsilon != null && flatlineEpsilon < 0) {
                r.error("flatlineEpsilon", "flatlineEpsilon " + fmt(flatlineEpsilon) + " is negative; it must be 0"
                        + " (bit-identical values) or more");
                flatlineEpsilon = null;
            }
        }
        Integer priority = null;
        JsonNode p = v.get("priority");
        if (p != null && !p.isNull()) {
            if (p.isIntegralNumber() && p.canConvertToInt() && p.intValue() >= 1 && p.intValue() <= 4) {
                priority = p.intValue();
            } else {
                r.error("priority", "priority must be a whole number from 1 (highest) to 4, found "
                        + describe(p, r.raw("priority")));
            }
        }
        return new RuleSettings(onDelay, offDelay, staleAfter, rocLimit, rocWindow, forecastHorizon, flatline,
                flatlineEpsilon, priority, null, false, compression(r, v.get("compression")));
    }

    /** The compression rule {method: deadband|swinging-door, deviation: X > 0} (docs/storage.md); null when absent or wrong. */
    private Compression compression(Obj r, JsonNode c) {
        if (c == null || c.isNull()) {
            return null;
        }
        String example = "{method: swinging-door, deviation: 0.5} (method " + Compression.Method.codes()
                + "; deviation in the sensor's unit, above 0)";
        if (!c.isObject()) {
            r.error("compression", "expected a mapping such as " + example + ", found " + describe(c, r.raw("compression")));
            return null;
        }
        Obj o = new Obj((ObjectNode) c, r.place, r.prefix + "compression.");
        o.unknownFields(List.of("method", "deviation"));
        JsonNode m = c.get("method");
        Compression.Method method = null;
        if (m == null || m.isNull() || !m.isTextual()) {
            o.error("method", "compression method must be one of " + Compression.Method.codes() + ", found "
                    + (m == null ? "nothing" : describe(m, o.raw("method"))));
        } else {
            method = Compression.Method.fromCode(m.textValue().trim()).orElse(null);
            if (method == null) {
                o.error("method", "unknown compression method '" + m.textValue() + "'; one of " + Compression.Method.codes());
            }
        }
        JsonNode d = c.get("deviation");
        Double deviation = null;
        if (d == null || d.isNull()) {
            o.error("deviation", "compression needs a deviation, the error bound in the sensor's unit (above 0), e.g. " + example);
        } else {
            deviation = o.number("deviation", d, "compression deviation", o.raw("deviation"));
            if (deviation != null && deviation <= 0) {
                o.error("deviation", "compression deviation " + fmt(deviation) + " must be above 0 (in the sensor's unit);"
                        + " remove compression to store every reading");
                deviation = null;
            }
        }
        return method == null || deviation == null ? null : new Compression(method, deviation);
    }

    /** The sensor's own settings over its kind's defaults, key by key, with its OEL and service state. */
    static RuleSettings merge(RuleSettings own, RuleSettings kind, Double oel, boolean outOfService) {
        RuleSettings k = kind == null ? RuleSettings.DEFAULTS : kind;
        RuleSettings o = own == null ? RuleSettings.DEFAULTS : own;
        return new RuleSettings(
                first(o.onDelayMs(), k.onDelayMs()),
                first(o.offDelayMs(), k.offDelayMs()),
                first(o.staleAfterMs(), k.staleAfterMs()),
                first(o.rocLimit(), k.rocLimit()),
                first(o.rocWindowMs(), k.rocWindowMs()),
                first(o.forecastHorizonMs(), k.forecastHorizonMs()),
                first(o.flatlineMs(), k.flatlineMs()),
                first(o.flatlineEpsilon(), k.flatlineEpsilon()),
                first(o.priority(), k.priority()),
                oel,
                outOfService,
                first(o.compression(), k.compression()));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
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
            unknownFields(known, Map.of());
        }

        /** As {@link #unknownFields(List)}; a key of elsewhere is known in another place, which its hint names. */
        void unknownFields(List<String> known, Map<String, String> elsewhere) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    String hint = elsewhere.containsKey(key) ? "; " + elsewhere.get(key) : Names.nearest(key, known)
                            .map(n -> "; did you mean \"" + n + "\"?")
                            .orElse("; known fields here: " + String.join(", ", known));
                    error(key, "unknown field \"" + key + "\"" + hint);
                }
            }
        }

        /**
         * The duration under key in milliseconds, or null when absent or wrong (reported). Text in the duration
         * syntax of {@link Durations} ("90s", "15m", also "15min"), or a plain number of seconds.
         */
        Long duration(String key, Bounds bounds) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            String raw = raw(key);
            String text;
            if (v.isTextual()) {
                text = v.textValue().strip();
            } else if (v.isNumber()) {
                text = raw != null ? raw.strip() : v.asText();
            } else {
                error(key, key + " must be " + Durations.ACCEPTED + ", found " + describe(v, raw));
                return null;
            }
            String shown = PLAIN_SECONDS.matcher(text).matches() ? text + "s" : text;
            if (text.startsWith("-")) {
                error(key, key + " " + shown + " is out of range: it must be " + bounds.expected());
                return null;
            }
            long ms;
            try {
                Duration d = Durations.parse(MINUTES.matcher(text).replaceAll("$1m"));
                ms = d.toMillis();
            } catch (IllegalArgumentException e) {
                error(key, key + " must be " + Durations.ACCEPTED + ", found " + describe(v, raw));
                return null;
            } catch (ArithmeticException e) {
                ms = Long.MAX_VALUE; // longer than any bound
            }
            if (!bounds.contains(ms)) {
                error(key, key + " " + shown + " is out of range: it must be " + bounds.expected());
                return null;
            }
            return ms;
        }

        /** The number under key when greater than 0, or null when absent or wrong (reported, with what). */
        Double positiveNumber(String key, String what) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            Double d = number(key, v, key, raw(key));
            if (d != null && d <= 0) {
                error(key, key + " " + fmt(d) + " must be greater than 0; " + what);
                return null;
            }
            return d;
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
