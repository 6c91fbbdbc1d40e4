package com.hazardwatch.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Entry point of bin/hazardwatch's Java commands. */
public final class Main {
    private Main() {}

    static final String USAGE = """
            usage: bin/hazardwatch <command> [options]   (each command takes --help)

              catalogue check FILE | show [--json] [FILE]   validate or print a catalogue
              catalogue push FILE [--dry-run]               publish its changes to hw.catalogue (running job and bridge follow)
              simulate [options]                            publish sensor readings over MQTT
              replay FILE.csv [options]                     publish a recording of readings over MQTT, in real time or faster
              drill --scenario NAME [--window 30m]          normal traffic, the scenario at a moment nobody is told; sealed log
              run [--config FILE] [--set key=value ...]     bridge + monitoring job, until Ctrl-C (--no-bridge: the job alone)
              bridge [--config FILE] [--set key=value ...]  the MQTT->Kafka bridge alone, until Ctrl-C (several share the work)
              demo [--for DURATION]                         bridge + job + overfill, gateway outage, dead sensor; a checklist
              settings [--config FILE]                      every setting with its value and meaning
              users init|add|remove|list|acl|tls-selfsigned MQTT users, password and ACL files, test TLS certificate
              bench engine|e2e [options]                    throughput and latency benchmarks
              console serve | hash-password | user add NAME  the web console alone; its accounts (docs/console.md)
            """;

    public static void main(String[] args) {
        // Catalogue names are Chinese: print UTF-8 whatever the locale (a POSIX locale would print '?').
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "catalogue" -> CatalogueCommand.run(rest, System.out, System.err);
                case "simulate" -> SimulateCommand.run(rest);
                case "replay" -> ReplayCommand.run(rest);
                case "drill" -> DrillCommand.run(rest);
                case "run" -> RunCommand.run(rest);
                case "bridge" -> BridgeCommand.run(rest);
                case "demo" -> DemoCommand.run(rest);
                case "settings" -> SettingsCommand.run(rest);
                case "users" -> UsersCommand.run(rest, System.out, System.err);
                case "bench" -> com.hazardwatch.bench.BenchMain.run(rest);
                case "console" -> ConsoleCommand.run(rest);
                default -> {
                    System.err.println("hazardwatch: unknown command '" + args[0] + "'");
                    System.err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("hazardwatch " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("hazardwatch " + args[0] + ": failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }
}
