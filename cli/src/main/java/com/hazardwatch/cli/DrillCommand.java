package com.hazardwatch.cli;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.Scenarios;
import com.hazardwatch.simulators.SimulatorException;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.drill.Drill;
import com.hazardwatch.simulators.drill.DrillPlan;
import com.hazardwatch.simulators.drill.DrillScenario;
import com.hazardwatch.simulators.script.ScriptException;
import com.hazardwatch.simulators.script.ScriptLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code hazardwatch drill --scenario NAME}: normal traffic of every catalogue sensor with one scenario started at a
 * random moment within a window, which only the sealed drill log tells until the end. Exit codes: 0 done, 1 catalogue,
 * script, log or broker error, 2 invalid options.
 */
public final class DrillCommand {
    static final int OK = CommandLines.OK;
    static final int FAILED = CommandLines.FAILED;
    static final int USAGE = CommandLines.USAGE;
    /** Names a scenario script whose name is also a built-in scenario's. */
    static final String SCRIPT_PREFIX = "script:";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final List<String> OPTIONS = List.of("--scenario", "--window", "--seed", "--for", "--catalogue", "--scripts",
            "--log-dir", "--mqtt", "--topic-root", "--qos", "--interval", "--pack", "--help");

    private DrillCommand() {}

    public static int run(List<String> args) {
        return run(args, System.out, System.err, true);
    }

    /** The parsed command line. */
    static final class Parsed {
        boolean help;
        String scenario;
        Duration window = DrillPlan.DEFAULT_WINDOW;
        Long seed;
        Duration duration;
        String catalogue = SimulateCommand.DEFAULT_CATALOGUE;
        String scripts;
        String logDir;
        final SimulatorOptions.Builder options = SimulatorOptions.builder();
        /** The options as given, for the command that replays the drill. */
        final List<String> given = new ArrayList<>();
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Where drill logs go by default: {@code $HAZARDWATCH_HOME/drills}. */
    static Path defaultLogDir() {
        return LocalServices.home().resolve("drills");
    }

    /**
     * @param handleCtrlC whether to install a shutdown hook that ends the drill cleanly on Ctrl-C
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, boolean handleCtrlC) {
        Parsed p;
        try {
            p = parse(args);
        } catch (UsageException e) {
            return CommandLines.usageError(err, "drill", e.getMessage());
        }
        if (p.help) {
            out.print(usage());
            return OK;
        }
        Catalogue catalogue = CommandLines.loadCatalogue("drill", p.catalogue, err);
        if (catalogue == null) {
            return FAILED;
        }
        DrillScenario scenario;
        try {
            scenario = scenario(p, catalogue);
        } catch (ScriptException e) {
            err.println("drill: --scenario: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("drill: --scenario: " + e.getMessage());
            return USAGE;
        }
        long seed = p.seed != null ? p.seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        DrillPlan plan;
        Drill drill;
        try {
            plan = DrillPlan.of(seed, p.window, scenario.length(), p.duration);
            List<String> rerun = new ArrayList<>(List.of("bin/hazardwatch", "drill"));
            rerun.addAll(p.given);
            if (p.seed == null) {
                rerun.addAll(List.of("--seed", Long.toString(seed)));
            }
            drill = new Drill(catalogue, CommandLines.withAccess(p.options, CommandLines.localSettings()).build(), scenario, plan,
                    p.logDir != null ? Path.of(p.logDir) : defaultLogDir(), String.join(" ", rerun),
                    line -> out.println(LocalTime.now().format(CLOCK) + " " + line));
        } catch (IllegalArgumentException e) {
            err.println("drill: " + e.getMessage());
            return USAGE;
        }

        CommandLines.CtrlC ctrlC = CommandLines.CtrlC.handle(handleCtrlC, "hw-drill-shutdown", drill::stop);
        try {
            Drill.Result r = drill.run();
            return r.stats().published() > 0 || r.stats().failed() == 0 ? OK : FAILED;
        } catch (SimulatorException e) {
            err.println("drill: " + e.getMessage());
            return FAILED;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("drill: cannot write the drill log: " + e.getMessage());
            return FAILED;
        } finally {
            out.flush();
            ctrlC.finished();
        }
    }

    /**
     * A built-in scenario when the name is one ({@link Scenarios#NAMES}, with {@code :TARGET} and {@code +LENGTH}), else a
     * scenario script of that name ({@link ScriptLoader}); {@value #SCRIPT_PREFIX}NAME for a script named like a built-in.
     */
    static DrillScenario scenario(Parsed p, Catalogue catalogue) throws ScriptException {
        String text = p.scenario.trim();
        Path dir = p.scripts != null ? Path.of(p.scripts) : ScriptLoader.defaultDir();
        if (text.startsWith(SCRIPT_PREFIX)) {
            return DrillScenario.script(ScriptLoader.load(dir, text.substring(SCRIPT_PREFIX.length()).trim(), catalogue));
        }
        String name = text.split("[:@+]", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (Scenarios.NAMES.contains(name)) {
            return DrillScenario.builtIn(ScenarioSpec.parse(text), catalogue);
        }
        if (!text.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a scenario; expected a built-in one, "
                    + "NAME[:TARGET][+LENGTH] with NAME one of " + String.join(", ", Scenarios.NAMES) + ", or the name of a scenario script in " + dir);
        }
        return DrillScenario.script(ScriptLoader.load(dir, text, catalogue));
    }

    static Parsed parse(List<String> args) throws UsageException {
        Parsed p = new Parsed();
        String interval = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            CommandLines.Arg a = CommandLines.Arg.of(arg);
            String name = a.name();
            String value = a.value();
            if (name.equals("--help") || name.equals("-h")) {
                p.help = true;
                continue;
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException(CommandLines.notAnOption("drill", arg, name, OPTIONS));
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(name + " needs a value: " + accepted(name));
                }
                value = args.get(++i);
            }
            if (value.isBlank()) {
                throw new UsageException(name + " needs a value: " + accepted(name));
            }
            if (!name.equals("--log-dir")) {
                p.given.add(name);
                p.given.add(value.contains(" ") ? "'" + value + "'" : value);
            }
            try {
                switch (name) {
                    case "--scenario" -> {
                        if (p.scenario != null) {
                            throw new UsageException("--scenario: one scenario per drill (" + p.scenario + " and " + value + ")");
                        }
                        if (value.contains("@")) {
                            throw new UsageException("--scenario " + value + ": a drill picks the start itself within --window; give no @START");
                        }
                        p.scenario = value;
                    }
                    case "--window" -> p.window = positiveDuration(name, value);
                    case "--for" -> p.duration = positiveDuration(name, value);
                    case "--seed" -> {
                        try {
                            p.seed = Long.parseLong(value.trim());
                        } catch (NumberFormatException e) {
                            throw new UsageException("--seed: '" + value + "' is not accepted; use a whole number, e.g. 42");
                        }
                    }
                    case "--catalogue" -> p.catalogue = value;
                    case "--scripts" -> p.scripts = value;
                    case "--log-dir" -> p.logDir = value;
                    case "--mqtt" -> p.options.mqttUrl(value);
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
                    case "--pack" -> {
                        try {
                            p.options.pack(Integer.parseInt(value.trim()));
                        } catch (NumberFormatException e) {
                            throw new UsageException("--pack: '" + value + "' is not accepted; expected " + accepted("--pack"));
                        }
                    }
                    default -> throw new IllegalStateException(name);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + ": " + e.getMessage());
            }
        }
        if (p.scenario == null && !p.help) {
            throw new UsageException("--scenario is required: " + accepted("--scenario"));
        }
        if (!p.help) {
            try {
                DrillPlan.chooseStart(0, p.window);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--window: " + e.getMessage());
            }
        }
        return p;
    }

    private static Duration positiveDuration(String option, String value) throws UsageException {
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
        if (d.isZero()) {
            throw new UsageException(option + ": '" + value + "' is zero; expected a positive duration such as 30m, 1h or 90s");
        }
        return d;
    }

    private static String accepted(String option) {
        return switch (option) {
            case "--scenario" -> "a built-in scenario NAME[:TARGET][+LENGTH], NAME one of " + String.join(", ", Scenarios.NAMES)
                    + ", or the name of a scenario script (simulators/scenarios), e.g. overfill or gas-leak";
            case "--window", "--for", "--interval" -> Durations.ACCEPTED;
            case "--seed" -> "a whole number, e.g. 42";
            case "--catalogue" -> "a catalogue YAML file, e.g. " + SimulateCommand.DEFAULT_CATALOGUE;
            case "--scripts" -> "a folder of scenario scripts, e.g. simulators/scenarios";
            case "--log-dir" -> "a folder for the sealed drill logs";
            case "--mqtt" -> "a broker URL, e.g. tcp://127.0.0.1:1883";
            case "--topic-root" -> "the first topic level, e.g. hw";
            case "--qos" -> "0 or 1";
            case "--pack" -> "readings per message, 1 (no packing) to " + SimulatorOptions.MAX_PACK + ", e.g. 50";
            default -> "a value";
        };
    }

    static String usage() {
        return """
                Usage: drill --scenario NAME [--window 30m] [--seed S] [OPTIONS]

                A drill for the duty officers: publishes normal traffic of every catalogue sensor (as 'simulate')
                and starts the scenario at a random moment within the window (uniform, to the millisecond, not
                before %s), so that nobody watching knows when it comes. While it runs it prints nothing that
                gives the moment away: a progress line every 30 s (time run, readings published), connection
                and failure lines, no scenario phases. The moment goes at once into a sealed drill log,
                %s/drill-<time>.log (readable by its owner only; read-only once the drill is
                over), with everything the simulator says; its path is printed at the start. The summary at
                the end names the moment and the scenario's timeline, for the debrief.

                Options:
                  --scenario NAME         a built-in scenario, NAME[:TARGET][+LENGTH] (no @START: the drill picks it),
                                          NAME one of: %s (see 'simulate --help');
                                          or a scenario script of simulators/scenarios (e.g. gas-leak), its
                                          timeline begun at the moment; script:NAME for a script named like a
                                          built-in one (e.g. script:overfill)
                  --window DURATION       the scenario starts within DURATION after the start (default %s)
                  --seed N                the seed of the moment and of the values (default: random, told in the
                                          log and the summary); the same seed, window and scenario replay a drill
                  --for DURATION          how long the drill runs (default: window + the scenario's length + %s,
                                          whatever the moment; at least window + length)
                  --catalogue FILE        catalogue YAML (default %s)
                  --scripts DIR           folder of scenario scripts (default simulators/scenarios)
                  --log-dir DIR           folder of the drill logs (default $HAZARDWATCH_HOME/drills)
                  --mqtt URL              broker (default tcp://127.0.0.1:$HW_MQTT_PORT, else port 1883)
                  --topic-root ROOT       first topic level (default hw)
                  --qos 0|1               MQTT QoS (default 1)
                  --interval DURATION     each sensor reports every DURATION (default 2s)
                  --pack K                up to K readings per message (default 1)
                  --help                  this text

                Example: drill --scenario overfill --window 30m   then, for the debrief, the summary or the log.
                Exit codes: 0 done, 1 catalogue, script, log or broker error, 2 invalid options.
                """.formatted(Durations.format(DrillPlan.MIN_LEAD), "$HAZARDWATCH_HOME/drills", String.join(", ", Scenarios.NAMES),
                Durations.format(DrillPlan.DEFAULT_WINDOW), Durations.format(DrillPlan.SETTLE), SimulateCommand.DEFAULT_CATALOGUE);
    }
}
