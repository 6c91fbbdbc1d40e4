package com.hazardwatch.cli;

import com.hazardwatch.jobs.LocalPipeline;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.json.AlarmCodec;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.SimulatorStats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * bin/hazardwatch demo: bridge + job + simulator playing the overfill scenario on the demo catalogue, alarms printed
 * as they arrive on hw.alarms, then a report read back from InfluxDB and Kafka, and where to look.
 */
final class DemoCommand {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private DemoCommand() {}

    static int run(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print("usage: bin/hazardwatch demo [--for DURATION] [options]\n\n"
                    + "Runs the bridge, the monitoring job and the simulator (every catalogue sensor, plus the overfill\n"
                    + "scenario on tank level E01-LT101) for DURATION (default 120s, counted from when the pipeline is up;\n"
                    + "the scenario needs about 90s), prints alarms as they arrive, then a report from InfluxDB and Kafka.\n"
                    + "Exit status 0 when a HIGH_HIGH alarm was raised and cleared. bin/hazardwatch demo also starts and\n"
                    + "stops the local services.\n\n"
                    + "  --for DURATION       e.g. 120s, 3m (default 120s)\n" + PipelineOptions.HELP);
            return 0;
        }
        Duration duration = Duration.ofSeconds(120);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--for")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--for needs a duration, e.g. --for 120s");
                }
                duration = Durations.parse(args.get(++i));
            } else {
                rest.add(args.get(i));
            }
        }
        PipelineOptions o = PipelineOptions.parse(rest);
        Catalogue catalogue = o.loadCatalogue();
        if (catalogue == null) {
            return 1;
        }
        Settings s = o.settings();
        if (duration.compareTo(Duration.ofSeconds(90)) < 0) {
            System.out.println("hazardwatch demo: note: the overfill scenario needs about 90s; with --for "
                    + Durations.format(duration) + " it may not reach its clear");
        }

        step("starting bridge and monitoring job (" + catalogue.sensorCount() + " sensors, " + catalogue.enterprises().size()
                + " enterprises)");
        long started = System.currentTimeMillis();
        AtomicBoolean watching = new AtomicBoolean(true);
        List<AlarmEvent> seen = new CopyOnWriteArrayList<>();
        Thread watcher;
        SimulatorStats simStats;
        try (LocalPipeline p = LocalPipeline.start(s, catalogue)) {
            p.awaitRunning(Duration.ofSeconds(60));
            watcher = new Thread(() -> watchAlarms(s, watching, seen), "demo-alarm-watcher");
            watcher.setDaemon(true);
            watcher.start();

            step("simulating for " + Durations.format(duration) + ": every sensor every 2s, overfill on E01-LT101 after 10s");
            SimulatorOptions so = SimulatorOptions.builder()
                    .mqttUrl(s.get(HwOptions.MQTT_URL))
                    .topicRoot(s.get(HwOptions.MQTT_TOPIC_ROOT))
                    .scenario("overfill")
                    .duration(duration)
                    .build();
            Simulator sim = new Simulator(catalogue, so, line -> System.out.println("  simulator: " + line));
            Thread hook = new Thread(() -> {
                sim.stop();
                try {
                    sim.awaitFinished(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "demo-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            simStats = sim.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is already stopping the simulator
            }

            step("simulator done; letting the pipeline drain");
            awaitDrained(s, p, started);
            watching.set(false);
            watcher.join(5000);
            step("stopping bridge and job");
        }
        return report(s, catalogue, started, simStats, seen);
    }

    private static void step(String what) {
        System.out.println("[" + CLOCK.format(Instant.now()) + "] " + what);
    }

    /** Prints each alarm event as it arrives on hw.alarms (from the end of the topic as the demo starts). */
    private static void watchAlarms(Settings s, AtomicBoolean watching, List<AlarmEvent> seen) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.get(HwOptions.KAFKA_BOOTSTRAP));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(s.get(HwOptions.TOPIC_ALARMS)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position);
            while (watching.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
                    try {
                        AlarmEvent e = AlarmCodec.fromJson(r.value());
                        seen.add(e);
                        System.out.printf("  ALARM %-10s %-9s %-10s value %.2f (limit %.2f) at %s, id %s%n", e.transition(), e.type(),
                                e.sensor(), e.value(), e.limit(), CLOCK.format(Instant.ofEpochMilli(e.ts())), e.alarmId());
                    } catch (java.io.IOException ex) {
                        System.out.println("  (unreadable record on " + r.topic() + ": " + ex.getMessage() + ")");
                    }
                }
            }
        }
    }

    /** Waits until the bridge has handed everything to Kafka and InfluxDB holds the readings of the run (up to 30 s). */
    private static void awaitDrained(Settings s, LocalPipeline p, long since) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        long forwarded = p.bridge().stats().forwarded() + p.bridge().stats().rejected();
        while (System.currentTimeMillis() < deadline) {
            long stored = countSince(s, "reading", since);
            if (p.bridge().backlog() == 0 && stored >= p.bridge().stats().forwarded()) {
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("  (pipeline still busy after 30s; " + forwarded + " messages were forwarded)");
    }

    private static long countSince(Settings s, String measurement, long since) {
        try (InfluxDB db = com.hazardwatch.connectors.influx.InfluxConnection.from(s).open()) {
            QueryResult r = db.query(new Query("SELECT count(value) FROM " + measurement + " WHERE time >= " + since + "ms",
                    s.get(HwOptions.INFLUX_DATABASE)));
            if (r.hasError() || r.getResults().isEmpty() || r.getResults().get(0).getSeries() == null) {
                return 0;
            }
            return ((Number) r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();
        }
    }

    private static int report(Settings s, Catalogue catalogue, long since, SimulatorStats sim, List<AlarmEvent> seen) {
        String db = s.get(HwOptions.INFLUX_DATABASE);
        long readings = countSince(s, "reading", since);
        long alarmPoints = countSince(s, "alarm", since);
        boolean raised = seen.stream().anyMatch(e -> e.type() == AlarmType.HIGH_HIGH
                && (e.transition() == AlarmTransition.RAISE || e.transition() == AlarmTransition.ESCALATE));
        boolean cleared = seen.stream().anyMatch(e -> e.transition() == AlarmTransition.CLEAR
                && seen.stream().anyMatch(r -> r.alarmId().equals(e.alarmId()) && r.type() == AlarmType.HIGH_HIGH));

        System.out.println();
        System.out.println("== HazardWatch demo report ==");
        System.out.printf("simulator  : %d readings published (%d failed) for %d sensors%n", sim.published(), sim.failed(),
                catalogue.sensorCount());
        System.out.printf("InfluxDB   : %d readings and %d alarm events stored in database %s since the demo started%n",
                readings, alarmPoints, db);
        System.out.printf("hw.alarms  : %d alarm events; HIGH_HIGH raised: %s, cleared: %s%n", seen.size(), raised ? "yes" : "NO",
                cleared ? "yes" : "NO");
        System.out.println();
        System.out.println("Where to look:");
        System.out.println("  alarms in InfluxDB : influx -host 127.0.0.1 -port " + portOf(s.get(HwOptions.INFLUX_URL)) + " -database " + db
                + " -precision rfc3339 -execute 'SELECT * FROM alarm ORDER BY time DESC LIMIT 20'");
        System.out.println("  a sensor's trend   : influx ... -execute \"SELECT value FROM reading WHERE sensor='E01-LT101' AND time > now() - 10m\"");
        System.out.println("  alarms on Kafka    : topic " + s.get(HwOptions.TOPIC_ALARMS) + " at " + s.get(HwOptions.KAFKA_BOOTSTRAP)
                + " (key = sensor id, JSON values; see README 'Contracts')");
        System.out.println("  rejected input     : topic " + s.get(HwOptions.TOPIC_DLQ));
        if (raised && cleared) {
            System.out.println("\nDemo passed: a HIGH_HIGH alarm was raised and cleared.");
            return 0;
        }
        System.out.println("\nDemo incomplete: no HIGH_HIGH alarm was both raised and cleared (run longer: --for 150s; logs: bin/hazardwatch logs).");
        return 1;
    }

    private static String portOf(String url) {
        int i = url.lastIndexOf(':');
        return i < 0 ? "8086" : url.substring(i + 1).replaceAll("/.*", "");
    }
}
