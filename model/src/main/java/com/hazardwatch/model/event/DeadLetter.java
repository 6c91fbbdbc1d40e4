package com.hazardwatch.model.event;

import java.io.Serializable;

/**
 * Input that could not be accepted, as published on Kafka topic hw.dlq.
 *
 * @param reason a stable code (see {@link RejectReason})
 * @param detail what exactly was wrong, for a person
 * @param origin where it came from: an MQTT topic, or kafka:topic/partition/offset
 * @param receivedAt when it was received, epoch ms
 * @param payload the original payload as text when it is valid UTF-8, else null
 * @param payloadBase64 the original payload in base64 when it is not valid UTF-8, else null
 * @param stage which component rejected it (bridge, job)
 */
public record DeadLetter(
        RejectReason reason,
        String detail,
        String origin,
        long receivedAt,
        String payload,
        String payloadBase64,
        String stage) implements Serializable {}
