package com.hazardwatch.model.event;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operator commands that arrive on Kafka topic hw.commands (docs/rules.md, "Alarm lifecycle"). The JSON code is
 * part of the hw.commands contract: add, never rename.
 */
public enum CommandType {
    /** Acknowledge one alarm: ACTIVE_UNACK to ACTIVE_ACK, RTN_UNACK to NORMAL. Targets an alarm. */
    ACK("ack", false),
    /** Shelve one alarm for a duration, with a comment. Targets an alarm. */
    SHELVE("shelve", false),
    /** Take one alarm off the shelf before its expiry. Targets an alarm. */
    UNSHELVE("unshelve", false),
    /** Take a sensor out of service for maintenance, with a comment. Targets a sensor (or the sensor of an alarm). */
    OUT_OF_SERVICE("out-of-service", true),
    /** Put a sensor back in service. Targets a sensor (or the sensor of an alarm). */
    IN_SERVICE("in-service", true);

    private final String code;
    private final boolean sensorLevel;

    CommandType(String code, boolean sensorLevel) {
        this.code = code;
        this.sensorLevel = sensorLevel;
    }

    /** The JSON code: ack, shelve, unshelve, out-of-service, in-service. */
    public String code() {
        return code;
    }

    /** True for commands that act on a sensor (and so on every alarm of it), false for those that act on one alarm. */
    public boolean sensorLevel() {
        return sensorLevel;
    }

    /** True for the commands that must carry an operator's comment: shelve and out-of-service. */
    public boolean needsComment() {
        return this == SHELVE || this == OUT_OF_SERVICE;
    }

    public static Optional<CommandType> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /** Every JSON code, in declaration order, for error messages. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(CommandType::code).toList();
    }
}
