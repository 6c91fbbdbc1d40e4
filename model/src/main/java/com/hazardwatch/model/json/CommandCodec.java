package com.hazardwatch.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.event.CommandType;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * JSON of an operator command on Kafka topic hw.commands:
 *
 * <pre>{"command":"shelve","alarmId":"E01-LT101:HI:1732262430000","operator":"zhang.wei",
 *  "comment":"level transmitter being recalibrated","duration":"30m","ts":1732262500000}</pre>
 *
 * <ul>
 *   <li>{@code command}: {@code ack}, {@code shelve}, {@code unshelve}, {@code out-of-service}, {@code in-service}</li>
 *   <li>{@code alarmId}: required for ack, shelve, unshelve; out-of-service and in-service take {@code sensor} or
 *       {@code alarmId} (meaning that alarm's sensor)</li>
 *   <li>{@code operator}: required; {@code comment}: required for shelve and out-of-service</li>
 *   <li>shelve only: {@code duration} as text ({@code "30m"}, {@code "1h30m"}, {@code "PT30M"}, see
 *       {@link Durations#parse}) or {@code durationMs} as a whole number; positive and at most the configured
 *       maximum ({@link OperatorCommand#DEFAULT_MAX_SHELVE} by default)</li>
 *   <li>{@code ts}: when it was issued, epoch ms or ISO-8601 with a zone offset</li>
 * </ul>
 *
 * <p>Unknown fields are ignored. Anything else that is wrong throws a {@link RejectedInputException} whose message names
 * the field, what was found and what is accepted.
 */
public final class CommandCodec {
    private CommandCodec() {}

    /** Parses with the default maximum shelf of {@link OperatorCommand#DEFAULT_MAX_SHELVE}. */
    public static OperatorCommand fromJson(byte[] json) throws RejectedInputException {
        return fromJson(json, OperatorCommand.DEFAULT_MAX_SHELVE);
    }

    /** Parses and validates one command; {@code maxShelve} is the longest shelve duration accepted. */
    public static OperatorCommand fromJson(byte[] json, Duration maxShelve) throws RejectedInputException {
        JsonNode root = JsonInput.parse(json, "command", true);
        if (!root.isObject()) {
            throw new RejectedInputException(RejectReason.NOT_AN_OBJECT, "command is a JSON " + typeOf(root)
                    + ", expected an object {\"command\",\"alarmId\"|\"sensor\",\"operator\",\"ts\",...}");
        }
        CommandType type = command(root);
        String alarmId = optionalText(root, "alarmId");
        String sensor = optionalText(root, "sensor");
        String operator = optionalText(root, "operator");
        if (operator == null) {
            throw missing("operator", "'" + type.code() + "' needs the operator who issued it");
        }
        if (type.sensorLevel()) {
            if (alarmId == null && sensor == null) {
                throw new RejectedInputException(RejectReason.MISSING_FIELD, "'" + type.code()
                        + "' targets a sensor: field 'sensor' (or 'alarmId' of one of its alarms) is missing");
            }
        } else if (alarmId == null) {
            throw missing("alarmId", "'" + type.code() + "' targets an alarm");
        }
        String comment = comment(root, type);
        Long durationMs = duration(root, type, maxShelve);
        long ts = timestamp(root.get("ts"));
        return new OperatorCommand(type, alarmId, sensor, operator, comment, durationMs, ts);
    }

    /** The JSON form: the fields above, the duration as {@code durationMs}, absent fields left out. */
    public static byte[] toJson(OperatorCommand c) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("command", c.command().code());
        if (c.alarmId() != null) {
            n.put("alarmId", c.alarmId());
        }
        if (c.sensor() != null) {
            n.put("sensor", c.sensor());
        }
        n.put("operator", c.operator());
        if (c.comment() != null) {
            n.put("comment", c.comment());
        }
        if (c.durationMs() != null) {
            n.put("durationMs", c.durationMs());
        }
        n.put("ts", c.ts());
        try {
            return Json.mapper().writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandType command(JsonNode root) throws RejectedInputException {
        JsonNode v = root.get("command");
        String valid = String.join(", ", CommandType.codes());
        if (v == null || v.isNull()) {
            throw new RejectedInputException(RejectReason.MISSING_FIELD, "field 'command' is missing; valid commands: " + valid);
        }
        if (!v.isTextual()) {
            throw new RejectedInputException(RejectReason.BAD_COMMAND, "field 'command' must be a string, found "
                    + typeOf(v) + " " + JsonInput.abbreviate(v.toString()) + "; valid commands: " + valid);
        }
        return CommandType.fromCode(v.asText()).orElseThrow(() -> new RejectedInputException(RejectReason.BAD_COMMAND,
                "unknown command '" + JsonInput.abbreviate(v.asText()) + "'; valid commands: " + valid));
    }

    /** A string field or null when absent or JSON null; empty or blank text is rejected as missing. */
    private static String optionalText(JsonNode root, String field) throws RejectedInputException {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new RejectedInputException(RejectReason.BAD_COMMAND, "field '" + field + "' must be a string, found "
                    + typeOf(v) + " " + JsonInput.abbreviate(v.toString()));
        }
        if (v.asText().isBlank()) {
            throw new RejectedInputException(RejectReason.MISSING_FIELD, "field '" + field + "' is empty");
        }
        return v.asText().strip();
    }

    private static String comment(JsonNode root, CommandType type) throws RejectedInputException {
        JsonNode v = root.get("comment");
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new RejectedInputException(RejectReason.BAD_COMMAND, "field 'comment' must be a string, found "
                    + typeOf(v) + " " + JsonInput.abbreviate(v.toString()));
        }
        String text = v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
        if (text == null && type.needsComment()) {
            throw new RejectedInputException(RejectReason.MISSING_FIELD, "'" + type.code() + "' needs a comment saying why: "
                    + "field 'comment' is " + (v == null || v.isNull() ? "missing" : "empty"));
        }
        return text;
    }

    private static Long duration(JsonNode root, CommandType type, Duration maxShelve) throws RejectedInputException {
        JsonNode text = root.get("duration");
        JsonNode ms = root.get("durationMs");
        boolean hasText = text != null && !text.isNull();
        boolean hasMs = ms != null && !ms.isNull();
        if (type != CommandType.SHELVE) {
            if (hasText || hasMs) {
                throw new RejectedInputException(RejectReason.BAD_COMMAND, "field '" + (hasText ? "duration" : "durationMs")
                        + "' belongs to shelve only; '" + type.code() + "' takes no duration");
            }
            return null;
        }
        if (!hasText && !hasMs) {
            throw new RejectedInputException(RejectReason.MISSING_FIELD,
                    "'shelve' needs a duration: field 'duration' (text such as \"30m\") or 'durationMs' (milliseconds) is missing");
        }
        if (hasText && hasMs) {
            throw new RejectedInputException(RejectReason.BAD_DURATION,
                    "give either 'duration' or 'durationMs', not both (found " + JsonInput.abbreviate(text.toString()) + " and " + ms + ")");
        }
        Duration d;
        if (hasText) {
            if (!text.isTextual()) {
                throw new RejectedInputException(RejectReason.BAD_DURATION, "field 'duration' must be text such as \"30m\" or "
                        + "\"PT30M\", found " + typeOf(text) + " " + JsonInput.abbreviate(text.toString())
                        + " (for a number of milliseconds use 'durationMs')");
            }
            try {
                d = Durations.parse(text.asText());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new RejectedInputException(RejectReason.BAD_DURATION, "field 'duration': " + e.getMessage());
            }
        } else {
            if (!ms.isIntegralNumber() || !ms.canConvertToLong()) {
                throw new RejectedInputException(RejectReason.BAD_DURATION, "field 'durationMs' must be a whole number of "
                        + "milliseconds, found " + typeOf(ms) + " " + JsonInput.abbreviate(ms.toString()));
            }
            d = Duration.ofMillis(ms.asLong());
        }
        if (d.isNegative() || d.toMillis() <= 0) {
            throw new RejectedInputException(RejectReason.BAD_DURATION, "shelve duration must be positive (at least 1 ms), found "
                    + (hasText ? "'" + text.asText() + "'" : ms.toString() + " ms"));
        }
        if (d.compareTo(maxShelve) > 0) {
            throw new RejectedInputException(RejectReason.BAD_DURATION, "shelve duration " + Durations.format(d)
                    + " is longer than the maximum of " + Durations.format(maxShelve));
        }
        return d.toMillis();
    }

    private static long timestamp(JsonNode v) throws RejectedInputException {
        if (v == null || v.isNull()) {
            throw new RejectedInputException(RejectReason.MISSING_FIELD, "field 'ts' (when the command was issued) is missing");
        }
        return ReadingCodec.timestamp(v); // one reading of timestamps for every payload
    }

    private static RejectedInputException missing(String field, String why) {
        return new RejectedInputException(RejectReason.MISSING_FIELD, why + ": field '" + field + "' is missing");
    }

    private static String typeOf(JsonNode v) {
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
