package com.hazardwatch.cli;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.Packer;
import com.hazardwatch.simulators.SimulatorException;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.replay.ColumnMapping;
import com.hazardwatch.simulators.replay.Problem;
import com.hazardwatch.simulators.replay.RecordingParser;
import com.hazardwatch.simulators.replay.Recording;
import com.hazardwatch.simulators.replay.ReplayOptions;
import com.hazardwatch.simulators.replay.ReplayStats;
import com.hazardwatch.simulators.replay.ReplayTiming;
import com.hazardwatch.simulators.replay.Replayer;
import com.hazardwatch.simulators.replay.Speed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hazardwatch replay FILE.csv}: publishes a recording of sensor readings over MQTT as the simulator publishes
 * its traffic, in real time or faster. Exit codes: 0 done, 1 a problem in the file, the catalogue or with the broker,
 * 2 invalid options.
 */
public final class ReplayCommand {
    static final int OK = CommandLines.OK;
    static final int FAILED = CommandLines.FAILED;
    static final int USAGE = CommandLines.USAGE;
    /** At most this many problems are listed; the count says how many there are. */
    static final int MAX_LISTED = 100;
    /** The job's default job.max-future: readings stamped further ahead of its clock are rejected. */
    static final Duration JOB_MAX_FUTURE = Duration.ofMinutes(5);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final List<String> OPTIONS = List.of("--catalogue", "--map", "--map-file", "--speed", "--shift-to-now",
            "--no-shift-to-now", "--skip-bad-rows", "--check", "--mqtt", "--topic-root", "--qos", "--pack", "--help");
    private static final List<String> FLAGS = List.of("--shift-to-now", "--no-shift-to-now", "--skip-bad-rows", "--check", "--help");

    private ReplayCommand() {}

    public static int run(List<String> args) {
        return run(args, System.out, System.err, true);
    }

    /** The parsed command line. */
    static final class Parsed {
        boolean help;
        boolean check;
        boolean skipBadRows;
        String file;
        String catalogue = SimulateCommand.DEFAULT_CATALOGUE;
        final List<String> maps = new ArrayList<>();
        String mapFile;
        final ReplayOptions.Builder options = ReplayOptions.builder();
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param handleCtrlC whether to install a shutdown hook that stops the replay cleanly on Ctrl-C
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, boolean handleCtrlC) {
        Parsed p;
        try {
            p = parse(args);
        } catch (UsageException e) {
            return CommandLines.usageError(err, "replay", e.getMessage());
        }
        if (p.help) {
            out.print(usage());
            return OK;
        }
        Catalogue catalogue = CommandLines.loadCatalogue("replay", p.catalogue, err);
        if (catalogue == null) {
            return FAILED;
        }
        ColumnMapping mapping;
        try {
            mapping = ColumnMapping.parse(p.maps);
        } catch (IllegalArgumentException e) {
            err.println("replay: --map: " + e.getMessage());
            return USAGE;
        }
        if (p.mapFile != null) {
            try {
                mapping = mapping.and(ColumnMapping.load(Path.of(p.mapFile)));
            } catch (NoSuchFileException e) {
                err.println("replay: --map-file: no such file: " + p.mapFile);
                return FAILED;
            } catch (IOException e) {
                err.println("replay: --map-file: cannot read " + p.mapFile + ": " + e.getMessage());
                return FAILED;
            } catch (IllegalArgumentException e) {
                err.println("replay: --map-file " + p.mapFile + ":");
                e.getMessage().lines().forEach(l -> err.println("  " + l));
                return FAILED;
            }
        }
        Path file = Path.of(p.file);
        if (!Files.isRegularFile(file)) {
            err.println("replay: no such file: " + p.file);
            return FAILED;
        }
        RecordingParser.Result result;
        try {
            result = RecordingParser.parse(file, catalogue, mapping, p.skipBadRows);
        } catch (IOException e) {
            err.println("replay: cannot read " + p.file + ": " + e.getMessage());
            return FAILED;
        }
        String name = file.getFileName().toString();
        if (!result.ok()) {
            err.println("replay: " + name + ": " + count(result.problems().size(), "problem") + ", nothing was published:");
            list(err, name, result.problems());
            if (!p.skipBadRows) {
                err.println("(--skip-bad-rows leaves out the rows with problems and replays the others; problems of the header stay errors)");
            }
            return FAILED;
        }
        Recording recording = result.recording();
        if (result.skippedRows() > 0) {
            err.println("replay: " + name + ": leaving out " + count(result.skippedRows(), "row") + " with problems (--skip-bad-rows):");
            list(err, name, result.skipped());
        }
        List<String> headers = recording.columns().stream().map(Recording.Column::header).toList();
        for (String unused : mapping.unused(headers)) {
            err.println("replay: warning: --map " + unused + "=" + mapping.sensorFor(unused) + ": " + name + " has no column " + unused);
        }
        ReplayOptions options;
        try {
            options = CommandLines.withAccess(p.options, CommandLines.localSettings()).build();
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return USAGE;
        }
        long ahead = Replayer.timing(recording, options, System.currentTimeMillis())
                .aheadOfClockMillis(recording.rows().get(recording.rows().size() - 1).recordedMillis());
        if (ahead > JOB_MAX_FUTURE.toMillis()) {
            err.println("replay: warning: at speed " + options.speed() + " the last readings are stamped "
                    + Durations.format(Duration.ofMillis(ahead)) + " ahead of the clock; the monitoring job rejects readings more than "
                    + "job.max-future (default " + Durations.format(JOB_MAX_FUTURE) + ") ahead as FUTURE_TIMESTAMP. "
                    + "A lower --speed keeps them nearer; --no-shift-to-now replays the recorded times.");
        }
        if (p.check) {
            List<Recording.Row> rows = recording.rows();
            out.printf("%s: ok: %d rows (lines %d-%d), %d readings of %d sensors (%s), recorded %s .. %s (%s)%n", name, rows.size(),
                    rows.get(0).line(), rows.get(rows.size() - 1).line(), recording.readings(), recording.columns().size(),
                    String.join(", ", recording.columns().stream().map(c -> c.sensor().id()).toList()),
                    Instant.ofEpochMilli(rows.get(0).recordedMillis()), Instant.ofEpochMilli(rows.get(rows.size() - 1).recordedMillis()),
                    Durations.format(Duration.ofMillis(recording.spanMillis())));
            out.printf("at speed %s the replay takes %s; nothing published (--check)%n", options.speed(), options.speed().isMax()
                    ? "as long as the broker needs"
                    : Durations.format(Duration.ofNanos(ReplayTiming.wallNanos(recording.spanMillis(), options.speed())).withNanos(0)));
            return OK;
        }

        Replayer replayer = new Replayer(recording, options, line -> out.println(LocalTime.now().format(CLOCK) + " " + line));
        CommandLines.CtrlC ctrlC = CommandLines.CtrlC.handle(handleCtrlC, "hw-replay-shutdown", replayer::stop);
        try {
            ReplayStats stats = replayer.run();
            return stats.failed() == 0 ? OK : FAILED;
        } catch (SimulatorException e) {
            err.println("replay: " + e.getMessage());
            return FAILED;
        } finally {
            replayer.close();
            out.flush();
            ctrlC.finished();
        }
    }

    private static void list(PrintStream err, String name, List<Problem> problems) {
        for (int i = 0; i < problems.size() && i < MAX_LISTED; i++) {
            err.println("  " + name + ": " + problems.get(i));
        }
        if (problems.size() > MAX_LISTED) {
            err.println("  ... and " + (problems.size() - MAX_LISTED) + " more");
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static Parsed parse(List<String> args) throws UsageException {
        Parsed p = new Parsed();
        Boolean shift = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            CommandLines.Arg a = CommandLines.Arg.of(arg);
            String name = a.name();
            String value = a.value();
            if (name.equals("-h")) {
                name = "--help";
            }
            if (!arg.startsWith("-")) {
                if (p.file != null) {
                    throw new UsageException("one recording at a time: '" + p.file + "' and '" + arg + "'");
                }
                p.file = arg;
                continue;
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException("unknown option " + name + "; options: " + String.join(" ", OPTIONS));
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                switch (name) {
                    case "--help" -> p.help = true;
                    case "--check" -> p.check = true;
                    case "--skip-bad-rows" -> p.skipBadRows = true;
                    case "--shift-to-now", "--no-shift-to-now" -> {
                        boolean s = name.equals("--shift-to-now");
                        if (shift != null && shift != s) {
                            throw new UsageException("--shift-to-now and --no-shift-to-now exclude each other");
                        }
                        shift = s;
                        p.options.shiftToNow(s);
                    }
                    default -> throw new IllegalStateException(name);
                }
                continue;
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
            try {
                switch (name) {
                    case "--catalogue" -> p.catalogue = value;
                    case "--map" -> p.maps.add(value);
                    case "--map-file" -> {
                        if (p.mapFile != null) {
                            throw new UsageException("--map-file: one mapping file; put every pair in it, or add --map pairs");
                        }
                        p.mapFile = value;
                    }
                    case "--speed" -> p.options.speed(Speed.parse(value));
                    case "--mqtt" -> p.options.mqttUrl(value);
                    case "--topic-root" -> p.options.topicRoot(value);
                    case "--qos" -> {
                        if (!value.equals("0") && !value.equals("1")) {
                            throw new UsageException("--qos: '" + value + "' is not accepted; use 0 or 1");
                        }
                        p.options.qos(Integer.parseInt(value));
                    }
                    case "--pack" -> {
                        int k;
                        try {
                            k = Integer.parseInt(value.trim());
                        } catch (NumberFormatException e) {
                            throw new UsageException("--pack: '" + value + "' is not accepted; expected " + accepted("--pack"));
                        }
                        p.options.pack(k);
                    }
                    default -> throw new IllegalStateException(name);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + ": " + e.getMessage());
            }
        }
        if (p.file == null && !p.help) {
            throw new UsageException("which recording? e.g. replay simulators/replay/example.csv");
        }
        if (!p.maps.isEmpty()) {
            try {
                ColumnMapping.parse(p.maps);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--map: " + e.getMessage());
            }
        }
        return p;
    }

    private static String accepted(String option) {
        return switch (option) {
            case "--catalogue" -> "a catalogue YAML file, e.g. " + SimulateCommand.DEFAULT_CATALOGUE;
            case "--map" -> ColumnMapping.SYNTAX + "[,...], e.g. LT-101=E01-LT101";
            case "--map-file" -> "a file with one " + ColumnMapping.SYNTAX + " a line";
            case "--speed" -> Speed.ACCEPTED;
            case "--mqtt" -> "a broker URL, e.g. tcp://127.0.0.1:1883";
            case "--topic-root" -> "the first topic level, e.g. hw";
            case "--qos" -> "0 or 1";
            case "--pack" -> "readings per message, 1 (no packing) to " + SimulatorOptions.MAX_PACK + ", e.g. 50";
            default -> "a value";
        };
    }

    static String usage() {
        return """
                Usage: replay FILE.csv [OPTIONS]

                Publishes a recording of sensor readings over MQTT exactly as 'simulate' publishes its traffic:
                {"sensor":ID,"ts":EPOCH_MS,"value":N} on ROOT/ENTERPRISE/SOURCE/SENSOR, or, with --pack K, SenML
                packs of up to K readings of one enterprise on ROOT/ENTERPRISE/pack; at the recorded pace or faster.

                FILE.csv: a header row, then one row per time. The first column is the timestamp, as epoch
                milliseconds (1732262400000) or ISO-8601 with a zone offset (2024-11-22T08:00:00+08:00, ...Z);
                every other column holds one catalogue sensor: its header is the sensor id, or a name --map maps
                to one. An empty cell is no reading. Blank lines and lines starting with # are skipped.
                Every problem in the file (unknown sensor column, unreadable timestamp or number, timestamps going
                backwards, a row with too few or too many cells) is listed with its line and column before
                anything is published, and nothing is.

                Options:
                  --speed N|max           N times real time (default 1; e.g. 10, 0.5); max: as fast as the broker
                                          takes them
                  --shift-to-now          event times shifted so that the first row is now, the recorded spacing
                                          kept (the default)
                  --no-shift-to-now       the recorded event times, to re-process history
                  --map HEADER=SENSOR_ID  the column HEADER holds sensor SENSOR_ID (repeat, or separate pairs
                                          with commas: --map "LT-101=E01-LT101,TT-101=E01-TT101")
                  --map-file FILE         mapping pairs from FILE, one HEADER=SENSOR_ID a line (# comments)
                  --skip-bad-rows         leave out the rows with problems (listed and counted) and replay the
                                          others; problems of the header row stay errors
                  --check                 read and check the file, print what would be replayed, publish nothing
                  --catalogue FILE        catalogue YAML (default %s)
                  --mqtt URL              broker (default tcp://127.0.0.1:$HW_MQTT_PORT, else port 1883)
                  --topic-root ROOT       first topic level (default hw)
                  --qos 0|1               MQTT QoS (default 1)
                  --pack K                up to K readings per message (default 1); K > 1: SenML packs per
                                          enterprise, each sent when full or when its oldest reading has waited %s
                  --help                  this text

                With --shift-to-now at a speed above 1 the readings are stamped ahead of the clock (by up to the
                recording's length x (1 - 1/speed)); the job rejects readings more than job.max-future (5m)
                ahead, and a warning says so before the start.
                Progress every 5 s (rows, readings, rate, on or behind schedule), a summary at the end (also on
                Ctrl-C). Exit codes: 0 done, 1 a problem in the file, the catalogue or with the broker,
                2 invalid options.
                Example: replay simulators/replay/example.csv --speed 20
                """.formatted(SimulateCommand.DEFAULT_CATALOGUE, Durations.format(Packer.MAX_WAIT));
    }
}
