package com.hazardwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON in tests: a reading as a device sends it, and text read back from a topic parsed into a tree. */
public final class TestJson {
    private TestJson() {}

    /** A reading in the compact JSON form the MQTT bridge accepts. */
    public static String reading(String sensor, long ts, double value) {
        return "{\"sensor\":\"" + sensor + "\",\"ts\":" + ts + ",\"value\":" + value + "}";
    }

    /** text parsed with the project's mapper; a parse failure is unchecked. */
    public static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
