package com.hazardwatch.bench.e2e;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorStats;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The load generator's own JVM (so that its CPU is not the pipeline's): runs the real {@link Simulator} on a
 * catalogue handed over as a serialized file, and reports to the benchmark on stdout with lines starting
 * {@code @@}: {@code @@START epochMs}, {@code @@STAT published failed messages} every 250 ms,
 * {@code @@DONE published messages failed unconfirmed elapsedMs maxLagMs}. Everything else on stdout is the simulator's own
 * lines. It stops early on a line "stop" on stdin, when stdin closes (the benchmark went away) or on SIGTERM.
 */
public final class LoadGeneratorMain {
    static final String START = "@@START ";
    static final String STAT = "@@STAT ";
    static final String DONE = "@@DONE ";

    private LoadGeneratorMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        Catalogue catalogue;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(a.get("--catalogue-file"))))) {
            catalogue = (Catalogue) in.readObject();
        }
        LoadSpec spec = new LoadSpec(a.get("--mqtt"), a.get("--root"), Double.parseDouble(a.get("--rate")),
                Integer.parseInt(a.get("--pack")), Durations.parse(a.get("--duration")), a.get("--client-id"),
                Long.parseLong(a.get("--seed")));
        AtomicBoolean started = new AtomicBoolean();
        Simulator sim = new Simulator(catalogue, LoadGenerator.simulatorOptions(spec), line -> {
            if (line.startsWith("simulating") && started.compareAndSet(false, true)) {
                System.out.println(START + System.currentTimeMillis());
            }
            System.out.println(line);
        });
        Thread stat = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.out.println(STAT + sim.publishedCount() + " " + sim.failedCount() + " " + sim.publishedMessages());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "load-stat");
        stat.setDaemon(true);
        stat.start();
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                    // only "stop" means anything
                }
            } catch (Exception ignored) {
                // treat as gone
            }
            sim.stop(); // "stop", or EOF: the benchmark is gone
        }, "load-stdin");
        stdin.setDaemon(true);
        stdin.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.stop();
            try {
                sim.awaitFinished(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-stop"));
        SimulatorStats st = sim.run();
        stat.interrupt();
        System.out.println(DONE + st.published() + " " + sim.publishedMessages() + " " + st.failed() + " " + st.unconfirmed() + " " + st.elapsed().toMillis() + " "
                + st.maxLag().toMillis());
        System.out.flush();
        System.exit(0);
    }
}
