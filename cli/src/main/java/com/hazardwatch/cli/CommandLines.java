package com.hazardwatch.cli;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.simulators.PublishOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** What the long-running commands (simulate, replay, drill) share: exit codes, option splitting, usage errors, Ctrl-C. */
final class CommandLines {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** How long a Ctrl-C waits for the command to stop and print its summary before the JVM halts. */
    private static final long STOP_WAIT_MILLIS = 10_000;

    private CommandLines() {}

    /** One command-line word as option name and value: {@code --name=value} split at '=', else the word and no value. */
    record Arg(String name, String value) {
        static Arg of(String arg) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                return new Arg(arg.substring(0, eq), arg.substring(eq + 1));
            }
            return new Arg(arg, null);
        }
    }

    /** Why an argument is not accepted: an unknown option, or a word where the command takes only options. */
    static String notAnOption(String command, String arg, String name, List<String> options) {
        return arg.startsWith("-") ? "unknown option " + name + "; options: " + String.join(" ", options)
                : "unexpected argument '" + arg + "'; " + command + " takes only options: " + String.join(" ", options);
    }

    /** The catalogue at path, or null after printing its errors as the command's. */
    static Catalogue loadCatalogue(String command, String path, PrintStream err) {
        try {
            return CatalogueLoader.load(Path.of(path));
        } catch (CatalogueException e) {
            err.println(command + ": " + e.getMessage());
            return null;
        }
    }

    /** Environment variable with which the launcher runs the local broker with passwords and ACLs (docs/security.md). */
    static final String MQTT_AUTH_ENV = "HW_MQTT_AUTH";

    /**
     * When {@value #MQTT_AUTH_ENV}=1: the settings {@code bin/hazardwatch users init} wrote for local clients
     * ($HAZARDWATCH_HOME/secrets/clients.properties: the bridge's and the simulator's MQTT credentials, the CA); else none.
     *
     * @throws IllegalArgumentException when authentication is on but the file is missing
     */
    static Map<String, String> localClientSettings() {
        if (!"1".equals(System.getenv(MQTT_AUTH_ENV))) {
            return Map.of();
        }
        Path f = UsersCommand.secretsDir().resolve("clients.properties");
        if (!Files.exists(f)) {
            throw new IllegalArgumentException(MQTT_AUTH_ENV + "=1 but " + f + " does not exist: run 'bin/hazardwatch users init' first");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }

    /** The settings file (config/hazardwatch.properties) with the local clients' settings on top. */
    static Settings localSettings() {
        Path f = LocalServices.settingsFile();
        try {
            return Settings.load(Files.exists(f) ? f : null, localClientSettings());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** A publisher's MQTT user, password and CA from the settings (simulator.mqtt.username/password, mqtt.ca-file). */
    static <B extends PublishOptions.Builder<B>> B withAccess(B options, Settings s) {
        return options.credentials(s.get(HwOptions.SIMULATOR_MQTT_USERNAME), s.get(HwOptions.SIMULATOR_MQTT_PASSWORD))
                .caFile(s.get(HwOptions.MQTT_CA_FILE));
    }

    /** Prints an invalid command line's message and where to find the options; returns {@link #USAGE}. */
    static int usageError(PrintStream err, String command, String message) {
        err.println(command + ": " + message);
        err.println("Run '" + command + " --help' for the options.");
        return USAGE;
    }

    /**
     * A shutdown hook that stops a running command on Ctrl-C and lets it return and print its summary (up to 10 s)
     * before the JVM halts. {@link #finished()} goes in the command's finally block.
     */
    static final class CtrlC {
        private final Object lock = new Object();
        private boolean finished;
        private final Thread hook;

        private CtrlC(boolean install, String threadName, Runnable stop) {
            if (!install) {
                hook = null;
                return;
            }
            hook = new Thread(() -> {
                stop.run();
                synchronized (lock) {
                    long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
                    while (!finished && System.currentTimeMillis() < deadline) {
                        try {
                            lock.wait(Math.max(1, deadline - System.currentTimeMillis()));
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            }, threadName);
            Runtime.getRuntime().addShutdownHook(hook);
        }

        /** Installs the hook when install is true (a no-op handle otherwise); stop is called on Ctrl-C. */
        static CtrlC handle(boolean install, String threadName, Runnable stop) {
            return new CtrlC(install, threadName, stop);
        }

        /** The command has returned: a running hook may let the JVM halt; an unused hook is removed. */
        void finished() {
            synchronized (lock) {
                finished = true;
                lock.notifyAll();
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
}
