package com.hazardwatch.jobs;

import static com.hazardwatch.testsupport.TestJson.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Compression;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.InfluxProbe;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Swinging-door compression through the real pipeline (MQTT, bridge, Kafka, job) into the real InfluxDB: what is read
 * back from measurement {@code reading} is far fewer points, and linear interpolation between them is within the
 * deviation of every reading published (docs/storage.md).
 */
@ExtendWith(ServicesExtension.class)
class CompressedStorageIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SENSOR = "E01-LT101";
    private static final double DEVIATION = 0.5;

    @Test
    void storedPointsReadBackWithinTheDeviation(Services services, TestInfo info) throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        Catalogue demo = CatalogueLoader.load(RepoFiles.demoCatalogue());
        List<Sensor> sensors = demo.sensors().stream().map(x -> !x.id().equals(SENSOR) ? x
                : x.withRules(x.rules().withCompression(new Compression(Compression.Method.SWINGING_DOOR, DEVIATION)))).toList();
        Catalogue catalogue = new Catalogue(demo.name(), demo.towns(), demo.enterprises(), sensors);
        String url = s.get(HwOptions.INFLUX_URL);
        String db = s.get(HwOptions.INFLUX_DATABASE);

        int n = 300;
        long base = (System.currentTimeMillis() - 20 * 60_000L) / 1000 * 1000;
        long[] ts = new long[n + 1];
        double[] values = new double[n + 1];
        Random r = new Random(11);
        for (int i = 0; i < n; i++) {
            ts[i] = base + 1_000L * i;
            values[i] = Math.round((40 + 15 * Math.sin(i / 40.0) + r.nextGaussian() * 0.1) * 1000) / 1000.0;
        }
        // a reading after more than the stale period (60 s for a level) stores the held point before it
        ts[n] = ts[n - 1] + 120_000;
        values[n] = 41;
        try (LocalPipeline p = LocalPipeline.start(s, catalogue, MonitoringJob.flinkConfiguration(s), "it-compressed-storage");
             MqttTestClient mqtt = new MqttTestClient(s.get(HwOptions.MQTT_URL))) {
            String topic = s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/tank-farm/" + SENSOR;
            for (int i = 0; i <= n; i++) {
                mqtt.publish(topic, reading(SENSOR, ts[i], values[i]));
            }
            String q = "SELECT value FROM reading WHERE sensor = '" + SENSOR + "' AND time >= " + base + "ms";
            List<Map<String, Object>> rows = InfluxProbe.await(url, db, q,
                    x -> !x.isEmpty() && Instant.parse((String) x.get(x.size() - 1).get("time")).toEpochMilli() == ts[n], WAIT);
            assertTrue(!rows.isEmpty() && Instant.parse((String) rows.get(rows.size() - 1).get("time")).toEpochMilli() == ts[n],
                    "the last reading was not stored within " + WAIT + ": " + rows.size() + " rows");
            long[] st = rows.stream().mapToLong(x -> Instant.parse((String) x.get("time")).toEpochMilli()).toArray();
            double[] sv = rows.stream().mapToDouble(x -> ((Number) x.get("value")).doubleValue()).toArray();
            assertEquals(ts[0], st[0], "the first reading is stored");
            assertTrue(rows.size() * 5 < n, "stored " + rows.size() + " of " + (n + 1));
            int j = 0;
            for (int i = 0; i <= n; i++) {
                while (j + 1 < st.length && st[j + 1] <= ts[i]) {
                    j++;
                }
                double back = st[j] == ts[i] ? sv[j]
                        : sv[j] + (sv[j + 1] - sv[j]) * (ts[i] - st[j]) / (double) (st[j + 1] - st[j]);
                if (Math.abs(back - values[i]) > DEVIATION + 1e-9) {
                    fail("reading " + values[i] + " at " + ts[i] + " reads back as " + back + " from InfluxDB");
                }
            }
            System.out.println("InfluxDB: stored " + rows.size() + " of " + (n + 1) + " readings of " + SENSOR
                    + " (swinging door, deviation " + DEVIATION + " %), every one within it");
        }
    }
}
