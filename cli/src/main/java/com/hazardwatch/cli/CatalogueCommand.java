package com.hazardwatch.cli;

import com.hazardwatch.connectors.kafka.CatalogueDiff;
import com.hazardwatch.connectors.kafka.CatalogueTopic;
import com.hazardwatch.connectors.kafka.KafkaClients;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.CatalogueError;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueJson;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code hazardwatch catalogue}: checks a catalogue file, shows its sensors as a table or as JSON, or pushes its
 * changes to the compacted Kafka topic that running bridges follow.
 *
 * <p>Exit codes: 0 done, 1 the catalogue has errors (or cannot be read), or Kafka failed a push, 2 bad command line.
 */
public final class CatalogueCommand {
    /** The catalogue {@code show} reads when given no file, relative to the working directory. */
    public static final String DEFAULT_FILE = "config/catalogue/demo-district.yaml";

    static final String USAGE = """
            Usage: hazardwatch catalogue check FILE
                   hazardwatch catalogue show [--json] [FILE]
                   hazardwatch catalogue push FILE [--dry-run] [--config FILE] [--set key=value ...]
                   hazardwatch catalogue help

            Sensor catalogues are YAML files listing towns, enterprises, their hazard sources
            and every sensing point with its range, alarm limits and deadband; the format is
            described in config/catalogue/README.md.

              check FILE         validate FILE completely: print "OK: FILE: ..." with its counts
                                 and exit 0, or print every error found, one per line as
                                 "place: field: message", then the count, and exit 1
              show [FILE]        print the sensors of FILE as a table: id, enterprise, source,
                                 grade, kind, unit, range, limits, deadband, name
                                 (FILE defaults to config/catalogue/demo-district.yaml)
              show --json [FILE] print them as JSON instead: an array with one object per
                                 sensor, defaults applied
              push FILE          change the catalogue of the running bridges: validate FILE (an
                                 invalid one prints every error, publishes nothing and exits 1),
                                 read what is in force on the compacted Kafka topic of the setting
                                 kafka.topic.catalogue (hw.catalogue), and publish the difference,
                                 one entry per sensor: new or changed sensors with their definition,
                                 sensors no longer in FILE as removals, all at revision = now
                                 (epoch ms). Prints one line per such sensor, e.g.
                                   E01-LT101 limits.hh 95 -> 90
                                 then "N added, M changed, K removed, U unchanged; published to
                                 hw.catalogue at revision R". Bridges apply it within seconds.
                --dry-run        print the difference only; publish nothing
                --config FILE    settings file (default config/hazardwatch.properties)
                --set key=value  override a setting (kafka.bootstrap-servers, kafka.topic.catalogue)
              help, --help       print this text

            Exit codes: 0 ok, 1 the catalogue has errors or cannot be read, or Kafka failed
            (push), 2 bad command line.
            """;

    private CatalogueCommand() {}

    /** Runs the command; args are what follows {@code catalogue}. Returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, Path.of(""), LocalServices.installRoot());
    }

    /** As {@link #run(List, PrintStream, PrintStream)}, with workDir as both working directory and installation root. */
    static int run(List<String> args, PrintStream out, PrintStream err, Path workDir) {
        return run(args, out, err, workDir, workDir);
    }

    /** Relative files given resolve against workDir; the default file against installRoot (where config/ is). */
    static int run(List<String> args, PrintStream out, PrintStream err, Path workDir, Path installRoot) {
        if (args == null || args.isEmpty()) {
            return usageError(err, "no subcommand given");
        }
        String sub = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (sub) {
            case "help", "--help", "-h":
                out.print(USAGE);
                return 0;
            case "check":
                return check(rest, out, err, workDir);
            case "show":
                return show(rest, out, err, workDir, installRoot);
            case "push":
                return push(rest, out, err, workDir);
            default:
                return usageError(err, sub.startsWith("-") && sub.length() > 1
                        ? "unknown option \"" + sub + "\"" : "unknown subcommand \"" + sub + "\"");
        }
    }

    private static int check(List<String> args, PrintStream out, PrintStream err, Path workDir) {
        Args a = Args.parse(args, List.of());
        if (a.help) {
            out.print(USAGE);
            return 0;
        }
        if (a.problem != null) {
            return usageError(err, "check: " + a.problem);
        }
        if (a.files.size() != 1) {
            return usageError(err, a.files.isEmpty() ? "check needs a FILE" : "check takes one FILE, got " + a.files.size());
        }
        String file = a.files.get(0);
        Catalogue c = load(file, err, workDir);
        if (c == null) {
            return 1;
        }
        out.println("OK: " + file + ": " + counts(c));
        return 0;
    }

    private static int show(List<String> args, PrintStream out, PrintStream err, Path workDir, Path installRoot) {
        Args a = Args.parse(args, List.of("--json"));
        if (a.help) {
            out.print(USAGE);
            return 0;
        }
        if (a.problem != null) {
            return usageError(err, "show: " + a.problem);
        }
        if (a.files.size() > 1) {
            return usageError(err, "show takes at most one FILE, got " + a.files.size());
        }
        String file = a.files.isEmpty() ? DEFAULT_FILE : a.files.get(0);
        Catalogue c = load(file, err, a.files.isEmpty() ? installRoot : workDir);
        if (c == null) {
            return 1;
        }
        if (a.options.contains("--json")) {
            out.println(CatalogueJson.toJson(c));
        } else {
            out.println(c.name() + " (" + file + "): " + counts(c));
            out.println();
            table(c, out);
        }
        return 0;
    }

    private static int push(List<String> args, PrintStream out, PrintStream err, Path workDir) {
        List<String> files = new ArrayList<>();
        List<String> settingArgs = new ArrayList<>();
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--dry-run" -> dryRun = true;
                case "--config", "--set" -> {
                    if (i + 1 >= args.size()) {
                        return usageError(err, "push: " + arg + " needs a value");
                    }
                    settingArgs.add(arg);
                    settingArgs.add(args.get(++i));
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        return usageError(err, "push: unknown option \"" + arg + "\" (known: --dry-run, --config FILE, --set key=value)");
                    }
                    files.add(arg);
                }
            }
        }
        if (files.size() != 1) {
            return usageError(err, files.isEmpty() ? "push needs a FILE" : "push takes one FILE, got " + files.size());
        }
        Settings settings;
        try {
            settings = PipelineOptions.parse(settingArgs).settings();
        } catch (IllegalArgumentException | IOException e) {
            return usageError(err, "push: " + e.getMessage());
        }
        String file = files.get(0);
        Catalogue c = load(file, err, workDir);
        if (c == null) {
            err.println("nothing published");
            return 1;
        }
        String bootstrap = settings.get(HwOptions.KAFKA_BOOTSTRAP);
        String topic = settings.get(HwOptions.TOPIC_CATALOGUE).trim();
        if (topic.isEmpty()) {
            return usageError(err, "push: the setting " + HwOptions.TOPIC_CATALOGUE.key() + " is empty: there is no topic to push to");
        }
        CatalogueDiff diff;
        try {
            if (!dryRun) {
                CatalogueTopic.ensure(bootstrap, KafkaClients.security(settings), topic);
            }
            Map<String, CatalogueEntry> onTopic = CatalogueTopic.readAll(bootstrap, KafkaClients.security(settings), topic);
            long inForce = onTopic.values().stream().filter(e -> !e.removed()).count();
            out.println(file + ": " + plural(c.sensorCount(), "sensor") + "; " + topic + " on " + bootstrap + ": "
                    + (onTopic.isEmpty() ? "empty" : plural(inForce, "sensor") + " in force, revision "
                            + onTopic.values().stream().mapToLong(CatalogueEntry::revision).max().orElse(0)));
            diff = CatalogueDiff.between(onTopic, c, CatalogueDiff.nextRevision(onTopic, System.currentTimeMillis()));
        } catch (IllegalStateException e) {
            err.println("catalogue: push: " + e.getMessage());
            err.println("nothing published");
            return 1;
        }
        diff.lines().forEach(out::println);
        if (diff.isEmpty()) {
            out.println(diff.counts() + "; nothing to publish, " + topic + " is up to date");
        } else if (dryRun) {
            out.println(diff.counts() + "; dry run, nothing published to " + topic);
        } else {
            try {
                CatalogueTopic.publish(bootstrap, KafkaClients.security(settings), topic, diff.entries());
            } catch (IllegalStateException e) {
                err.println("catalogue: push: " + e.getMessage());
                return 1;
            }
            out.println(diff.counts() + "; published to " + topic + " at revision " + diff.revision());
        }
        return 0;
    }

    /** The catalogue, or null after printing every error and their count to err. */
    private static Catalogue load(String file, PrintStream err, Path workDir) {
        try {
            return CatalogueLoader.load(workDir.resolve(file));
        } catch (CatalogueException e) {
            for (CatalogueError error : e.errors()) {
                err.println(error.place() + ": " + error.field() + ": " + error.message());
            }
            int n = e.errors().size();
            err.println("FAILED: " + file + ": " + n + (n == 1 ? " error" : " errors"));
            return null;
        }
    }

    static String counts(Catalogue c) {
        long major = c.enterprises().stream().filter(Enterprise::hasMajorHazard).count();
        return plural(c.towns().size(), "town") + ", " + plural(c.enterprises().size(), "enterprise")
                + " (" + major + " with major hazard sources), " + plural(c.sensorCount(), "sensor");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static void table(Catalogue c, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "ENTERPRISE", "SOURCE", "GRADE", "KIND", "UNIT", "RANGE", "LIMITS", "DEADBAND", "NAME"});
        for (Sensor s : c.sensors()) {
            rows.add(new String[] {
                s.id(),
                s.enterprise(),
                s.source(),
                s.sourceGrade() == null ? "-" : s.sourceGrade().toString(),
                s.kind().code(),
                s.unit(),
                num(s.range().min()) + ".." + num(s.range().max()),
                limits(s.limits()),
                num(s.deadband()),
                s.name()
            });
        }
        // every column but the last (names, often Chinese) is ASCII, so padding by length lines them up
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static String limits(Limits l) {
        if (l == null || l.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        if (l.ll() != null) {
            parts.add("LL " + num(l.ll()));
        }
        if (l.l() != null) {
            parts.add("L " + num(l.l()));
        }
        if (l.h() != null) {
            parts.add("H " + num(l.h()));
        }
        if (l.hh() != null) {
            parts.add("HH " + num(l.hh()));
        }
        return String.join(" ", parts);
    }

    static String num(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static int usageError(PrintStream err, String message) {
        err.println("catalogue: " + message);
        err.println();
        err.print(USAGE);
        return 2;
    }

    /** A subcommand's arguments: the options it knows, positional files, --help, or what is wrong. */
    private static final class Args {
        final List<String> options = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        boolean help;
        String problem;

        static Args parse(List<String> args, List<String> known) {
            Args a = new Args();
            boolean onlyFiles = false;
            for (String arg : args) {
                if (onlyFiles || arg.equals("-") || !arg.startsWith("-")) {
                    a.files.add(arg);
                } else if (arg.equals("--")) {
                    onlyFiles = true;
                } else if (arg.equals("--help") || arg.equals("-h")) {
                    a.help = true;
                } else if (known.contains(arg)) {
                    a.options.add(arg);
                } else if (a.problem == null) {
                    a.problem = "unknown option \"" + arg + "\"" + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")");
                }
            }
            return a;
        }
    }
}
