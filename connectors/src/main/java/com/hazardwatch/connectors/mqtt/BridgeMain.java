package com.hazardwatch.connectors.mqtt;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The bridge alone, as a process of its own: {@code bin/hazardwatch bridge} runs it through {@link #serve}, so bridges can
 * be started, scaled and killed apart from the monitoring job. {@link #main} is the bare entry point (settings file and
 * {@code --set key=value} only) that tests and scripts launch in a separate JVM.
 */
public final class BridgeMain {
    /** Printed once the bridge is subscribed and forwarding. */
    public static final String READY = "hazardwatch bridge: running";

    private BridgeMain() {}

    public static void main(String[] args) throws Exception {
        Path config = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> a = List.of(args);
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            if ((arg.equals("--set") || arg.equals("--config")) && i + 1 >= a.size()) {
                System.err.println("hazardwatch bridge: " + arg + " needs a value");
                System.exit(2);
            }
            switch (arg) {
                case "--config" -> config = Path.of(a.get(++i));
                case "--set" -> {
                    String kv = a.get(++i);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        System.err.println("hazardwatch bridge: --set takes key=value, got '" + kv + "'");
                        System.exit(2);
                    }
                    overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                default -> {
                    System.err.println("hazardwatch bridge: unknown argument '" + arg + "' (accepted: --config FILE, --set key=value)");
                    System.exit(2);
                }
            }
        }
        Settings s = Settings.load(config, overrides);
        Catalogue catalogue;
        try {
            catalogue = CatalogueLoader.load(Path.of(s.get(HwOptions.CATALOGUE_FILE)));
        } catch (CatalogueException e) {
            System.err.println("hazardwatch bridge: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(serve(s, catalogue, System.out));
    }

    /**
     * Runs the bridge (and its /metrics when bridge.metrics-port is not 0) until the JVM is asked to stop (Ctrl-C,
     * SIGTERM), then closes it: what Kafka has is acknowledged, the rest the broker delivers again. Returns the exit code.
     */
    public static int serve(Settings s, Catalogue catalogue, PrintStream out) throws Exception {
        MqttKafkaBridge bridge = new MqttKafkaBridge(s, catalogue);
        int port = s.get(HwOptions.BRIDGE_METRICS_PORT);
        BridgeMetrics metrics = port == 0 ? null : BridgeMetrics.serve(bridge.stats(), port);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bridge-stop"));
        try {
            bridge.start();
            out.println(READY + ": client id " + bridge.clientId() + ", " + s.get(HwOptions.MQTT_URL) + " "
                    + MqttKafkaBridge.filter(s) + " -> " + s.get(HwOptions.KAFKA_BOOTSTRAP) + " " + s.get(HwOptions.TOPIC_READINGS)
                    + (metrics == null ? "" : ", metrics http://127.0.0.1:" + metrics.port() + "/metrics") + "; Ctrl-C stops");
            out.flush();
            stopped.await();
            out.println("hazardwatch bridge: stopping");
            return 0;
        } finally {
            bridge.close();
            if (metrics != null) {
                metrics.close();
            }
            out.println("hazardwatch bridge: stopped: " + bridge.stats());
            out.flush();
            closed.countDown();
        }
    }
}
