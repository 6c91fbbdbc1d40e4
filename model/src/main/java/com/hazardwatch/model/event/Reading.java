package com.hazardwatch.model.event;

import java.io.Serializable;

/**
 * A normalised reading as it travels on Kafka topic hw.readings: event time in epoch milliseconds,
 * enterprise and source added from the catalogue by the bridge.
 *
 * @param receivedAt when the bridge accepted it (epoch ms), for latency measurements downstream
 */
public record Reading(
        String sensor,
        String enterprise,
        String source,
        String kind,
        long ts,
        double value,
        Quality quality,
        long receivedAt) implements Serializable {}
