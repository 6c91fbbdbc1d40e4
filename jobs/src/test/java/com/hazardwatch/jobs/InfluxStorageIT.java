package com.hazardwatch.jobs;

import static com.hazardwatch.testsupport.TestJson.json;
import static com.hazardwatch.testsupport.TestJson.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.connectors.influx.InfluxConnection;
import com.hazardwatch.connectors.influx.InfluxSink;
import com.hazardwatch.connectors.influx.StorageRejects;
import com.hazardwatch.connectors.kafka.KafkaTopics;
import com.hazardwatch.jobs.operators.RollupAggregate;
import com.hazardwatch.model.catalogue.Catalogue;
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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durable storage on the real InfluxDB: the retention policies the job creates, the 1-minute rollups it writes, and a
 * line InfluxDB refuses going to hw.dlq while the rest of its batch is stored.
 */
@ExtendWith(ServicesExtension.class)
class InfluxStorageIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void readingsAcrossAMinuteBoundaryAreRolledUpIntoLongAndThePoliciesExist(Services services, TestInfo info) throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        String url = s.get(HwOptions.INFLUX_URL);
        String db = s.get(HwOptions.INFLUX_DATABASE);

        try (LocalPipeline p = LocalPipeline.start(s, catalogue, MonitoringJob.flinkConfiguration(s), "it-influx-storage");
             MqttTestClient mqtt = new MqttTestClient(s.get(HwOptions.MQTT_URL))) {
            long m = RollupAggregate.minuteOf(System.currentTimeMillis() - 4 * 60_000L);
            String topic = s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/tank-farm/E01-LT101";
            long[] at = {10_000, 30_000, 50_000, 61_000, 70_000, 130_000};
            double[] values = {50, 60, 55, 52, 53, 54};
            for (int i = 0; i < at.length; i++) {
                mqtt.publish(topic, reading("E01-LT101", m + at[i], values[i]));
            }
            // the last reading moves the watermark past the first two minutes (once idle partitions stop holding it);
            // the third minute, which holds only that reading, is written too once every input is idle: look at two
            List<Map<String, Object>> rollups = InfluxProbe.await(url, db,
                    "SELECT mean, min, max, last, \"count\" FROM \"long\".reading_1m WHERE sensor = 'E01-LT101' AND time >= "
                            + m + "ms AND time < " + (m + 120_000) + "ms",
                    rows -> rows.size() >= 2, WAIT);
            assertEquals(2, rollups.size(), rollups.toString());
            Map<String, Object> first = rollups.get(0);
            assertEquals(55.0, ((Number) first.get("mean")).doubleValue(), 1e-9, first.toString());
            assertEquals(50.0, ((Number) first.get("min")).doubleValue(), first.toString());
            assertEquals(60.0, ((Number) first.get("max")).doubleValue(), first.toString());
            assertEquals(55.0, ((Number) first.get("last")).doubleValue(), first.toString());
            assertEquals(3, ((Number) first.get("count")).intValue(), first.toString());
            Map<String, Object> second = rollups.get(1);
            assertEquals(52.5, ((Number) second.get("mean")).doubleValue(), 1e-9, second.toString());
            assertEquals(53.0, ((Number) second.get("last")).doubleValue(), second.toString());
            assertEquals(2, ((Number) second.get("count")).intValue(), second.toString());

            // readings in raw (the default policy), none in long
            assertEquals(6, InfluxProbe.await(url, db, "SELECT value FROM \"raw\".reading WHERE sensor = 'E01-LT101'",
                    rows -> rows.size() >= 6, WAIT).size());
            assertEquals(6, InfluxProbe.query(url, db, "SELECT value FROM reading WHERE sensor = 'E01-LT101'").size());
            assertTrue(InfluxProbe.query(url, db, "SELECT value FROM \"long\".reading").isEmpty());

            Map<String, Map<String, Object>> policies = new java.util.HashMap<>();
            for (Map<String, Object> row : InfluxProbe.query(url, db, "SHOW RETENTION POLICIES ON \"" + db + "\"")) {
                policies.put(String.valueOf(row.get("name")), row);
            }
            assertEquals("720h0m0s", policies.get("raw").get("duration"), policies.toString());
            assertEquals(Boolean.TRUE, policies.get("raw").get("default"), policies.toString());
            assertEquals("9600h0m0s", policies.get("long").get("duration"), policies.toString());
        }
    }

    @Test
    void aFieldTypeConflictGoesToTheDeadLettersAndTheRestOfTheBatchIsStored(Services services, TestInfo info) throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String dlq = s.get(HwOptions.TOPIC_DLQ);
        KafkaTopics.ensure(bootstrap, 1, dlq);
        String url = s.get(HwOptions.INFLUX_URL);
        String db = s.get(HwOptions.INFLUX_DATABASE);
        long t = System.currentTimeMillis() - 60_000;
        String bad = "reading,enterprise=E01,kind=level,sensor=E01-LT102,source=E01-S1 quality=\"good\",value=\"high\" " + (t + 1);
        List<String> lines = List.of(
                "reading,enterprise=E01,kind=level,sensor=E01-LT101,source=E01-S1 quality=\"good\",value=50.5 " + t,
                bad,
                "reading,enterprise=E01,kind=level,sensor=E01-LT101,source=E01-S1 quality=\"good\",value=51.5 " + (t + 2),
                "alarm,enterprise=E01,sensor=E01-LT101,type=HIGH alarm_id=\"x\",value=1.0 " + (t + 3));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(lines, Types.STRING)
                .sinkTo(new InfluxSink(InfluxConnection.from(s), 100, 200, 2, 1, StorageRejects.kafka(bootstrap, dlq)));
        env.execute("it-influx-rejects");

        List<KafkaProbe.Record> dead = KafkaProbe.awaitRecords(bootstrap, dlq, r -> !r.isEmpty(), WAIT);
        assertEquals(1, dead.size(), dead.toString());
        JsonNode d = json(dead.get(0).value());
        assertEquals("STORAGE_REJECTED", d.get("reason").asText());
        assertEquals(bad, d.get("payload").asText());
        assertEquals("influxdb:raw", d.get("origin").asText());
        assertTrue(d.get("detail").asText().contains("field type conflict"), d.toString());

        assertEquals(2, InfluxProbe.query(url, db, "SELECT value FROM \"raw\".reading WHERE sensor = 'E01-LT101'").size());
        assertEquals(1, InfluxProbe.query(url, db, "SELECT value FROM \"long\".alarm").size());
    }
}
