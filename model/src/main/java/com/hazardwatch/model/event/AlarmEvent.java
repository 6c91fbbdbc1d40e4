package com.hazardwatch.model.event;

import java.io.Serializable;

/**
 * One transition of an alarm, as published on Kafka topic hw.alarms (key = sensor id) and stored in
 * InfluxDB measurement alarm.
 *
 * @param alarmId deterministic: {sensor}:{side}:{ts of the reading that raised it}, the same after a replay
 * @param type the limit the alarm stands at after this event (for CLEAR: the one it stood at before)
 * @param value the reading that caused the event
 * @param limit the limit crossed (for CLEAR: limit minus deadband that was passed)
 * @param ts event time of that reading, epoch ms
 * @param emittedAt processing time when the engine emitted the event, epoch ms
 * @param detail what a duty officer reads: e.g. "96.2 % >= HH 95 %", "rising 6.2 %/min", "HH in 12 min"; may be null
 */
public record AlarmEvent(
        String alarmId,
        String sensor,
        String enterprise,
        String source,
        AlarmType type,
        AlarmTransition transition,
        AlarmState state,
        double value,
        double limit,
        long ts,
        long emittedAt,
        String detail) implements Serializable {}
