package com.hazardwatch.testsupport;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT->Kafka bridge as a process of its own, for fault tests: a separate JVM on the test's classpath running
 * {@code com.hazardwatch.connectors.mqtt.BridgeMain} with every setting passed as {@code --set}, so it can be killed
 * like a real one ({@link #kill()}: SIGKILL, nothing runs on the way out) or stopped ({@link #stop()}: SIGTERM, it
 * closes cleanly). Its metrics port is one the system hands out free (never one of the HW_* service ports, which lie
 * below the ephemeral range); its output goes to {@code target/bridge-logs/NAME.log}.
 *
 * <p>Needs hazardwatch-connectors on the test classpath (every module whose tests run the pipeline has it).
 */
public final class BridgeProcess implements AutoCloseable {
    /** The entry point launched; named, not linked, since test-support does not depend on the connectors. */
    public static final String MAIN = "com.hazardwatch.connectors.mqtt.BridgeMain";
    /** The line BridgeMain prints once subscribed (BridgeMain.READY). */
    public static final String READY = "hazardwatch bridge: running";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int metricsPort;

    private BridgeProcess(String name, Process process, Path log, int metricsPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.metricsPort = metricsPort;
    }

    /**
     * Starts a bridge with these settings (bridge.metrics-port replaced by a free port) and returns once it is
     * subscribed; fails with the end of its log when it exits or is not ready within 60 s.
     */
    public static BridgeProcess start(String name, Settings settings) {
        int port = freePort();
        Map<String, String> values = new LinkedHashMap<>(settings.asMap());
        values.put(HwOptions.BRIDGE_METRICS_PORT.key(), Integer.toString(port));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), MAIN));
        values.forEach((k, v) -> {
            cmd.add("--set");
            cmd.add(k + "=" + v);
        });
        Path dir = Path.of("target", "bridge-logs");
        Path log = dir.resolve(name + ".log");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(log);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            BridgeProcess b = new BridgeProcess(name, p, log, port);
            b.awaitReady();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start bridge process " + name + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("bridge process " + name + " exited with " + process.exitValue()
                        + " before it was ready; its output (" + log.toAbsolutePath() + "):\n" + tail());
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("bridge process " + name + " not ready within " + START_TIMEOUT.toSeconds()
                + " s; its output (" + log.toAbsolutePath() + "):\n" + tail());
    }

    /** The last 40 lines of its output. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** kill -9: the process dies at once, whatever it holds in memory; returns once it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM: the bridge closes cleanly (hands what it has to Kafka, acknowledges it); returns once it is gone. */
    public void stop() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(45))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Its Prometheus counters, name (with labels, as printed) to value. */
    public Map<String, Double> metrics() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("bridge " + name + " /metrics answered " + r.statusCode());
            }
            return parseMetrics(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("bridge " + name + " /metrics on port " + metricsPort + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One metric, e.g. "hw_bridge_forwarded_total"; fails when the bridge does not report it. */
    public long metric(String name) {
        Double v = metrics().get(name);
        if (v == null) {
            throw new IllegalStateException("bridge " + this.name + " reports no metric " + name);
        }
        return v.longValue();
    }

    /** Prometheus text format to name (with labels) -> value; comments skipped. */
    public static Map<String, Double> parseMetrics(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            m.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
        }
        return m;
    }

    /** Kills it if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the bridge's metrics: " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
