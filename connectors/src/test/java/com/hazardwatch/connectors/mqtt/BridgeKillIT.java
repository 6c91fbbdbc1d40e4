package com.hazardwatch.connectors.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.BridgeProcess;
import com.hazardwatch.testsupport.DeliveryLedger;
import com.hazardwatch.testsupport.PackedReadingStream;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import com.hazardwatch.testsupport.TestCatalogues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the bridge process in the middle of a stream of QoS 1 readings, publishing going on while it is dead,
 * then a restart with the same client id: every reading the broker acknowledged to the publisher reaches Kafka
 * (at-least-once: some may arrive twice, counted and printed).
 */
@ExtendWith(ServicesExtension.class)
class BridgeKillIT {
    static final List<String> SENSORS = List.of("E01-LT101", "E01-TT101", "E01-PT101");
    static final int READINGS = 16_000;
    static final int PER_SECOND = 2_000;
    static final int PER_MESSAGE = 4;

    @Test
    void everyAcknowledgedReadingReachesKafkaAcrossAKill(Services services, TestInfo info, @TempDir Path dir) throws Exception {
        Settings s = settings(services, info, dir).with(HwOptions.BRIDGE_INSTANCE, "1");
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String topic = s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/tank-farm";

        BridgeProcess first = BridgeProcess.start("kill-first", s);
        try (PackedReadingStream stream = new PackedReadingStream(s.get(HwOptions.MQTT_URL), topic, SENSORS,
                System.currentTimeMillis() - 3_600_000, PER_MESSAGE)) {
            stream.start(READINGS, PER_SECOND);
            awaitPublished(stream, READINGS / 5);
            long unackedBefore = first.metric("hw_bridge_unacked");
            long forwardedBefore = first.metric("hw_bridge_forwarded_total");
            first.kill();
            int atKill = stream.published();
            System.out.println("bridge killed (kill -9) after " + atKill + " readings published; it had forwarded "
                    + forwardedBefore + " and held " + unackedBefore + " messages unacknowledged a moment before");
            Thread.sleep(2_000); // publishing goes on while no bridge runs
            int whileDead = stream.published() - atKill;
            try (BridgeProcess second = BridgeProcess.start("kill-second", s)) {
                System.out.println("bridge restarted with client id of instance 1; " + whileDead
                        + " readings published while it was dead (more until it was ready)");
                stream.awaitDone(Duration.ofSeconds(60));
                assertEquals(0, stream.failures(), "publishing failed: " + stream.lastFailure());
                DeliveryLedger.Report r = DeliveryLedger.await("bridge-kill", bootstrap, s.get(HwOptions.TOPIC_READINGS),
                        stream.publishedIds(), Duration.ofSeconds(60));
                System.out.println(r.line());
                System.out.println("  records on the topic " + r.records() + "; restarted bridge forwarded "
                        + second.metric("hw_bridge_forwarded_total") + ", acknowledged " + second.metric("hw_bridge_acked_total")
                        + " messages; lost sample " + r.lostSample());
                assertTrue(atKill > 0 && atKill < READINGS, "the kill came mid-stream: " + atKill);
                assertTrue(whileDead > 0, "readings were published while the bridge was dead");
                assertEquals(READINGS, r.published());
                assertEquals(0, r.lost(), "readings acknowledged by the broker and missing from Kafka: " + r.lostSample());
                assertEquals(READINGS, r.stored());
                assertTrue(second.metric("hw_bridge_forwarded_total") > 0, "the restarted bridge took up the stream");
            }
        } finally {
            first.close();
        }
    }

    /** Isolated settings with a catalogue file of the three test sensors. */
    static Settings settings(Services services, TestInfo info, Path dir) throws Exception {
        Path catalogue = dir.resolve("catalogue.yaml");
        Files.writeString(catalogue, TestCatalogues.THREE_SENSORS, StandardCharsets.UTF_8);
        return services.isolatedSettings(info.getTestMethod().orElseThrow().getName())
                .with(HwOptions.CATALOGUE_FILE, catalogue.toString());
    }

    static void awaitPublished(PackedReadingStream stream, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stream.published() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(stream.published() >= n, "only " + stream.published() + " readings published; " + stream.lastFailure());
    }
}
