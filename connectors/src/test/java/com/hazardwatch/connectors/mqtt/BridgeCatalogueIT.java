package com.hazardwatch.connectors.mqtt;

import com.hazardwatch.testsupport.TestCatalogues;
import static com.hazardwatch.testsupport.TestJson.json;
import static com.hazardwatch.testsupport.TestJson.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.connectors.kafka.CatalogueTopic;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A running bridge follows the catalogue topic: a sensor added by an entry is accepted from then on, one removed by an
 * entry is dead-lettered as an unknown sensor, and entries already on the topic apply before the bridge takes readings.
 */
@ExtendWith(ServicesExtension.class)
class BridgeCatalogueIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void pushedEntriesAddAndRemoveSensorsOfARunningBridge(Services services, TestInfo info) throws Exception {
        Settings isolated = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        String catalogueTopic = isolated.get(HwOptions.TOPIC_READINGS).replace(".readings", ".catalogue");
        Settings s = isolated.with(HwOptions.TOPIC_CATALOGUE, catalogueTopic);
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String mqttTopic = s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/tank-farm";
        Catalogue catalogue = TestCatalogues.threeSensors();
        Sensor lt102 = renamed(catalogue.sensor("E01-LT101").orElseThrow(), "E01-LT102");
        Sensor lt103 = renamed(catalogue.sensor("E01-LT101").orElseThrow(), "E01-LT103");

        // on the topic before the bridge starts: known from its first reading on
        CatalogueTopic.ensure(bootstrap, catalogueTopic);
        CatalogueTopic.publish(bootstrap, catalogueTopic, List.of(CatalogueEntry.of(lt103, 100)));

        try (MqttKafkaBridge bridge = new MqttKafkaBridge(s, catalogue);
                MqttTestClient mqtt = new MqttTestClient(s.get(HwOptions.MQTT_URL))) {
            bridge.start();
            assertEquals(100, bridge.catalogueRevision());
            long t0 = System.currentTimeMillis() - 60_000;
            mqtt.publish(mqttTopic, reading("E01-LT103", t0, 10));
            mqtt.publish(mqttTopic, reading("E01-LT101", t0, 40));
            mqtt.publish(mqttTopic, reading("E01-LT102", t0, 20)); // not in the catalogue yet
            List<KafkaProbe.Record> dead = KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_DLQ), r -> r.size() >= 1, WAIT);
            assertEquals(1, dead.size());
            assertEquals("UNKNOWN_SENSOR", json(dead.get(0).value()).get("reason").asText());
            assertTrue(dead.get(0).value().contains("E01-LT102"), dead.get(0).value());
            awaitForwarded(bridge, 2);

            long revision = System.currentTimeMillis();
            CatalogueTopic.publish(bootstrap, catalogueTopic,
                    List.of(CatalogueEntry.of(lt102, revision), CatalogueEntry.removal("E01-LT101", "E01", revision)));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (bridge.catalogueRevision() < revision && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(revision, bridge.catalogueRevision());
            assertTrue(bridge.sensor("E01-LT101").isEmpty());
            assertEquals(lt102, bridge.sensor("E01-LT102").orElseThrow());

            mqtt.publish(mqttTopic, reading("E01-LT102", t0 + 1000, 21));
            mqtt.publish(mqttTopic, reading("E01-LT101", t0 + 1000, 41));

            List<KafkaProbe.Record> readings = KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_READINGS),
                    r -> r.size() >= 3, WAIT);
            Map<String, List<Double>> valuesBySensor = readings.stream().collect(Collectors.groupingBy(KafkaProbe.Record::key,
                    Collectors.mapping(r -> json(r.value()).get("value").asDouble(), Collectors.toList())));
            assertEquals(Map.of("E01-LT103", List.of(10.0), "E01-LT101", List.of(40.0), "E01-LT102", List.of(21.0)), valuesBySensor);

            dead = KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_DLQ), r -> r.size() >= 2, WAIT);
            assertEquals(2, dead.size());
            JsonNode removed = json(dead.get(1).value());
            assertEquals("UNKNOWN_SENSOR", removed.get("reason").asText());
            assertEquals("sensor 'E01-LT101' is not in the catalogue", removed.get("detail").asText());
            assertEquals(reading("E01-LT101", t0 + 1000, 41), removed.get("payload").asText());
            assertEquals(3, bridge.stats().forwarded());
        }
    }

    private static void awaitForwarded(MqttKafkaBridge bridge, long n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bridge.stats().forwarded() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(n, bridge.stats().forwarded());
    }

    private static Sensor renamed(Sensor s, String id) {
        return new Sensor(id, s.name(), s.enterprise(), s.town(), s.source(), s.sourceGrade(), s.kind(), s.unit(), s.range(),
                s.limits(), s.deadband(), s.rules());
    }
}
