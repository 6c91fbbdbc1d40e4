package com.hazardwatch.bench.e2e;

import com.hazardwatch.jobs.LocalPipeline;
import com.hazardwatch.jobs.MonitoringJob;

import com.hazardwatch.connectors.influx.InfluxConnection;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * One rate step: a fresh pipeline on fresh topics and a fresh database, the load at the target rate, a warm-up, the
 * measured window with injected alarms, then a drain until every injected alarm and every reading has arrived (or
 * the drain timeout). Prints a progress line every few seconds.
 */
public final class StepRunner {
    public static final String MOSQUITTO = "mosquitto";
    public static final String KAFKA = "kafka";
    public static final String INFLUXDB = "influxdb";
    public static final String PIPELINE = "pipeline JVM";
    public static final String LOAD = "load generator";
    public static final List<String> COMPONENTS = List.of(MOSQUITTO, KAFKA, INFLUXDB, PIPELINE, LOAD);
    /** Everything else the machine ran meanwhile (the OS, other people's processes). */
    public static final String OTHER = "other processes";

    private final Settings base;
    private final Catalogue catalogue;
    private final Catalogue loadCatalogue;
    private final Sensor injection;
    private final E2eOptions o;
    private final String runId;
    private final Consumer<String> out;
    private final AtomicLong loadPid = new AtomicLong(-1);
    private volatile String loadClientId = "e2e-load-none";
    private volatile String bridgeClientId = "none";

    public StepRunner(Settings base, Catalogue catalogue, Sensor injection, E2eOptions o, String runId, Consumer<String> out) {
        this.base = base;
        this.catalogue = catalogue;
        this.injection = injection;
        this.loadCatalogue = new Catalogue(catalogue.name(), catalogue.towns(), catalogue.enterprises(),
                catalogue.sensors().stream().filter(s -> !s.id().equals(injection.id())).toList());
        this.o = o;
        this.runId = runId;
        this.out = out;
    }

    /** The settings of one step: the base settings with topics, MQTT root, client id, group and database of its own. */
    public Settings stepSettings(int index) {
        String tag = "e2e" + runId + "-s" + index;
        Map<String, String> m = new LinkedHashMap<>(base.asMap());
        m.put(HwOptions.MQTT_TOPIC_ROOT.key(), base.get(HwOptions.MQTT_TOPIC_ROOT) + "-" + tag);
        m.put(HwOptions.MQTT_CLIENT_ID.key(), base.get(HwOptions.MQTT_CLIENT_ID) + "-" + tag);
        m.put(HwOptions.TOPIC_READINGS.key(), base.get(HwOptions.TOPIC_READINGS) + "." + tag);
        m.put(HwOptions.TOPIC_ALARMS.key(), base.get(HwOptions.TOPIC_ALARMS) + "." + tag);
        m.put(HwOptions.TOPIC_DLQ.key(), base.get(HwOptions.TOPIC_DLQ) + "." + tag);
        m.put(HwOptions.KAFKA_GROUP.key(), base.get(HwOptions.KAFKA_GROUP) + "-" + tag);
        m.put(HwOptions.INFLUX_DATABASE.key(), base.get(HwOptions.INFLUX_DATABASE) + "_" + tag.replace('-', '_'));
        // fresh topics: read them from their beginning whatever the configured starting offsets
        m.put(HwOptions.JOB_STARTING_OFFSETS.key(), "earliest");
        return Settings.of(m);
    }

    /** The components whose processes are measured, and how to find their pids. */
    public Map<String, LongSupplier> processes() {
        Map<String, LongSupplier> m = new LinkedHashMap<>();
        java.nio.file.Path run = LocalServices.home().resolve("run");
        m.put(MOSQUITTO, () -> ResourceSampler.pidFromFile(run.resolve("mosquitto.pid")));
        m.put(KAFKA, () -> ResourceSampler.pidFromFile(run.resolve("kafka.pid")));
        m.put(INFLUXDB, () -> ResourceSampler.pidFromFile(run.resolve("influxdb.pid")));
        long self = ProcessHandle.current().pid();
        m.put(PIPELINE, () -> self);
        m.put(LOAD, loadPid::get);
        return m;
    }

    /** Which part of this JVM a thread belongs to. */
    public String threadGroup(String name) {
        if (name.startsWith("e2e-load") || name.contains(loadClientId)) {
            return "load";
        }
        if (name.startsWith("e2e-") || name.contains("e2e-harness") || name.contains("e2e-inject") || name.equals("main")) {
            return "harness";
        }
        if (name.startsWith("bridge-") || name.contains(bridgeClientId) || name.endsWith("| hw-bridge")) {
            return "bridge";
        }
        return "job";
    }

    private volatile Settings current;

    /** Deletes the topics and database of the step under way, if any (for a shutdown hook: Ctrl-C mid-step). */
    public void abandon() {
        Settings s = current;
        if (s != null && !o.keepData()) {
            current = null;
            cleanup(s, InfluxConnection.from(s));
        }
    }

    public StepResult run(int index, int total, int rate, ResourceSampler sampler) {
        StepResult r = new StepResult();
        r.index = index;
        r.targetRate = rate;
        r.sensors = catalogue.sensorCount();
        r.pack = o.pack();
        r.influxPollMs = o.influxPoll().toMillis();
        Settings s = stepSettings(index);
        current = s;
        r.readingsTopic = s.get(HwOptions.TOPIC_READINGS);
        r.alarmsTopic = s.get(HwOptions.TOPIC_ALARMS);
        r.database = s.get(HwOptions.INFLUX_DATABASE);
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String mqttUrl = s.get(HwOptions.MQTT_URL);
        String root = s.get(HwOptions.MQTT_TOPIC_ROOT);
        bridgeClientId = s.get(HwOptions.MQTT_CLIENT_ID);
        loadClientId = "e2e-load-" + runId + "-s" + index;
        InfluxConnection influx = InfluxConnection.from(s);
        String head = String.format("[step %d/%d, %,d readings/s]", index, total, rate);
        out.accept(String.format("%s starting bridge and job (%,d sensors; topics %s, database %s)", head, catalogue.sensorCount(),
                r.readingsTopic, r.database));
        try (KafkaOffsets kafka = new KafkaOffsets(bootstrap);
                LocalPipeline pipeline = startPipeline(s, catalogue);
                AlarmWatcher watcher = new AlarmWatcher(bootstrap, r.alarmsTopic, injection.id());
                InfluxLatencyProbe probe = new InfluxLatencyProbe(influx, injection.id(), o.influxPoll().toMillis());
                AlarmInjector injector = new AlarmInjector(mqttUrl, root, "e2e-inject-" + runId + "-s" + index, injection, o.injectEvery())) {
            injector.onInject(i -> {
                if (i.raise()) {
                    probe.expect(i.ts());
                }
            });
            // The load runs until the window ends (stopped then); its duration is only an upper bound, for a warm-up
            // stretched until the pipeline has caught up with its start (at most three warm-ups).
            Duration loadFor = o.warmup().multipliedBy(3).plus(o.stepDuration()).plusSeconds(30);
            LoadSpec spec = new LoadSpec(mqttUrl, root, rate, o.pack(), loadFor, loadClientId, 42L + index);
            out.accept(String.format("%s load: %s, %,d readings/s, %d per message, QoS 1; warm-up %ds (longer, up to %ds, until the "
                    + "lag is under a second of input), then %ds measured", head, o.loadInProcess() ? "thread of this JVM" : "separate JVM",
                    rate, o.pack(), o.warmup().toSeconds(), o.warmup().multipliedBy(3).toSeconds(), o.stepDuration().toSeconds()));
            try (LoadGenerator load = LoadGenerator.start(loadCatalogue, spec, o.loadInProcess(), line -> out.accept("  load: " + line))) {
                loadPid.set(load.pid());
                if (!load.awaitStarted(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the load generator did not start: "
                            + (load.failure() != null ? load.failure() : "no start within 60s"));
                }
                sleepUntil(load.startedAtMs() + o.warmup().toMillis());
                long settleBy = load.startedAtMs() + o.warmup().multipliedBy(3).toMillis();
                while (System.currentTimeMillis() < settleBy
                        && kafka.end(r.readingsTopic) - consumed(kafka, s, r) > Math.max(1000, rate)) {
                    Thread.sleep(500);
                }
                r.warmupSeconds = (System.currentTimeMillis() - load.startedAtMs()) / 1000.0;

                // the measured window
                sampler.resetPeaks();
                ResourceSampler.Snapshot u0 = sampler.snapshot();
                long t0 = System.nanoTime();
                long pub0 = load.published();
                long msg0 = load.messages();
                long end0 = kafka.end(r.readingsTopic);
                long cons0 = consumed(kafka, s, r);
                r.lagStart = Math.max(0, end0 - cons0);
                r.lagMax = r.lagStart;
                injector.start();
                long windowEnd = t0 + o.stepDuration().toNanos();
                long lastT = t0;
                long lastPub = pub0;
                long lastCons = cons0;
                while (System.nanoTime() < windowEnd) {
                    long sleepMs = Math.min(o.progressEvery().toMillis(), Math.max(1, (windowEnd - System.nanoTime()) / 1_000_000));
                    Thread.sleep(sleepMs);
                    r.bridgeBacklogMax = Math.max(r.bridgeBacklogMax, pipeline.bridge().backlog());
                    if (System.nanoTime() >= windowEnd) {
                        break;
                    }
                    long now = System.nanoTime();
                    long pub = load.published();
                    long end = kafka.end(r.readingsTopic);
                    long cons = consumed(kafka, s, r);
                    long lag = Math.max(0, end - cons);
                    r.lagMax = Math.max(r.lagMax, lag);
                    double secs = (now - lastT) / 1e9;
                    ResourceSampler.Usage u = sampler.between(u0, sampler.snapshot());
                    out.accept(String.format("%s +%2ds offered %,8.0f/s achieved %,8.0f/s lag %,9d backlog %,6d alarms %d/%d machine CPU %3.0f%%",
                            head, Math.round((now - t0) / 1e9), (pub - lastPub) / secs, (cons - lastCons) / secs, lag,
                            pipeline.bridge().backlog(), seen(injector, watcher), injector.injectedCount(), u.machineBusyPercent()));
                    lastT = now;
                    lastPub = pub;
                    lastCons = cons;
                }
                long t1 = System.nanoTime();
                long pub1 = load.published();
                long msg1 = load.messages();
                long end1 = kafka.end(r.readingsTopic);
                long cons1 = consumed(kafka, s, r);
                ResourceSampler.Snapshot u1 = sampler.snapshot();
                injector.stop();
                load.stop();
                r.windowSeconds = (t1 - t0) / 1e9;
                r.offeredRate = (pub1 - pub0) / r.windowSeconds;
                r.messageRate = (msg1 - msg0) / r.windowSeconds;
                r.bridgedRate = (end1 - end0) / r.windowSeconds;
                r.achievedRate = (cons1 - cons0) / r.windowSeconds;
                r.lagEnd = Math.max(0, end1 - cons1);
                r.lagMax = Math.max(r.lagMax, r.lagEnd);
                try {
                    r.committedLagEnd = Math.max(0, end1 - kafka.committed(s.get(HwOptions.KAFKA_GROUP), r.readingsTopic));
                } catch (Exception e) {
                    r.committedLagEnd = -1;
                }
                // growing: more than a second of input waiting at the end, and half a second more than at the start
                r.lagGrowing = r.lagEnd > rate && r.lagEnd - r.lagStart > rate / 2;
                usage(r, sampler.between(u0, u1), u0, u1);

                LoadGenerator.Done done = load.awaitDone(o.stepDuration().plusSeconds(60));
                if (done == null) {
                    throw new IllegalStateException("the load generator did not finish: " + load.failure());
                }
                r.loadPublished = done.published();
                r.loadFailed = done.failed();
                r.loadMaxBehindMs = done.maxLagMs();
            } finally {
                loadPid.set(-1);
            }
            r.injectedAcked = injector.acked();
            r.expectedReadings = r.loadPublished + r.injectedAcked;

            // drain: every injected alarm on hw.alarms, every sampled point and every reading in InfluxDB
            long drainStart = System.nanoTime();
            long drainEnd = drainStart + o.drainTimeout().toNanos();
            List<AlarmInjector.Injected> injected = injector.injected();
            // Done when every count is in, or when the job has read the whole topic and InfluxDB's count has stopped
            // moving for a flush interval and a second (the load may have made same-sensor, same-ms duplicates, which
            // InfluxDB stores once).
            long settle = s.get(HwOptions.INFLUX_FLUSH_INTERVAL).toNanos() + 1_000_000_000L;
            long lastCount = -1;
            long lastChange = System.nanoTime();
            long nextCount = 0;
            while (System.nanoTime() < drainEnd) {
                boolean alarms = injected.stream().allMatch(i -> watcher.arrival(i.ts()) != null);
                boolean points = probe.pendingCount() == 0;
                if (alarms && points && System.nanoTime() >= nextCount) {
                    long count = countReadings(influx);
                    nextCount = System.nanoTime() + 500_000_000L;
                    if (count != lastCount) {
                        lastCount = count;
                        lastChange = System.nanoTime();
                    }
                    if (count >= r.expectedReadings) {
                        break;
                    }
                    boolean jobDone = FlinkMetricsTap.consumed(r.readingsTopic) >= kafka.end(r.readingsTopic);
                    if (jobDone && System.nanoTime() - lastChange >= settle) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
            r.drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            r.storedReadings = countReadings(influx);
            r.readingsInKafka = kafka.end(r.readingsTopic);
            r.readByJob = FlinkMetricsTap.consumed(r.readingsTopic);
            r.outOfOrder = FlinkMetricsTap.outOfOrder();
            r.deadLetters = kafka.end(s.get(HwOptions.TOPIC_DLQ));

            List<Long> alarmMs = new ArrayList<>();
            List<Long> influxMs = new ArrayList<>();
            List<Long> toEngine = new ArrayList<>();
            List<Long> engineToConsumer = new ArrayList<>();
            for (AlarmInjector.Injected i : injected) {
                Long a = watcher.arrival(i.ts());
                if (a != null) {
                    alarmMs.add(a - i.ts());
                    Long em = watcher.emittedAt(i.ts());
                    if (em != null) {
                        toEngine.add(em - i.ts());
                        engineToConsumer.add(a - em);
                    }
                }
                if (i.raise()) {
                    r.influxSampled++;
                    Long p = probe.seen(i.ts());
                    if (p != null) {
                        influxMs.add(p - i.ts());
                    }
                }
            }
            r.injected = injected.size();
            r.alarmsSeen = alarmMs.size();
            r.alarmsMissing = r.injected - r.alarmsSeen;
            r.otherAlarms = watcher.otherSensors();
            r.alarmLatency = LatencyStats.of(alarmMs);
            r.toEngine = LatencyStats.of(toEngine);
            r.engineToConsumer = LatencyStats.of(engineToConsumer);
            r.influxMissing = r.influxSampled - influxMs.size();
            r.influxLatency = LatencyStats.of(influxMs);
            r.influxQueryMs = probe.meanQueryMs();
            if (watcher.failure() != null) {
                r.error = watcher.failure();
            }
        } catch (Exception e) {
            r.error = describe(e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            current = null;
            if (!o.keepData()) {
                cleanup(s, influx);
            }
        }
        judge(r);
        return r;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    private static int seen(AlarmInjector injector, AlarmWatcher watcher) {
        int n = 0;
        for (AlarmInjector.Injected i : injector.injected()) {
            if (watcher.arrival(i.ts()) != null) {
                n++;
            }
        }
        return n;
    }

    /** Records the job's source has read: from the metric tap, else (before it reports) the committed offsets. */
    private static long consumed(KafkaOffsets kafka, Settings s, StepResult r) throws Exception {
        long c = FlinkMetricsTap.consumed(s.get(HwOptions.TOPIC_READINGS));
        if (c >= 0) {
            r.lagSource = "source position (Flink KafkaSourceReader currentOffset)";
            return c;
        }
        if (r.lagSource == null) {
            r.lagSource = "committed offsets (on checkpoint)";
        }
        return kafka.committed(s.get(HwOptions.KAFKA_GROUP), s.get(HwOptions.TOPIC_READINGS));
    }

    private void usage(StepResult r, ResourceSampler.Usage u, ResourceSampler.Snapshot u0, ResourceSampler.Snapshot u1) {
        r.cores = u.cores();
        r.machineCpuPercent = u.machineBusyPercent();
        r.topThreads.putAll(u.topThreads());
        for (String c : COMPONENTS) {
            Double v = u.cpuPercent().get(c);
            if (v != null) {
                r.cpuPercent.put(c, v);
            }
            Long m = u.peakRssMb().get(c);
            if (m != null) {
                r.rssMb.put(c, m);
            }
        }
        double threads = 0;
        for (String g : List.of("bridge", "job", "harness", "load")) {
            Double v = u.jvmThreadCpuPercent().get(g);
            if (v != null && (v > 0 || !g.equals("load"))) {
                r.jvmCpuPercent.put(g, v);
                threads += v;
            }
        }
        double measured = 0;
        for (String c : COMPONENTS) {
            measured += r.cpuPercent.getOrDefault(c, 0.0);
        }
        if (!Double.isNaN(u.machineBusyPercent())) {
            r.cpuPercent.put(OTHER, Math.max(0, u.machineBusyPercent() - measured));
        }
        Double jvm = u.cpuPercent().get(PIPELINE);
        if (jvm != null) {
            r.jvmCpuPercent.put("jvm (GC, JIT, other)", Math.max(0, jvm - threads));
        }
        if (o.loadInProcess() && r.jvmCpuPercent.containsKey("load")) {
            // the load ran in this JVM: report it as its own component, and the pipeline without it
            r.cpuPercent.put(LOAD, r.jvmCpuPercent.get("load"));
            if (jvm != null) {
                r.cpuPercent.put(PIPELINE, jvm - r.jvmCpuPercent.get("load"));
            }
        }
    }

    /** Sustained: achieved >= 90 % of target, lag not growing, p99 <= 5 s, every injected alarm seen. */
    static void judge(StepResult r) {
        List<String> why = r.notSustainedBecause;
        if (r.error != null) {
            why.add("error: " + r.error);
        }
        if (r.achievedRate < 0.9 * r.targetRate) {
            why.add(String.format("achieved %,.0f/s < 90%% of %,d/s", r.achievedRate, r.targetRate));
        }
        if (r.lagGrowing) {
            why.add(String.format("consumer lag grew from %,d to %,d", r.lagStart, r.lagEnd));
        }
        if (r.alarmLatency.p99() > 5000) {
            why.add(String.format("alarm p99 %,d ms > 5 s", r.alarmLatency.p99()));
        }
        if (r.alarmsMissing > 0) {
            why.add(r.alarmsMissing + " of " + r.injected + " injected alarms not seen within the drain timeout");
        }
        if (r.injected == 0 && r.error == null) {
            why.add("no alarm was injected");
        }
        r.sustained = why.isEmpty();
    }

    private static long countReadings(InfluxConnection c) {
        try (InfluxDB db = c.open()) {
            QueryResult q = db.query(new Query("SELECT count(value) FROM reading", c.database()));
            if (q.hasError() || q.getResults().isEmpty() || q.getResults().get(0).getSeries() == null) {
                return 0;
            }
            return ((Number) q.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void cleanup(Settings s, InfluxConnection influx) {
        try (KafkaOffsets k = new KafkaOffsets(s.get(HwOptions.KAFKA_BOOTSTRAP))) {
            k.delete(Set.of(s.get(HwOptions.TOPIC_READINGS), s.get(HwOptions.TOPIC_ALARMS), s.get(HwOptions.TOPIC_DLQ)));
        } catch (RuntimeException e) {
            // best effort
        }
        try (InfluxDB db = influx.open()) {
            db.query(new Query("DROP DATABASE \"" + influx.database() + "\""));
        } catch (RuntimeException e) {
            // best effort
        }
    }

    private static void sleepUntil(long epochMs) throws InterruptedException {
        long wait = epochMs - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** The pipeline under test, as bin/hazardwatch run runs it, plus the metric tap that reads the source's offsets. */
    private static LocalPipeline startPipeline(Settings s, Catalogue catalogue) throws Exception {
        FlinkMetricsTap.reset();
        LocalPipeline p = LocalPipeline.start(s, catalogue, FlinkMetricsTap.enable(MonitoringJob.flinkConfiguration(s)),
                "HazardWatch monitoring, e2e benchmark (" + catalogue.sensorCount() + " sensors)");
        try {
            p.awaitRunning(java.time.Duration.ofSeconds(90));
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }
}
