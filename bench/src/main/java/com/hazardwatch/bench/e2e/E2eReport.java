package com.hazardwatch.bench.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's result: the steps, the verdicts on the two targets, and the files written. */
public final class E2eReport {
    public static final int TARGET_RATE = 100_000;
    public static final long TARGET_RATE_P99_MS = 1000;
    public static final int LOW_RATE = 10_000;
    public static final long LOW_RATE_P99_MS = 250;

    private final List<StepResult> steps;
    private final Map<String, String> setup;
    private final String command;
    public Path jsonFile;
    public Path markdownFile;
    public Path pngFile;
    /** The options and settings of the run, machine-readable (added to the JSON). */
    public ObjectNode options = Json.mapper().createObjectNode();

    public E2eReport(List<StepResult> steps, Map<String, String> setup, String command) {
        this.steps = List.copyOf(steps);
        this.setup = new LinkedHashMap<>(setup);
        this.command = command;
        for (StepResult r : this.steps) {
            r.bottleneck.clear();
            r.bottleneck.addAll(bottleneck(r));
        }
    }

    public List<StepResult> steps() {
        return steps;
    }

    /** Sustained and p99 alarm latency <= 1 s. */
    public static boolean meetsOneSecond(StepResult r) {
        return r.sustained && !r.alarmLatency.isEmpty() && r.alarmLatency.p99() <= TARGET_RATE_P99_MS;
    }

    /** The highest target rate sustained with p99 alarm latency at or under 1 s, or -1. */
    public int highestSustained() {
        return steps.stream().filter(E2eReport::meetsOneSecond).mapToInt(r -> r.targetRate).max().orElse(-1);
    }

    public List<String> verdicts() {
        List<String> v = new ArrayList<>();
        int best = highestSustained();
        v.add(best > 0 ? String.format("Highest rate sustained with p99 alarm latency <= 1 s: %,d readings/s", best)
                : "No rate was sustained with p99 alarm latency <= 1 s");
        StepResult top = steps.stream().filter(r -> r.targetRate >= TARGET_RATE).findFirst().orElse(null);
        if (best >= TARGET_RATE) {
            v.add(String.format("Target >= 100,000 readings/s with p99 <= 1 s: MET (%,d/s, p99 %d ms)", best,
                    steps.stream().filter(r -> r.targetRate == best).findFirst().map(r -> r.alarmLatency.p99()).orElse(-1L)));
        } else if (top == null) {
            StepResult last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            v.add(last != null && !last.sustained
                    ? String.format("Target >= 100,000 readings/s with p99 <= 1 s: MISSED (stepping stopped at %,d/s, the first rate not sustained)",
                            last.targetRate)
                    : "Target >= 100,000 readings/s with p99 <= 1 s: not measured (no step at 100,000/s)");
        } else {
            v.add(String.format("Target >= 100,000 readings/s with p99 <= 1 s: MISSED (at %,d/s: achieved %,.0f/s, p99 %s)", top.targetRate,
                    top.achievedRate, ms(top.alarmLatency.p99())));
        }
        StepResult low = steps.stream().filter(r -> r.targetRate == LOW_RATE).findFirst().orElse(null);
        if (low == null) {
            v.add("Target p99 <= 250 ms at 10,000 readings/s: not measured (no 10000 step)");
        } else {
            boolean met = low.sustained && !low.alarmLatency.isEmpty() && low.alarmLatency.p99() <= LOW_RATE_P99_MS;
            v.add(String.format("Target p99 <= 250 ms at 10,000 readings/s: %s (p99 %s, p50 %s, max %s%s)", met ? "MET" : "MISSED",
                    ms(low.alarmLatency.p99()), ms(low.alarmLatency.p50()), ms(low.alarmLatency.max()),
                    low.sustained ? "" : "; step not sustained"));
        }
        return v;
    }

    /** What limited a step, from its own figures. */
    static List<String> bottleneck(StepResult r) {
        List<String> b = new ArrayList<>();
        if (r.windowSeconds <= 0) {
            return b; // the step did not get to measure
        }
        double capacity = r.cores * 100.0;
        if (r.machineCpuPercent >= 0.85 * capacity) {
            List<Map.Entry<String, Double>> users = new ArrayList<>(r.cpuPercent.entrySet());
            users.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
            StringBuilder sb = new StringBuilder(String.format("machine CPU saturated: %.0f%% of %.0f%% busy; by component:", r.machineCpuPercent,
                    capacity));
            for (Map.Entry<String, Double> e : users) {
                sb.append(String.format(" %s %.0f%%", e.getKey(), e.getValue()));
            }
            b.add(sb.toString());
        }
        if (r.offeredRate < 0.9 * r.targetRate) {
            b.add(String.format("load generator offered %,.0f/s of %,d/s (behind its schedule by up to %,d ms; its CPU %.0f%%)", r.offeredRate,
                    r.targetRate, r.loadMaxBehindMs, r.cpuPercent.getOrDefault(StepRunner.LOAD, Double.NaN)));
        }
        if (r.offeredRate > 0 && r.bridgedRate < 0.95 * r.offeredRate) {
            b.add(String.format("bridge forwarded %,.0f/s of %,.0f/s offered (its queue up to %,d messages; bridge threads %.0f%% CPU)",
                    r.bridgedRate, r.offeredRate, r.bridgeBacklogMax, r.jvmCpuPercent.getOrDefault("bridge", Double.NaN)));
        }
        if (r.bridgedRate > 0 && (r.achievedRate < 0.95 * r.bridgedRate || r.lagGrowing)) {
            b.add(String.format("job read %,.0f/s of %,.0f/s bridged; lag %,d -> %,d records (job threads %.0f%% CPU, GC/JIT %.0f%%)",
                    r.achievedRate, r.bridgedRate, r.lagStart, r.lagEnd, r.jvmCpuPercent.getOrDefault("job", Double.NaN),
                    r.jvmCpuPercent.getOrDefault("jvm (GC, JIT, other)", Double.NaN)));
        }
        if (!r.influxLatency.isEmpty() && !r.alarmLatency.isEmpty() && r.influxLatency.p99() > 1000
                && r.influxLatency.p99() > 2 * r.alarmLatency.p99()) {
            b.add(String.format("InfluxDB points trail the alarms: p99 %s to queryable vs %s to hw.alarms (influxdb CPU %.0f%%)",
                    ms(r.influxLatency.p99()), ms(r.alarmLatency.p99()), r.cpuPercent.getOrDefault(StepRunner.INFLUXDB, Double.NaN)));
        }
        if (r.readByJob >= 0 && r.readingsInKafka >= 0 && r.readByJob < r.readingsInKafka) {
            b.add(String.format("the job had read %,d of %,d readings in Kafka after %.0f s of drain", r.readByJob, r.readingsInKafka,
                    r.drainSeconds));
        }
        return b;
    }

    static String ms(long v) {
        return v < 0 ? "-" : String.format("%,d ms", v);
    }

    private static String num(double v) {
        return String.format("%,.0f", v);
    }

    private static String pct(Map<String, Double> m, String k) {
        Double v = m.get(k);
        return v == null ? "-" : String.format("%.0f", v);
    }

    private static String mb(Map<String, Long> m, String k) {
        Long v = m.get(k);
        return v == null ? "-" : Long.toString(v);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("benchmark", "e2e");
        n.put("command", command);
        n.set("options", options);
        ObjectNode s = n.putObject("setup");
        setup.forEach(s::put);
        ArrayNode arr = n.putArray("steps");
        steps.forEach(r -> arr.add(r.toJson()));
        n.put("highestSustainedRateP99Under1s", highestSustained());
        ArrayNode v = n.putArray("verdicts");
        verdicts().forEach(v::add);
        return n;
    }

    /** The tables as printed and saved. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## End-to-end benchmark: simulator -> Mosquitto -> bridge -> Kafka -> job -> hw.alarms + InfluxDB\n\n");
        sb.append("Command: `").append(command).append("`\n\n");
        setup.forEach((k, val) -> sb.append("- ").append(k).append(": ").append(val).append('\n'));
        sb.append('\n');
        sb.append("| target/s | achieved/s | offered/s | msgs/s | lag end (max) | alarm p50 | alarm p99 | alarm max | alarms seen "
                + "| Influx p50 | Influx p99 | Influx max | warm-up | sustained |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|\n");
        for (StepResult r : steps) {
            sb.append(String.format("| %s | %s | %s | %s | %,d (%,d) | %s | %s | %s | %d/%d | %s | %s | %s | %.0f s | %s |%n", num(r.targetRate),
                    num(r.achievedRate), num(r.offeredRate), num(r.messageRate), r.lagEnd, r.lagMax, ms(r.alarmLatency.p50()),
                    ms(r.alarmLatency.p99()), ms(r.alarmLatency.max()), r.alarmsSeen, r.injected, ms(r.influxLatency.p50()),
                    ms(r.influxLatency.p99()), ms(r.influxLatency.max()), r.warmupSeconds, r.sustained ? "yes" : "**no**: " + String.join("; ", r.notSustainedBecause)));
        }
        sb.append("\nCPU % (100 = one core) and peak RSS (MB) per component, over the measured window:\n\n");
        sb.append("| target/s | mosquitto | kafka | influxdb | pipeline JVM | (bridge | job | harness | GC/JIT) | load generator | other processes | machine |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StepResult r : steps) {
            sb.append(String.format("| %s | %s%% / %s MB | %s%% / %s MB | %s%% / %s MB | %s%% / %s MB | %s%% | %s%% | %s%% | %s%% | %s%% / %s MB | %s%% | %.0f%% of %d%% |%n",
                    num(r.targetRate), pct(r.cpuPercent, StepRunner.MOSQUITTO), mb(r.rssMb, StepRunner.MOSQUITTO),
                    pct(r.cpuPercent, StepRunner.KAFKA), mb(r.rssMb, StepRunner.KAFKA), pct(r.cpuPercent, StepRunner.INFLUXDB),
                    mb(r.rssMb, StepRunner.INFLUXDB), pct(r.cpuPercent, StepRunner.PIPELINE), mb(r.rssMb, StepRunner.PIPELINE),
                    pct(r.jvmCpuPercent, "bridge"), pct(r.jvmCpuPercent, "job"), pct(r.jvmCpuPercent, "harness"),
                    pct(r.jvmCpuPercent, "jvm (GC, JIT, other)"), pct(r.cpuPercent, StepRunner.LOAD), mb(r.rssMb, StepRunner.LOAD),
                    pct(r.cpuPercent, StepRunner.OTHER), r.machineCpuPercent, r.cores * 100));
        }
        sb.append("\nWhere the alarm latency goes: reading ts -> the engine's emittedAt (MQTT, bridge, Kafka, job) and emittedAt -> "
                + "arrival (Kafka sink, broker, consumer):\n\n");
        sb.append("| target/s | ts -> emittedAt p50 | p99 | emittedAt -> arrival p50 | p99 | busiest pipeline threads (CPU %) |\n");
        sb.append("|---:|---:|---:|---:|---:|:---|\n");
        for (StepResult r : steps) {
            StringBuilder top = new StringBuilder();
            r.topThreads.entrySet().stream().limit(4).forEach(e -> top.append(top.length() == 0 ? "" : ", ")
                    .append(e.getKey().replaceAll(" -> .*", "").replaceAll(" \\(\\d+/\\d+\\)#\\d+$", "").replace("|", "/"))
                    .append(String.format(" %.0f", e.getValue())));
            sb.append(String.format("| %s | %s | %s | %s | %s | %s |%n", num(r.targetRate), ms(r.toEngine.p50()), ms(r.toEngine.p99()),
                    ms(r.engineToConsumer.p50()), ms(r.engineToConsumer.p99()), top));
        }
        sb.append("\nCounts per step (readings): published by the load + injected = expected; then, after the drain, in Kafka (forwarded "
                + "by the bridge), read by the job, stored in InfluxDB. \"ts not newer\": readings not newer than the last of their "
                + "sensor (the job's readingsOutOfOrder counter); the load generator makes them when it publishes packs behind schedule, "
                + "and a same-sensor, same-millisecond pair is one point in InfluxDB, so stored may fall short of expected by up to that many.\n\n");
        sb.append("| target/s | published | injected | expected | in Kafka | read by job | stored | ts not newer | dead letters "
                + "| other alarms | bridge queue max | load behind max | drain |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StepResult r : steps) {
            sb.append(String.format("| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d ms | %.0f s |%n", num(r.targetRate),
                    r.loadPublished, r.injectedAcked, r.expectedReadings, r.readingsInKafka, r.readByJob, r.storedReadings, r.outOfOrder,
                    r.deadLetters,
                    r.otherAlarms, r.bridgeBacklogMax, r.loadMaxBehindMs, r.drainSeconds));
        }
        sb.append('\n');
        for (String v : verdicts()) {
            sb.append("- ").append(v).append('\n');
        }
        boolean any = false;
        for (StepResult r : steps) {
            if (!r.bottleneck.isEmpty() && (!meetsOneSecond(r) || r.targetRate >= TARGET_RATE)) {
                if (!any) {
                    sb.append("\nWhat limited it:\n\n");
                    any = true;
                }
                sb.append(String.format("- at %,d/s: %s%n", r.targetRate, String.join("; ", r.bottleneck)));
            }
        }
        return sb.toString();
    }
}
