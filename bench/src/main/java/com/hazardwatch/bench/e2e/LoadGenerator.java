package com.hazardwatch.bench.e2e;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.SimulatorStats;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The load: the real {@link Simulator} publishing the catalogue at a rate, packed, QoS 1. By default in its own JVM
 * ({@link LoadGeneratorMain}) so that its CPU is measured apart from the pipeline's; with {@code inProcess} as a
 * thread of this JVM (its threads are then told apart by name).
 */
public final class LoadGenerator implements AutoCloseable {
    /** What the run did, as the simulator counted it. */
    public record Done(long published, long messages, long failed, long unconfirmed, long elapsedMs, long maxLagMs) {}

    private final LoadSpec spec;
    private final Process process;
    private final Simulator simulator;
    private final Thread thread;
    private final Path catalogueFile;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile long startedAtMs;
    private volatile long published;
    private volatile long failed;
    private volatile long messages;
    private volatile Done done;
    private volatile String failure;

    private LoadGenerator(LoadSpec spec, Process process, Simulator simulator, Thread thread, Path catalogueFile) {
        this.spec = spec;
        this.process = process;
        this.simulator = simulator;
        this.thread = thread;
        this.catalogueFile = catalogueFile;
    }

    /** The simulator options of a load spec: rate, duration, QoS 1, and {@code pack} readings per message. */
    static SimulatorOptions simulatorOptions(LoadSpec spec) {
        SimulatorOptions.Builder b = SimulatorOptions.builder()
                .mqttUrl(spec.mqttUrl())
                .topicRoot(spec.topicRoot())
                .clientId(spec.clientId())
                .qos(1)
                .rate(spec.rate())
                .duration(spec.duration())
                .seed(spec.seed())
                .pack(spec.pack());
        return b.build();
    }

    /** Starts the load; lines of the simulator worth showing go to {@code out}. */
    public static LoadGenerator start(Catalogue catalogue, LoadSpec spec, boolean inProcess, Consumer<String> out) throws IOException {
        if (inProcess) {
            return startThread(catalogue, spec, out);
        }
        Path file = Files.createTempFile("hw-e2e-load-", ".catalogue");
        try (ObjectOutputStream o = new ObjectOutputStream(Files.newOutputStream(file))) {
            o.writeObject(catalogue);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(LoadGeneratorMain.class.getName());
        cmd.addAll(List.of("--catalogue-file", file.toString(), "--mqtt", spec.mqttUrl(), "--root", spec.topicRoot(),
                "--rate", Double.toString(spec.rate()), "--pack", Integer.toString(spec.pack()),
                "--duration", Durations.format(spec.duration()), "--client-id", spec.clientId(), "--seed", Long.toString(spec.seed())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        LoadGenerator g = new LoadGenerator(spec, p, null, null, file);
        Thread reader = new Thread(() -> g.readChild(out), "e2e-harness-load-reader");
        reader.setDaemon(true);
        reader.start();
        p.onExit().thenRun(() -> {
            if (g.done == null && g.failure == null) {
                g.failure = "the load generator JVM ended with exit code " + p.exitValue() + " without a summary";
            }
            g.started.countDown();
            g.finished.countDown();
        });
        return g;
    }

    private static LoadGenerator startThread(Catalogue catalogue, LoadSpec spec, Consumer<String> out) {
        LoadGenerator[] self = new LoadGenerator[1];
        Simulator sim = new Simulator(catalogue, simulatorOptions(spec), line -> {
            if (line.startsWith("simulating")) {
                self[0].startedAtMs = System.currentTimeMillis();
                self[0].started.countDown();
            }
            show(line, out);
        });
        Thread t = new Thread(() -> {
            LoadGenerator g = self[0];
            try {
                SimulatorStats st = sim.run();
                g.done = new Done(st.published(), sim.publishedMessages(), st.failed(), st.unconfirmed(), st.elapsed().toMillis(), st.maxLag().toMillis());
            } catch (Exception | Error e) {
                g.failure = "the load generator failed: " + e;
            } finally {
                g.started.countDown();
                g.finished.countDown();
            }
        }, "e2e-load");
        self[0] = new LoadGenerator(spec, null, sim, t, null);
        t.setDaemon(true);
        t.start();
        return self[0];
    }

    private void readChild(Consumer<String> out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(LoadGeneratorMain.STAT)) {
                    String[] f = line.substring(LoadGeneratorMain.STAT.length()).trim().split(" ");
                    published = Long.parseLong(f[0]);
                    failed = Long.parseLong(f[1]);
                    messages = Long.parseLong(f[2]);
                } else if (line.startsWith(LoadGeneratorMain.START)) {
                    startedAtMs = Long.parseLong(line.substring(LoadGeneratorMain.START.length()).trim());
                    started.countDown();
                } else if (line.startsWith(LoadGeneratorMain.DONE)) {
                    String[] f = line.substring(LoadGeneratorMain.DONE.length()).trim().split(" ");
                    done = new Done(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4]), Long.parseLong(f[5]));
                    published = done.published();
                    messages = done.messages();
                    failed = done.failed();
                } else {
                    show(line, out);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = "reading the load generator's output: " + e;
        }
    }

    /** Passes on what matters of the simulator's lines: not its start line, progress lines or summary. */
    private static void show(String line, Consumer<String> out) {
        if (line.startsWith("simulating") || line.startsWith("published ") || line.startsWith("summary:")
                || line.startsWith("  per sensor:") || line.isBlank()) {
            return;
        }
        out.accept(line);
    }

    public LoadSpec spec() {
        return spec;
    }

    /** The load generator's own process id, or -1 when it runs in this JVM. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean inProcess() {
        return process == null;
    }

    /** Waits until the simulator is connected and publishing; false on timeout or failure. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure == null && startedAtMs > 0;
    }

    /** Wall clock when publishing started. */
    public long startedAtMs() {
        return startedAtMs;
    }

    /** Readings acknowledged by the broker so far (to 250 ms when in a separate JVM). */
    public long published() {
        return simulator != null ? simulator.publishedCount() : published;
    }

    /** MQTT messages acknowledged so far (packs count once). */
    public long messages() {
        return simulator != null ? simulator.publishedMessages() : messages;
    }

    public long failed() {
        return simulator != null ? simulator.failedCount() : failed;
    }

    /** Asks the load to stop now (it then drains and reports, see {@link #awaitDone}). */
    public void stop() {
        if (simulator != null) {
            simulator.stop();
            return;
        }
        try {
            var w = process.getOutputStream();
            w.write("stop\n".getBytes(StandardCharsets.UTF_8));
            w.flush();
        } catch (IOException e) {
            process.destroy(); // its shutdown hook stops the simulator
        }
    }

    /** Waits for the end of the run and returns its summary (null on timeout or failure: see {@link #failure()}). */
    public Done awaitDone(Duration timeout) throws InterruptedException {
        finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (process != null && done != null) {
            process.waitFor(2, TimeUnit.SECONDS);
        }
        return done;
    }

    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.stop();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process != null) {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
            try {
                Files.deleteIfExists(catalogueFile);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    /**
     * This JVM's class path as a list of files. A test JVM started by Surefire/Failsafe may run from a manifest-only
     * jar whose Class-Path attribute holds the real class path: that is expanded.
     */
    static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        String[] parts = cp.split(File.pathSeparator);
        if (parts.length == 1 && parts[0].endsWith(".jar")) {
            try (JarFile jar = new JarFile(parts[0])) {
                Manifest m = jar.getManifest();
                String entries = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                if (entries != null && !entries.isBlank()) {
                    URL base = Path.of(parts[0]).toAbsolutePath().getParent().toUri().toURL();
                    List<String> files = new ArrayList<>(List.of(parts[0]));
                    for (String e : entries.trim().split("\\s+")) {
                        URI u = new URL(base, e).toURI();
                        files.add(Path.of(u).toString());
                    }
                    return String.join(File.pathSeparator, files);
                }
            } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
                return cp;
            }
        }
        return cp;
    }
}
