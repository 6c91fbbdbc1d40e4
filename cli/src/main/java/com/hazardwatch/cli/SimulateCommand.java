package com.hazardwatch.cli;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.json.AlarmCodec;
import com.hazardwatch.simulators.OverfillScenario;
import com.hazardwatch.simulators.Packer;
import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.CatalogueScaler;
import com.hazardwatch.simulators.Scenarios;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorException;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.SimulatorStats;
import com.hazardwatch.simulators.script.ScenarioScript;
import com.hazardwatch.simulators.script.ScriptException;
import com.hazardwatch.simulators.script.ScriptLoader;
import com.hazardwatch.simulators.verify.ScriptVerifier;
import com.hazardwatch.simulators.verify.SeenAlarm;
import com.hazardwatch.simulators.verify.VerificationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code hazardwatch simulate}: publishes simulated readings of every catalogue sensor to MQTT, optionally with
 * incident scenarios (several at once): the built-in ones and scenario scripts ({@code simulators/scenarios/NAME.yaml}).
 * With {@code --verify} it reads hw.alarms of the running system while the scripts play and checks each against the
 * alarms it expects and forbids ({@link ScriptVerifier}). Exit codes: 0 done (with --verify: every script passed), 1
 * catalogue, script, broker or Kafka error, 2 invalid options, 3 a verified script failed.
 */
public final class SimulateCommand {
    public static final String DEFAULT_CATALOGUE = com.hazardwatch.model.config.LocalServices.demoCatalogue().toString();
    static final int OK = CommandLines.OK;
    static final int FAILED = CommandLines.FAILED;
    static final int USAGE = CommandLines.USAGE;
    /** With --verify: a script missed an expected alarm, or caused a forbidden or unexpected one. */
    static final int VERIFY_FAILED = 3;
    /** With --verify: how long hw.alarms is watched after the simulator stopped, by default. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private SimulateCommand() {}

    /** Runs the command with stdout/stderr and a Ctrl-C handler; returns the exit code. */
    public static int run(List<String> args) {
        return run(args, System.out, System.err, true);
    }

    /**
     * Runs the command.
     *
     * @param handleCtrlC whether to install a shutdown hook that stops the simulator cleanly on Ctrl-C
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, boolean handleCtrlC) {
        Parsed p;
        try {
            p = parse(args);
        } catch (UsageException e) {
            return CommandLines.usageError(err, "simulate", e.getMessage());
        }
        if (p.help) {
            out.print(usage());
            out.print(scriptsHelp(p.scenariosDir(), p.catalogue));
            return OK;
        }

        Catalogue loaded = CommandLines.loadCatalogue("simulate", p.catalogue, err);
        if (loaded == null) {
            return FAILED;
        }
        Catalogue catalogue = CatalogueScaler.scale(loaded, p.scale);

        List<ScenarioScript> scripts = new ArrayList<>();
        for (String name : p.scripts) {
            try {
                scripts.add(ScriptLoader.load(p.scenariosDir(), name, catalogue));
            } catch (ScriptException | IllegalArgumentException e) {
                err.println("simulate: --scenario " + name + ": " + e.getMessage());
                return FAILED;
            }
        }
        if (p.verify) {
            ScenarioScript longest = scripts.stream().max(Comparator.comparing(ScenarioScript::length)).orElseThrow();
            if (p.forGiven == null || p.forGiven.compareTo(longest.length()) < 0) {
                if (p.forGiven != null) {
                    out.println("simulate: --for " + Durations.format(p.forGiven) + " is shorter than script " + longest.name()
                            + " (" + Durations.format(longest.length()) + "): running " + Durations.format(longest.length()));
                }
                p.options.duration(longest.length());
            }
        }

        SimulatorOptions options;
        Simulator simulator;
        try {
            options = CommandLines.withAccess(p.options, p.settings()).build();
            simulator = new Simulator(catalogue, options, scripts.stream().map(ScenarioScript::scenario).toList(),
                    line -> out.println(LocalTime.now().format(CLOCK) + " " + line));
        } catch (IllegalArgumentException e) {
            String opt = e.getMessage() != null && e.getMessage().startsWith("scenario ") ? "--scenario: " : "";
            err.println("simulate: " + opt + e.getMessage());
            return USAGE;
        }

        AlarmWatcher watcher = null;
        String alarmsTopic = null;
        if (p.verify) {
            String bootstrap;
            try {
                Settings s = p.settings();
                bootstrap = p.kafka != null ? p.kafka : s.get(HwOptions.KAFKA_BOOTSTRAP);
                alarmsTopic = p.alarmsTopic != null ? p.alarmsTopic : s.get(HwOptions.TOPIC_ALARMS);
                watcher = AlarmWatcher.open(bootstrap, alarmsTopic);
            } catch (IllegalStateException | IllegalArgumentException e) {
                err.println("simulate: --verify: " + e.getMessage());
                simulator.close();
                return FAILED;
            }
            out.println(LocalTime.now().format(CLOCK) + " verify: reading " + alarmsTopic + " at " + bootstrap
                    + " from its current end (older alarms are ignored); the simulator runs "
                    + Durations.format(options.duration()) + ", then " + Durations.format(p.grace) + " of grace");
            for (ScenarioScript s : scripts) {
                out.println(LocalTime.now().format(CLOCK) + " verify: " + s.name() + " (" + Durations.format(s.length()) + "): "
                        + s.expected().size() + " expected, " + s.forbidden().size() + " forbidden");
            }
        }

        AtomicBoolean interrupted = new AtomicBoolean();
        CommandLines.CtrlC ctrlC = CommandLines.CtrlC.handle(handleCtrlC, "hw-simulate-shutdown", () -> {
            interrupted.set(true);
            simulator.stop();
        });
        try {
            if (watcher != null) {
                Verification v = playAndVerify(simulator, catalogue, scripts, watcher, p.grace, out, interrupted);
                out.print(v.render(alarmsTopic));
                if (v.stats().published() == 0 && v.stats().failed() > 0) {
                    return FAILED;
                }
                return v.exitCode();
            }
            SimulatorStats stats = simulator.run();
            return stats.published() > 0 || stats.failed() == 0 ? OK : FAILED;
        } catch (SimulatorException e) {
            err.println("simulate: " + e.getMessage());
            return FAILED;
        } finally {
            if (watcher != null) {
                watcher.close();
            }
            simulator.close();
            out.flush();
            ctrlC.finished();
        }
    }

    /** The largest --scale: 1,000 copies of the demo district are 233,000 sensors. */
    static final int MAX_SCALE = 10_000;

    /** The parsed command line. */
    static final class Parsed {
        boolean help;
        String catalogue = DEFAULT_CATALOGUE;
        /** --scale N: the catalogue N times over (CatalogueScaler), 1 = as it is. */
        int scale = 1;
        final SimulatorOptions.Builder options = SimulatorOptions.builder();
        /** Scenario scripts to play, by name (NAME.yaml in the scenarios directory), in the order given. */
        final List<String> scripts = new ArrayList<>();
        Path scenariosDir;
        boolean verify;
        Duration grace = DEFAULT_GRACE;
        /** --for as given, or null. */
        Duration forGiven;
        String kafka;
        String alarmsTopic;

        Path scenariosDir() {
            return scenariosDir != null ? scenariosDir : ScriptLoader.defaultDir();
        }

        /** The settings file's values (config/hazardwatch.properties), for Kafka and the alarms topic. */
        Settings settings() {
            return CommandLines.localSettings();
        }
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Parsed parse(List<String> args) throws UsageException {
        Parsed p = new Parsed();
        String interval = null;
        String rate = null;
        String sensor = null;
        String startAfter = null;
        String grace = null;
        List<String> scenarioArgs = new ArrayList<>();
        List<ScenarioSpec> scenarios = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            CommandLines.Arg a = CommandLines.Arg.of(arg);
            String name = a.name();
            String value = a.value();
            if (name.equals("--help") || name.equals("-h")) {
                p.help = true;
                continue;
            }
            if (name.equals("--verify")) {
                if (value != null) {
                    throw new UsageException("--verify takes no value");
                }
                p.verify = true;
                continue;
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException(CommandLines.notAnOption("simulate", arg, name, OPTIONS));
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value: " + accepted(name));
                }
                value = args.get(++i);
            }
            try {
                switch (name) {
                    case "--catalogue" -> p.catalogue = nonEmpty(name, value);
                    case "--mqtt" -> p.options.mqttUrl(nonEmpty(name, value));
                    case "--topic-root" -> p.options.topicRoot(value);
                    case "--qos" -> {
                        if (!value.equals("0") && !value.equals("1")) {
                            throw new UsageException("--qos: '" + value + "' is not accepted; use 0 or 1");
                        }
                        p.options.qos(Integer.parseInt(value));
                    }
                    case "--interval" -> {
                        interval = value;
                        p.options.interval(positiveDuration(name, value));
                    }
                    case "--rate" -> {
                        rate = value;
                        p.options.rate(parseRate(value));
                    }
                    case "--for" -> {
                        p.forGiven = positiveDuration(name, value);
                        p.options.duration(p.forGiven);
                    }
                    case "--scenario" -> scenarioArgs.add(nonEmpty(name, value).trim());
                    case "--scenarios" -> p.scenariosDir = Path.of(nonEmpty(name, value));
                    case "--grace" -> {
                        grace = value;
                        p.grace = duration(name, value);
                    }
                    case "--kafka" -> p.kafka = nonEmpty(name, value);
                    case "--alarms-topic" -> p.alarmsTopic = nonEmpty(name, value);
                    case "--sensor" -> sensor = nonEmpty(name, value);
                    case "--start-after" -> {
                        startAfter = value;
                        p.options.scenarioStartAfter(duration(name, value));
                    }
                    case "--pack" -> p.options.pack(parsePack(value));
                    case "--connections" -> {
                        try {
                            p.options.connections(Integer.parseInt(value.trim()));
                        } catch (NumberFormatException e) {
                            throw new UsageException("--connections: '" + value + "' is not accepted; expected " + accepted(name));
                        }
                    }
                    case "--scale" -> {
                        try {
                            p.scale = Integer.parseInt(value.trim());
                        } catch (NumberFormatException e) {
                            throw new UsageException("--scale: '" + value + "' is not accepted; expected " + accepted(name));
                        }
                        if (p.scale < 1 || p.scale > MAX_SCALE) {
                            throw new UsageException("--scale: " + p.scale + " is not accepted; expected " + accepted(name));
                        }
                    }
                    case "--seed" -> {
                        try {
                            p.options.seed(Long.parseLong(value.trim()));
                        } catch (NumberFormatException e) {
                            throw new UsageException("--seed: '" + value + "' is not accepted; use a whole number, e.g. 42");
                        }
                    }
                    default -> throw new IllegalStateException(name);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + ": " + e.getMessage());
            }
        }
        // a bare name that is both built-in and a script: the built-in, except with --verify (built-ins expect nothing)
        List<String> known = null;
        for (String v : scenarioArgs) {
            boolean bare = v.matches("[^:@+\\s]+");
            if (bare && (p.verify || !builtIn(v))) {
                if (known == null) {
                    known = scriptNames(p.scenariosDir());
                }
                if (known.contains(v) || !builtIn(v)) {
                    p.scripts.add(v);
                    continue;
                }
            }
            try {
                scenarios.add(ScenarioSpec.parse(v));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--scenario: " + e.getMessage() + "; or a scenario script's name alone (no :TARGET, @START,"
                        + " +LENGTH)");
            }
        }
        if (interval != null && rate != null) {
            throw new UsageException("--interval " + interval + " and --rate " + rate
                    + " exclude each other; give the interval per sensor or the total rate, not both");
        }
        if (scenarios.isEmpty() && sensor != null) {
            throw new UsageException("--sensor " + sensor + " needs --scenario (" + String.join(", ", Scenarios.NAMES) + ")");
        }
        if (scenarios.isEmpty() && startAfter != null) {
            throw new UsageException("--start-after " + startAfter + " needs --scenario (" + String.join(", ", Scenarios.NAMES) + ")");
        }
        if (sensor != null) {
            scenarios = withSensor(scenarios, sensor);
        }
        if (!p.scripts.isEmpty()) {
            known = known != null ? known : scriptNames(p.scenariosDir());
            for (String n : p.scripts) {
                if (!known.contains(n)) {
                    throw new UsageException("--scenario: '" + n + "' is not a scenario; built-in: " + String.join(", ", Scenarios.NAMES)
                            + " (" + ScenarioSpec.SYNTAX + "); scripts in " + p.scenariosDir() + ": "
                            + (known.isEmpty() ? "none" : String.join(", ", known)));
                }
            }
        }
        if (p.verify && p.scripts.isEmpty()) {
            known = scriptNames(p.scenariosDir());
            throw new UsageException("--verify needs --scenario naming a scenario script (the built-in scenarios expect "
                    + "nothing); scripts in " + p.scenariosDir() + ": " + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        if (!p.verify && (grace != null || p.kafka != null || p.alarmsTopic != null)) {
            throw new UsageException((grace != null ? "--grace" : p.kafka != null ? "--kafka" : "--alarms-topic")
                    + " applies only with --verify");
        }
        p.options.scenarios(scenarios);
        return p;
    }

    /** --sensor: the sensor of the one scenario that plays on a sensor and names none. */
    private static List<ScenarioSpec> withSensor(List<ScenarioSpec> scenarios, String sensor) throws UsageException {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            ScenarioSpec s = scenarios.get(i);
            if (s.target() == null && !Scenarios.targetsEnterprise(s.name())) {
                open.add(i);
            }
        }
        if (open.size() != 1) {
            String why = open.isEmpty()
                    ? (scenarios.size() == 1 && Scenarios.targetsEnterprise(scenarios.get(0).name())
                            ? "the " + scenarios.get(0).name() + " scenario silences an enterprise, not a sensor"
                            : "no scenario is left that plays on a sensor without naming it")
                    : "it could be the sensor of " + open.size() + " scenarios";
            throw new UsageException("--sensor " + sensor + ": " + why + "; give each scenario its target as "
                    + ScenarioSpec.SYNTAX + ", e.g. --scenario " + Scenarios.DEAD_SENSOR + ":" + Scenarios.DEFAULT_DEAD_SENSOR
                    + " --scenario " + Scenarios.GATEWAY_OUTAGE + ":" + Scenarios.DEFAULT_OUTAGE_ENTERPRISE);
        }
        List<ScenarioSpec> out = new ArrayList<>(scenarios);
        out.set(open.get(0), scenarios.get(open.get(0)).withTarget(sensor));
        return out;
    }

    private static final List<String> OPTIONS = List.of("--catalogue", "--mqtt", "--topic-root", "--qos", "--interval",
            "--rate", "--pack", "--connections", "--scale", "--for", "--scenario", "--sensor", "--start-after", "--seed", "--scenarios", "--verify",
            "--grace", "--kafka", "--alarms-topic", "--help");

    /** Whether a --scenario value names a built-in scenario (possibly with :TARGET, @START, +LENGTH). */
    static boolean builtIn(String spec) {
        String n = spec.trim();
        for (char c : new char[] {':', '@', '+'}) {
            int i = n.indexOf(c);
            if (i >= 0) {
                n = n.substring(0, i);
            }
        }
        return Scenarios.NAMES.contains(n.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** The script names found in a directory; none when it cannot be read. */
    static List<String> scriptNames(Path dir) {
        try {
            return List.copyOf(ScriptLoader.list(dir));
        } catch (Exception e) {
            return List.of();
        }
    }

    /** For --help: the scripts found, with their length and description (read against the catalogue). */
    static String scriptsHelp(Path dir, String cataloguePath) {
        List<String> names = scriptNames(dir);
        StringBuilder sb = new StringBuilder("\nScenario scripts in " + dir + " (--scenario NAME; --verify checks them):\n");
        if (names.isEmpty()) {
            return sb.append("  none found\n").toString();
        }
        Catalogue catalogue = null;
        try {
            catalogue = CatalogueLoader.load(Path.of(cataloguePath));
        } catch (CatalogueException | RuntimeException e) {
            sb.append("  (catalogue ").append(cataloguePath).append(" cannot be read: names only)\n");
        }
        int w = names.stream().mapToInt(String::length).max().orElse(0);
        for (String n : names) {
            String what;
            if (catalogue == null) {
                what = "";
            } else {
                try {
                    ScenarioScript s = ScriptLoader.load(dir, n, catalogue);
                    what = String.format("%-6s %s", Durations.format(s.length()),
                            s.description() == null ? "" : s.description().strip().replaceAll("\\s+", " "));
                } catch (ScriptException | RuntimeException e) {
                    String m = String.valueOf(e.getMessage());
                    what = "(cannot be used: " + m.lines().skip(1).findFirst().orElse(m).strip() + ")";
                }
            }
            sb.append(String.format("  %-" + w + "s  %s%n", n, what));
        }
        return sb.toString();
    }

    private static String accepted(String option) {
        return switch (option) {
            case "--catalogue" -> "a catalogue YAML file, e.g. " + DEFAULT_CATALOGUE;
            case "--mqtt" -> "a broker URL, e.g. tcp://127.0.0.1:1883";
            case "--topic-root" -> "the first topic level, e.g. hw";
            case "--qos" -> "0 or 1";
            case "--interval", "--for", "--start-after" -> Durations.ACCEPTED;
            case "--rate" -> "readings per second in total, e.g. 500";
            case "--scenario" -> ScenarioSpec.SYNTAX + " with NAME one of " + String.join(", ", Scenarios.NAMES)
                    + ", e.g. overfill or dead-sensor:" + Scenarios.DEFAULT_DEAD_SENSOR + "@10s+100s, or a scenario script's name";
            case "--scenarios" -> "a directory of scenario scripts, e.g. " + ScriptLoader.defaultDir();
            case "--grace" -> Durations.ACCEPTED;
            case "--kafka" -> "Kafka bootstrap servers, e.g. 127.0.0.1:9092";
            case "--alarms-topic" -> "a Kafka topic, e.g. hw.alarms";
            case "--sensor" -> "a sensor id, e.g. " + SimulatorOptions.DEFAULT_SCENARIO_SENSOR;
            case "--seed" -> "a whole number, e.g. 42";
            case "--pack" -> "readings per message, 1 (no packing) to " + SimulatorOptions.MAX_PACK + ", e.g. 50";
            case "--connections" -> "MQTT connections, 1 to " + SimulatorOptions.MAX_CONNECTIONS + ", e.g. 4";
            case "--scale" -> "copies of the catalogue, 1 to " + MAX_SCALE + ", e.g. 10";
            default -> "a value";
        };
    }

    private static String nonEmpty(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value: " + accepted(option));
        }
        return value;
    }

    private static Duration duration(String option, String value) throws UsageException {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static Duration positiveDuration(String option, String value) throws UsageException {
        Duration d = duration(option, value);
        if (d.isZero()) {
            throw new UsageException(option + ": '" + value + "' is zero; expected a positive duration such as 90s, 2m, 1h or 500ms");
        }
        return d;
    }

    private static Double parseRate(String value) throws UsageException {
        double r;
        try {
            r = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--rate: '" + value + "' is not a number; expected " + accepted("--rate"));
        }
        if (!(r > 0) || !Double.isFinite(r) || r > 1_000_000) {
            throw new UsageException("--rate: '" + value + "' is not accepted; expected readings per second in total, more than 0 and at most 1000000");
        }
        return r;
    }

    private static int parsePack(String value) throws UsageException {
        try {
            int k = Integer.parseInt(value.trim());
            if (k >= 1 && k <= SimulatorOptions.MAX_PACK) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--pack: '" + value + "' is not accepted; expected " + accepted("--pack"));
    }

    static String usage() {
        return """
                Usage: simulate [OPTIONS]

                Publishes simulated readings of every catalogue sensor to MQTT, paced against the wall clock,
                on topics ROOT/ENTERPRISE/SOURCE/SENSOR with payloads {"sensor":ID,"ts":EPOCH_MS,"value":N},
                or, with --pack K, as SenML packs of up to K readings of one enterprise on ROOT/ENTERPRISE/pack.
                Normal traffic stays inside every sensor's L..H band; a scenario plays an incident on top.

                Options:
                  --catalogue FILE        catalogue YAML (default %s)
                  --mqtt URL              broker (default tcp://127.0.0.1:$HW_MQTT_PORT, else port 1883)
                  --topic-root ROOT       first topic level (default hw)
                  --qos 0|1               MQTT QoS (default 1)
                  --interval DURATION     each sensor reports every DURATION, spread evenly (default 2s)
                  --rate N                N readings per second in total instead of --interval
                  --pack K                up to K readings per message (default 1: one reading per message); K > 1
                                          publishes SenML packs (RFC 8428) per enterprise, each sent when full or
                                          when its oldest reading has waited %s; same readings, fewer messages:
                                          the way to high rates at QoS 1 (e.g. --rate 20000 --pack 50 --qos 1)
                  --connections N         publish over N MQTT connections (default 1); an enterprise's messages
                                          always go over the same one, so each sensor's readings keep their order
                  --scale N               the catalogue N times over, with synthetic enterprises and sensors (copy k of
                                          E01-LT101 is E01-LT101-Ck); the bridge and the job must run with the same
                                          --scale (bin/hazardwatch run --scale N) or they dead-letter the copies
                  --for DURATION          stop after DURATION (default: run until Ctrl-C)
                  --scenario SPEC         play an incident (repeat to play several at once);
                                          SPEC = %s, NAME one of: %s;
                                          or NAME alone of a scenario script (listed below; a script named
                                          like a built-in is taken with --verify, the built-in otherwise)
                  --scenarios DIR         where the scenario scripts are (default %s)
                  --verify                check the scripts against the running system (bin/hazardwatch run): read
                                          hw.alarms while they play (at least the longest script's length), then
                                          --grace longer; per script a table of its expected alarms (hit/MISS,
                                          when, delay, alarm id), the forbidden and unexpected ones, PASS or FAIL
                  --grace DURATION        with --verify: watch hw.alarms this long after the simulator stops
                                          (default %s)
                  --kafka HOST:PORT       with --verify: Kafka (default: setting kafka.bootstrap-servers)
                  --alarms-topic TOPIC    with --verify: the alarms topic (default: setting kafka.topic.alarms)
                  --sensor ID             the sensor of the one scenario that names none (overfill, dead-sensor)
                  --start-after DURATION  scenarios without @START start after DURATION (default 10s)
                  --seed N                random seed (default 42); the same seed gives the same values
                  --help                  this text

                DURATION: 90s, 2m, 1h, 1m30s, 500ms or plain seconds (90).
                Scenarios (defaults in parentheses; each starts at @START, else after --start-after):
                  overfill[:SENSOR]       tank level SENSOR (%s) rises through H and HH to about HH + 2
                                          in %d s, holds %d s, falls back below H - deadband in %d s; it reports
                                          every second meanwhile (fixed length: no +LENGTH)
                  gateway-outage[:ENTERPRISE][+LENGTH]
                                          every sensor of ENTERPRISE (%s) publishes nothing for LENGTH (%s),
                                          as when its gateway goes down
                  dead-sensor[:SENSOR][+LENGTH]
                                          SENSOR (%s) publishes nothing for LENGTH (%s): a dead
                                          transmitter among live ones
                A silenced reading is skipped, not failed: progress lines and summary count it as silenced.
                e.g. --scenario overfill --scenario gateway-outage:E14@10s+100s --scenario dead-sensor:E05-TT101@10s+100s
                Progress every 5 s (readings, and messages when packing), a summary at the end (also on Ctrl-C).
                --verify: an expected alarm is hit by the first matching transition on hw.alarms within its window
                (RAISE also by an ESCALATE or RETURN to its type); forbidden alarms and raises on a script's own
                sensors that it does not expect fail it. e.g. --scenario NAME --verify
                Exit codes: 0 done (with --verify: every script passed), 1 catalogue, script, broker or Kafka
                error, 2 invalid options, 3 a verified script failed (or nothing reached hw.alarms).
                """.formatted(DEFAULT_CATALOGUE, Durations.format(Packer.MAX_WAIT), ScenarioSpec.SYNTAX,
                String.join(", ", Scenarios.NAMES), ScriptLoader.defaultDir(), Durations.format(DEFAULT_GRACE),
                Scenarios.DEFAULT_OVERFILL_SENSOR, OverfillScenario.RISE_SECONDS,
                OverfillScenario.HOLD_SECONDS, OverfillScenario.FALL_SECONDS, Scenarios.DEFAULT_OUTAGE_ENTERPRISE,
                Durations.format(Scenarios.DEFAULT_SILENCE), Scenarios.DEFAULT_DEAD_SENSOR,
                Durations.format(Scenarios.DEFAULT_SILENCE));
    }

    // ---- --verify: watch hw.alarms while the scripts play, then check each against what it expects ----

    /** How often the grace period says how far it is. */
    static final Duration GRACE_PROGRESS_EVERY = Duration.ofSeconds(5);

    /**
     * What a verified run found.
     *
     * @param reports one per script, in the order given
     * @param stats the simulator's run
     * @param transitions alarm transitions read from hw.alarms since the run began (any owner)
     * @param unreadable records of hw.alarms that could not be read as a transition
     * @param interrupted whether the run was stopped (Ctrl-C) before its end
     * @param grace how long hw.alarms was watched after the simulator stopped
     */
    record Verification(List<VerificationReport> reports, SimulatorStats stats, long transitions, long unreadable,
                        boolean interrupted, Duration grace) {
        boolean passed() {
            return !reports.isEmpty() && reports.stream().allMatch(VerificationReport::passed);
        }

        /** Whether hw.alarms showed nothing at all: then the monitoring job is most likely not running. */
        boolean silent() {
            return transitions == 0 && unreadable == 0;
        }

        int exitCode() {
            return passed() ? OK : VERIFY_FAILED;
        }

        /** Every report, what the columns mean, and the verdict per scenario. */
        String render(String alarmsTopic) {
            StringBuilder sb = new StringBuilder("\n");
            for (VerificationReport r : reports) {
                sb.append(r.render()).append('\n');
            }
            sb.append(VerificationReport.DELAY_NOTE).append('\n');
            sb.append(String.format("%d alarm transitions read from %s (simulator ran %s from %s, then %s of grace)%s%n",
                    transitions, alarmsTopic, Durations.format(stats.elapsed()), CLOCK.format(LocalTime.ofInstant(stats.startedAt(),
                            java.time.ZoneId.systemDefault())), Durations.format(grace),
                    unreadable == 0 ? "" : "; " + unreadable + " records could not be read as alarm transitions"));
            if (interrupted) {
                sb.append("The run was stopped before its end: expected alarms may be missing for that reason alone.\n");
            }
            if (silent()) {
                sb.append("No alarm transition at all appeared on ").append(alarmsTopic)
                        .append(" during the run: the monitoring job seems not to be running. Start it in another shell with\n")
                        .append("  bin/hazardwatch stack up && bin/hazardwatch run\n")
                        .append("and run this command again once it prints 'running'.\n");
            }
            for (VerificationReport r : reports) {
                sb.append(r.passed() ? "PASS " : "FAIL ").append(r.scenario()).append(r.passed() ? "" : ": " + r.verdict()).append('\n');
            }
            sb.append(passed() ? "verify: every scenario passed\n"
                    : "verify: " + reports.stream().filter(r -> !r.passed()).count() + " of " + reports.size()
                            + " scenarios failed (exit " + VERIFY_FAILED + ")\n");
            return sb.toString();
        }
    }

    /**
     * Plays the scripts (the simulator's extra scenarios) while the watcher reads hw.alarms, keeps watching for
     * {@code grace} after the simulator stops, then verifies each script against the transitions seen. Prints the
     * transitions on the scripts' own owners as they arrive, and the grace period's progress.
     *
     * @param watcher opened before the simulator starts (its offsets mark what is older than the run); stopped here
     * @param interrupted set when the run is to end early (Ctrl-C): the grace period is cut short
     */
    static Verification playAndVerify(Simulator simulator, Catalogue catalogue, List<ScenarioScript> scripts,
            AlarmWatcher watcher, Duration grace, PrintStream out, java.util.concurrent.atomic.AtomicBoolean interrupted)
            throws SimulatorException {
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (ScenarioScript s : scripts) {
            s.scenario().sensors().forEach(id -> owners.computeIfAbsent(id, k -> new ArrayList<>()).add(s.name()));
            s.expected().forEach(e -> {
                List<String> names = owners.computeIfAbsent(e.owner(), k -> new ArrayList<>());
                if (!names.contains(s.name())) {
                    names.add(s.name());
                }
            });
        }
        watcher.start(a -> {
            List<String> of = owners.get(a.owner());
            if (of != null) {
                out.println(LocalTime.now().format(CLOCK) + " alarm " + a.describe() + " [" + String.join(", ", of) + "], id "
                        + a.alarmId());
            }
        });
        SimulatorStats stats = simulator.run();
        Instant start = stats.startedAt();
        Instant end = start.plus(stats.elapsed());
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            long every = GRACE_PROGRESS_EVERY.toNanos();
            if (!interrupted.get() && !grace.isZero()) {
                out.println(LocalTime.now().format(CLOCK) + " simulator done; watching " + watcher.topic() + " for "
                        + Durations.format(grace) + " more");
            }
            while (!interrupted.get() && System.nanoTime() < deadline) {
                long left = deadline - System.nanoTime();
                Thread.sleep(Math.max(1, Math.min(left, every) / 1_000_000));
                List<VerificationReport> now = ScriptVerifier.verifyAll(scripts, start, end, watcher.seen(), catalogue);
                long expected = now.stream().mapToLong(r -> r.expectations().size()).sum();
                long hit = now.stream().mapToLong(r -> r.expectations().size() - r.missed()).sum();
                long bad = now.stream().mapToLong(r -> r.forbidden().size() + r.unexpected().size()).sum();
                out.printf("%s grace: %s left; %d of %d expected alarms seen, %d forbidden or unexpected%n",
                        LocalTime.now().format(CLOCK), Durations.format(Duration.ofSeconds(Math.max(0, deadline - System.nanoTime()) / 1_000_000_000L)),
                        hit, expected, bad);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<SeenAlarm> seen = watcher.stop();
        return new Verification(ScriptVerifier.verifyAll(scripts, start, end, seen, catalogue), stats, seen.size(),
                watcher.unreadable(), interrupted.get(), grace);
    }

    /**
     * Reads hw.alarms from the offsets it had when the watcher was opened (before the simulator starts: older alarms
     * are ignored) and keeps every transition, read with {@link AlarmCodec#fromJson}.
     */
    static final class AlarmWatcher implements AutoCloseable {
        static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

        private final String topic;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<SeenAlarm> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicLong unreadable = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running;
        private Thread thread;
        private boolean closed;

        private AlarmWatcher(String topic, KafkaConsumer<byte[], byte[]> consumer) {
            this.topic = topic;
            this.consumer = consumer;
        }

        /**
         * Connects and takes the end offsets of every partition of the topic: reading starts there.
         *
         * @throws IllegalStateException with what to do, when Kafka cannot be reached or the topic does not exist
         */
        static AlarmWatcher open(String bootstrap, String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "hw-simulate-verify");
            KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p);
            try {
                List<PartitionInfo> infos;
                try {
                    infos = c.partitionsFor(topic, CONNECT_TIMEOUT);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " (no answer in "
                            + Durations.format(CONNECT_TIMEOUT) + "); --verify needs the running system: bin/hazardwatch stack up,"
                            + " then bin/hazardwatch run in another shell");
                }
                // a topic just created may be unknown to the broker for a moment
                for (int i = 0; i < 10 && (infos == null || infos.isEmpty()); i++) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    infos = c.partitionsFor(topic, CONNECT_TIMEOUT);
                }
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist on Kafka at " + bootstrap
                            + ": the monitoring job creates it when it starts; start it in another shell with bin/hazardwatch run");
                }
                List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                Map<TopicPartition, Long> ends = c.endOffsets(parts, CONNECT_TIMEOUT);
                c.assign(parts);
                ends.forEach(c::seek);
                return new AlarmWatcher(topic, c);
            } catch (RuntimeException e) {
                c.close(Duration.ofSeconds(1));
                throw e instanceof IllegalStateException ? e
                        : new IllegalStateException("cannot read " + topic + " at " + bootstrap + ": " + e, e);
            }
        }

        String topic() {
            return topic;
        }

        /** Starts reading on a thread of its own; {@code listener} sees each transition as it is read. */
        synchronized void start(java.util.function.Consumer<SeenAlarm> listener) {
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            running = true;
            thread = new Thread(() -> poll(listener), "hw-simulate-alarm-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        private void poll(java.util.function.Consumer<SeenAlarm> listener) {
            try {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        SeenAlarm a;
                        try {
                            a = r.value() == null ? null : SeenAlarm.of(AlarmCodec.fromJson(r.value()));
                        } catch (java.io.IOException | RuntimeException e) {
                            a = null;
                        }
                        if (a == null) {
                            unreadable.incrementAndGet();
                            continue;
                        }
                        seen.add(a);
                        try {
                            listener.accept(a);
                        } catch (RuntimeException e) {
                            // printing is no reason to stop reading
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // stop() woke it up
            }
        }

        /** What was read so far. */
        List<SeenAlarm> seen() {
            return List.copyOf(seen);
        }

        long unreadable() {
            return unreadable.get();
        }

        /** Stops reading (once what is being polled is in) and returns every transition read. */
        synchronized List<SeenAlarm> stop() {
            if (!closed) {
                closed = true;
                running = false;
                if (thread != null) {
                    try {
                        thread.join(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (thread.isAlive()) {
                        consumer.wakeup();
                        try {
                            thread.join(5_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                consumer.close(Duration.ofSeconds(2));
            }
            return seen();
        }

        @Override
        public void close() {
            stop();
        }
    }
}
