package com.hazardwatch.connectors.kafka;

import com.hazardwatch.testsupport.TestCatalogues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.CatalogueJson;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalogue topic on a real Kafka: compaction enforced, publish and read back, bad records skipped, following. */
@ExtendWith(ServicesExtension.class)
class CatalogueTopicIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Catalogue CATALOGUE = TestCatalogues.threeSensors();
    private static final Sensor LT101 = CATALOGUE.sensor("E01-LT101").orElseThrow();
    private static final Sensor TT101 = CATALOGUE.sensor("E01-TT101").orElseThrow();

    /** A catalogue topic of this test's own (isolatedSettings isolates readings, alarms and dead letters). */
    private static String topic(Settings s) {
        return s.get(HwOptions.TOPIC_READINGS).replace(".readings", ".catalogue");
    }

    @Test
    void ensureCreatesItCompactedAndRefusesATopicThatIsNot(Services services, TestInfo info) {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String topic = topic(s);
        CatalogueTopic.ensure(bootstrap, topic);
        CatalogueTopic.ensure(bootstrap, topic); // again: nothing to do
        assertEquals("compact", KafkaTopics.config(bootstrap, topic).orElseThrow().get("cleanup.policy"));

        String plain = topic + "-plain";
        KafkaTopics.ensure(bootstrap, 1, plain);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CatalogueTopic.ensure(bootstrap, plain));
        assertTrue(e.getMessage().contains("cleanup.policy=delete"), e.getMessage());
        assertTrue(e.getMessage().contains("--add-config cleanup.policy=compact"), e.getMessage());
    }

    @Test
    void readAllGivesTheLatestEntryPerSensorAndSkipsWhatIsNotAnEntry(Services services, TestInfo info) {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String topic = topic(s);
        assertEquals(Map.of(), CatalogueTopic.readAll(bootstrap, topic), "no topic: nothing in force");
        assertTrue(KafkaTopics.config(bootstrap, topic).isEmpty(), "reading does not create the topic");

        CatalogueTopic.ensure(bootstrap, topic);
        assertEquals(Map.of(), CatalogueTopic.readAll(bootstrap, topic));
        List<CatalogueEntry> first = CATALOGUE.sensors().stream().map(x -> CatalogueEntry.of(x, 100)).toList();
        CatalogueTopic.publish(bootstrap, topic, first);
        produceRaw(bootstrap, topic, "E01-LT101", "not json");
        produceRaw(bootstrap, topic, "E01-PT101", new String(CatalogueJson.entryToJson(CatalogueEntry.of(LT101, 500)),
                StandardCharsets.UTF_8)); // key and entry disagree
        produceRaw(bootstrap, topic, "E01-PT101", null);
        CatalogueTopic.publish(bootstrap, topic, List.of(
                CatalogueEntry.of(LT101.withLimits(new com.hazardwatch.model.catalogue.Limits(5.0, 10.0, 85.0, 90.0)), 200),
                CatalogueEntry.removal("E01-TT101", "E01", 200),
                CatalogueEntry.of(TT101, 150))); // older than the removal: must not bring it back

        Map<String, CatalogueEntry> all = CatalogueTopic.readAll(bootstrap, topic);
        assertEquals(List.of("E01-LT101", "E01-PT101", "E01-TT101"), new ArrayList<>(all.keySet()));
        assertEquals(200, all.get("E01-LT101").revision());
        assertEquals(90.0, all.get("E01-LT101").sensor().limits().hh());
        assertEquals(100, all.get("E01-PT101").revision());
        assertEquals(CATALOGUE.sensor("E01-PT101").orElseThrow(), all.get("E01-PT101").sensor());
        assertTrue(all.get("E01-TT101").removed());
        assertEquals(200, all.get("E01-TT101").revision());
    }

    @Test
    void aFollowerHandsOverWhatIsThereAndWhatComesLater(Services services, TestInfo info) throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String topic = topic(s);
        CatalogueTopic.ensure(bootstrap, topic);
        CatalogueTopic.publish(bootstrap, topic, CATALOGUE.sensors().stream().map(x -> CatalogueEntry.of(x, 100)).toList());
        produceRaw(bootstrap, topic, "E01-LT101", "{\"sensorId\":\"E01-LT101\"}");

        List<CatalogueEntry> seen = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchEnds = Collections.synchronizedList(new ArrayList<>());
        try (CatalogueFollower f = CatalogueFollower.start(bootstrap, topic, seen::add, () -> batchEnds.add(seen.size()))) {
            assertTrue(f.awaitCaughtUp(WAIT));
            assertEquals(List.of("E01-LT101", "E01-TT101", "E01-PT101"), seen.stream().map(CatalogueEntry::sensorId).toList(),
                    "the three entries, in topic order, without the bad record");
            assertEquals(3, batchEnds.get(batchEnds.size() - 1), "a batch ended once what was there had been handed over");

            CatalogueTopic.publish(bootstrap, topic, List.of(CatalogueEntry.removal("E01-PT101", "E01", 200),
                    CatalogueEntry.of(LT101.withLimits(new com.hazardwatch.model.catalogue.Limits(5.0, 10.0, 85.0, 90.0)), 200)));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (batchEnds.get(batchEnds.size() - 1) < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(5, seen.size());
            assertTrue(seen.get(3).removed());
            assertEquals(90.0, seen.get(4).sensor().limits().hh());
            assertEquals(List.of(3, 5), batchEnds.stream().distinct().toList(), "one batch for what was there, one for the push");
            assertEquals(5, f.delivered());
            assertTrue(f.isAlive());
        }
    }

    private static void produceRaw(String bootstrap, String topic, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new AssertionError("cannot produce to " + topic, e);
        }
    }
}
