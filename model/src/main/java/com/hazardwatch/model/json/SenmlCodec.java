package com.hazardwatch.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * SenML packs (RFC 8428, JSON representation) as MQTT payloads: many readings in one message.
 *
 * <p>A pack is a JSON array of records. Fields read: {@code bn} (base name), {@code bt} (base time), {@code bv} (base
 * value), {@code bver} (version, at most 10), {@code n} (name), {@code t} (time), {@code v} (numeric value) and our
 * extension {@code q} (quality: {@code good}, {@code bad}, {@code uncertain}; default good). Base fields apply to the
 * record that holds them and to every later record until changed. Resolved per record:
 * <ul>
 *   <li>sensor id = bn + n;</li>
 *   <li>time in ms = round((bt + t) * 1000); bt and t are seconds and may be fractional. The resolved time must be
 *       absolute (at least 2^28 s, RFC 8428 section 4.5.3): a record with neither bt nor t, or whose time is relative
 *       to the receiver's clock, is rejected with BAD_TIMESTAMP (an event time is required, "now" is never assumed);
 *       so is an absolute t (at least 2^28) under a bt, which RFC 8428 would add up to a date decades ahead;</li>
 *   <li>value = bv + v; a record must carry {@code v}; {@code vs}, {@code vb}, {@code vd} are NON_NUMERIC_VALUE.</li>
 * </ul>
 * Other fields ({@code u}, {@code bu}, {@code s}, {@code bs}, {@code ut}, unknown ones) are ignored as RFC 8428 says,
 * except names ending in {@code _} (must-understand extensions): that record is rejected with BAD_SENML. A record
 * holding only base fields carries no measurement and yields nothing. Invalid base fields reject the record holding
 * them and every later record that depends on them.
 *
 * <p>Rejections of one record name it by its 0-based position in the array ({@code record 3: ...}, jq {@code .[3]});
 * the pack as a whole is rejected (one rejection) when it is not an array of objects, is empty, declares a version
 * above 10 or holds no measurement record.
 */
public final class SenmlCodec {
    /** Name of our quality extension field. */
    public static final String QUALITY_FIELD = "q";
    /** The SenML version this codec understands (RFC 8428). */
    public static final int VERSION = 10;
    /** Times below this many seconds are relative to the receiver's clock (RFC 8428 section 4.5.3). */
    public static final long ABSOLUTE_TIME_MIN_SECONDS = 1L << 28;
    /** Latest accepted event time, 9999-12-31T23:59:59.999Z. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    private static final Set<String> BASE_FIELDS = Set.of("bn", "bt", "bu", "bv", "bs", "bver");
    private static final BigDecimal ABSOLUTE_MIN = BigDecimal.valueOf(ABSOLUTE_TIME_MIN_SECONDS);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private SenmlCodec() {}

    /** True when the first non-blank character of the payload is '[': the payload is to be read as a SenML pack. */
    public static boolean isPack(byte[] payload) {
        if (payload == null) {
            return false;
        }
        for (byte b : payload) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            return b == '[';
        }
        return false;
    }

    /**
     * Decodes a pack published under {@code enterprise}.
     *
     * @throws RejectedInputException when the pack as a whole cannot be used (then nothing of it is accepted)
     */
    static ReadingCodec.Decoded decode(JsonNode root, String topic, String enterprise, Catalogue catalogue, long receivedAt)
            throws RejectedInputException {
        checkPack(root);
        List<Reading> readings = new ArrayList<>(root.size());
        List<RejectedInputException> rejects = new ArrayList<>();
        Base base = new Base();
        int measurements = 0;
        for (int i = 0; i < root.size(); i++) {
            JsonNode rec = root.get(i);
            RejectedInputException baseError = base.update(rec, i);
            boolean baseOnly = isBaseOnly(rec);
            if (!baseOnly) {
                measurements++;
            }
            try {
                if (baseError != null) {
                    throw baseError;
                }
                if (baseOnly) {
                    continue;
                }
                readings.add(record(rec, i, base, topic, enterprise, catalogue, receivedAt));
            } catch (RejectedInputException e) {
                rejects.add(e);
            }
        }
        if (measurements == 0 && rejects.isEmpty()) {
            throw new RejectedInputException(RejectReason.BAD_SENML, "SenML pack of " + root.size()
                    + " record(s) holds only base fields (bn, bt, ...), no measurement");
        }
        return new ReadingCodec.Decoded(List.copyOf(readings), List.copyOf(rejects));
    }

    private static void checkPack(JsonNode root) throws RejectedInputException {
        if (!root.isArray()) {
            throw new RejectedInputException(RejectReason.BAD_SENML, "a SenML pack must be a JSON array of records, found "
                    + type(root));
        }
        if (root.isEmpty()) {
            throw new RejectedInputException(RejectReason.BAD_SENML, "empty SenML pack []: no records");
        }
        for (int i = 0; i < root.size(); i++) {
            JsonNode rec = root.get(i);
            if (!rec.isObject()) {
                throw new RejectedInputException(RejectReason.BAD_SENML, "a SenML pack must be an array of records (JSON objects), "
                        + "but element " + i + " is " + type(rec) + " " + JsonInput.abbreviate(rec.toString()));
            }
            JsonNode ver = rec.get("bver");
            if (ver != null) {
                if (!ver.isIntegralNumber() || !ver.canConvertToInt() || ver.asInt() < 1) {
                    throw new RejectedInputException(RejectReason.BAD_SENML, "SenML version bver must be a positive integer, found "
                            + JsonInput.abbreviate(ver.toString()) + " in record " + i);
                }
                if (ver.asInt() > VERSION) {
                    throw new RejectedInputException(RejectReason.BAD_SENML, "SenML version bver " + ver.asInt() + " in record " + i
                            + " is newer than the version understood (" + VERSION + ", RFC 8428): the pack is not used");
                }
            }
        }
    }

    /** Only base fields, and at least one: a record that sets the base for the next ones but measures nothing. */
    private static boolean isBaseOnly(JsonNode rec) {
        if (rec.isEmpty()) {
            return false;
        }
        Iterator<String> names = rec.fieldNames();
        while (names.hasNext()) {
            if (!BASE_FIELDS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static Reading record(JsonNode rec, int i, Base base, String topic, String enterprise, Catalogue catalogue,
            long receivedAt) throws RejectedInputException {
        if (rec.isEmpty()) {
            throw reject(i, RejectReason.MISSING_FIELD, "empty record {}");
        }
        Iterator<String> names = rec.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (f.endsWith("_")) {
                throw reject(i, RejectReason.BAD_SENML, "field '" + f + "' is a must-understand extension (name ending in '_', "
                        + "RFC 8428 section 4.4) that is not supported");
            }
        }
        String sensorId = name(rec, i, base);
        double value = value(rec, i, base);
        long ts = time(rec, i, base);
        Quality quality = quality(rec.get(QUALITY_FIELD), i);

        Sensor sensor = catalogue.sensor(sensorId).orElse(null);
        if (sensor == null) {
            throw reject(i, RejectReason.UNKNOWN_SENSOR, "sensor '" + sensorId + "' is not in the catalogue");
        }
        if (!sensor.enterprise().equals(enterprise)) {
            throw reject(i, RejectReason.WRONG_ENTERPRISE, "sensor '" + sensorId + "' belongs to enterprise '" + sensor.enterprise()
                    + "', but was published under '" + enterprise + "' (topic " + topic + ")");
        }
        return new Reading(sensorId, sensor.enterprise(), sensor.source(), sensor.kind().code(), ts, value, quality, receivedAt);
    }

    private static String name(JsonNode rec, int i, Base base) throws RejectedInputException {
        JsonNode n = rec.get("n");
        if (n != null && !n.isTextual()) {
            throw reject(i, RejectReason.MISSING_FIELD, "field 'n' must be a string, found " + type(n) + " "
                    + JsonInput.abbreviate(n.toString()));
        }
        if (base.bnError != null) {
            throw reject(i, base.bnError.reason(), "depends on an invalid base name (" + base.bnError.getMessage() + ")");
        }
        String name = base.bn + (n == null ? "" : n.asText());
        if (name.isBlank()) {
            throw reject(i, RejectReason.MISSING_FIELD, "no sensor name: bn + n is empty");
        }
        return name;
    }

    private static double value(JsonNode rec, int i, Base base) throws RejectedInputException {
        for (String f : new String[] {"vs", "vb", "vd"}) {
            JsonNode x = rec.get(f);
            if (x != null) {
                throw reject(i, RejectReason.NON_NUMERIC_VALUE, "'" + f + "' " + JsonInput.abbreviate(x.toString())
                        + " is a " + (f.equals("vs") ? "string" : f.equals("vb") ? "boolean" : "data")
                        + " value; readings must be numeric ('v')");
            }
        }
        JsonNode v = rec.get("v");
        if (v == null || v.isNull()) {
            throw reject(i, RejectReason.MISSING_FIELD, "field 'v' (numeric value) is missing");
        }
        if (!v.isNumber()) {
            throw reject(i, RejectReason.NON_NUMERIC_VALUE, "v must be a number, found " + type(v) + " "
                    + JsonInput.abbreviate(v.toString()));
        }
        if (base.bvError != null) {
            throw reject(i, base.bvError.reason(), "depends on an invalid base value (" + base.bvError.getMessage() + ")");
        }
        double d = base.bv + v.asDouble();
        if (!Double.isFinite(d)) {
            throw reject(i, RejectReason.NON_FINITE_VALUE, (base.bv == 0 ? "v" : "bv + v") + " is not a finite number (beyond "
                    + "the range of a double)");
        }
        return d;
    }

    private static long time(JsonNode rec, int i, Base base) throws RejectedInputException {
        JsonNode tn = rec.get("t");
        BigDecimal t = BigDecimal.ZERO;
        if (tn != null) {
            t = seconds(tn, "t", i);
        }
        if (base.btError != null) {
            throw reject(i, base.btError.reason(), "depends on an invalid base time (" + base.btError.getMessage() + ")");
        }
        if (base.bt == null && tn == null) {
            throw reject(i, RejectReason.BAD_TIMESTAMP, "no time: neither 't' in the record nor a base time 'bt' before it "
                    + "(an event time is required)");
        }
        if (base.bt != null && tn != null && t.abs().compareTo(ABSOLUTE_MIN) >= 0) {
            throw reject(i, RejectReason.BAD_TIMESTAMP, "t " + t.toPlainString() + " is an absolute time (>= 2^28 s) but base time bt "
                    + base.bt.toPlainString() + " is in effect: give t relative to bt, or leave bt out");
        }
        BigDecimal resolved = base.bt == null ? t : base.bt.add(t);
        if (resolved.compareTo(ABSOLUTE_MIN) < 0) {
            throw reject(i, RejectReason.BAD_TIMESTAMP, "time " + resolved.toPlainString() + " s (bt + t) is relative to the "
                    + "receiver's clock (below 2^28 s, RFC 8428 section 4.5.3); absolute event times (seconds since 1970) are required");
        }
        BigDecimal ms = resolved.multiply(THOUSAND).setScale(0, RoundingMode.HALF_UP);
        if (ms.compareTo(BigDecimal.valueOf(MAX_EPOCH_MILLIS)) > 0) {
            throw reject(i, RejectReason.BAD_TIMESTAMP, "time " + resolved.toPlainString() + " s is after the year 9999");
        }
        return ms.longValueExact();
    }

    /** A finite JSON number of seconds, exactly as written (no binary rounding before the sum). */
    private static BigDecimal seconds(JsonNode n, String field, int i) throws RejectedInputException {
        if (!n.isNumber()) {
            throw reject(i, RejectReason.BAD_TIMESTAMP, field + " must be a number of seconds, found " + type(n) + " "
                    + JsonInput.abbreviate(n.toString()));
        }
        if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
            throw reject(i, RejectReason.BAD_TIMESTAMP, field + " is not a finite number (beyond the range of a double)");
        }
        return n.decimalValue();
    }

    private static Quality quality(JsonNode q, int i) throws RejectedInputException {
        if (q == null || q.isNull()) {
            return Quality.GOOD;
        }
        if (q.isTextual()) {
            var quality = Quality.fromCode(q.asText());
            if (quality.isPresent()) {
                return quality.get();
            }
        }
        throw reject(i, RejectReason.BAD_QUALITY, "q must be \"good\", \"bad\" or \"uncertain\", found "
                + JsonInput.abbreviate(q.toString()));
    }

    private static RejectedInputException reject(int i, RejectReason reason, String detail) {
        return new RejectedInputException(reason, "record " + i + ": " + detail);
    }

    private static String type(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase();
        };
    }

    /** Base fields in effect; an invalid one is kept as the error of every record that depends on it. */
    private static final class Base {
        String bn = "";
        RejectedInputException bnError;
        BigDecimal bt;
        RejectedInputException btError;
        double bv;
        RejectedInputException bvError;

        /** Applies the base fields of record i; returns the first error among them, or null. */
        RejectedInputException update(JsonNode rec, int i) {
            RejectedInputException first = null;
            JsonNode n = rec.get("bn");
            if (n != null) {
                if (n.isTextual()) {
                    bn = n.asText();
                    bnError = null;
                } else {
                    bnError = reject(i, RejectReason.MISSING_FIELD, "bn must be a string, found " + type(n) + " "
                            + JsonInput.abbreviate(n.toString()));
                    first = bnError;
                }
            }
            JsonNode t = rec.get("bt");
            if (t != null) {
                try {
                    bt = seconds(t, "bt", i);
                    btError = null;
                } catch (RejectedInputException e) {
                    bt = null;
                    btError = e;
                    first = first == null ? e : first;
                }
            }
            JsonNode v = rec.get("bv");
            if (v != null) {
                if (v.isNumber() && Double.isFinite(v.asDouble())) {
                    bv = v.asDouble();
                    bvError = null;
                } else {
                    bvError = reject(i, v.isNumber() ? RejectReason.NON_FINITE_VALUE : RejectReason.NON_NUMERIC_VALUE,
                            "bv must be a finite number, found " + JsonInput.abbreviate(v.toString()));
                    first = first == null ? bvError : first;
                }
            }
            return first;
        }
    }
}
