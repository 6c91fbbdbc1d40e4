package com.hazardwatch.bench;

import java.util.List;

/** bin/hazardwatch bench engine|e2e|load: benchmarks that print figures and ratios to references measured in the same run. */
public final class BenchMain {
    private BenchMain() {}

    public static final String USAGE = """
            usage: bin/hazardwatch bench <engine|e2e|load> [options]   (each takes --help)

              engine   the monitoring job's whole graph (rules, correlation, lifecycle, risk) on in-memory
                       readings, against parse-only and a plain single-threaded Java reference of it
              e2e      simulator -> Mosquitto -> bridge -> Kafka -> job -> hw.alarms and InfluxDB at
                       stepped rates: achieved rate, lag, alarm latency p50/p99/max, CPU and memory
              load     the simulator alone -> Mosquitto at a target rate, drained by a subscriber:
                       achieved / target, drained = published, failed, the simulator's CPU
            Results go to bench/results/ as JSON and Markdown.
            """;

    public static int run(List<String> args) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            System.out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "engine" -> EngineBenchmark.run(rest);
            case "e2e" -> E2eBenchmark.run(rest);
            case "load" -> LoadBenchmark.run(rest);
            default -> {
                System.err.println("bench: unknown benchmark '" + args.get(0) + "'");
                System.err.print(USAGE);
                yield 2;
            }
        };
    }
}
