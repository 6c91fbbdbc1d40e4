package com.hazardwatch.bench.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one rate step measured. Filled in by {@link StepRunner}; read by the report and the smoke test. */
public final class StepResult {
    public int index;
    public int targetRate;
    public String readingsTopic;
    public String alarmsTopic;
    public String database;
    public int sensors;
    public int pack;
    public double windowSeconds;
    /** Load before the window: the warm-up, stretched until the lag was under a second of input (at most 3 warm-ups). */
    public double warmupSeconds;

    /** Readings/s the load generator got acknowledged by Mosquitto in the window. */
    public double offeredRate;
    /** MQTT messages/s of the load acknowledged in the window (a SenML pack counts once). */
    public double messageRate;
    /** Readings/s the bridge wrote to hw.readings in the window. */
    public double bridgedRate;
    /** Readings/s the job's Kafka source emitted in the window: the achieved rate. */
    public double achievedRate;
    /** How the job's consumption was measured: "source-position" (metric tap) or "committed" (checkpoints). */
    public String lagSource;
    /** Records in hw.readings the job had not read, at window start and end. */
    public long lagStart;
    public long lagEnd;
    public long lagMax;
    /** Same, against the offsets the job committed on its last checkpoint. */
    public long committedLagEnd;
    public boolean lagGrowing;
    public int bridgeBacklogMax;
    /** How far the load generator fell behind its schedule at worst, ms. */
    public long loadMaxBehindMs;

    public int injected;
    public int alarmsSeen;
    public int alarmsMissing;
    public long otherAlarms;
    public LatencyStats alarmLatency = LatencyStats.EMPTY;
    /** The alarm latency in two parts: reading ts to the engine's emittedAt (MQTT, bridge, Kafka, job), and from there to arrival. */
    public LatencyStats toEngine = LatencyStats.EMPTY;
    public LatencyStats engineToConsumer = LatencyStats.EMPTY;
    public int influxSampled;
    public int influxMissing;
    public LatencyStats influxLatency = LatencyStats.EMPTY;
    public long influxPollMs;
    public double influxQueryMs;

    public long loadPublished;
    public long loadFailed;
    public long injectedAcked;
    public long storedReadings = -1;
    /** After the drain: readings in the readings topic (what the bridge forwarded) and what the job's source read of them. */
    public long readingsInKafka = -1;
    public long readByJob = -1;
    /**
     * Readings whose ts was not newer than the last of their sensor (the job's readingsOutOfOrder counter). The load
     * generator makes these when it publishes packs behind schedule; a reading with the same sensor and millisecond
     * as another is stored once by InfluxDB, so stored can fall short of expected by up to this many.
     */
    public long outOfOrder = -1;
    public long expectedReadings;
    public long deadLetters;
    public double drainSeconds;

    /** CPU % (100 = one core) per component: mosquitto, kafka, influxdb, pipeline JVM, load generator, machine. */
    public Map<String, Double> cpuPercent = new LinkedHashMap<>();
    public Map<String, Long> rssMb = new LinkedHashMap<>();
    /** Inside the pipeline JVM: bridge, job, harness (the benchmark's own probes), jvm (GC, JIT: the rest). */
    public Map<String, Double> jvmCpuPercent = new LinkedHashMap<>();
    /** The busiest threads of the pipeline JVM over the window, CPU %. */
    public Map<String, Double> topThreads = new LinkedHashMap<>();
    public double machineCpuPercent;
    public int cores;

    public boolean sustained;
    public List<String> notSustainedBecause = new ArrayList<>();
    public List<String> bottleneck = new ArrayList<>();
    public String error;

    public ObjectNode toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("step", index);
        n.put("targetRate", targetRate);
        n.put("sustained", sustained);
        ArrayNode why = n.putArray("notSustainedBecause");
        notSustainedBecause.forEach(why::add);
        if (error != null) {
            n.put("error", error);
        }
        n.put("windowSeconds", round(windowSeconds, 2));
        n.put("warmupSeconds", round(warmupSeconds, 1));
        n.put("offeredReadingsPerSecond", round(offeredRate, 1));
        n.put("messagesPerSecond", round(messageRate, 1));
        n.put("bridgedReadingsPerSecond", round(bridgedRate, 1));
        n.put("achievedReadingsPerSecond", round(achievedRate, 1));
        ObjectNode lag = n.putObject("consumerLag");
        lag.put("measuredAs", lagSource);
        lag.put("atWindowStart", lagStart);
        lag.put("atWindowEnd", lagEnd);
        lag.put("max", lagMax);
        lag.put("committedAtWindowEnd", committedLagEnd);
        lag.put("growing", lagGrowing);
        n.put("bridgeBacklogMax", bridgeBacklogMax);
        n.put("loadMaxBehindScheduleMs", loadMaxBehindMs);
        ObjectNode al = n.putObject("alarmLatency");
        al.put("injected", injected);
        al.put("seen", alarmsSeen);
        al.put("missing", alarmsMissing);
        al.put("otherAlarmEvents", otherAlarms);
        al.setAll(alarmLatency.toJson());
        al.set("readingTsToEmittedAt", toEngine.toJson());
        al.set("emittedAtToArrival", engineToConsumer.toJson());
        ObjectNode il = n.putObject("influxLatency");
        il.put("sampled", influxSampled);
        il.put("missing", influxMissing);
        il.put("pollIntervalMs", influxPollMs);
        il.put("meanQueryMs", round(influxQueryMs, 1));
        il.setAll(influxLatency.toJson());
        ObjectNode c = n.putObject("counts");
        c.put("loadPublished", loadPublished);
        c.put("loadFailed", loadFailed);
        c.put("injectedAcked", injectedAcked);
        c.put("expectedReadings", expectedReadings);
        c.put("readingsInKafka", readingsInKafka);
        c.put("readByJob", readByJob);
        c.put("outOfOrderPerSensor", outOfOrder);
        c.put("storedReadings", storedReadings);
        c.put("deadLetters", deadLetters);
        c.put("drainSeconds", round(drainSeconds, 1));
        ObjectNode cpu = n.putObject("cpuPercent");
        cpuPercent.forEach((k, v) -> cpu.put(k, round(v, 1)));
        cpu.put("machine", round(machineCpuPercent, 1));
        cpu.put("cores", cores);
        ObjectNode jvm = n.putObject("pipelineJvmCpuPercent");
        jvmCpuPercent.forEach((k, v) -> jvm.put(k, round(v, 1)));
        ObjectNode tt = n.putObject("pipelineJvmBusiestThreadsCpuPercent");
        topThreads.forEach((k, v) -> tt.put(k, round(v, 1)));
        ObjectNode rss = n.putObject("rssMb");
        rssMb.forEach(rss::put);
        ArrayNode b = n.putArray("bottleneck");
        bottleneck.forEach(b::add);
        ObjectNode names = n.putObject("names");
        names.put("readingsTopic", readingsTopic);
        names.put("alarmsTopic", alarmsTopic);
        names.put("database", database);
        names.put("sensors", sensors);
        names.put("pack", pack);
        return n;
    }

    static double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return -1;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
