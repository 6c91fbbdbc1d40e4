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
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bridge processes share one subscription ($share/{group}/{root}/#): while both live, each reading is forwarded by
 * exactly one of them and both carry load; after kill -9 of one mid-stream, the other carries on, and once the killed
 * one is back (same instance id) nothing is lost. Mosquitto 2.0 keeps handing a killed member of a persistent shared
 * session its share and holds it, with what was in flight to it, until that member returns: the test prints how many
 * readings were missing while it was down.
 */
@ExtendWith(ServicesExtension.class)
class SharedBridgesIT {
    static final int LIVE_READINGS = 4_000;
    static final int KILL_READINGS = 8_000;
    static final int PER_SECOND = 2_500;
    static final int PER_MESSAGE = 2;

    @Test
    void sharedBridgesSplitTheLoadAndLoseNothingWhenOneIsKilled(Services services, TestInfo info, @TempDir Path dir)
            throws Exception {
        Settings s = BridgeKillIT.settings(services, info, dir);
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String readings = s.get(HwOptions.TOPIC_READINGS);
        String topic = s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/tank-farm";
        Settings sa = s.with(HwOptions.BRIDGE_INSTANCE, "a");
        Settings sb = s.with(HwOptions.BRIDGE_INSTANCE, "b");

        long t0 = System.nanoTime();
        CompletableFuture<BridgeProcess> startB = CompletableFuture.supplyAsync(() -> BridgeProcess.start("shared-b", sb));
        BridgeProcess b = null;
        try (BridgeProcess a = BridgeProcess.start("shared-a", sa);
                PackedReadingStream stream = new PackedReadingStream(s.get(HwOptions.MQTT_URL), topic, BridgeKillIT.SENSORS,
                        System.currentTimeMillis() - 3_600_000, PER_MESSAGE)) {
            b = startB.join();
            System.out.printf("+%.1fs both bridges ready%n", (System.nanoTime() - t0) / 1e9);

            // both live: the load is split, nothing is forwarded twice
            stream.start(LIVE_READINGS, PER_SECOND);
            stream.awaitDone(Duration.ofSeconds(60));
            assertEquals(0, stream.failures(), "publishing failed: " + stream.lastFailure());
            System.out.printf("+%.1fs %d readings published%n", (System.nanoTime() - t0) / 1e9, stream.published());
            DeliveryLedger.Report live = DeliveryLedger.await("shared-bridges-live", bootstrap, readings, stream.publishedIds(),
                    Duration.ofSeconds(60));
            long fa = a.metric("hw_bridge_forwarded_total");
            long fb = b.metric("hw_bridge_forwarded_total");
            System.out.printf("+%.1fs %s (forwarded by a %d, by b %d)%n", (System.nanoTime() - t0) / 1e9, live.line(), fa, fb);
            assertEquals(0, live.lost(), "lost while both bridges ran: " + live.lostSample());
            assertEquals(0, live.duplicates(), "a reading forwarded twice while both bridges ran");
            assertTrue(fa > 0 && fb > 0, "both bridges carry load: a " + fa + ", b " + fb);
            assertEquals(LIVE_READINGS, fa + fb, "each reading forwarded by exactly one bridge");

            // kill -9 of b mid-stream: a carries on
            stream.start(KILL_READINGS, PER_SECOND);
            BridgeKillIT.awaitPublished(stream, LIVE_READINGS + KILL_READINGS / 4);
            b.kill();
            long aAtKill = a.metric("hw_bridge_forwarded_total");
            System.out.printf("+%.1fs bridge b killed (kill -9) after %d readings published%n", (System.nanoTime() - t0) / 1e9,
                    stream.published());
            stream.awaitDone(Duration.ofSeconds(60));
            assertEquals(0, stream.failures(), "publishing failed: " + stream.lastFailure());
            DeliveryLedger.Report whileDown = DeliveryLedger.await("shared-bridges-b-down", bootstrap, readings,
                    stream.publishedIds(), Duration.ofSeconds(4));
            long aAfter = a.metric("hw_bridge_forwarded_total");
            System.out.println("while b was down: a forwarded " + (aAfter - aAtKill) + " more; " + whileDown.lost() + " of "
                    + whileDown.published() + " readings not in Kafka (held by the broker for b's session)");
            assertTrue(aAfter > aAtKill, "the surviving bridge carries on");

            // b back with the same instance id: the broker delivers what it held for b
            b = BridgeProcess.start("shared-b-again", sb);
            System.out.printf("+%.1fs bridge b restarted%n", (System.nanoTime() - t0) / 1e9);
            DeliveryLedger.Report r = DeliveryLedger.await("shared-bridges", bootstrap, readings, stream.publishedIds(),
                    Duration.ofSeconds(60));
            System.out.printf("+%.1fs %s%n", (System.nanoTime() - t0) / 1e9, r.line());
            System.out.println("  records on the topic " + r.records() + "; a forwarded " + a.metric("hw_bridge_forwarded_total")
                    + " in all, b after its restart " + b.metric("hw_bridge_forwarded_total") + "; lost sample " + r.lostSample());
            assertEquals(LIVE_READINGS + KILL_READINGS, r.published());
            assertEquals(0, r.lost(), "readings acknowledged by the broker and missing from Kafka: " + r.lostSample());
        } finally {
            if (b != null) {
                b.close();
            } else {
                startB.thenAccept(BridgeProcess::close);
            }
        }
    }
}
