package com.hazardwatch.cli;

import com.hazardwatch.connectors.influx.InfluxConnection;
import com.hazardwatch.jobs.LocalPipeline;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.json.AlarmCodec;
import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.Scenarios;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.SimulatorStats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * bin/hazardwatch demo: bridge + job + simulator playing three scenarios on the demo catalogue (an overfill on
 * E01-LT101, enterprise E14's gateway down, sensor E05-TT101 dead), alarms printed as they arrive on hw.alarms, then
 * a report read back from InfluxDB and Kafka, where to look, and a checklist of the alarms the scenarios should have
 * caused: exit 0 only when every line of it is yes.
 */
final class DemoCommand {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The tank the overfill drives. */
    static final String TANK = Scenarios.DEFAULT_OVERFILL_SENSOR;
    /**
     * The enterprise whose gateway goes down: a small LPG filling station without a major hazard source, one pressure
     * transmitter and two gas detectors, so that its STALE, SUPPRESSED and LINK_DOWN lines stay few and readable.
     */
    static final String OUTAGE_ENTERPRISE = Scenarios.DEFAULT_OUTAGE_ENTERPRISE;
    /** The dead transmitter: a tank temperature of another small enterprise, whose other sensors keep reporting. */
    static final String DEAD_SENSOR = Scenarios.DEFAULT_DEAD_SENSOR;
    /** When the scenarios start. */
    static final Duration START = Duration.ofSeconds(10);
    /** How long the outage and the dead sensor stay silent. */
    static final Duration SILENCE = Duration.ofSeconds(100);
    /** Long enough for everything to raise and clear with the default stale periods, with room to spare. */
    static final Duration DEFAULT_FOR = Duration.ofSeconds(150);
    /** The silences end at +110 s, the sensors report again within an interval (2 s), the job needs a moment. */
    static final Duration NEEDED = START.plus(SILENCE).plusSeconds(10);
    /**
     * Alarms emitted this long after the simulator stopped are left out: by then the end of the run is a silence of
     * its own (gas detectors go STALE 30 s after their last reading), no incident of the demo.
     */
    static final Duration LISTEN_AFTER_END = Duration.ofSeconds(20);

    static final String HELP = """
            usage: bin/hazardwatch demo [--for DURATION] [options]

            Runs the bridge, the monitoring job and the simulator on the demo catalogue for DURATION (default
            150s, counted from when the pipeline is up), prints alarms as they arrive on hw.alarms, then a report
            from InfluxDB and Kafka and a checklist. Every sensor reports every 2s; on top of that, from +10s:

              overfill        tank level E01-LT101 rises through H (85 %) and HH (95 %) to 97 % by +45s, holds 10s,
                              falls back below H - deadband at about +62s and is normal again at +75s
                              -> HIGH escalating to HIGH_HIGH, RATE_OF_CHANGE, FORECAST_HH; then cleared
              gateway outage  enterprise E14 (one pressure transmitter, two gas detectors) publishes nothing
                              from +10s to +1m50s
                              -> STALE for its gas detectors after 30s and its pressure transmitter after 60s,
                                 then one LINK_DOWN for E14 with their STALE alarms SUPPRESSED; all cleared by
                                 the first readings after +1m50s
              dead sensor     E05-TT101 (tank temperature) publishes nothing from +10s to +1m50s while the
                              other sensors of E05 report
                              -> STALE after 60s (about +1m10s), cleared by its first reading after +1m50s

            Checklist at the end, one line per expected behaviour with yes/NO and the alarm id and detail seen:
            limit (HIGH_HIGH raised and cleared on E01-LT101), rate of change (RATE_OF_CHANGE raised), forecast
            (FORECAST_HH raised), dead sensor (STALE raised and cleared for E05-TT101), gateway outage (LINK_DOWN
            raised and cleared for E14). Exit status 0 when every line is yes; otherwise it says what is missing
            and what to try. bin/hazardwatch demo also starts and stops the local services.

              --for DURATION       e.g. 150s, 3m (default 150s; at least 2m for everything to raise and clear)
            """;

    private DemoCommand() {}

    static int run(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(HELP + PipelineOptions.HELP);
            return 0;
        }
        Duration duration = DEFAULT_FOR;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--for")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--for needs a duration, e.g. --for 150s");
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
        SimulatorOptions so = CommandLines.withAccess(SimulatorOptions.builder(), s)
                .mqttUrl(s.get(HwOptions.MQTT_URL))
                .topicRoot(s.get(HwOptions.MQTT_TOPIC_ROOT))
                .scenarios(scenarios())
                .duration(duration)
                .build();
        Scenarios.createAll(so, catalogue); // a catalogue without the demo's tank, enterprise or sensor stops here
        Expectations expect = Expectations.of(catalogue, duration);
        if (duration.compareTo(NEEDED) < 0) {
            System.out.println("hazardwatch demo: note: the silences end at +" + Durations.format(START.plus(SILENCE))
                    + " and their alarms clear after that; with --for " + Durations.format(duration)
                    + " they may not (use at least " + Durations.format(NEEDED) + ", default " + Durations.format(DEFAULT_FOR) + ")");
        }

        step("starting bridge and monitoring job (" + catalogue.sensorCount() + " sensors, " + catalogue.enterprises().size()
                + " enterprises)");
        long started = System.currentTimeMillis();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicLong listenUntil = new AtomicLong(Long.MAX_VALUE);
        List<AlarmEvent> seen = new CopyOnWriteArrayList<>();
        Thread watcher;
        SimulatorStats simStats;
        try (LocalPipeline p = LocalPipeline.start(s, catalogue);
             Companions companions = Companions.start(s, catalogue)) {
            p.awaitRunning(Duration.ofSeconds(60));
            watcher = new Thread(() -> watchAlarms(s, watching, listenUntil, seen), "demo-alarm-watcher");
            watcher.setDaemon(true);
            watcher.start();

            step("simulating for " + Durations.format(duration) + ": every sensor every 2s; from +" + Durations.format(START)
                    + " overfill on " + TANK + ", and until +" + Durations.format(START.plus(SILENCE)) + " " + OUTAGE_ENTERPRISE
                    + "'s gateway down and " + DEAD_SENSOR + " dead");
            step("expected: " + expect.timeline());
            String consoleUrl = companions.consoleUrl(s);
            if (consoleUrl != null) {
                step("watch it live: open " + consoleUrl + " and log in as operator / operator-demo; " + TANK
                        + "'s alarms appear at about +" + Durations.format(START.plusSeconds(34))
                        + ": acknowledge one, and see the board (" + consoleUrl + "/board) turn colour");
            }
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
            listenUntil.set(System.currentTimeMillis() + LISTEN_AFTER_END.toMillis());
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
        return report(s, catalogue, started, simStats, seen, expect);
    }

    /** The three scenarios the demo plays. */
    static List<ScenarioSpec> scenarios() {
        return List.of(
                new ScenarioSpec(Scenarios.OVERFILL, TANK, START, null),
                new ScenarioSpec(Scenarios.GATEWAY_OUTAGE, OUTAGE_ENTERPRISE, START, SILENCE),
                new ScenarioSpec(Scenarios.DEAD_SENSOR, DEAD_SENSOR, START, SILENCE));
    }

    private static void step(String what) {
        System.out.println("[" + CLOCK.format(Instant.now()) + "] " + what);
    }

    /**
     * Prints each alarm event as it arrives on hw.alarms (from the end of the topic as the demo starts), up to those
     * emitted at {@code listenUntil}.
     */
    private static void watchAlarms(Settings s, AtomicBoolean watching, AtomicLong listenUntil, List<AlarmEvent> seen) {
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
            boolean ignoring = false;
            while (watching.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
                    try {
                        AlarmEvent e = AlarmCodec.fromJson(r.value());
                        if (e.emittedAt() > listenUntil.get()) {
                            if (!ignoring) {
                                ignoring = true;
                                System.out.println("  (alarms from " + Durations.format(LISTEN_AFTER_END)
                                        + " after the simulator stopped are left out: the end of the run is no incident)");
                            }
                            continue;
                        }
                        seen.add(e);
                        System.out.println("  " + alarmLine(e));
                    } catch (java.io.IOException ex) {
                        System.out.println("  (unreadable record on " + r.topic() + ": " + ex.getMessage() + ")");
                    }
                }
            }
        }
    }

    /**
     * One alarm event as the demo prints it, e.g.
     * {@code ALARM ESCALATE   HIGH_HIGH      E01-LT101  value 95.90 (limit 95.00) at 10:00:44  95.9 % >= HH 95 %, id ...};
     * a no-data alarm says what went silent instead of a value ({@code STALE E05-TT101 no data (sensor of E05)},
     * {@code LINK_DOWN E14 enterprise: no data from any of its sensors}; the sensor field of LINK_DOWN is the
     * enterprise id), and a suppressed one says so.
     */
    static String alarmLine(AlarmEvent e) {
        StringBuilder sb = new StringBuilder(String.format("ALARM %-10s %-14s %-10s", e.transition(), e.type(), e.sensor()));
        boolean clear = e.transition() == AlarmTransition.CLEAR;
        if (e.type() == AlarmType.LINK_DOWN) {
            sb.append(clear ? " enterprise: its sensors report again" : " enterprise: no data from any of its sensors");
        } else if (e.type() == AlarmType.STALE) {
            sb.append(clear ? " reports again" : " no data").append(e.enterprise() == null ? "" : " (sensor of " + e.enterprise() + ")");
        } else if (Double.isFinite(e.value())) {
            sb.append(String.format(" value %.2f", e.value()));
            if (Double.isFinite(e.limit())) {
                sb.append(String.format(" (limit %.2f)", e.limit()));
            }
        }
        sb.append(" at ").append(CLOCK.format(Instant.ofEpochMilli(e.ts())));
        if (e.detail() != null && !e.detail().isBlank()) {
            sb.append("  ").append(e.detail());
        }
        if (e.state() == AlarmState.SUPPRESSED) {
            sb.append("  [SUPPRESSED]");
        }
        return sb.append(", id ").append(e.alarmId()).toString();
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
        try (InfluxDB db = InfluxConnection.from(s).open()) {
            // each measurement lives in its retention policy: readings in raw, alarms, risk and rollups in long
            String rp = InfluxConnection.retentionPolicyOf(measurement + " ");
            QueryResult r = db.query(new Query("SELECT count(value) FROM \"" + rp + "\"." + measurement + " WHERE time >= " + since + "ms",
                    s.get(HwOptions.INFLUX_DATABASE)));
            if (r.hasError() || r.getResults().isEmpty() || r.getResults().get(0).getSeries() == null) {
                return 0;
            }
            return ((Number) r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();
        }
    }

    private static int report(Settings s, Catalogue catalogue, long since, SimulatorStats sim, List<AlarmEvent> seen,
            Expectations expect) {
        String db = s.get(HwOptions.INFLUX_DATABASE);
        long readings = countSince(s, "reading", since);
        long alarmPoints = countSince(s, "alarm", since);

        System.out.println();
        System.out.println("== HazardWatch demo report ==");
        System.out.printf("simulator  : %d readings published (%d failed, %d silenced by the scenarios) for %d sensors%n",
                sim.published(), sim.failed(), sim.silenced(), catalogue.sensorCount());
        System.out.printf("InfluxDB   : %d readings and %d alarm events stored in database %s since the demo started%n",
                readings, alarmPoints, db);
        System.out.printf("hw.alarms  : %d alarm events%s%n", seen.size(), byType(seen));
        System.out.println();
        System.out.println("Where to look:");
        System.out.println("  alarms in InfluxDB : influx -host 127.0.0.1 -port " + portOf(s.get(HwOptions.INFLUX_URL)) + " -database " + db
                + " -precision rfc3339 -execute 'SELECT * FROM \"long\".alarm ORDER BY time DESC LIMIT 20'");
        System.out.println("  a sensor's trend   : influx ... -execute \"SELECT value FROM reading WHERE sensor='" + expect.tank()
                + "' AND time > now() - 10m\"");
        System.out.println("  a silent sensor    : influx ... -execute \"SELECT value FROM reading WHERE sensor='" + expect.deadSensor()
                + "' AND time > now() - 10m\" (the gap of " + Durations.format(expect.silence()) + ")");
        System.out.println("  alarms on Kafka    : topic " + s.get(HwOptions.TOPIC_ALARMS) + " at " + s.get(HwOptions.KAFKA_BOOTSTRAP)
                + " (key = sensor id, JSON values; see README 'Contracts')");
        System.out.println("  rejected input     : topic " + s.get(HwOptions.TOPIC_DLQ));

        List<Check> checks = checklist(seen, expect);
        System.out.println();
        System.out.print(render(checks));
        return passed(checks) ? 0 : 1;
    }

    /** E.g. {@code  (HIGH 3, HIGH_HIGH 2, STALE 4)}: events per alarm type, in the contract's order. */
    static String byType(List<AlarmEvent> seen) {
        Map<AlarmType, Long> n = new EnumMap<>(AlarmType.class);
        for (AlarmEvent e : seen) {
            if (e.type() != null) {
                n.merge(e.type(), 1L, Long::sum);
            }
        }
        if (n.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ", " (", ")");
        n.forEach((t, c) -> j.add(t + " " + c));
        return j.toString();
    }

    private static String portOf(String url) {
        int i = url.lastIndexOf(':');
        return i < 0 ? "8086" : url.substring(i + 1).replaceAll("/.*", "");
    }

    /**
     * What the demo plays, with the stale periods of the catalogue, for the expected timeline and the hints.
     *
     * @param deadStale the dead sensor's stale period
     * @param linkStale the longest stale period of the enterprise's sensors: LINK_DOWN follows once all are STALE
     * @param ran how long the simulator was asked to run
     */
    record Expectations(String tank, String enterprise, String deadSensor, Duration start, Duration silence,
            Duration deadStale, Duration linkStale, Duration ran) {
        /** The default stale period of a sensor kind (docs/rules.md): 30 s for gas detectors, 60 s otherwise. */
        static Duration defaultStale(SensorKind kind) {
            return kind == SensorKind.COMBUSTIBLE_GAS || kind == SensorKind.TOXIC_GAS ? Duration.ofSeconds(30)
                    : Duration.ofSeconds(60);
        }

        static Duration staleOf(Sensor s) {
            Long ms = s.rules() == null ? null : s.rules().staleAfterMs();
            return ms != null ? Duration.ofMillis(ms) : defaultStale(s.kind());
        }

        static Expectations of(Catalogue catalogue, Duration ran) {
            Duration dead = catalogue.sensor(DEAD_SENSOR).map(Expectations::staleOf).orElse(Duration.ofSeconds(60));
            Duration link = catalogue.sensors().stream().filter(x -> OUTAGE_ENTERPRISE.equals(x.enterprise()))
                    .map(Expectations::staleOf).max(Duration::compareTo).orElse(Duration.ofSeconds(60));
            return new Expectations(TANK, OUTAGE_ENTERPRISE, DEAD_SENSOR, START, SILENCE, dead, link, ran);
        }

        Duration silenceEnd() {
            return start.plus(silence);
        }

        /** Whether the run lasts long enough for the silences' alarms to clear. */
        boolean longEnough() {
            return ran.compareTo(silenceEnd().plusSeconds(10)) >= 0;
        }

        /** One line: which alarm when, as offsets from the simulator's start. */
        String timeline() {
            return "HIGH_HIGH on " + tank + " at about +44s, cleared at about +62s; STALE for " + deadSensor + " at about +"
                    + Durations.format(start.plus(deadStale)) + " and LINK_DOWN for " + enterprise + " at about +"
                    + Durations.format(start.plus(linkStale)) + ", both cleared soon after +" + Durations.format(silenceEnd());
        }
    }

    /**
     * One line of the checklist.
     *
     * @param name short name, e.g. {@code limit}
     * @param expected what should have happened, e.g. {@code HIGH_HIGH raised and cleared on E01-LT101}
     * @param ok whether it did
     * @param seen the alarm id and detail seen, or what is missing
     * @param hint what to try when it did not
     */
    record Check(String name, String expected, boolean ok, String seen, String hint) {}

    /** The checklist of what the three scenarios should cause, against the alarm events seen on hw.alarms. */
    static List<Check> checklist(List<AlarmEvent> seen, Expectations x) {
        List<Check> out = new ArrayList<>();
        String logs = "look at the job's log (bin/hazardwatch logs)";
        String longer = x.longEnough() ? logs : "run longer (--for " + DEFAULT_FOR.toSeconds() + "s) or " + logs;

        // limit: one alarm per side, raised at H, escalated to HIGH_HIGH, cleared under the same id
        Optional<AlarmEvent> hh = first(seen, e -> x.tank().equals(e.sensor()) && e.type() == AlarmType.HIGH_HIGH && raises(e));
        Optional<AlarmEvent> hhClear = clearOf(seen, hh);
        String hhExpected = "HIGH_HIGH raised and cleared on " + x.tank();
        if (hh.isEmpty()) {
            out.add(new Check("limit", hhExpected, false, "no HIGH_HIGH on " + x.tank() + otherTypes(seen, x.tank()),
                    "the overfill takes " + x.tank() + " past HH at about +44s: " + logs
                            + ", and check its limits (bin/hazardwatch catalogue show)"));
        } else {
            out.add(new Check("limit", hhExpected, hhClear.isPresent(), seen(hh.get(), hhClear),
                    "it clears once the level is back below H - deadband, at about +62s: " + longer));
        }

        Optional<AlarmEvent> roc = first(seen, e -> x.tank().equals(e.sensor()) && e.type() == AlarmType.RATE_OF_CHANGE && raises(e));
        out.add(new Check("rate of change", "RATE_OF_CHANGE raised on " + x.tank(), roc.isPresent(),
                roc.map(DemoCommand::seen).orElse("no RATE_OF_CHANGE on " + x.tank()),
                "the level climbs about 1 %/s from +" + Durations.format(x.start()) + " to +45s; compare with the rate-of-change "
                        + "limit of " + x.tank() + " (rocLimit in bin/hazardwatch catalogue show --json) and " + logs));

        Optional<AlarmEvent> fc = first(seen, e -> x.tank().equals(e.sensor()) && e.type() == AlarmType.FORECAST_HH && raises(e));
        out.add(new Check("forecast", "FORECAST_HH raised on " + x.tank(), fc.isPresent(),
                fc.map(DemoCommand::seen).orElse("no FORECAST_HH on " + x.tank()),
                "the rise heads for HH from +" + Durations.format(x.start()) + "; compare with the forecast horizon of " + x.tank()
                        + " (forecastHorizonMs in bin/hazardwatch catalogue show --json) and " + logs));

        // no data: STALE for the dead sensor, cleared by its first reading again
        Optional<AlarmEvent> stale = first(seen, e -> x.deadSensor().equals(e.sensor()) && e.type() == AlarmType.STALE && raises(e));
        Optional<AlarmEvent> staleClear = clearOf(seen, stale);
        String quiet = " is silent from +" + Durations.format(x.start()) + " to +" + Durations.format(x.silenceEnd());
        out.add(new Check("dead sensor", "STALE raised and cleared for " + x.deadSensor(), stale.isPresent() && staleClear.isPresent(),
                stale.map(e -> seen(e, staleClear)).orElse("no STALE for " + x.deadSensor()),
                stale.isEmpty()
                        ? x.deadSensor() + quiet + ", longer than its stale period (" + Durations.format(x.deadStale())
                                + "): STALE is due at about +" + Durations.format(x.start().plus(x.deadStale())) + "; " + logs
                                + ", and check its staleAfterMs (bin/hazardwatch catalogue show --json)"
                        : "its first reading after +" + Durations.format(x.silenceEnd()) + " clears it: " + longer));

        // LINK_DOWN for the enterprise (its sensor field is the enterprise id), the children's STALE suppressed
        Optional<AlarmEvent> link = first(seen, e -> e.type() == AlarmType.LINK_DOWN && raises(e)
                && (x.enterprise().equals(e.sensor()) || x.enterprise().equals(e.enterprise())));
        Optional<AlarmEvent> linkClear = clearOf(seen, link);
        List<String> suppressed = seen.stream()
                .filter(e -> x.enterprise().equals(e.enterprise()) && e.type() == AlarmType.STALE
                        && (e.state() == AlarmState.SUPPRESSED || e.transition() == AlarmTransition.SUPPRESS))
                .map(AlarmEvent::sensor).distinct().sorted().toList();
        String children = suppressed.isEmpty() ? "" : "; STALE of " + String.join(", ", suppressed) + " shown SUPPRESSED";
        out.add(new Check("gateway outage", "LINK_DOWN raised and cleared for " + x.enterprise(),
                link.isPresent() && linkClear.isPresent(),
                link.map(e -> seen(e, linkClear) + children).orElse("no LINK_DOWN for " + x.enterprise() + children),
                link.isEmpty()
                        ? "every sensor of " + x.enterprise() + quiet + "; LINK_DOWN is due once all are STALE, at about +"
                                + Durations.format(x.start().plus(x.linkStale())) + ": " + logs
                        : "the first reading from " + x.enterprise() + " after +" + Durations.format(x.silenceEnd())
                                + " clears it: " + longer));
        return out;
    }

    /** Whether every line is yes. */
    static boolean passed(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }

    /** The checklist as printed, then the verdict and, for each NO, what to try. */
    static String render(List<Check> checks) {
        StringBuilder sb = new StringBuilder("Checklist:\n");
        int w = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        int v = checks.stream().mapToInt(c -> c.expected().length()).max().orElse(0);
        for (Check c : checks) {
            sb.append(String.format("  %-3s  %-" + w + "s  %-" + v + "s  %s%n", c.ok() ? "yes" : "NO", c.name(), c.expected(),
                    c.seen()));
        }
        sb.append('\n');
        if (passed(checks)) {
            sb.append("Demo passed: every line of the checklist is yes.\n");
            return sb.toString();
        }
        List<Check> missing = checks.stream().filter(c -> !c.ok()).toList();
        sb.append("Demo incomplete: missing ").append(String.join(", ", missing.stream().map(Check::name).toList())).append(".\n");
        for (Check c : missing) {
            sb.append("  ").append(c.name()).append(": ").append(c.hint()).append('\n');
        }
        return sb.toString();
    }

    private static boolean raises(AlarmEvent e) {
        return e.transition() == AlarmTransition.RAISE || e.transition() == AlarmTransition.ESCALATE
                || e.transition() == AlarmTransition.RETURN;
    }

    private static Optional<AlarmEvent> first(List<AlarmEvent> seen, Predicate<AlarmEvent> p) {
        return seen.stream().filter(p).findFirst();
    }

    /** The first CLEAR of the same alarm (the same id), after it was raised. */
    private static Optional<AlarmEvent> clearOf(List<AlarmEvent> seen, Optional<AlarmEvent> raised) {
        if (raised.isEmpty()) {
            return Optional.empty();
        }
        int from = seen.indexOf(raised.get());
        String id = raised.get().alarmId();
        return seen.subList(from, seen.size()).stream()
                .filter(e -> e.transition() == AlarmTransition.CLEAR && id != null && id.equals(e.alarmId())).findFirst();
    }

    /** {@code id X "detail"}. */
    private static String seen(AlarmEvent raised) {
        return "id " + raised.alarmId() + quoted(raised.detail());
    }

    /** {@code id X "detail"; cleared "detail"}, or {@code ...; not cleared}. */
    private static String seen(AlarmEvent raised, Optional<AlarmEvent> clear) {
        return seen(raised) + clear.map(c -> "; cleared" + quoted(c.detail())).orElse("; not cleared");
    }

    private static String quoted(String detail) {
        return detail == null || detail.isBlank() ? "" : " \"" + detail + "\"";
    }

    /** What else was seen on a sensor, e.g. {@code  (seen: HIGH, RATE_OF_CHANGE)}, or nothing. */
    private static String otherTypes(List<AlarmEvent> seen, String sensor) {
        List<String> types = seen.stream().filter(e -> sensor.equals(e.sensor()) && e.type() != null)
                .map(e -> e.type().name()).distinct().toList();
        return types.isEmpty() ? " (no alarm at all on it)" : " (seen: " + String.join(", ", types) + ")";
    }
}
