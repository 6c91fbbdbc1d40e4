package com.hazardwatch.model.event;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * An operator command from Kafka topic hw.commands (JSON: {@code com.hazardwatch.model.json.CommandCodec}).
 *
 * <p>Invariants, checked here (an {@link IllegalArgumentException} names the first one broken; the codec checks them
 * first and answers with a {@link RejectedInputException} instead):
 * <ul>
 *   <li>{@code command} and a non-blank {@code operator} are present;</li>
 *   <li>ack, shelve and unshelve name an {@code alarmId}; out-of-service and in-service name a {@code sensor} or an
 *       {@code alarmId}, meaning that alarm's sensor (resolved by the job, see {@link #withSensor});</li>
 *   <li>shelve and out-of-service carry a non-blank {@code comment};</li>
 *   <li>shelve carries {@code durationMs > 0}; no other command carries a duration. The upper bound is a setting
 *       ({@link #DEFAULT_MAX_SHELVE} by default) and is checked by the codec and the lifecycle, not here.</li>
 * </ul>
 *
 * @param command what to do
 * @param alarmId the alarm it is for, or null for a sensor-level command naming only a sensor
 * @param sensor the sensor it is for, or null
 * @param operator who issued it (login name), for the audit trail
 * @param comment why; required for shelve and out-of-service, else optional (null when absent)
 * @param durationMs how long to shelve, for shelve only (else null)
 * @param ts when it was issued, epoch ms
 */
public record OperatorCommand(
        CommandType command,
        String alarmId,
        String sensor,
        String operator,
        String comment,
        Long durationMs,
        long ts) implements Serializable {

    /** The longest shelf unless configured otherwise: one 8-hour shift. */
    public static final Duration DEFAULT_MAX_SHELVE = Duration.ofHours(8);

    public OperatorCommand {
        if (command == null) {
            throw new IllegalArgumentException("command is missing");
        }
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException(command.code() + ": operator is missing");
        }
        if (alarmId != null && alarmId.isBlank()) {
            alarmId = null;
        }
        if (sensor != null && sensor.isBlank()) {
            sensor = null;
        }
        if (comment != null && comment.isBlank()) {
            comment = null;
        }
        if (command.sensorLevel() ? alarmId == null && sensor == null : alarmId == null) {
            throw new IllegalArgumentException(command.code() + (command.sensorLevel()
                    ? ": names neither a sensor nor an alarmId" : ": alarmId is missing"));
        }
        if (command.needsComment() && comment == null) {
            throw new IllegalArgumentException(command.code() + ": comment is missing");
        }
        if (command == CommandType.SHELVE) {
            if (durationMs == null || durationMs <= 0) {
                throw new IllegalArgumentException("shelve: durationMs must be > 0, found " + durationMs);
            }
        } else if (durationMs != null) {
            throw new IllegalArgumentException(command.code() + ": only shelve takes a duration");
        }
    }

    public static OperatorCommand ack(String alarmId, String operator, String comment, long ts) {
        return new OperatorCommand(CommandType.ACK, alarmId, null, operator, comment, null, ts);
    }

    public static OperatorCommand shelve(String alarmId, String operator, String comment, Duration duration, long ts) {
        return new OperatorCommand(CommandType.SHELVE, alarmId, null, operator, comment, duration.toMillis(), ts);
    }

    public static OperatorCommand unshelve(String alarmId, String operator, String comment, long ts) {
        return new OperatorCommand(CommandType.UNSHELVE, alarmId, null, operator, comment, null, ts);
    }

    public static OperatorCommand outOfService(String sensor, String operator, String comment, long ts) {
        return new OperatorCommand(CommandType.OUT_OF_SERVICE, null, sensor, operator, comment, null, ts);
    }

    public static OperatorCommand inService(String sensor, String operator, String comment, long ts) {
        return new OperatorCommand(CommandType.IN_SERVICE, null, sensor, operator, comment, null, ts);
    }

    /** The same command with its sensor filled in: how the job resolves a sensor-level command given by alarmId. */
    public OperatorCommand withSensor(String resolvedSensor) {
        Objects.requireNonNull(resolvedSensor, "resolvedSensor");
        return new OperatorCommand(command, alarmId, resolvedSensor, operator, comment, durationMs, ts);
    }

    /** The shelf duration, or null when this is not a shelve. */
    public Duration duration() {
        return durationMs == null ? null : Duration.ofMillis(durationMs);
    }
}
