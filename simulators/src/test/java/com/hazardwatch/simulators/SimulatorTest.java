package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What can be checked without a broker. */
class SimulatorTest {
    @Test
    void rejectsAnUnsuitableScenarioSensorAtConstruction() {
        Catalogue small = TestCatalogues.small();
        SimulatorOptions o = SimulatorOptions.builder().scenario("overfill").scenarioSensor("E01-PT101").build();
        String msg = assertThrows(IllegalArgumentException.class, () -> new Simulator(small, o)).getMessage();
        assertTrue(msg.contains("E01-PT101 is a pressure sensor"), msg);
        SimulatorOptions ok = SimulatorOptions.builder().scenario("overfill").build();
        try (Simulator s = new Simulator(small, ok)) {
            assertEquals("overfill", s.scenario().name());
        }
    }

    @Test
    void unreachableBrokerIsAClearError() {
        // port 1 on the loopback interface: connection refused at once
        SimulatorOptions o = SimulatorOptions.builder().mqttUrl("tcp://127.0.0.1:1").duration(Duration.ofSeconds(1)).build();
        List<String> lines = new ArrayList<>();
        Simulator sim = new Simulator(TestCatalogues.small(), o, lines::add);
        SimulatorException e = assertThrows(SimulatorException.class, sim::run);
        assertTrue(e.getMessage().startsWith("cannot connect to MQTT broker tcp://127.0.0.1:1"), e.getMessage());
        assertThrows(IllegalStateException.class, sim::run, "runs once");
        sim.close();
    }

    @Test
    void scenarioStatusNamesPhaseAndValue() {
        SimulatorOptions o = SimulatorOptions.builder().scenario("overfill").build();
        AtomicInteger n = new AtomicInteger();
        try (Simulator s = new Simulator(TestCatalogues.small(), o, line -> n.incrementAndGet())) {
            assertEquals("overfill: waiting", s.scenarioStatus(0));
            assertEquals("overfill: rising", s.scenarioStatus(12_000));
        }
        try (Simulator s = new Simulator(TestCatalogues.small(), SimulatorOptions.builder().build())) {
            assertNull(s.scenarioStatus(0));
        }
    }
}
