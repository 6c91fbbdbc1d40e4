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
 * bin/hazardwatch bench engine: the monitoring job's whole detection graph ({@link MonitoringJob#defineWorkflow}) on a
 * local MiniCluster, fed from readings pre-generated in memory, into counting sinks that discard; measured next to the
 * same readings through parsing alone and through a plain single-threaded Java reference of the same rules
 * ({@link ReferencePipeline}), so the result reads as ratios. See bench/README.md.
 */
public final class EngineBenchmark {
    /** The throughput the issue asks for, at parallelism {@link #TARGET_PARALLELISM}, on the 2-core machine. */
    public static final double TARGET_READINGS_PER_SECOND = 500_000;
    public static final int TARGET_PARALLELISM = 2;

    public static final String USAGE = """
            usage: bin/hazardwatch bench engine [options]

            The monitoring job's detection graph (MonitoringJob.defineWorkflow: route, limit alarms, InfluxDB lines)
            on a local MiniCluster, fed from pre-generated hw.readings records held in memory, into discarding sinks;
            measured next to the same records through parsing alone (parse-only) and through a plain single-threaded
            Java implementation of the same rules (reference). Reports readings/s (min, median, max) and ratios.

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
    record Run(double seconds, double netSeconds, long readingsAccounted, long alarmEvents, long deadLetters,
               long readingLines, long alarmLines, long otherLines, double cpuSeconds) {
        Run withCpu(double cpu) {
            return new Run(seconds, netSeconds, readingsAccounted, alarmEvents, deadLetters, readingLines, alarmLines, otherLines, cpu);
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
        plans.add(new Plan("reference", 1, () -> reference(data, catalogue)));
        for (int p : o.parallelism()) {
            plans.add(new Plan("engine", p, () -> engine(data, params, p, o)));
        }
        List<Mode> modes = measureInterleaved(o, plans, n);

        List<String> failures = check(modes, n);
        ObjectNode json = json(o, catalogue, data, n, genSeconds, modes, failures);
        json.put("command", command);
        String md = markdown(o, catalogue, data, n, modes, failures) + "\nCommand: `" + command + "`\n";
        System.out.println();
        System.out.print(table(modes, n));
        System.out.println(targetLine(modes, n));
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
        return new Run(s, 0, parsed + rejected, 0, rejected, parsed, 0, 0, 0);
    }

    /** The records through the plain Java reference of the job, one thread, in source order. */
    static Run reference(ReadingData data, Catalogue catalogue) {
        ReferencePipeline ref = new ReferencePipeline(catalogue);
        long t0 = System.nanoTime();
        for (int i = 0, n = data.size(); i < n; i++) {
            ref.accept(data.record(i), i);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (ref.lineChars() == 42) {
            System.out.print("");
        }
        return new Run(s, 0, ref.readingLines() + ref.deadLetters(), ref.alarmEvents(), ref.deadLetters(),
                ref.readingLines(), ref.alarmLines(), 0, 0);
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
                deadLetters, readingLines, CountingSink.get(Counter.ALARM_LINES), CountingSink.get(Counter.OTHER_LINES), 0);
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

    /** Every run accounted for every reading, and the engine produced what the reference did. */
    static List<String> check(List<Mode> modes, long n) {
        List<String> failures = new ArrayList<>();
        Run ref = modes.stream().filter(m -> m.name().equals("reference")).flatMap(m -> m.runs().stream()).findFirst().orElse(null);
        for (Mode m : modes) {
            for (Run r : m.runs()) {
                if (r.readingsAccounted() != n) {
                    failures.add(String.format(Locale.ROOT, "%s accounted for %,d readings of %,d fed", m.label(), r.readingsAccounted(), n));
                }
                if (r.alarmLines() != r.alarmEvents()) {
                    failures.add(String.format(Locale.ROOT, "%s wrote %,d alarm lines for %,d alarm events", m.label(), r.alarmLines(), r.alarmEvents()));
                }
                if (r.otherLines() != 0) {
                    failures.add(String.format(Locale.ROOT, "%s wrote %,d lines that are neither reading nor alarm", m.label(), r.otherLines()));
                }
                if (ref != null && !m.name().equals("parse-only")
                        && (r.alarmEvents() != ref.alarmEvents() || r.deadLetters() != ref.deadLetters())) {
                    failures.add(String.format(Locale.ROOT, "%s: %,d alarm events and %,d dead letters, the reference %,d and %,d",
                            m.label(), r.alarmEvents(), r.deadLetters(), ref.alarmEvents(), ref.deadLetters()));
                }
            }
        }
        return failures;
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
                rj.put("deadLetters", r.deadLetters());
                rj.put("readingLines", r.readingLines());
                rj.put("alarmLines", r.alarmLines());
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
        Run r = find(modes, "reference").runs().get(0);
        sb.append(String.format(Locale.ROOT, "%nPer run: %,d alarm events, %,d dead letters, %,d reading lines (engine and reference alike: %s).%n",
                r.alarmEvents(), r.deadLetters(), r.readingLines(), failures.isEmpty() ? "checked" : "**CHECKS FAILED**"));
        for (String f : failures) {
            sb.append("- CHECK FAILED: ").append(f).append("\n");
        }
        return sb.toString();
    }
}
