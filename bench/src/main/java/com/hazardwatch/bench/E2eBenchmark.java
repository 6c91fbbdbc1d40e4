package com.hazardwatch.bench;

import com.hazardwatch.bench.e2e.AlarmInjector;
import com.hazardwatch.bench.e2e.E2eOptions;
import com.hazardwatch.bench.e2e.E2eReport;
import com.hazardwatch.bench.e2e.LatencyPlot;
import com.hazardwatch.bench.e2e.ResourceSampler;
import com.hazardwatch.bench.e2e.StepResult;
import com.hazardwatch.bench.e2e.StepRunner;
import com.hazardwatch.jobs.MonitoringJob;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.simulators.CatalogueScaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * bin/hazardwatch bench e2e: readings from the simulator (in its own JVM, packed, QoS 1) through Mosquitto, the
 * bridge, Kafka, the monitoring job (bridge and job in this JVM, the job on Flink's in-process MiniCluster), to
 * hw.alarms and InfluxDB, at stepped rates. Per rate: achieved rate, consumer lag, alarm latency (reading ts to
 * arrival on hw.alarms) and InfluxDB latency (to queryable) p50/p99/max, CPU and memory per component. Prints
 * figures; asserts nothing.
 */
public final class E2eBenchmark {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private E2eBenchmark() {}

    public static final String USAGE = "usage: bin/hazardwatch bench e2e [options]\n\n"
            + "Runs the load generator (the simulator in its own JVM), the bridge and the monitoring job against the local\n"
            + "Mosquitto, Kafka and InfluxDB at each rate in turn (fresh topics and database per step), injects a reading\n"
            + "crossing HH and one clearing it every second, and measures alarm latency on hw.alarms, latency to InfluxDB,\n"
            + "lag, CPU and memory. Stops stepping up at the first rate not sustained. Results: JSON, Markdown and a PNG\n"
            + "plot under bench/results/ (e2e-latest.*). bin/hazardwatch bench e2e starts and stops the services it needs.\n\n"
            + E2eOptions.HELP;

    public static int run(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(USAGE);
            return 0;
        }
        List<String> rest = new ArrayList<>();
        E2eOptions o;
        MonitoringJob.Invocation inv;
        try {
            o = E2eOptions.parse(args, BenchResults.dir(), rest);
            List<String> a = new ArrayList<>(rest);
            if (!a.contains("--config") && Files.exists(LocalServices.settingsFile())) {
                a.add(0, "--config");
                a.add(1, LocalServices.settingsFile().toString());
            }
            inv = MonitoringJob.Invocation.parse(a.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println("bench e2e: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        Catalogue base;
        try {
            base = CatalogueLoader.load(inv.catalogueFile());
        } catch (CatalogueException e) {
            System.err.println("bench e2e: " + e.getMessage());
            return 1;
        }
        String command = "bin/hazardwatch bench e2e" + (args.isEmpty() ? "" : " " + String.join(" ", args));
        String javaOpts = System.getenv("HW_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            command = "HW_JAVA_OPTS='" + javaOpts + "' " + command;
        }
        E2eReport report = execute(inv.settings(), base, o, command, System.out::println);
        return report.steps().stream().anyMatch(r -> r.error != null) ? 1 : 0;
    }

    /**
     * Runs the steps and writes JSON, Markdown and PNG to {@code o.outDir()}. Each step derives its own topics,
     * MQTT root, group and database from {@code settings} (so isolated settings stay isolated).
     */
    public static E2eReport execute(Settings settings, Catalogue base, E2eOptions o, String command, Consumer<String> out)
            throws Exception {
        Catalogue catalogue = CatalogueScaler.withAtLeast(base, o.sensors());
        Sensor injection = AlarmInjector.pickSensor(catalogue.sensors());
        String runId = UUID.randomUUID().toString().substring(0, 6);
        StepRunner runner = new StepRunner(settings, catalogue, injection, o, runId, line -> out.accept(stamp(line)));

        Map<String, String> setup = new LinkedHashMap<>();
        setup.put("load", String.format("simulator in %s, %,d sensors (%s), %d reading%s per MQTT message, QoS 1",
                o.loadInProcess() ? "a thread of the pipeline JVM" : "its own JVM", catalogue.sensorCount() - 1, catalogue.name(),
                o.pack(), o.pack() == 1 ? "" : "s"));
        setup.put("steps", String.format("rates %s readings/s, each %s measured after a warm-up of %s (stretched up to %s until the "
                + "job's lag is under a second of input); a fresh pipeline, topics and database per step; stepping stops at the first rate "
                + "not sustained (achieved < 90%% of target, lag growing, p99 > 5 s or an injected alarm missing)",
                o.rates(), Durations.format(o.stepDuration()), Durations.format(o.warmup()), Durations.format(o.warmup().multipliedBy(3))));
        setup.put("alarms injected", String.format("every %s on %s: a reading at/above HH %s, half a period later one back at its operating point; "
                + "single-reading messages, QoS 1, ts = wall clock at publish", Durations.format(o.injectEvery()), injection.id(),
                injection.limits().hh()));
        setup.put("alarm latency", "arrival on the alarm topic (consumer poll time) - reading ts");
        setup.put("InfluxDB latency", "first poll returning the injected HH reading - its ts; resolution: poll every "
                + Durations.format(o.influxPoll()) + " plus the query time");
        setup.put("consumer lag", "end offsets of the readings topic - records the job's Kafka source has emitted (its currentOffset "
                + "metric); committed offsets, which move only on checkpoints, are in the JSON");
        setup.put("pipeline", String.format("bridge + monitoring job in one JVM (Flink MiniCluster), job parallelism %d, checkpoint every %s, "
                + "%d partitions, InfluxDB batches of %d or %s", settings.get(HwOptions.JOB_PARALLELISM),
                Durations.format(settings.get(HwOptions.JOB_CHECKPOINT_INTERVAL)), settings.get(HwOptions.TOPIC_PARTITIONS),
                settings.get(HwOptions.INFLUX_BATCH_SIZE), Durations.format(settings.get(HwOptions.INFLUX_FLUSH_INTERVAL))));
        setup.put("services", String.format("Mosquitto %s, Kafka %s, InfluxDB %s, all on this machine", settings.get(HwOptions.MQTT_URL),
                settings.get(HwOptions.KAFKA_BOOTSTRAP), settings.get(HwOptions.INFLUX_URL)));
        setup.put("CPU", "utime+stime from /proc/PID/stat over the measured window, 100% = one core; pipeline JVM split by thread "
                + "(ThreadMXBean): bridge, job, harness (the benchmark's probes), GC/JIT (the rest)");

        out.accept(stamp("bench e2e: " + setup.get("load")));
        out.accept(stamp("bench e2e: " + setup.get("pipeline")));
        out.accept(stamp("bench e2e: alarms injected on " + injection.id() + " every " + Durations.format(o.injectEvery())
                + "; results to " + o.outDir().toAbsolutePath()));

        List<StepResult> steps = new ArrayList<>();
        Thread abandon = new Thread(runner::abandon, "e2e-abandon");
        Runtime.getRuntime().addShutdownHook(abandon);
        try (ResourceSampler sampler = new ResourceSampler(runner.processes(), runner::threadGroup)) {
            int i = 0;
            for (int rate : o.rates()) {
                i++;
                StepResult r = runner.run(i, o.rates().size(), rate, sampler);
                steps.add(r);
                out.accept(stamp(String.format("[step %d/%d, %,d readings/s] %s: achieved %,.0f/s, lag %,d, alarm p50/p99/max %s/%s/%s ms "
                        + "(%d/%d seen), InfluxDB p99 %s ms, stored %,d of %,d readings", i, o.rates().size(), rate,
                        r.sustained ? "sustained" : "NOT sustained (" + String.join("; ", r.notSustainedBecause) + ")", r.achievedRate, r.lagEnd,
                        r.alarmLatency.p50(), r.alarmLatency.p99(), r.alarmLatency.max(), r.alarmsSeen, r.injected, r.influxLatency.p99(),
                        r.storedReadings, r.expectedReadings)));
                if (!r.sustained && !o.keepStepping()) {
                    if (i < o.rates().size()) {
                        out.accept(stamp("bench e2e: not sustained at " + rate + "/s: higher rates skipped (--keep-stepping runs them anyway)"));
                    }
                    break;
                }
            }
        }

        try {
            Runtime.getRuntime().removeShutdownHook(abandon);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        E2eReport report = new E2eReport(steps, setup, command);
        com.fasterxml.jackson.databind.node.ObjectNode on = report.options;
        o.rates().forEach(on.putArray("rates")::add);
        on.put("stepSeconds", o.stepDuration().toMillis() / 1000.0);
        on.put("warmupSeconds", o.warmup().toMillis() / 1000.0);
        on.put("pack", o.pack());
        on.put("sensors", catalogue.sensorCount());
        on.put("injectionSensor", injection.id());
        on.put("injectEveryMs", o.injectEvery().toMillis());
        on.put("influxPollMs", o.influxPoll().toMillis());
        on.put("drainTimeoutSeconds", o.drainTimeout().toSeconds());
        on.put("loadInProcess", o.loadInProcess());
        on.put("jobParallelism", settings.get(HwOptions.JOB_PARALLELISM));
        on.put("checkpointIntervalMs", settings.get(HwOptions.JOB_CHECKPOINT_INTERVAL).toMillis());
        on.put("partitions", settings.get(HwOptions.TOPIC_PARTITIONS));
        on.put("influxBatchSize", settings.get(HwOptions.INFLUX_BATCH_SIZE));
        on.put("influxFlushIntervalMs", settings.get(HwOptions.INFLUX_FLUSH_INTERVAL).toMillis());
        on.put("pipelineJvmMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        on.put("pipelineJvmGc", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).collect(java.util.stream.Collectors.joining(", ")));
        String md = report.markdown();
        out.accept("");
        out.accept(md);
        Path dir = o.outDir();
        Path json = BenchResults.write(dir, "e2e", report.toJson(), md);
        String name = json.getFileName().toString();
        Path png = dir.resolve(name.substring(0, name.length() - ".json".length()) + ".png");
        String title = "HazardWatch end-to-end latency vs rate (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + catalogue.sensorCount() + " sensors, pack " + o.pack() + ")";
        LatencyPlot.write(steps, title, png);
        Files.copy(png, dir.resolve("e2e-latest.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        report.jsonFile = json;
        report.markdownFile = dir.resolve(name.substring(0, name.length() - ".json".length()) + ".md");
        report.pngFile = png;
        out.accept("Results: " + json + " (and .md, .png; latest: " + dir.resolve("e2e-latest.*") + ")");
        return report;
    }

    private static String stamp(String line) {
        return line.startsWith("  ") ? line : "[" + CLOCK.format(Instant.now()) + "] " + line;
    }
}
