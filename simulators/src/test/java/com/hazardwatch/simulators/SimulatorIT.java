package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a real broker (through {@link ServicesExtension}). Publishes under a topic root of its own so that nothing
 * else listening on hw/# sees the traffic.
 */
@ExtendWith(ServicesExtension.class)
class SimulatorIT {
    record Received(String topic, JsonNode payload) {}

    @Test
    void publishesTheContractPayloadsOnTheContractTopicsAndStopsOnRequest(Services services) throws Exception {
        String root = "hwtest-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        SimulatorOptions options = SimulatorOptions.builder().mqttUrl(services.mqttUrl()).topicRoot(root)
                .interval(Duration.ofMillis(500)).seed(5).build();
        Catalogue catalogue = TestCatalogues.small();
        try (MqttTestClient sub = new MqttTestClient(services.mqttUrl())) {
            sub.subscribe(root + "/#");
            List<Received> received = new java.util.ArrayList<>();
            Simulator sim = new Simulator(catalogue, options, line -> System.out.println("[sim] " + line));
            AtomicReference<SimulatorStats> stats = new AtomicReference<>();
            AtomicReference<Exception> error = new AtomicReference<>();
            Thread runner = new Thread(() -> {
                try {
                    stats.set(sim.run());
                } catch (Exception e) {
                    error.set(e);
                }
            });
            long t0 = System.currentTimeMillis();
            runner.start();
            Thread.sleep(6_000);
            sim.stop();
            runner.join(15_000);
            if (error.get() != null) {
                throw error.get();
            }
            SimulatorStats s = stats.get();
            Thread.sleep(500); // let the last deliveries arrive
            for (MqttTestClient.Message m : sub.received()) {
                received.add(new Received(m.topic(), Json.mapper().readTree(m.payload())));
            }
            // 10 sensors every 500 ms for about 6 s: about 120
            assertTrue(s.published() >= 60 && s.published() <= 135, "published " + s.published());
            assertEquals(0, s.failed());
            assertEquals(s.published(), received.size());
            Map<String, Long> perTopic = received.stream().collect(Collectors.groupingBy(Received::topic, Collectors.counting()));
            assertEquals(10, perTopic.size());
            assertTrue(perTopic.containsKey(root + "/E01/E01-S1/E01-LT101"), perTopic.keySet().toString());
            for (Received r : received) {
                JsonNode p = r.payload();
                assertEquals(List.of("sensor", "ts", "value"), iterable(p.fieldNames()));
                assertTrue(r.topic().endsWith("/" + p.get("sensor").asText()), r.topic());
                assertTrue(p.get("ts").asLong() >= t0 && p.get("ts").asLong() <= System.currentTimeMillis());
                assertTrue(p.get("value").isNumber());
                double v = p.get("value").asDouble();
                var sensor = catalogue.sensor(p.get("sensor").asText()).orElseThrow();
                assertTrue(sensor.range().contains(v) && (sensor.limits().h() == null || v < sensor.limits().h()), r.toString());
            }
            assertEquals(s.published(), s.perSensor().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void publishesSenmlPacksPerEnterpriseThatTheBridgeCodecAccepts(Services services) throws Exception {
        String root = "hwtest-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        Catalogue catalogue = TestCatalogues.demo();
        SimulatorOptions options = SimulatorOptions.builder().mqttUrl(services.mqttUrl()).topicRoot(root)
                .rate(2_000.0).pack(50).qos(1).duration(Duration.ofSeconds(4)).seed(5).build();
        try (MqttTestClient sub = new MqttTestClient(services.mqttUrl())) {
            sub.subscribe(root + "/#");
            long t0 = System.currentTimeMillis();
            SimulatorStats s = new Simulator(catalogue, options, line -> System.out.println("[sim] " + line)).run();
            long t1 = System.currentTimeMillis();
            long deadline = System.currentTimeMillis() + 5_000;
            while (sub.received().size() < s.messages() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, s.failed());
            assertEquals(8_000, s.published(), 2, "every reading due within the duration");
            // 2,000 readings/s over 23 enterprises: about 9 readings per enterprise in 100 ms, the longest a pack waits
            assertTrue(s.messages() <= s.published() / 5, s.messages() + " messages for " + s.published() + " readings");
            assertEquals(s.messages(), sub.received().size());
            long readings = 0;
            for (MqttTestClient.Message m : sub.received()) {
                String enterprise = m.topic().substring(root.length() + 1, m.topic().length() - "/pack".length());
                assertEquals(root + "/" + enterprise + "/pack", m.topic());
                var decoded = com.hazardwatch.model.json.ReadingCodec.decodeMqtt(m.topic(),
                        m.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8), root, catalogue, 0L);
                assertEquals(List.of(), decoded.rejects(), m.payload());
                assertTrue(decoded.readings().size() >= 1 && decoded.readings().size() <= 50, m.payload());
                for (var r : decoded.readings()) {
                    assertEquals(enterprise, r.enterprise(), "a pack holds one enterprise");
                    assertTrue(r.ts() >= t0 - 200 && r.ts() <= t1, "event time " + r.ts() + " within the run");
                }
                readings += decoded.readings().size();
            }
            assertEquals(s.published(), readings);
            assertEquals(s.published(), s.perSensor().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
