package com.hazardwatch.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.bench.load.CpuTracker;
import com.hazardwatch.bench.load.Drain;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorException;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.SimulatorStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * bin/hazardwatch bench load: the simulator's load generation on its own, against Mosquitto only. An MQTT subscriber
 * in this JVM drains everything under the run's own topic root (QoS 1) and counts messages and readings, decoding each
 * message as the bridge does and checking that every sensor's event times increase; the simulator runs open-loop at the
 * target rate in the same JVM (its publisher thread and its MQTT client threads measured apart from the drain's). Prints
 * the achieved rate every few seconds, then achieved / target, drained against published, failed, and the simulator's
 * CPU share; writes bench/results/load-*.json and .md. Exit 0 when every reading published was drained once, in order,
 * and none failed; 1 otherwise (a speed below target is a figure, not a failure); 2 for invalid options.
 */
public final class LoadBenchmark {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    public static final String USAGE = """
            usage: bin/hazardwatch bench load [options]

            Runs the simulator open-loop at a target rate against the local Mosquitto (bin/hazardwatch stack up; only
            Mosquitto is needed), with an MQTT subscriber in the same JVM draining everything it publishes (QoS 1, its
            own topic root per run). Prints the achieved rate every few seconds; at the end achieved / target, readings
            drained against published (must be equal), failed readings, and the CPU the simulator used (its publisher
            thread and its MQTT client threads). Results: bench/results/load-latest.json and .md.

            options:
              --rate N            readings per second in total (default 20000)
              --for DURATION      how long the simulator publishes (default 60s)
              --pack K            readings per MQTT message, SenML packs per enterprise when above 1 (default 50)
              --qos 0|1           the simulator's QoS (default 1; the drain subscribes at QoS 1)
              --connections N     MQTT connections of the simulator (default 1)
              --catalogue FILE    the sensors (default config/catalogue/demo-district.yaml)
              --mqtt URL          the broker (default the local one, tcp://127.0.0.1:$HW_MQTT_PORT)
              --seed N            the simulator's seed (default 42)
              --report-every D    progress interval (default 5s)
              --drain-timeout D   how long to wait after the run for the last readings to arrive (default 10s)
              --out DIR           where the results go (default bench/results)
            """;

    /** The options of a run. */
    public record Options(double rate, Duration duration, int pack, int qos, int connections, Path catalogue, String mqttUrl,
            long seed, Duration reportEvery, Duration drainTimeout, Path outDir) {
        public static Options defaults() {
            return new Options(20_000, Duration.ofSeconds(60), 50, 1, 1, LocalServices.demoCatalogue(), LocalServices.mqttUrl(),
                    SimulatorOptions.DEFAULT_SEED, Duration.ofSeconds(5), Duration.ofSeconds(10), BenchResults.dir());
        }

        /** Parses the command line; throws IllegalArgumentException naming the option. */
        public static Options parse(List<String> args) {
            Options o = defaults();
            for (int i = 0; i < args.size(); i++) {
                String name = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String v = args.get(++i);
                try {
                    o = switch (name) {
                        case "--rate" -> o.withRate(Double.parseDouble(v));
                        case "--for" -> new Options(o.rate, positive(name, Durations.parse(v)), o.pack, o.qos, o.connections,
                                o.catalogue, o.mqttUrl, o.seed, o.reportEvery, o.drainTimeout, o.outDir);
                        case "--pack" -> new Options(o.rate, o.duration, Integer.parseInt(v), o.qos, o.connections, o.catalogue,
                                o.mqttUrl, o.seed, o.reportEvery, o.drainTimeout, o.outDir);
                        case "--qos" -> new Options(o.rate, o.duration, o.pack, Integer.parseInt(v), o.connections, o.catalogue,
                                o.mqttUrl, o.seed, o.reportEvery, o.drainTimeout, o.outDir);
                        case "--connections" -> new Options(o.rate, o.duration, o.pack, o.qos, Integer.parseInt(v), o.catalogue,
                                o.mqttUrl, o.seed, o.reportEvery, o.drainTimeout, o.outDir);
                        case "--catalogue" -> new Options(o.rate, o.duration, o.pack, o.qos, o.connections, Path.of(v), o.mqttUrl,
                                o.seed, o.reportEvery, o.drainTimeout, o.outDir);
                        case "--mqtt" -> new Options(o.rate, o.duration, o.pack, o.qos, o.connections, o.catalogue, v, o.seed,
                                o.reportEvery, o.drainTimeout, o.outDir);
                        case "--seed" -> new Options(o.rate, o.duration, o.pack, o.qos, o.connections, o.catalogue, o.mqttUrl,
                                Long.parseLong(v), o.reportEvery, o.drainTimeout, o.outDir);
                        case "--report-every" -> new Options(o.rate, o.duration, o.pack, o.qos, o.connections, o.catalogue,
                                o.mqttUrl, o.seed, positive(name, Durations.parse(v)), o.drainTimeout, o.outDir);
                        case "--drain-timeout" -> new Options(o.rate, o.duration, o.pack, o.qos, o.connections, o.catalogue,
                                o.mqttUrl, o.seed, o.reportEvery, positive(name, Durations.parse(v)), o.outDir);
                        case "--out" -> new Options(o.rate, o.duration, o.pack, o.qos, o.connections, o.catalogue, o.mqttUrl,
                                o.seed, o.reportEvery, o.drainTimeout, Path.of(v));
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    };
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
                } catch (IllegalArgumentException e) {
                    String msg = String.valueOf(e.getMessage());
                    throw msg.startsWith(name) || msg.startsWith("unknown option") ? e : new IllegalArgumentException(name + ": " + msg);
                }
            }
            o.simulatorOptions("check"); // the simulator's own checks: rate, pack, QoS, connections, URL
            return o;
        }

        private Options withRate(double r) {
            return new Options(r, duration, pack, qos, connections, catalogue, mqttUrl, seed, reportEvery, drainTimeout, outDir);
        }

        private static Duration positive(String name, Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + ": must be positive");
            }
            return d;
        }

        /** The simulator's options for a run under {@code root}. */
        SimulatorOptions simulatorOptions(String runId) {
            return SimulatorOptions.builder().mqttUrl(mqttUrl).topicRoot(root(runId)).clientId("hw-load-sim-" + runId)
                    .qos(qos).rate(rate).duration(duration).seed(seed).pack(pack).connections(connections).build();
        }

        static String root(String runId) {
            return "hwload/" + runId;
        }
    }

    /** What a run measured. */
    public record Result(double targetRate, double achievedRate, double ratio, long published, long messages, long failed,
            long unconfirmed, long drainedReadings, long drainedMessages, long rejected, long outOfOrder, long duplicates,
            double seconds, double maxLagSeconds, double simulatorCpuPercent, double drainCpuPercent, double processCpuPercent,
            int cores, List<Double> intervalRates, boolean passed, List<String> problems) {}

    private LoadBenchmark() {}

    public static int run(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(USAGE);
            return 0;
        }
        Options o;
        Catalogue catalogue;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench load: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        try {
            catalogue = CatalogueLoader.load(o.catalogue());
        } catch (CatalogueException e) {
            System.err.println("bench load: " + e.getMessage());
            return 1;
        }
        String command = "bin/hazardwatch bench load" + (args.isEmpty() ? "" : " " + String.join(" ", args));
        try {
            Result r = execute(catalogue, o, command, line -> System.out.println(stamp(line)));
            return r.passed() ? 0 : 1;
        } catch (SimulatorException e) {
            System.err.println("bench load: " + e.getMessage() + "; is Mosquitto up? bin/hazardwatch stack up");
            return 1;
        }
    }

    /** Runs the benchmark and writes load-{stamp}.json/.md and load-latest.json/.md to {@code o.outDir()}. */
    public static Result execute(Catalogue catalogue, Options o, String command, Consumer<String> out) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String root = Options.root(runId);
        SimulatorOptions so = o.simulatorOptions(runId);
        out.accept(String.format(Locale.ROOT, "bench load: %,.0f readings/s for %s, %s, QoS %d, %d connection%s, %d sensors of %s -> %s, "
                        + "drained under %s/#", o.rate(), Durations.format(o.duration()),
                o.pack() > 1 ? "SenML packs of up to " + o.pack() : "one reading per message", o.qos(), o.connections(),
                o.connections() == 1 ? "" : "s", catalogue.sensorCount(), catalogue.name(), o.mqttUrl(), root));

        CpuTracker cpu = new CpuTracker();
        String simClient = so.clientId();
        String drainClient = "hw-load-drain-" + runId;
        String publisherThread = "hw-load-publisher-" + runId;
        cpu.group("simulator", name -> name.equals(publisherThread) || name.contains(simClient) || name.equals("hw-sim-progress"));
        cpu.group("drain", name -> name.contains(drainClient));

        List<String> problems = new ArrayList<>();
        List<Double> intervalRates = new ArrayList<>();
        try (Drain drain = new Drain(o.mqttUrl(), drainClient, root, catalogue)) {
            drain.start();
            java.util.concurrent.atomic.AtomicLong connectedNanos = new java.util.concurrent.atomic.AtomicLong();
            Simulator sim = new Simulator(catalogue, so, line -> {
                if (line.startsWith("simulating ")) { // connected: the schedule starts now
                    connectedNanos.compareAndSet(0, System.nanoTime());
                }
                if (!line.startsWith("published ")) { // the benchmark's own progress lines replace the simulator's
                    out.accept("  simulator: " + line);
                }
            });
            AtomicReference<SimulatorStats> stats = new AtomicReference<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread publisher = new Thread(() -> {
                try {
                    stats.set(sim.run());
                } catch (Exception e) {
                    failure.set(e);
                } finally {
                    cpu.sample(); // the publisher's CPU time, while its thread is alive
                }
            }, publisherThread);
            CpuTracker.Snapshot before = cpu.sample();
            long startNanos = System.nanoTime();
            publisher.start();
            long every = o.reportEvery().toNanos();
            long lastNanos = startNanos;
            long lastPublished = 0;
            long nextReport = startNanos + every;
            boolean rebased = false;
            while (publisher.isAlive()) {
                publisher.join(Math.max(1, Math.min(200, (nextReport - System.nanoTime()) / 1_000_000)));
                // often: the simulator's MQTT client threads end inside its run, and a thread's CPU time goes with it
                cpu.sample();
                long now = System.nanoTime();
                if (!rebased && connectedNanos.get() != 0) {
                    // progress intervals count from the start of the schedule, not from before the connections
                    rebased = true;
                    startNanos = connectedNanos.get();
                    lastNanos = startNanos;
                    nextReport = startNanos + every;
                    continue;
                }
                if (now - nextReport >= 0 && publisher.isAlive()) {
                    long pub = sim.publishedCount();
                    double secs = (now - lastNanos) / 1e9;
                    double rate = (pub - lastPublished) / secs;
                    intervalRates.add(rate);
                    out.accept(String.format(Locale.ROOT, "+%.0fs: %,.0f readings/s over the last %.1f s (%.3f of target), published %,d readings "
                                    + "in %,d messages, drained %,d readings in %,d messages, failed %,d", (now - startNanos) / 1e9, rate, secs,
                            rate / o.rate(), pub, sim.publishedMessages(), drain.readings(), drain.messages(), sim.failedCount()));
                    lastNanos = now;
                    lastPublished = pub;
                    nextReport += every;
                }
            }
            CpuTracker.Snapshot after = cpu.sample();
            sim.close();
            if (failure.get() != null) {
                throw failure.get();
            }
            SimulatorStats st = stats.get();
            // the last readings are still on their way from the broker: wait for them, as long as they keep coming
            long published = st.published();
            long deadline = System.nanoTime() + o.drainTimeout().toNanos();
            long seen = drain.readings();
            while (drain.readings() < published && System.nanoTime() - deadline < 0) {
                Thread.sleep(50);
                if (drain.readings() != seen) {
                    seen = drain.readings();
                    deadline = System.nanoTime() + o.drainTimeout().toNanos();
                }
            }
            Thread.sleep(200); // anything beyond what was published (a duplicate) shows too
            double seconds = st.elapsed().toNanos() / 1e9;
            double achieved = published / seconds;
            double ratio = achieved / o.rate();
            double window = (after.nanos() - before.nanos()) / 1e9;
            double simCpu = 100.0 * cpu.groupNanos("simulator", before, after) / 1e9 / window;
            double drainCpu = 100.0 * cpu.groupNanos("drain", before, after) / 1e9 / window;
            double processCpu = 100.0 * (after.processNanos() - before.processNanos()) / 1e9 / window;
            long drained = drain.readings();
            if (drained != published) {
                problems.add(String.format(Locale.ROOT, "drained %,d readings, published %,d", drained, published));
            }
            if (st.failed() > 0) {
                problems.add(String.format(Locale.ROOT, "%,d readings failed", st.failed()));
            }
            if (st.unconfirmed() > 0) {
                problems.add(String.format(Locale.ROOT, "%,d readings unconfirmed", st.unconfirmed()));
            }
            if (drain.rejected() > 0) {
                problems.add(String.format(Locale.ROOT, "%,d readings or messages the bridge would reject (first: %s)", drain.rejected(),
                        drain.firstReject()));
            }
            if (drain.outOfOrder() > 0) {
                problems.add(String.format(Locale.ROOT, "%,d readings not newer than their sensor's previous one (%,d of them repeats)",
                        drain.outOfOrder(), drain.duplicates()));
            }
            Result r = new Result(o.rate(), achieved, ratio, published, st.messages(), st.failed(), st.unconfirmed(), drained,
                    drain.messages(), drain.rejected(), drain.outOfOrder(), drain.duplicates(), seconds, st.maxLag().toNanos() / 1e9,
                    simCpu, drainCpu, processCpu, Runtime.getRuntime().availableProcessors(), List.copyOf(intervalRates),
                    problems.isEmpty(), List.copyOf(problems));
            out.accept(String.format(Locale.ROOT, "bench load: achieved %,.0f readings/s of %,.0f (%.3f of target): %,d readings in %,d messages "
                            + "in %.1f s; drained %,d readings in %,d messages (%s published); failed %,d; simulator CPU %.0f %% of one core "
                            + "(drain %.0f %%, whole JVM %.0f %%, of %d cores)", achieved, o.rate(), ratio, published, st.messages(), seconds,
                    drained, drain.messages(), drained == published ? "=" : "!=", st.failed(), simCpu, drainCpu, processCpu, r.cores()));
            if (!problems.isEmpty()) {
                out.accept("bench load: CHECK FAILED: " + String.join("; ", problems));
            }
            String md = markdown(r, o, command, catalogue, cpu.topThreads(before, after, window));
            Path json = BenchResults.write(o.outDir(), "load", toJson(r, o, command, catalogue, runId), md);
            out.accept("Results: " + json + " (and .md; latest: " + o.outDir().resolve("load-latest.*") + ")");
            return r;
        }
    }

    static ObjectNode toJson(Result r, Options o, String command, Catalogue catalogue, String runId) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("benchmark", "load");
        n.put("command", command);
        ObjectNode c = n.putObject("config");
        c.put("targetRate", o.rate());
        c.put("seconds", o.duration().toMillis() / 1000.0);
        c.put("pack", o.pack());
        c.put("qos", o.qos());
        c.put("connections", o.connections());
        c.put("sensors", catalogue.sensorCount());
        c.put("enterprises", catalogue.enterprises().size());
        c.put("catalogue", catalogue.name());
        c.put("mqttUrl", o.mqttUrl());
        c.put("topicRoot", Options.root(runId));
        c.put("seed", o.seed());
        c.put("drainQos", 1);
        ObjectNode m = n.putObject("result");
        m.put("achievedRate", r.achievedRate());
        m.put("ratio", r.ratio());
        m.put("published", r.published());
        m.put("messages", r.messages());
        m.put("readingsPerMessage", r.messages() == 0 ? 0 : (double) r.published() / r.messages());
        m.put("failed", r.failed());
        m.put("unconfirmed", r.unconfirmed());
        m.put("drainedReadings", r.drainedReadings());
        m.put("drainedMessages", r.drainedMessages());
        m.put("rejected", r.rejected());
        m.put("outOfOrder", r.outOfOrder());
        m.put("duplicates", r.duplicates());
        m.put("elapsedSeconds", r.seconds());
        m.put("maxLagSeconds", r.maxLagSeconds());
        m.put("simulatorCpuPercentOfOneCore", r.simulatorCpuPercent());
        m.put("drainCpuPercentOfOneCore", r.drainCpuPercent());
        m.put("processCpuPercentOfOneCore", r.processCpuPercent());
        r.intervalRates().forEach(m.putArray("intervalRates")::add);
        ObjectNode checks = n.putObject("checks");
        checks.put("passed", r.passed());
        r.problems().forEach(checks.putArray("problems")::add);
        return n;
    }

    static String markdown(Result r, Options o, String command, Catalogue catalogue, List<String> topThreads) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Load generation: simulator -> Mosquitto\n\n");
        sb.append("`").append(command).append("`\n\n");
        sb.append(String.format(Locale.ROOT, "%d sensors of %s (%d enterprises), %s, QoS %d, %d MQTT connection%s; a subscriber in the same JVM "
                        + "drains everything at QoS 1 and decodes it as the bridge does.%n%n", catalogue.sensorCount(), catalogue.name(),
                catalogue.enterprises().size(), o.pack() > 1 ? "SenML packs of up to " + o.pack() + " readings" : "one reading per message",
                o.qos(), o.connections(), o.connections() == 1 ? "" : "s"));
        sb.append("| target readings/s | achieved | achieved / target | published (messages) | drained (messages) | failed | simulator CPU "
                + "(one core = 100 %) |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        sb.append(String.format(Locale.ROOT, "| %,.0f | %,.0f | %.3f | %,d (%,d) | %,d (%,d) | %,d | %.0f %% |%n%n", r.targetRate(), r.achievedRate(),
                r.ratio(), r.published(), r.messages(), r.drainedReadings(), r.drainedMessages(), r.failed(), r.simulatorCpuPercent()));
        sb.append(String.format(Locale.ROOT, "Over %.1f s; %.1f readings per message; worst lag behind schedule %.1f s. CPU over the run, 100 %% = one "
                        + "core of %d: simulator (publisher thread and its MQTT client threads) %.0f %%, drain %.0f %%, whole JVM %.0f %%.%n",
                r.seconds(), r.messages() == 0 ? 0.0 : (double) r.published() / r.messages(), r.maxLagSeconds(), r.cores(),
                r.simulatorCpuPercent(), r.drainCpuPercent(), r.processCpuPercent()));
        if (!r.intervalRates().isEmpty()) {
            sb.append("Readings/s per progress interval: ");
            for (int i = 0; i < r.intervalRates().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", r.intervalRates().get(i)));
            }
            sb.append(".\n");
        }
        sb.append("\nChecks: ").append(r.passed() ? "passed (every reading published drained once, in order per sensor, none rejected, none failed)"
                : "FAILED: " + String.join("; ", r.problems())).append("\n");
        if (!topThreads.isEmpty()) {
            sb.append("\nBusiest threads (% of one core): ").append(String.join(", ", topThreads)).append(".\n");
        }
        return sb.toString();
    }

    private static String stamp(String line) {
        return line.startsWith("  ") ? line : "[" + CLOCK.format(Instant.now()) + "] " + line;
    }
}
