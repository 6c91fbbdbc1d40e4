package com.hazardwatch.connectors.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** InfluxWriter against a fake InfluxDB 1.x /write endpoint: partial writes, server errors, routing by measurement. */
class InfluxWriterTest {
    private HttpServer server;
    /** rp + " " + line of every stored point. */
    private final List<String> stored = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failStatus = 500;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/write", this::write);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Like InfluxDB 1.x: stores the good points of a batch, answers 400 partial write when some are refused. */
    private void write(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        String query = x.getRequestURI().getQuery();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (failuresLeft.getAndDecrement() > 0) {
            respond(x, failStatus, "{\"error\":\"timeout\"}");
            return;
        }
        String rp = query.replaceAll(".*rp=([^&]*).*", "$1");
        int dropped = 0;
        for (String line : body.split("\n")) {
            if (line.contains("value=\"")) {
                dropped++;
            } else {
                stored.add(rp + " " + line);
            }
        }
        if (dropped == 0) {
            respond(x, 204, "");
        } else {
            respond(x, 400, "{\"error\":\"partial write: field type conflict: input field \\\"value\\\" on measurement"
                    + " \\\"reading\\\" is type string, already exists as type float dropped=" + dropped + "\"}\n");
        }
    }

    private static void respond(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, status == 204 ? -1 : b.length);
        if (status != 204) {
            x.getResponseBody().write(b);
        }
        x.close();
    }

    private InfluxWriter writer(int maxRetries) {
        return new InfluxWriter(new InfluxConnection("http://127.0.0.1:" + server.getAddress().getPort(), "hw", "", ""),
                maxRetries);
    }

    @Test
    void routesReadingsToRawAndTheRestToLong() throws Exception {
        try (InfluxWriter w = writer(0)) {
            List<InfluxWriter.Rejected> rejected = w.write(List.of(
                    "reading,sensor=A value=1 1000", "reading_1m,sensor=A mean=1 0", "alarm,sensor=A value=1 1000",
                    "risk,id=x score=1 1000", "reading value=2 2000"));
            assertTrue(rejected.isEmpty());
        }
        assertEquals(List.of("raw reading,sensor=A value=1 1000", "raw reading value=2 2000",
                "long reading_1m,sensor=A mean=1 0", "long alarm,sensor=A value=1 1000", "long risk,id=x score=1 1000"), stored);
    }

    @Test
    void aPartialWriteStoresTheGoodLinesAndReturnsTheRefusedOnesWithoutRetrying() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            batch.add(i == 5 || i == 11 ? "reading,sensor=B value=\"high\" " + i : "reading,sensor=A value=" + i + " " + i);
        }
        List<InfluxWriter.Rejected> rejected;
        try (InfluxWriter w = writer(8)) {
            rejected = w.write(batch);
        }
        assertEquals(List.of("reading,sensor=B value=\"high\" 5", "reading,sensor=B value=\"high\" 11"),
                rejected.stream().map(InfluxWriter.Rejected::line).toList());
        assertTrue(rejected.get(0).detail().startsWith("partial write: field type conflict: input field \"value\""),
                rejected.get(0).detail());
        // every good line is stored (some more than once while the refused ones are isolated: identical points)
        assertEquals(14, stored.stream().distinct().count());
        // halving isolates 2 refused lines out of 16 in a few requests, not one per line and no retries
        assertTrue(requests.get() <= 1 + 2 * 2 * 4, "requests: " + requests.get());
    }

    @Test
    void serverErrorsAreRetriedUntilTheWriteSucceeds() throws Exception {
        failuresLeft.set(2);
        try (InfluxWriter w = writer(3)) {
            assertTrue(w.write(List.of("reading,sensor=A value=1 1000")).isEmpty());
        }
        assertEquals(3, requests.get());
        assertEquals(List.of("raw reading,sensor=A value=1 1000"), stored);
    }

    @Test
    void serverErrorsBeyondTheRetriesFailTheWrite() {
        failuresLeft.set(100);
        try (InfluxWriter w = writer(2)) {
            assertThrows(InfluxWriter.InfluxWriteException.class, () -> w.write(List.of("reading,sensor=A value=1 1000")));
        }
        assertEquals(3, requests.get());
        assertTrue(stored.isEmpty());
    }

    @Test
    void aWriteWhileInfluxDbIsDownWaitsForItToComeBack() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0); // connection refused from here on
        java.util.concurrent.CompletableFuture<List<InfluxWriter.Rejected>> write;
        try (InfluxWriter w = writer(36)) {
            write = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return w.write(List.of("reading,sensor=A value=1 1000"));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_000);
            assertTrue(!write.isDone(), "the write waits while nothing answers");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/write", this::write);
            server.start();
            assertTrue(write.get(10, java.util.concurrent.TimeUnit.SECONDS).isEmpty());
        }
        assertEquals(List.of("raw reading,sensor=A value=1 1000"), stored);
    }

    @Test
    void otherClientErrorsFailAtOnce() {
        failuresLeft.set(100);
        failStatus = 401;
        try (InfluxWriter w = writer(5)) {
            assertThrows(InfluxWriter.InfluxWriteException.class, () -> w.write(List.of("reading,sensor=A value=1 1000")));
        }
        assertEquals(1, requests.get());
    }

    @Test
    void errorOfReadsInfluxDbsJsonError() {
        assertEquals("a \"b\" c", InfluxWriter.errorOf("{\"error\":\"a \\\"b\\\" c\"}\n"));
        assertEquals("plain", InfluxWriter.errorOf("plain"));
    }

    @Test
    void retentionPolicyByMeasurement() {
        assertEquals("raw", InfluxConnection.retentionPolicyOf("reading,sensor=A value=1 1"));
        assertEquals("long", InfluxConnection.retentionPolicyOf("reading_1m,sensor=A mean=1 1"));
        assertEquals("long", InfluxConnection.retentionPolicyOf("alarm,sensor=A value=1 1"));
        assertEquals("43200m", InfluxConnection.influxDuration(java.time.Duration.ofDays(30)));
    }
}
