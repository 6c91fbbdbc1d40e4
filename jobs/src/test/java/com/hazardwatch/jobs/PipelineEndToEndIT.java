package com.hazardwatch.jobs;

import static com.hazardwatch.testsupport.TestJson.json;
import static com.hazardwatch.testsupport.TestJson.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.connectors.kafka.CatalogueTopic;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.InfluxProbe;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pipeline on real services: MQTT (Mosquitto) -> bridge -> Kafka -> monitoring job on a MiniCluster ->
 * hw.alarms, hw.dlq and InfluxDB. Topics, MQTT root and database are unique to this run.
 */
@ExtendWith(ServicesExtension.class)
class PipelineEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void overfillRaisesAndClearsAndBadInputGoesToDeadLetters(Services services, TestInfo info) throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        String root = s.get(HwOptions.MQTT_TOPIC_ROOT);

        try (LocalPipeline p = LocalPipeline.start(s, catalogue, MonitoringJob.flinkConfiguration(s), "it-pipeline");
             MqttTestClient mqtt = new MqttTestClient(s.get(HwOptions.MQTT_URL))) {
            long t0 = System.currentTimeMillis() - 60_000;
            double[] levels = {50, 90, 97, 96, 80};
            String topic = root + "/E01/tank-farm/E01-LT101";
            for (int i = 0; i < 2; i++) {
                mqtt.publish(topic, reading("E01-LT101", t0 + i * 1000L, levels[i]));
            }
            // bad input in the middle of the stream: the pipeline must carry on around it
            mqtt.publish(topic, "{\"sensor\":\"E01-LT101\",\"ts\":");
            mqtt.publish(root + "/E01/x", reading("NO-SUCH-SENSOR", t0, 1));
            for (int i = 2; i < levels.length; i++) {
                mqtt.publish(topic, reading("E01-LT101", t0 + i * 1000L, levels[i]));
            }

            // every other catalogue sensor is silent in this test and goes STALE after its period: look at the limits
            List<KafkaProbe.Record> alarms = limitAlarms(KafkaProbe.awaitRecords(s.get(HwOptions.KAFKA_BOOTSTRAP),
                    s.get(HwOptions.TOPIC_ALARMS), r -> limitAlarms(r).size() >= 3, WAIT));
            List<String> transitions = alarms.stream().map(r -> {
                JsonNode n = json(r.value());
                return n.get("transition").asText() + " " + n.get("type").asText() + " " + n.get("value").asDouble();
            }).toList();
            assertEquals(List.of("RAISE HIGH 90.0", "ESCALATE HIGH_HIGH 97.0", "CLEAR HIGH_HIGH 80.0"), transitions);
            JsonNode raise = json(alarms.get(0).value());
            assertEquals("E01-LT101", alarms.get(0).key());
            assertEquals("E01-LT101:HI:" + (t0 + 1000), raise.get("alarmId").asText());
            assertEquals("E01", raise.get("enterprise").asText());
            assertEquals(raise.get("alarmId").asText(), json(alarms.get(2).value()).get("alarmId").asText());

            List<KafkaProbe.Record> dead = KafkaProbe.awaitRecords(s.get(HwOptions.KAFKA_BOOTSTRAP),
                    s.get(HwOptions.TOPIC_DLQ), r -> r.size() >= 2, WAIT);
            assertEquals(2, dead.size());
            // keyed by MQTT topic, so the two may sit on different partitions: find them by reason, not position
            Map<String, JsonNode> byReason = dead.stream().map(r -> json(r.value()))
                    .collect(java.util.stream.Collectors.toMap(n -> n.get("reason").asText(), n -> n));
            assertEquals(java.util.Set.of("MALFORMED_JSON", "UNKNOWN_SENSOR"), byReason.keySet());
            JsonNode malformed = byReason.get("MALFORMED_JSON");
            assertEquals(topic, malformed.get("origin").asText());
            assertEquals("{\"sensor\":\"E01-LT101\",\"ts\":", malformed.get("payload").asText());
            assertTrue(malformed.get("receivedAt").asLong() > 0);
            assertEquals(root + "/E01/x", byReason.get("UNKNOWN_SENSOR").get("origin").asText());

            String url = s.get(HwOptions.INFLUX_URL);
            String db = s.get(HwOptions.INFLUX_DATABASE);
            List<Map<String, Object>> readings = InfluxProbe.await(url, db,
                    "SELECT value FROM reading WHERE sensor = 'E01-LT101'", rows -> rows.size() >= levels.length, WAIT);
            assertEquals(levels.length, readings.size(), "every accepted reading is stored: " + readings);
            List<Map<String, Object>> stored = InfluxProbe.await(url, db,
                    "SELECT alarm_id, state, transition, value, \"limit\" FROM \"long\".alarm WHERE sensor = 'E01-LT101' GROUP BY type",
                    rows -> rows.size() >= 3, WAIT);
            assertEquals(3, stored.size(), stored.toString());
            assertTrue(stored.stream().anyMatch(r -> "HIGH_HIGH".equals(r.get("type")) && "CLEAR".equals(r.get("transition"))),
                    stored.toString());

            assertEquals(7, p.bridge().stats().received());
            assertEquals(5, p.bridge().stats().forwarded());
            assertEquals(2, p.bridge().stats().rejected());
        }
    }

    @Test
    void aLimitPushedToTheCatalogueAtRuntimeGovernsTheNextReadings(Services services, TestInfo info) throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        String root = s.get(HwOptions.MQTT_TOPIC_ROOT);
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        Sensor lt101 = catalogue.sensor("E01-LT101").orElseThrow();
        assertEquals(85.0, lt101.limits().h());

        try (LocalPipeline p = LocalPipeline.start(s, catalogue);
             MqttTestClient mqtt = new MqttTestClient(s.get(HwOptions.MQTT_URL))) {
            p.awaitRunning(WAIT);
            String topic = root + "/E01/tank-farm/E01-LT101";
            long t0 = System.currentTimeMillis() - 60_000;
            mqtt.publish(topic, reading("E01-LT101", t0, 80)); // under H 85: nothing
            // pushed only once the job has taken that reading, so that it meets the old limit
            InfluxProbe.await(s.get(HwOptions.INFLUX_URL), s.get(HwOptions.INFLUX_DATABASE),
                    "SELECT value FROM reading WHERE sensor = 'E01-LT101'", rows -> !rows.isEmpty(), WAIT);
            Limits l = lt101.limits();
            long revision = System.currentTimeMillis();
            CatalogueTopic.publish(bootstrap, s.get(HwOptions.TOPIC_CATALOGUE),
                    List.of(CatalogueEntry.of(lt101.withLimits(new Limits(l.ll(), l.l(), 75.0, l.hh())), revision)));
            // the same value again, once a second, until the job has the new H and raises on it
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger(1);
            var publisher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            List<KafkaProbe.Record> raised;
            try {
                publisher.scheduleAtFixedRate(() -> {
                    try {
                        mqtt.publish(topic, reading("E01-LT101", t0 + sent.getAndIncrement() * 1000L, 80));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
                raised = limitAlarms(KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_ALARMS),
                        r -> !limitAlarms(r).isEmpty(), WAIT));
            } finally {
                publisher.shutdownNow();
            }
            assertEquals(1, raised.size(), "one HIGH alarm on the pushed limit: " + raised);
            JsonNode raise = json(raised.get(0).value());
            assertEquals("RAISE HIGH 80.0 75.0", raise.get("transition").asText() + " " + raise.get("type").asText() + " "
                    + raise.get("value").asDouble() + " " + raise.get("limit").asDouble());
            assertTrue(raise.get("ts").asLong() > t0, "the reading before the push raised nothing: " + raise);
            assertEquals("ACTIVE_UNACK", raise.get("state").asText());
            assertTrue(raise.get("notify").asBoolean());
        }
    }

    @Test
    void anAckOnHwCommandsIsAnsweredOnHwAlarmsAndAnUnknownAlarmIsRejected(Services services, TestInfo info) throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String alarms = s.get(HwOptions.TOPIC_ALARMS);

        try (LocalPipeline p = LocalPipeline.start(s, catalogue);
             MqttTestClient mqtt = new MqttTestClient(s.get(HwOptions.MQTT_URL))) {
            p.awaitRunning(WAIT);
            String topic = s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/tank-farm/E01-LT101";
            long t0 = System.currentTimeMillis() - 30_000;
            mqtt.publish(topic, reading("E01-LT101", t0, 97));
            List<KafkaProbe.Record> raised = limitAlarms(KafkaProbe.awaitRecords(bootstrap, alarms, r -> !limitAlarms(r).isEmpty(), WAIT));
            String id = json(raised.get(0).value()).get("alarmId").asText();
            assertEquals("E01-LT101:HI:" + t0, id);

            long now = System.currentTimeMillis();
            KafkaProbe.send(bootstrap, s.get(HwOptions.TOPIC_COMMANDS), "E01-LT101", "{\"command\":\"ack\",\"alarmId\":\"" + id
                    + "\",\"operator\":\"zhang.wei\",\"comment\":\"inlet valve closed\",\"ts\":" + now + "}");
            KafkaProbe.send(bootstrap, s.get(HwOptions.TOPIC_COMMANDS), "E01-LT101", "{\"command\":\"ack\",\"alarmId\":\"E01-LT101:HI:1\","
                    + "\"operator\":\"zhang.wei\",\"ts\":" + now + "}");
            KafkaProbe.send(bootstrap, s.get(HwOptions.TOPIC_COMMANDS), "x", "{\"command\":\"acknowledge\"}");

            List<JsonNode> answers = KafkaProbe.awaitRecords(bootstrap, alarms, r -> r.stream().filter(x -> {
                        String t = json(x.value()).path("transition").asText();
                        return t.equals("ACK") || t.equals("REJECTED");
                    }).count() >= 2, WAIT).stream().map(x -> json(x.value()))
                    .filter(n -> n.path("transition").asText().matches("ACK|REJECTED")).toList();
            JsonNode ack = answers.stream().filter(n -> n.get("transition").asText().equals("ACK")).findFirst().orElseThrow();
            assertEquals(id, ack.get("alarmId").asText());
            assertEquals("ACTIVE_ACK", ack.get("state").asText());
            assertEquals("zhang.wei", ack.get("operator").asText());
            assertEquals("inlet valve closed", ack.get("comment").asText());
            JsonNode rejected = answers.stream().filter(n -> n.get("transition").asText().equals("REJECTED")).findFirst().orElseThrow();
            assertEquals("E01-LT101:HI:1", rejected.get("alarmId").asText());
            assertTrue(rejected.get("reason").asText().contains("no open alarm"), rejected.toString());

            List<KafkaProbe.Record> dead = KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_DLQ),
                    r -> r.stream().anyMatch(x -> json(x.value()).path("reason").asText().equals("BAD_COMMAND")), WAIT);
            JsonNode bad = dead.stream().map(x -> json(x.value())).filter(n -> n.path("reason").asText().equals("BAD_COMMAND"))
                    .findFirst().orElseThrow(() -> new AssertionError("no BAD_COMMAND dead letter in " + dead));
            assertTrue(bad.get("detail").asText().contains("acknowledge"), bad.toString());
        }
    }

    /** The limit alarms of E01-LT101 among the records of hw.alarms. */
    private static List<KafkaProbe.Record> limitAlarms(List<KafkaProbe.Record> records) {
        return records.stream().filter(r -> {
            JsonNode n = json(r.value());
            return "E01-LT101".equals(n.path("sensor").asText()) && n.path("type").asText().startsWith("HIGH");
        }).toList();
    }
}
