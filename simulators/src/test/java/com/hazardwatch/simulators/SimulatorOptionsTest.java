package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {
    @Test
    void defaults() {
        SimulatorOptions o = SimulatorOptions.builder().build();
        String env = System.getenv(SimulatorOptions.ENV_MQTT_PORT);
        assertEquals("tcp://127.0.0.1:" + (env == null || env.isBlank() ? "1883" : env.trim()), o.mqttUrl());
        assertEquals("hw", o.topicRoot());
        assertTrue(o.clientId().matches("hw-sim-[0-9a-f]+"), o.clientId());
        assertNotEquals(o.clientId(), SimulatorOptions.builder().build().clientId());
        assertEquals(1, o.qos());
        assertEquals(Duration.ofSeconds(2), o.interval());
        assertNull(o.rate());
        assertNull(o.duration());
        assertNull(o.scenario());
        assertEquals(List.of(), o.scenarios());
        assertNull(o.scenarioSensor(), "each scenario's own default target");
        assertEquals(Duration.ofSeconds(10), o.scenarioStartAfter());
        assertEquals(42L, o.seed());
        assertEquals(Duration.ofSeconds(2), o.effectiveInterval(233));
        assertEquals(1, o.pack());
    }

    @Test
    void packIsReadingsPerMessage() {
        SimulatorOptions o = SimulatorOptions.builder().rate(20_000.0).pack(50).qos(1).build();
        assertEquals(50, o.pack());
        assertEquals(50, o.toBuilder().build().pack());
        assertTrue(o.toString().contains("pack=50"), o.toString());
        assertEquals(SimulatorOptions.MAX_PACK, SimulatorOptions.builder().pack(SimulatorOptions.MAX_PACK).build().pack());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.builder().pack(0)).getMessage()
                .contains("from 1 (no packing) to 10000"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.builder().pack(SimulatorOptions.MAX_PACK + 1));
    }

    @Test
    void rateOverridesTheInterval() {
        SimulatorOptions o = SimulatorOptions.builder().rate(100.0).build();
        assertEquals(Duration.ofMillis(2330), o.effectiveInterval(233));
        assertEquals(Duration.ofMillis(1), SimulatorOptions.builder().rate(1000.0).build().effectiveInterval(1));
    }

    @Test
    void toBuilderKeepsEverything() {
        SimulatorOptions o = SimulatorOptions.builder().mqttUrl("tcp://h:1").topicRoot("a/b").clientId("c").qos(0)
                .interval(Duration.ofSeconds(5)).duration(Duration.ofMinutes(1)).scenario("overfill")
                .scenarioSensor("X").scenarioStartAfter(Duration.ZERO).seed(7).pack(3).build();
        SimulatorOptions c = o.toBuilder().build();
        assertEquals(o.toString(), c.toString());
        assertEquals("c", c.clientId());
    }

    @Test
    void severalScenariosPlayAtOnce() {
        SimulatorOptions o = SimulatorOptions.builder().scenario("overfill")
                .addScenario(ScenarioSpec.parse("gateway-outage:E14@10s+100s"))
                .addScenario(ScenarioSpec.of("dead-sensor").withStart(Duration.ofSeconds(20))).build();
        assertEquals(List.of("overfill", "gateway-outage", "dead-sensor"), o.scenarios().stream().map(ScenarioSpec::name).toList());
        assertEquals("overfill", o.scenario(), "the first one");
        assertEquals(o.toString(), o.toBuilder().build().toString());
        assertTrue(o.toString().contains("[overfill, gateway-outage:E14@10s+1m40s, dead-sensor@20s]"), o.toString());
        assertEquals(List.of(), o.toBuilder().scenario(null).build().scenarios(), "scenario(null): none");
        assertEquals(1, o.toBuilder().scenario("dead-sensor").build().scenarios().size(), "scenario(name) replaces");
    }

    @Test
    void rejectsBadValuesWithTheAcceptedOnes() {
        SimulatorOptions.Builder b = SimulatorOptions.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.qos(2)).getMessage().contains("0 or 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.mqttUrl("localhost:1883")).getMessage()
                .contains("tcp://HOST:PORT"));
        assertThrows(IllegalArgumentException.class, () -> b.mqttUrl("tcp://"));
        assertThrows(IllegalArgumentException.class, () -> b.topicRoot("hw/#"));
        assertThrows(IllegalArgumentException.class, () -> b.topicRoot("/hw"));
        assertThrows(IllegalArgumentException.class, () -> b.topicRoot(""));
        assertThrows(IllegalArgumentException.class, () -> b.interval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.rate(0.0));
        assertThrows(IllegalArgumentException.class, () -> b.rate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.duration(Duration.ZERO));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.scenario("flood")).getMessage().contains("overfill"));
        assertThrows(IllegalArgumentException.class, () -> b.scenarioStartAfter(Duration.ofSeconds(-1)));
    }
}
