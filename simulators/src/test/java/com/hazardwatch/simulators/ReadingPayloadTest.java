package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReadingPayloadTest {
    @Test
    void followsTheMqttContract() throws Exception {
        byte[] bytes = ReadingPayload.encode("E01-LT101", 1_718_000_000_123L, 55.3);
        assertEquals("{\"sensor\":\"E01-LT101\",\"ts\":1718000000123,\"value\":55.3}", new String(bytes, StandardCharsets.UTF_8));
        JsonNode n = Json.mapper().readTree(ReadingPayload.encode("E03-PT201", 1L, 0.0));
        assertEquals(0.0, n.get("value").asDouble());
        assertEquals(1L, n.get("ts").asLong());
    }
}
