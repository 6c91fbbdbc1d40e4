package com.hazardwatch.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogueFollowerTest {
    @Test
    void withoutABrokerItKeepsTryingAndStillStopsPromptly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free now, and nothing listens on it once closed
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        AtomicInteger entries = new AtomicInteger();
        CatalogueFollower f = CatalogueFollower.start("127.0.0.1:" + port, "hw.catalogue", e -> entries.incrementAndGet());
        try {
            assertFalse(f.awaitCaughtUp(Duration.ofSeconds(2)), "nothing to catch up with while no broker answers");
            assertTrue(f.isAlive(), "the follower waits for the broker instead of giving up");
        } finally {
            long t0 = System.nanoTime();
            f.close();
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(8).toNanos(), "close does not wait for Kafka's timeouts");
        }
        assertFalse(f.isAlive());
        assertEquals(0, entries.get());
    }
}
