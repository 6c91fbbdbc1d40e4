package com.hazardwatch.cli;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueError;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueJson;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.LocalServices;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hazardwatch catalogue}: checks a catalogue file, or shows its sensors as a table or as JSON.
 *
 * <p>Exit codes: 0 done, 1 the catalogue has errors (or cannot be read), 2 bad command line.
 */
public final class CatalogueCommand {
    /** The catalogue {@code show} reads when given no file, relative to the working directory. */
    public static final String DEFAULT_FILE = "config/catalogue/demo-district.yaml";

    static final String USAGE = """
            Usage: hazardwatch catalogue check FILE
                   hazardwatch catalogue show [--json] [FILE]
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
              help, --help       print this text

            Exit codes: 0 ok, 1 the catalogue has errors or cannot be read, 2 bad command line.
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
