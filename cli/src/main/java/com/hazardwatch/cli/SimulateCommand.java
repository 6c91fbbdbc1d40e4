package com.hazardwatch.cli;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.OverfillScenario;
import com.hazardwatch.simulators.Packer;
import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.Scenarios;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorException;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.SimulatorStats;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hazardwatch simulate}: publishes simulated readings of every catalogue sensor to MQTT, optionally with
 * incident scenarios (several at once). Exit codes: 0 done, 1 catalogue or broker error, 2 invalid options.
 */
public final class SimulateCommand {
    public static final String DEFAULT_CATALOGUE = com.hazardwatch.model.config.LocalServices.demoCatalogue().toString();
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

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
            err.println("simulate: " + e.getMessage());
            err.println("Run 'simulate --help' for the options.");
            return USAGE;
        }
        if (p.help) {
            out.print(usage());
            return OK;
        }

        Catalogue catalogue;
        try {
            catalogue = CatalogueLoader.load(Path.of(p.catalogue));
        } catch (CatalogueException e) {
            err.println("simulate: " + e.getMessage());
            return FAILED;
        }

        SimulatorOptions options;
        Simulator simulator;
        try {
            options = p.options.build();
            simulator = new Simulator(catalogue, options, line -> out.println(LocalTime.now().format(CLOCK) + " " + line));
        } catch (IllegalArgumentException e) {
            String opt = e.getMessage() != null && e.getMessage().startsWith("scenario ") ? "--scenario: " : "";
            err.println("simulate: " + opt + e.getMessage());
            return USAGE;
        }

        Thread hook = null;
        Object done = new Object();
        boolean[] finished = {false};
        if (handleCtrlC) {
            hook = new Thread(() -> {
                simulator.stop();
                // let run() return and the summary be printed before the JVM halts
                synchronized (done) {
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (!finished[0] && System.currentTimeMillis() < deadline) {
                        try {
                            done.wait(Math.max(1, deadline - System.currentTimeMillis()));
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            }, "hw-simulate-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            SimulatorStats stats = simulator.run();
            return stats.published() > 0 || stats.failed() == 0 ? OK : FAILED;
        } catch (SimulatorException e) {
            err.println("simulate: " + e.getMessage());
            return FAILED;
        } finally {
            simulator.close();
            out.flush();
            synchronized (done) {
                finished[0] = true;
                done.notifyAll();
            }
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and waits for us
                }
            }
        }
    }

    /** The parsed command line. */
    static final class Parsed {
        boolean help;
        String catalogue = DEFAULT_CATALOGUE;
        final SimulatorOptions.Builder options = SimulatorOptions.builder();
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
        List<ScenarioSpec> scenarios = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                p.help = true;
                continue;
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException(arg.startsWith("-") ? "unknown option " + name + "; options: " + String.join(" ", OPTIONS)
                        : "unexpected argument '" + arg + "'; simulate takes only options: " + String.join(" ", OPTIONS));
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
                    case "--for" -> p.options.duration(positiveDuration(name, value));
                    case "--scenario" -> scenarios.add(ScenarioSpec.parse(nonEmpty(name, value)));
                    case "--sensor" -> sensor = nonEmpty(name, value);
                    case "--start-after" -> {
                        startAfter = value;
                        p.options.scenarioStartAfter(duration(name, value));
                    }
                    case "--pack" -> p.options.pack(parsePack(value));
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
            "--rate", "--pack", "--for", "--scenario", "--sensor", "--start-after", "--seed", "--help");

    private static String accepted(String option) {
        return switch (option) {
            case "--catalogue" -> "a catalogue YAML file, e.g. " + DEFAULT_CATALOGUE;
            case "--mqtt" -> "a broker URL, e.g. tcp://127.0.0.1:1883";
            case "--topic-root" -> "the first topic level, e.g. hw";
            case "--qos" -> "0 or 1";
            case "--interval", "--for", "--start-after" -> Durations.ACCEPTED;
            case "--rate" -> "readings per second in total, e.g. 500";
            case "--scenario" -> ScenarioSpec.SYNTAX + " with NAME one of " + String.join(", ", Scenarios.NAMES)
                    + ", e.g. overfill or dead-sensor:" + Scenarios.DEFAULT_DEAD_SENSOR + "@10s+100s";
            case "--sensor" -> "a sensor id, e.g. " + SimulatorOptions.DEFAULT_SCENARIO_SENSOR;
            case "--seed" -> "a whole number, e.g. 42";
            case "--pack" -> "readings per message, 1 (no packing) to " + SimulatorOptions.MAX_PACK + ", e.g. 50";
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
                  --for DURATION          stop after DURATION (default: run until Ctrl-C)
                  --scenario SPEC         play an incident (repeat to play several at once);
                                          SPEC = %s, NAME one of: %s
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
                Exit codes: 0 done, 1 catalogue or broker error, 2 invalid options.
                """.formatted(DEFAULT_CATALOGUE, Durations.format(Packer.MAX_WAIT), ScenarioSpec.SYNTAX,
                String.join(", ", Scenarios.NAMES), Scenarios.DEFAULT_OVERFILL_SENSOR, OverfillScenario.RISE_SECONDS,
                OverfillScenario.HOLD_SECONDS, OverfillScenario.FALL_SECONDS, Scenarios.DEFAULT_OUTAGE_ENTERPRISE,
                Durations.format(Scenarios.DEFAULT_SILENCE), Scenarios.DEFAULT_DEAD_SENSOR,
                Durations.format(Scenarios.DEFAULT_SILENCE));
    }
}
