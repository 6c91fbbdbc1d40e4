package com.hazardwatch.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts one service of the local stack in a fault-injection test, through the launcher
 * ({@code bin/hazardwatch stack stop|start SERVICE}, with the test's HW_* ports and HAZARDWATCH_HOME). Only for the
 * local services: with Testcontainers (or services HazardWatch did not start) it fails and says why.
 *
 * <p>Other tests share the stack, so a stopped service must be running again when the test ends, failed or not: use
 * {@link #outage} in try-with-resources; its close starts the service again unless {@link Outage#end} already did.
 */
public final class ServiceControl {
    /** A service of the local stack, by the launcher's name. */
    public enum Service {
        MOSQUITTO("mosquitto"), KAFKA("kafka"), INFLUXDB("influxdb");

        final String name;

        Service(String name) {
            this.name = name;
        }
    }

    private static final long TIMEOUT_S = 120;
    private final Path launcher;

    private ServiceControl(Path launcher) {
        this.launcher = launcher;
    }

    /** Control over the given services, which must be the launcher's local ones. */
    public static ServiceControl of(Services services) {
        if (!services.local()) {
            throw new IllegalStateException("fault-injection tests stop and start services through bin/hazardwatch and need the"
                    + " local services it runs, not " + services.mode() + "; run them with the local stack:"
                    + " HW_TEST_SERVICES=local bin/hazardwatch test");
        }
        Path launcher = RepoFiles.root().resolve("bin/hazardwatch");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing or not executable; it stops and starts the local services");
        }
        return new ServiceControl(launcher);
    }

    /** Stops the service and returns the outage, whose close (or end) starts it again. */
    public Outage outage(Service service) {
        stop(service);
        return new Outage(service);
    }

    /** Stops the service; fails if it still answers afterwards. Prefer {@link #outage}, which cannot forget the start. */
    public void stop(Service service) {
        launch("stop", service);
    }

    /** Starts the service and waits until it answers. */
    public void start(Service service) {
        launch("start", service);
    }

    private void launch(String verb, Service service) {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "stack", verb, service.name)
                .redirectErrorStream(true);
        pb.environment().put("HW_AUTO_INSTALL", "0");
        String what = "bin/hazardwatch stack " + verb + " " + service.name;
        try {
            Path out = Files.createTempFile("hw-service-control", ".log");
            try {
                Process p = pb.redirectOutput(out.toFile()).start();
                if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(what + " did not finish within " + TIMEOUT_S + " s:\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "):\n" + text);
                }
                System.out.print(text);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        }
    }

    /** A stopped service; {@link #end} or close starts it again (once). */
    public final class Outage implements AutoCloseable {
        private final Service service;
        private final long stoppedAt = System.nanoTime();
        private long endedAt = -1;

        private Outage(Service service) {
            this.service = service;
        }

        /** Starts the service again now, if not already done. */
        public void end() {
            if (endedAt < 0) {
                start(service); // when this fails, close tries once more
                endedAt = System.nanoTime();
            }
        }

        /** How long the service was down, from stopped to answering again (so far, while it still is), in milliseconds. */
        public long downMillis() {
            return ((endedAt < 0 ? System.nanoTime() : endedAt) - stoppedAt) / 1_000_000;
        }

        @Override
        public void close() {
            end();
        }
    }
}
