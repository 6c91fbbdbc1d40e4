package com.hazardwatch.connectors.mqtt;

import com.hazardwatch.model.event.RejectReason;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bridge's counters as Prometheus text (exposition format 0.0.4) on {@code GET /metrics}, served by the JDK's
 * HttpServer on 127.0.0.1. Counter names end in {@code _total}; every reject reason is listed, zero or not, so a rate
 * can be taken from the first scrape on.
 */
public final class BridgeMetrics implements AutoCloseable {
    private final HttpServer server;

    private BridgeMetrics(HttpServer server) {
        this.server = server;
    }

    /** Serves stats on 127.0.0.1:port/metrics; fails with a message naming the setting when the port is taken. */
    public static BridgeMetrics serve(BridgeStats stats, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve bridge metrics on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); choose another port with --set bridge.metrics-port=N, or 0 for none", e);
        }
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = render(stats).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
                if (!"HEAD".equals(exchange.getRequestMethod())) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
        return new BridgeMetrics(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The counters in Prometheus text format. */
    public static String render(BridgeStats s) {
        StringBuilder b = new StringBuilder(2048);
        counter(b, "hw_bridge_received_total", "MQTT messages taken from the broker (a SenML pack counts once)", s.received());
        counter(b, "hw_bridge_packs_total", "of the received messages, SenML packs", s.packs());
        counter(b, "hw_bridge_forwarded_total", "readings Kafka acknowledged on the readings topic", s.forwarded());
        help(b, "hw_bridge_rejected_total", "counter", "dead letters Kafka acknowledged on the dead-letter topic, by reason");
        Map<RejectReason, Long> byReason = s.rejectedByReason();
        for (RejectReason r : RejectReason.values()) {
            b.append("hw_bridge_rejected_total{reason=\"").append(r.name()).append("\"} ").append(byReason.getOrDefault(r, 0L)).append('\n');
        }
        counter(b, "hw_bridge_kafka_errors_total", "records Kafka refused after its retries, or could not be handed to Kafka; "
                + "their MQTT message is not acknowledged", s.sendFailures());
        counter(b, "hw_bridge_acked_total", "MQTT messages acknowledged to the broker, each after Kafka had all its records", s.acked());
        counter(b, "hw_bridge_ack_dropped_total", "messages of an earlier MQTT connection left unacknowledged after a reconnect "
                + "(the broker delivers them again)", s.ackDropped());
        counter(b, "hw_bridge_reconnects_total", "reconnections to the MQTT broker after the connection was lost", s.reconnects());
        counter(b, "hw_bridge_resumes_total", "deliberate MQTT reconnections after Kafka refused a record, so the broker redelivers",
                s.resumes());
        gauge(b, "hw_bridge_unacked", "MQTT messages taken and not yet acknowledged", s.unacked());
        gauge(b, "hw_bridge_backlog", "MQTT messages received and not yet handed to Kafka", s.backlog());
        gauge(b, "hw_bridge_connected", "1 while the MQTT connection is up", s.connected() ? 1 : 0);
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long value) {
        help(b, name, "counter", help);
        b.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, long value) {
        help(b, name, "gauge", help);
        b.append(name).append(' ').append(value).append('\n');
    }

    private static void help(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
