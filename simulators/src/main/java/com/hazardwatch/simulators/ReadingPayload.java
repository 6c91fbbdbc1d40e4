package com.hazardwatch.simulators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.json.Json;

/**
 * The MQTT payload of one reading: {@code {"sensor":"E01-LT101","ts":1718000000000,"value":55.3}}.
 * Quality is omitted, which the contract reads as {@code good}.
 */
public final class ReadingPayload {
    private ReadingPayload() {}

    public static byte[] encode(String sensorId, long tsEpochMillis, double value) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("sensor", sensorId);
        node.put("ts", tsEpochMillis);
        node.put("value", value);
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode reading of " + sensorId, e);
        }
    }
}
