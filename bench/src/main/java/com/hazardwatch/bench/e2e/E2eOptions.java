package com.hazardwatch.bench.e2e;

import com.hazardwatch.model.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of the end-to-end benchmark (bin/hazardwatch bench e2e --help lists them).
 *
 * @param rates target readings/s, one step each, in order
 * @param stepDuration measured part of each step (after the warm-up)
 * @param warmup load before the measurement starts (JIT, connections, first checkpoint)
 * @param pack readings per MQTT message of the load (1: one reading per message)
 * @param sensors at least this many sensors: the catalogue is repeated (CatalogueScaler) to get them
 * @param injectEvery one HH-crossing reading and one clearing reading per this period
 * @param influxPoll how often the InfluxDB latency probe queries (its resolution)
 * @param drainTimeout after the load stops, how long to wait for the last alarms and points
 * @param outDir where the JSON, Markdown and PNG go
 * @param loadInProcess run the load generator as a thread of this JVM instead of a separate JVM
 * @param keepData keep each step's Kafka topics and InfluxDB database (default: deleted after the step)
 * @param keepStepping go on with higher rates after a step was not sustained
 * @param progressEvery how often a progress line is printed
 */
public record E2eOptions(
        List<Integer> rates,
        Duration stepDuration,
        Duration warmup,
        int pack,
        int sensors,
        Duration injectEvery,
        Duration influxPoll,
        Duration drainTimeout,
        Path outDir,
        boolean loadInProcess,
        boolean keepData,
        boolean keepStepping,
        Duration progressEvery) {

    public static final List<Integer> DEFAULT_RATES = List.of(10_000, 25_000, 50_000, 100_000);

    public E2eOptions {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("--rates needs at least one rate");
        }
        for (int r : rates) {
            if (r <= 0 || r > 1_000_000) {
                throw new IllegalArgumentException("rate " + r + " is not accepted; use readings/s, 1..1000000");
            }
        }
        if (pack < 1) {
            throw new IllegalArgumentException("--pack must be at least 1");
        }
        if (sensors < 1) {
            throw new IllegalArgumentException("--sensors must be at least 1");
        }
        positive(stepDuration, "--step-duration");
        positive(injectEvery, "--inject-every");
        positive(influxPoll, "--influx-poll");
        positive(progressEvery, "--progress-every");
        if (warmup.isNegative() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("--warmup and --drain-timeout must not be negative");
        }
    }

    private static void positive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final String HELP = """
              --rates R1,R2,...      target readings/s, one step each (default 10000,25000,50000,100000)
              --step-duration D      measured time per step, after the warm-up (default 30s)
              --warmup D             load before measuring, per step (default 10s; stretched, up to 3 x D, until
                                     the job's lag is under a second of input)
              --pack K               readings per MQTT message of the load, QoS 1 (default 100)
              --sensors N            at least N sensors: the catalogue repeated, ids suffixed -C{n} (default 1000:
                                     5 copies of the demo district, 115 enterprises; packs are per enterprise
                                     and wait at most 100 ms, so fewer enterprises make fuller packs)
              --inject-every D       one reading crossing HH and one clearing it per D (default 1s)
              --influx-poll D        InfluxDB latency probe interval = its resolution (default 100ms)
              --drain-timeout D      after the load, wait at most D for the last alarms and points (default 30s)
              --out DIR              results directory (default bench/results)
              --load-in-process      run the load generator as a thread here, not as a separate JVM
              --keep-data            keep each step's topics and database (default: deleted after the step)
              --keep-stepping        go on after a step that was not sustained (default: stop there)
              --progress-every D     progress line interval (default 5s)
              --config FILE          settings file (default config/hazardwatch.properties)
              --catalogue FILE       base catalogue (default: setting catalogue.file)
              --set key=value        override one setting (bin/hazardwatch settings lists them)
            """;

    private static final List<String> WITH_VALUE = List.of("--rates", "--step-duration", "--warmup", "--pack", "--sensors",
            "--inject-every", "--influx-poll", "--drain-timeout", "--progress-every", "--out");

    /** Parses the benchmark's own options; anything else (--config, --catalogue, --set) is left in {@code rest}. */
    public static E2eOptions parse(List<String> given, Path defaultOut, List<String> rest) {
        List<String> args = new ArrayList<>();
        for (String a : given) {
            int eq = a.indexOf('=');
            if (eq > 0 && WITH_VALUE.contains(a.substring(0, eq))) {
                args.add(a.substring(0, eq));
                args.add(a.substring(eq + 1));
            } else {
                args.add(a);
            }
        }
        Builder b = builder().outDir(defaultOut);
        for (int i = 0; i < args.size(); i++) {
            String key = args.get(i);
            if (WITH_VALUE.contains(key) && i + 1 >= args.size()) {
                throw new IllegalArgumentException(key + " needs a value");
            }
            switch (key) {
                case "--rates" -> {
                    List<Integer> rates = new ArrayList<>();
                    for (String r : args.get(++i).split(",")) {
                        rates.add(parseRate(r.trim()));
                    }
                    b.rates(rates);
                }
                case "--step-duration" -> b.stepDuration(Durations.parse(args.get(++i)));
                case "--warmup" -> b.warmup(Durations.parse(args.get(++i)));
                case "--pack" -> b.pack(integer(args.get(++i), key));
                case "--sensors" -> b.sensors(integer(args.get(++i), key));
                case "--inject-every" -> b.injectEvery(Durations.parse(args.get(++i)));
                case "--influx-poll" -> b.influxPoll(Durations.parse(args.get(++i)));
                case "--drain-timeout" -> b.drainTimeout(Durations.parse(args.get(++i)));
                case "--progress-every" -> b.progressEvery(Durations.parse(args.get(++i)));
                case "--out" -> b.outDir(Path.of(args.get(++i)));
                case "--load-in-process" -> b.loadInProcess(true);
                case "--keep-data" -> b.keepData(true);
                case "--keep-stepping" -> b.keepStepping(true);
                default -> {
                    rest.add(key);
                    if ((key.equals("--config") || key.equals("--catalogue") || key.equals("--set")) && i + 1 < args.size()) {
                        rest.add(args.get(++i));
                    }
                }
            }
        }
        return b.build();
    }

    private static int integer(String v, String option) {
        try {
            return Integer.parseInt(v.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + v + "' is not a whole number");
        }
    }

    private static int parseRate(String r) {
        String t = r.toLowerCase().replace("_", "");
        int mult = 1;
        if (t.endsWith("k")) {
            mult = 1000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.toIntExact(Math.round(Double.parseDouble(t) * mult));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + r + "' is not a rate (readings/s, e.g. 10000 or 10k)");
        }
    }

    public static final class Builder {
        private List<Integer> rates = DEFAULT_RATES;
        private Duration stepDuration = Duration.ofSeconds(30);
        private Duration warmup = Duration.ofSeconds(10);
        private int pack = 100;
        private int sensors = 1_000;
        private Duration injectEvery = Duration.ofSeconds(1);
        private Duration influxPoll = Duration.ofMillis(100);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private Path outDir = Path.of("bench/results");
        private boolean loadInProcess;
        private boolean keepData;
        private boolean keepStepping;
        private Duration progressEvery = Duration.ofSeconds(5);

        public Builder rates(List<Integer> v) { rates = v; return this; }
        public Builder stepDuration(Duration v) { stepDuration = v; return this; }
        public Builder warmup(Duration v) { warmup = v; return this; }
        public Builder pack(int v) { pack = v; return this; }
        public Builder sensors(int v) { sensors = v; return this; }
        public Builder injectEvery(Duration v) { injectEvery = v; return this; }
        public Builder influxPoll(Duration v) { influxPoll = v; return this; }
        public Builder drainTimeout(Duration v) { drainTimeout = v; return this; }
        public Builder outDir(Path v) { outDir = v; return this; }
        public Builder loadInProcess(boolean v) { loadInProcess = v; return this; }
        public Builder keepData(boolean v) { keepData = v; return this; }
        public Builder keepStepping(boolean v) { keepStepping = v; return this; }
        public Builder progressEvery(Duration v) { progressEvery = v; return this; }

        public E2eOptions build() {
            return new E2eOptions(rates, stepDuration, warmup, pack, sensors, injectEvery, influxPoll, drainTimeout, outDir,
                    loadInProcess, keepData, keepStepping, progressEvery);
        }
    }
}
