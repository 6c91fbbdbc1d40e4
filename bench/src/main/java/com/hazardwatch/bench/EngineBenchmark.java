package com.hazardwatch.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.bench.engine.CountingSink;
import com.hazardwatch.bench.engine.CountingSink.Counter;
import com.hazardwatch.bench.engine.InMemoryReadings;
import com.hazardwatch.bench.engine.ReadingData;
import com.hazardwatch.bench.engine.ReadingGenerator;
import com.hazardwatch.bench.engine.ReferencePipeline;
import com.hazardwatch.bench.engine.Stats;
import com.hazardwatch.jobs.MonitoringJob;
import com.hazardwatch.jobs.rules.RuleDefaults;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectedInputException;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.model.json.ReadingCodec;
import com.hazardwatch.simulators.CatalogueScaler;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * bin/hazardwatch bench engine: the monitoring job's whole graph ({@link MonitoringJob#defineWorkflow}) on a
 * local MiniCluster, fed from readings pre-generated in memory, into counting sinks that discard; measured next to the
 * same readings through parsing alone and through a plain single-threaded Java reference of the same graph
 * ({@link ReferencePipeline}), so the result reads as ratios. See bench/README.md.
 */
public final class EngineBenchmark {
    /** The throughput the issue asks for, at parallelism {@link #TARGET_PARALLELISM}, on the 2-core machine. */
    public static final double TARGET_READINGS_PER_SECOND = 500_000;
    public static final int TARGET_PARALLELISM = 2;

    public static final String USAGE = """
            usage: bin/hazardwatch bench engine [options]

            The monitoring job's graph (MonitoringJob.defineWorkflow: route, sensor rules, gas correlation, alarm
            lifecycle with chattering, risk roll-up, InfluxDB lines) on a local MiniCluster, fed from pre-generated
            hw.readings records held in memory, into discarding sinks; measured next to the same records through
            parsing alone (parse-only) and through a plain single-threaded Java implementation of the same graph with
            the same rule code (reference). Reports readings/s (min, median, max) and ratios.

              --sensors N          sensors that send readings (default 10000; the demo catalogue is repeated until
                                   it has that many); must be a multiple of every parallelism
              --readings N         readings per run (default 2000000: 200 rounds of 10000 sensors, about 10 s
                                   per engine run at p=2 here; rounded down to whole rounds of all sensors)
              --warmup N           warm-up runs per mode, not counted (default 1)
              --reps N             measured runs per mode (default 5)
              --parallelism LIST   engine parallelisms, comma-separated (default 1,2)
              --seed N             seed of the generated readings (default 42)
              --catalogue FILE     base catalogue (default config/catalogue/demo-district.yaml)
              --out DIR            where engine-*.json/.md go (default bench/results)
              --flink-conf K=V     extra Flink configuration for the engine runs, e.g. pipeline.object-reuse=true;
                                   NOT production settings: the output marks them (for experiments only)
              --help               this text

            Memory: the readings stay in the heap (about 200 bytes each: 400 MB for 2 million); pass -Xmx through
            HW_JAVA_OPTS if the default heap (a quarter of RAM) is too small.
            """;

    private EngineBenchmark() {}

    /** Options of one run. */
    public record Options(int sensors, long readings, int warmup, int reps, List<Integer> parallelism, long seed,
                          Path catalogue, Path out, Map<String, String> flinkConf) {
        static Options parse(List<String> args) {
            int sensors = 10_000;
            long readings = 2_000_000;
            int warmup = 1;
            int reps = 5;
            List<Integer> parallelism = List.of(1, 2);
            long seed = 42;
            Path catalogue = LocalServices.demoCatalogue();
            Path out = BenchResults.dir();
            Map<String, String> conf = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--sensors" -> sensors = (int) positive(a, value(args, ++i, a), 1);
                    case "--readings" -> readings = positive(a, value(args, ++i, a), 1);
                    case "--warmup" -> warmup = (int) positive(a, value(args, ++i, a), 0);
                    case "--reps" -> reps = (int) positive(a, value(args, ++i, a), 1);
                    case "--parallelism" -> {
                        List<Integer> ps = new ArrayList<>();
                        for (String p : value(args, ++i, a).split(",")) {
                            ps.add((int) positive(a, p.trim(), 1));
                        }
                        parallelism = List.copyOf(ps);
                    }
                    case "--seed" -> seed = number(a, value(args, ++i, a));
                    case "--catalogue" -> catalogue = Path.of(value(args, ++i, a));
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--flink-conf" -> {
                        String kv = value(args, ++i, a);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--flink-conf takes key=value, got '" + kv + "'");
                        }
                        conf.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            for (int p : parallelism) {
                if (sensors % p != 0) {
                    throw new IllegalArgumentException("--sensors " + sensors + " is not a multiple of parallelism " + p
                            + " (each source subtask reads whole sensors, as a Kafka partition does)");
                }
            }
            if (readings < sensors) {
                throw new IllegalArgumentException("--readings " + readings + " is less than one reading per sensor (" + sensors + ")");
            }
            return new Options(sensors, readings, warmup, reps, parallelism, seed, catalogue, out, Map.copyOf(conf));
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }

        private static long number(String option, String v) {
            try {
                return Long.parseLong(v.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + v + "' is not a whole number");
            }
        }

        private static long positive(String option, String v, long min) {
            long n = number(option, v);
            if (n < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", got " + v);
            }
            return n;
        }
    }

    /** One measured (or warm-up) run of a mode: how long, and what came out (to check it did all the work). */
    record Run(double seconds, double netSeconds, long readingsAccounted, long alarmEvents, long areaEvents, long deadLetters,
               long riskChanges, long riskBreaks, Map<String, String> riskLevels, long readingLines, long alarmLines,
               long riskLines, long otherLines, double cpuSeconds) {
        Run withCpu(double cpu) {
            return new Run(seconds, netSeconds, readingsAccounted, alarmEvents, areaEvents, deadLetters, riskChanges,
                    riskBreaks, riskLevels, readingLines, alarmLines, riskLines, otherLines, cpu);
        }

        /** Alarm transitions of the sensors' own alarms: all but the AREA ones. */
        long sensorAlarmEvents() {
            return alarmEvents - areaEvents;
        }
    }

    /** A mode and its measured runs, with the load average after each. */
    record Mode(String name, int parallelism, List<Run> runs, List<Double> loadAverages) {
        Stats rate(long readings) {
            return Stats.of(runs.stream().map(r -> readings / r.seconds()).toList());
        }

        /** CPU microseconds per reading (this process, all threads). */
        Stats cpuPerReading(long readings) {
            return Stats.of(runs.stream().map(r -> 1e6 * r.cpuSeconds() / readings).toList());
        }

        /** Seconds of each engine run outside the job's own runtime: MiniCluster start, submission, shutdown. */
        Stats outsideJob() {
            return Stats.of(runs.stream().filter(r -> r.netSeconds() > 0).map(r -> r.seconds() - r.netSeconds()).toList());
        }

        Stats netRate(long readings) {
            return Stats.of(runs.stream().filter(r -> r.netSeconds() > 0).map(r -> readings / r.netSeconds()).toList());
        }

        /** Highest 1-minute load average seen after a measured run (the benchmark itself counts for up to its parallelism). */
        double maxLoad() {
            return loadAverages.stream().mapToDouble(Double::doubleValue).max().orElse(-1);
        }

        String label() {
            return name.equals("engine") ? "engine p=" + parallelism : name;
        }
    }

    public static int run(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(USAGE);
            return 0;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench engine: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        String command = "bin/hazardwatch bench engine" + (args.isEmpty() ? "" : " " + String.join(" ", args));
        String javaOpts = System.getenv("HW_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            command = "HW_JAVA_OPTS='" + javaOpts + "' " + command;
        }
        try {
            return measure(o, command);
        } catch (CatalogueException e) {
            System.err.println("bench engine: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("bench engine: " + e.getMessage());
            return 2;
        }
    }

    static int measure(Options o, String command) throws Exception {
        Catalogue catalogue = CatalogueScaler.withAtLeast(CatalogueLoader.load(o.catalogue()), o.sensors());
        long rounds = o.readings() / o.sensors();
        long n = rounds * o.sensors();
        long heap = Runtime.getRuntime().maxMemory();
        long estimate = n * 220;
        if (estimate > heap / 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d readings need about %,d MiB of heap and the JVM has %,d MiB:"
                    + " pass a bigger -Xmx (HW_JAVA_OPTS=-Xmx...) or fewer --readings", n, estimate >> 20, heap >> 20));
        }

        long g0 = System.nanoTime();
        ReadingData data = ReadingGenerator.generate(catalogue, o.sensors(), n, o.seed());
        double genSeconds = (System.nanoTime() - g0) / 1e9;
        ReadingData.Composition comp = data.composition();
        System.out.printf(Locale.ROOT, "engine benchmark: %,d readings of %,d sensors (%,d rounds; catalogue %s, %,d sensors),"
                        + " %,d MiB of JSON (%d bytes each on average), generated in %.1f s%n",
                n, o.sensors(), rounds, catalogue.name(), catalogue.sensorCount(), data.totalBytes() >> 20,
                data.totalBytes() / n, genSeconds);
        System.out.printf(Locale.ROOT, "  in them: %,d sensors ramping through their limits, %,d bad quality, %,d unknown sensor,"
                + " %,d malformed%n", comp.sensorsWithExcursions(), comp.badQuality(), comp.unknownSensor(), comp.malformed());
        System.out.println("  engine: local MiniCluster, checkpointing OFF, restart strategy none, object reuse "
                + (OBJECT_REUSE ? "on" : "off") + " (as in production), sinks discard and count"
                + (o.flinkConf().isEmpty() ? "" : "; NOT production, extra Flink configuration " + o.flinkConf()));
        System.out.printf(Locale.ROOT, "  %d warm-up run(s) per mode, then %d round(s) of one measured run of each mode; heap max %,d MiB; %d cores%n",
                o.warmup(), o.reps(), heap >> 20, Runtime.getRuntime().availableProcessors());

        Settings settings = Settings.load(Files.exists(LocalServices.settingsFile()) ? LocalServices.settingsFile() : null, Map.of());
        MonitoringJob.Params params = new MonitoringJob.Params(catalogue,
                settings.get(HwOptions.JOB_OUT_OF_ORDERNESS), settings.get(HwOptions.JOB_IDLE_TIMEOUT));

        List<Plan> plans = new ArrayList<>();
        plans.add(new Plan("parse-only", 1, () -> parseOnly(data)));
        plans.add(new Plan("reference", 1, () -> reference(data, params)));
        for (int p : o.parallelism()) {
            plans.add(new Plan("engine", p, () -> engine(data, params, p, o)));
        }
        List<Mode> modes = measureInterleaved(o, plans, n);

        List<String> failures = check(modes, n, shortestStaleMs(catalogue));
        ObjectNode json = json(o, catalogue, data, n, genSeconds, modes, failures);
        json.put("command", command);
        String md = markdown(o, catalogue, data, n, modes, failures) + "\nCommand: `" + command + "`\n";
        System.out.println();
        System.out.print(table(modes, n));
        System.out.println(targetLine(modes, n));
        for (Mode m : modes) {
            if (!m.name().equals("parse-only")) {
                System.out.printf(Locale.ROOT, "%-12s per run: %s alarm transitions (%s AREA), %s risk changes, %s risk levels not blue"
                                + " at the end, %s dead letters%n", m.label(), range(m, Run::alarmEvents), range(m, Run::areaEvents),
                        range(m, Run::riskChanges), range(m, r -> r.riskLevels().size()), range(m, Run::deadLetters));
            }
        }
        for (String f : failures) {
            System.out.println("CHECK FAILED: " + f);
        }
        Path file = BenchResults.write(o.out(), "engine", json, md);
        System.out.println("results: " + file + " (and engine-latest.json/.md)");
        return failures.isEmpty() ? 0 : 1;
    }

    private interface Measurement {
        Run once() throws Exception;
    }

    private record Plan(String name, int parallelism, Measurement measurement) {
        String label() {
            return name.equals("engine") ? "engine p=" + parallelism : name;
        }
    }

    /**
     * Warm-up runs of every mode, then the repetitions round-robin (rep 1 of every mode, then rep 2, ...), so that
     * whatever else the machine is doing at some moment falls on all modes alike rather than on one.
     */
    private static List<Mode> measureInterleaved(Options o, List<Plan> plans, long n) throws Exception {
        List<List<Run>> runs = new ArrayList<>();
        List<List<Double>> loads = new ArrayList<>();
        for (Plan p : plans) {
            runs.add(new ArrayList<>());
            loads.add(new ArrayList<>());
            for (int i = 0; i < o.warmup(); i++) {
                once(p, "warm-up " + (i + 1) + "/" + o.warmup(), n);
            }
        }
        for (int rep = 0; rep < o.reps(); rep++) {
            for (int k = 0; k < plans.size(); k++) {
                Plan p = plans.get(k);
                Run r = once(p, "rep " + (rep + 1) + "/" + o.reps(), n);
                runs.get(k).add(r);
                loads.get(k).add(loadAverage());
            }
        }
        List<Mode> modes = new ArrayList<>();
        for (int k = 0; k < plans.size(); k++) {
            modes.add(new Mode(plans.get(k).name(), plans.get(k).parallelism(), runs.get(k), loads.get(k)));
        }
        return modes;
    }

    private static Run once(Plan p, String which, long n) throws Exception {
        System.gc();
        double cpu0 = processCpuSeconds();
        Run r = p.measurement().once();
        r = r.withCpu(processCpuSeconds() - cpu0);
        System.out.printf(Locale.ROOT, "%-12s %-12s %,12.0f readings/s   (%.2f s%s; CPU %.2f us/reading; load average %.1f)%n",
                p.label(), which, n / r.seconds(), r.seconds(), r.netSeconds() > 0
                        ? String.format(Locale.ROOT, ", job net runtime %.2f s", r.netSeconds()) : "", 1e6 * r.cpuSeconds() / n,
                loadAverage());
        return r;
    }

    /** CPU time of this process so far (all threads: task threads, GC, JIT), or 0 where unknown. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    /** The 1-minute system load average (the benchmark itself adds up to its parallelism), or -1 where unknown. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The records through ReadingCodec.fromJson alone, one thread, in source order. */
    static Run parseOnly(ReadingData data) {
        long blackhole = 0;
        long parsed = 0;
        long rejected = 0;
        long t0 = System.nanoTime();
        for (int i = 0, n = data.size(); i < n; i++) {
            try {
                Reading r = ReadingCodec.fromJson(data.record(i));
                blackhole += r.ts() ^ Double.doubleToRawLongBits(r.value()) ^ r.sensor().length();
                parsed++;
            } catch (RejectedInputException e) {
                rejected++;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (blackhole == 42) {
            System.out.print(""); // keeps the sum alive
        }
        return new Run(s, 0, parsed + rejected, 0, 0, rejected, 0, 0, Map.of(), parsed, 0, 0, 0, 0);
    }

    /** The records through the plain Java reference of the job, one thread, in source order, then the end of input. */
    static Run reference(ReadingData data, MonitoringJob.Params params) {
        ReferencePipeline ref = new ReferencePipeline(params);
        long t0 = System.nanoTime();
        for (int i = 0, n = data.size(); i < n; i++) {
            ref.accept(data.record(i), i);
        }
        ref.finish();
        double s = (System.nanoTime() - t0) / 1e9;
        if (ref.lineChars() == 42) {
            System.out.print("");
        }
        return new Run(s, 0, ref.readingLines() + ref.deadLetters(), ref.alarmEvents(), ref.areaEvents(), ref.deadLetters(),
                ref.riskChanges(), ref.riskBreaks(), ref.riskLevels(), ref.readingLines(), ref.alarmLines(), ref.riskLines(), 0, 0);
    }

    /** One execution of the job's graph on a fresh local MiniCluster; the time is env.execute()'s wall time. */
    static Run engine(ReadingData data, MonitoringJob.Params params, int parallelism, Options o) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, flinkConfiguration(o));
        // no env.enableCheckpointing(...): checkpointing is off for the measurement
        MonitoringJob.defineWorkflow(env, InMemoryReadings.source(data, parallelism),
                new MonitoringJob.Sinks(CountingSink.alarms(), CountingSink.deadLetters(), CountingSink.influxLines(),
                        CountingSink.risk()), params);
        CountingSink.reset();
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("HazardWatch engine benchmark, parallelism " + parallelism);
        double s = (System.nanoTime() - t0) / 1e9;
        long readingLines = CountingSink.get(Counter.READING_LINES);
        long deadLetters = CountingSink.get(Counter.DEAD_LETTERS);
        return new Run(s, result.getNetRuntime() / 1000.0, readingLines + deadLetters, CountingSink.get(Counter.ALARM_EVENTS),
                CountingSink.get(Counter.AREA_EVENTS), deadLetters, CountingSink.get(Counter.RISK_CHANGES),
                CountingSink.riskBreaks(), CountingSink.riskLevels(), readingLines, CountingSink.get(Counter.ALARM_LINES),
                CountingSink.get(Counter.RISK_LINES), CountingSink.get(Counter.OTHER_LINES), 0);
    }

    /** The production job's Flink settings as far as they matter here (none are tuned), plus --flink-conf. */
    static Configuration flinkConfiguration(Options o) {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure ends the run instead of retrying it
        c.addAll(Configuration.fromMap(o.flinkConf()));
        return c;
    }

    /** MonitoringJob.defineWorkflow turns object reuse on (production does too), whatever the configuration says. */
    private static final boolean OBJECT_REUSE = true;

    /**
     * What every run must show, else it skipped work or lost output:
     * <ul>
     *   <li>every reading accounted for: reading lines + dead letters = readings fed;</li>
     *   <li>InfluxDB lines by measurement: one alarm line per alarm transition, one risk line per risk change, 1-minute
     *       rollups (reading_1m, counted apart), no line of another measurement;</li>
     *   <li>every risk change continues from the level last reported for its scope and id;</li>
     *   <li>engine against the reference: the same dead letters, the same alarm transitions of the sensors' own alarms,
     *       and the same risk map at the end (the level of every source, enterprise and town after its last change);
     *       at parallelism 1 also the same AREA transitions.</li>
     * </ul>
     * Not compared, because the job's own output depends on arrival order there: the AREA transitions at parallelism
     * above 1 (the gas correlation of a source takes its detectors' alarms in the order they arrive from several
     * sensor-rules subtasks) and the number of risk changes (a town's board takes alarms from several channels: the
     * lifecycle's subtasks, and the AREA alarms, which join the lifecycle by way of the correlation). Both are reported.
     *
     * @param staleMs the shortest no-data period of the catalogue: an engine run longer than that may raise STALE
     *     (processing time), which the reference does not model; a mismatch then says so
     */
    static List<String> check(List<Mode> modes, long n, long staleMs) {
        List<String> failures = new ArrayList<>();
        Run ref = modes.stream().filter(m -> m.name().equals("reference")).flatMap(m -> m.runs().stream()).findFirst().orElse(null);
        for (Mode m : modes) {
            for (Run r : m.runs()) {
                String label = m.label();
                if (r.readingsAccounted() != n) {
                    failures.add(String.format(Locale.ROOT, "%s accounted for %,d readings of %,d fed", label, r.readingsAccounted(), n));
                }
                if (r.alarmLines() != r.alarmEvents()) {
                    failures.add(String.format(Locale.ROOT, "%s wrote %,d alarm lines for %,d alarm transitions", label, r.alarmLines(), r.alarmEvents()));
                }
                if (r.riskLines() != r.riskChanges()) {
                    failures.add(String.format(Locale.ROOT, "%s wrote %,d risk lines for %,d risk changes", label, r.riskLines(), r.riskChanges()));
                }
                if (r.otherLines() != 0) {
                    failures.add(String.format(Locale.ROOT, "%s wrote %,d lines that are neither reading, alarm nor risk", label, r.otherLines()));
                }
                if (r.riskBreaks() != 0) {
                    failures.add(String.format(Locale.ROOT, "%s: %,d risk changes do not continue from the level last reported"
                            + " for their scope and id", label, r.riskBreaks()));
                }
                if (ref == null || !m.name().equals("engine")) {
                    continue;
                }
                String stale = r.seconds() * 1000 >= staleMs ? String.format(Locale.ROOT, " (the run took %.0f s: sensors"
                        + " silent for %.0f s of wall clock go STALE in the engine, which the reference does not model;"
                        + " use fewer --readings)", r.seconds(), staleMs / 1000.0) : "";
                if (r.deadLetters() != ref.deadLetters()) {
                    failures.add(String.format(Locale.ROOT, "%s: %,d dead letters, the reference %,d", label, r.deadLetters(), ref.deadLetters()));
                }
                if (r.sensorAlarmEvents() != ref.sensorAlarmEvents()) {
                    failures.add(String.format(Locale.ROOT, "%s: %,d alarm transitions of sensors' own alarms, the reference %,d%s",
                            label, r.sensorAlarmEvents(), ref.sensorAlarmEvents(), stale));
                }
                if (m.parallelism() == 1 && r.areaEvents() != ref.areaEvents()) {
                    failures.add(String.format(Locale.ROOT, "%s: %,d AREA alarm transitions, the reference %,d", label, r.areaEvents(),
                            ref.areaEvents()));
                }
                if (!r.riskLevels().equals(ref.riskLevels())) {
                    failures.add(String.format(Locale.ROOT, "%s: risk map at the end differs from the reference's: %s%s", label,
                            difference(r.riskLevels(), ref.riskLevels()), stale));
                }
            }
        }
        return failures;
    }

    /** The first few entries in which two risk maps differ, "id engine/reference". */
    private static String difference(Map<String, String> engine, Map<String, String> reference) {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(engine.keySet());
        ids.addAll(reference.keySet());
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            String e = engine.getOrDefault(id, "blue");
            String f = reference.getOrDefault(id, "blue");
            if (!e.equals(f)) {
                out.add(id + " " + e + "/" + f);
            }
        }
        return out.size() + " differ (engine/reference): " + String.join(", ", out.subList(0, Math.min(5, out.size())))
                + (out.size() > 5 ? ", ..." : "");
    }

    /** The shortest no-data (STALE) period of any sensor of the catalogue. */
    static long shortestStaleMs(Catalogue catalogue) {
        return catalogue.sensors().stream().mapToLong(RuleDefaults::staleAfterMs).min().orElse(Long.MAX_VALUE);
    }

    private static Mode find(List<Mode> modes, String name) {
        return modes.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    static String table(List<Mode> modes, long n) {
        double ref = find(modes, "reference").rate(n).median();
        double parse = find(modes, "parse-only").rate(n).median();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-12s %12s %12s %12s %7s %6s %7s %15s %11s %10s %5s%n", "mode", "median/s", "min/s", "max/s",
                "spread", "/ref", "/parse", "median/s (net)", "outside s", "CPU us/rd", "load"));
        for (Mode m : modes) {
            Stats s = m.rate(n);
            Stats net = m.netRate(n);
            sb.append(String.format(Locale.ROOT, "%-12s %,12.0f %,12.0f %,12.0f %6.1f%% %6.2f %7.2f %15s %11s %10.2f %5.1f%n", m.label(), s.median(),
                    s.min(), s.max(), 100 * s.spread(), s.median() / ref, s.median() / parse,
                    net.n() == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", net.median()),
                    net.n() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", m.outsideJob().median()), m.cpuPerReading(n).median(), m.maxLoad()));
        }
        return sb.toString();
    }

    static String targetLine(List<Mode> modes, long n) {
        Mode m = modes.stream().filter(x -> x.name().equals("engine") && x.parallelism() == TARGET_PARALLELISM).findFirst().orElse(null);
        if (m == null) {
            return String.format(Locale.ROOT, "target %,.0f readings/s at parallelism %d: not measured (no engine run at p=%d)",
                    TARGET_READINGS_PER_SECOND, TARGET_PARALLELISM, TARGET_PARALLELISM);
        }
        double median = m.rate(n).median();
        double f = median / TARGET_READINGS_PER_SECOND;
        return String.format(Locale.ROOT, "target %,.0f readings/s at parallelism %d: %s (median %,.0f/s = %.2f x the target%s)",
                TARGET_READINGS_PER_SECOND, TARGET_PARALLELISM, f >= 1 ? "MET" : "NOT MET", median, f,
                f >= 1 ? "" : String.format(Locale.ROOT, "; %.2f x faster needed", 1 / f));
    }

    private static ObjectNode json(Options o, Catalogue catalogue, ReadingData data, long n, double genSeconds, List<Mode> modes,
                                   List<String> failures) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("benchmark", "engine");
        ObjectNode cfg = root.putObject("config");
        cfg.put("sensors", o.sensors());
        cfg.put("readings", n);
        cfg.put("rounds", data.rounds());
        cfg.put("warmup", o.warmup());
        cfg.put("reps", o.reps());
        ArrayNode ps = cfg.putArray("parallelism");
        o.parallelism().forEach(ps::add);
        cfg.put("seed", o.seed());
        cfg.put("catalogue", catalogue.name());
        cfg.put("catalogueSensors", catalogue.sensorCount());
        cfg.put("checkpointing", false);
        cfg.put("objectReuse", OBJECT_REUSE);
        cfg.put("productionSettings", o.flinkConf().isEmpty());
        ObjectNode fc = cfg.putObject("flinkConf");
        o.flinkConf().forEach(fc::put);
        cfg.put("flinkVersion", EnvironmentInformation.getVersion());
        cfg.put("heapMaxMiB", Runtime.getRuntime().maxMemory() >> 20);

        ObjectNode d = root.putObject("data");
        d.put("records", data.size());
        d.put("bytes", data.totalBytes());
        d.put("averageRecordBytes", data.totalBytes() / (double) n);
        d.put("generationSeconds", genSeconds);
        d.put("sensorsWithExcursions", data.composition().sensorsWithExcursions());
        d.put("badQuality", data.composition().badQuality());
        d.put("unknownSensor", data.composition().unknownSensor());
        d.put("malformed", data.composition().malformed());

        double ref = find(modes, "reference").rate(n).median();
        double parse = find(modes, "parse-only").rate(n).median();
        ArrayNode ms = root.putArray("modes");
        for (Mode m : modes) {
            ObjectNode j = ms.addObject();
            j.put("mode", m.name());
            j.put("label", m.label());
            j.put("parallelism", m.parallelism());
            stats(j.putObject("readingsPerSecond"), m.rate(n));
            if (m.name().equals("engine")) {
                stats(j.putObject("readingsPerSecondByNetRuntime"), m.netRate(n));
                stats(j.putObject("secondsOutsideJob"), m.outsideJob());
            }
            stats(j.putObject("cpuMicrosPerReading"), m.cpuPerReading(n));
            j.put("ratioToReference", m.rate(n).median() / ref);
            j.put("ratioToParseOnly", m.rate(n).median() / parse);
            ArrayNode runs = j.putArray("runs");
            for (Run r : m.runs()) {
                ObjectNode rj = runs.addObject();
                rj.put("seconds", r.seconds());
                if (r.netSeconds() > 0) {
                    rj.put("netRuntimeSeconds", r.netSeconds());
                }
                rj.put("readingsPerSecond", n / r.seconds());
                rj.put("cpuSeconds", r.cpuSeconds());
                rj.put("readingsFed", n);
                rj.put("readingsAccounted", r.readingsAccounted());
                rj.put("alarmEvents", r.alarmEvents());
                rj.put("areaAlarmEvents", r.areaEvents());
                rj.put("deadLetters", r.deadLetters());
                rj.put("riskChanges", r.riskChanges());
                rj.put("riskLevelsNotBlueAtEnd", r.riskLevels().size());
                rj.put("riskChangeBreaks", r.riskBreaks());
                rj.put("readingLines", r.readingLines());
                rj.put("alarmLines", r.alarmLines());
                rj.put("riskLines", r.riskLines());
                rj.put("otherLines", r.otherLines());
            }
            ArrayNode la = j.putArray("loadAverages");
            m.loadAverages().forEach(la::add);
        }
        ObjectNode t = root.putObject("target");
        t.put("readingsPerSecond", TARGET_READINGS_PER_SECOND);
        t.put("parallelism", TARGET_PARALLELISM);
        modes.stream().filter(m -> m.name().equals("engine") && m.parallelism() == TARGET_PARALLELISM).findFirst().ifPresentOrElse(m -> {
            double median = m.rate(n).median();
            t.put("measuredMedian", median);
            t.put("met", median >= TARGET_READINGS_PER_SECOND);
            t.put("factor", median / TARGET_READINGS_PER_SECOND);
        }, () -> t.putNull("met"));
        ObjectNode c = root.putObject("checks");
        c.put("passed", failures.isEmpty());
        ArrayNode f = c.putArray("failures");
        failures.forEach(f::add);
        return root;
    }

    /** "1,234" when every run of the mode gave the same, else "min–max". */
    private static String range(Mode m, java.util.function.ToLongFunction<Run> f) {
        long lo = m.runs().stream().mapToLong(f).min().orElse(0);
        long hi = m.runs().stream().mapToLong(f).max().orElse(0);
        return lo == hi ? String.format(Locale.ROOT, "%,d", lo) : String.format(Locale.ROOT, "%,d–%,d", lo, hi);
    }

    private static void stats(ObjectNode j, Stats s) {
        j.put("min", s.min());
        j.put("median", s.median());
        j.put("max", s.max());
        j.put("n", s.n());
    }

    private static String markdown(Options o, Catalogue catalogue, ReadingData data, long n, List<Mode> modes, List<String> failures) {
        double ref = find(modes, "reference").rate(n).median();
        double parse = find(modes, "parse-only").rate(n).median();
        StringBuilder sb = new StringBuilder();
        sb.append("# Engine benchmark\n\n");
        sb.append(String.format(Locale.ROOT, "%,d readings of %,d sensors (%,d rounds, %d bytes of JSON each on average; catalogue: %s, %,d sensors);"
                        + " %,d sensors ramp through their limits. %d warm-up run(s), then %d measured run(s) per mode, interleaved across modes.%n%n",
                n, o.sensors(), data.rounds(), data.totalBytes() / n, catalogue.name(), catalogue.sensorCount(),
                data.composition().sensorsWithExcursions(), o.warmup(), o.reps()));
        sb.append("Engine: `MonitoringJob.defineWorkflow` on a local MiniCluster, checkpointing off, object reuse ")
                .append(OBJECT_REUSE ? "on" : "off").append(" (as in production), discarding sinks; the time is the wall time of"
                        + " `env.execute()`, MiniCluster start and stop included (\"median by job runtime\": divided by the job's own runtime"
                        + " instead; \"outside the job\": the seconds of each run that are not job runtime). \"load\": the highest 1-minute load"
                        + " average after a measured run; above the mode's own parallelism, other work shared the cores. \"CPU µs/reading\":"
                        + " CPU time of the whole benchmark process (every thread, GC and JIT included) per reading, less sensitive"
                        + " to other work on the machine than readings/s.")
                .append(o.flinkConf().isEmpty() ? "" : " **Not production settings:** " + o.flinkConf() + ".").append("\n\n");
        sb.append("| mode | median readings/s | min | max | spread | / reference | / parse-only | median by job runtime | outside the job (s) | CPU µs/reading | load |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Mode m : modes) {
            Stats s = m.rate(n);
            Stats net = m.netRate(n);
            sb.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.1f %% | %.2f | %.2f | %s | %s | %.2f | %.1f |%n", m.label(), s.median(),
                    s.min(), s.max(), 100 * s.spread(), s.median() / ref, s.median() / parse,
                    net.n() == 0 ? "" : String.format(Locale.ROOT, "%,.0f", net.median()),
                    net.n() == 0 ? "" : String.format(Locale.ROOT, "%.2f", m.outsideJob().median()), m.cpuPerReading(n).median(), m.maxLoad()));
        }
        sb.append("\n").append(targetLine(modes, n)).append("\n");
        sb.append("\nWhat each mode produced per run (a range where the runs differed). Checked against the reference: reading"
                + " lines + dead letters = readings fed, dead letters, alarm transitions of the sensors' own alarms, AREA"
                + " transitions at p=1, the risk map at the end (levels not blue after the last change), one line per reading,"
                + " alarm transition and risk change, no other line. Risk changes, and AREA transitions above p=1, depend on the"
                + " order in which alarms arrive from several channels and are reported only (bench/README.md, Checks).\n\n");
        sb.append("| mode | alarm transitions | of them AREA | risk changes | risk levels not blue at the end | dead letters | reading lines |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Mode m : modes) {
            if (m.name().equals("parse-only")) {
                continue;
            }
            sb.append("| ").append(m.label()).append(" | ").append(range(m, Run::alarmEvents)).append(" | ")
                    .append(range(m, Run::areaEvents)).append(" | ").append(range(m, Run::riskChanges)).append(" | ")
                    .append(range(m, r -> r.riskLevels().size())).append(" | ").append(range(m, Run::deadLetters))
                    .append(" | ").append(range(m, Run::readingLines)).append(" |\n");
        }
        sb.append("\nChecks: ").append(failures.isEmpty() ? "passed" : "**FAILED**").append("\n");
        for (String f : failures) {
            sb.append("- CHECK FAILED: ").append(f).append("\n");
        }
        return sb.toString();
    }
}
