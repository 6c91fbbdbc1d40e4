package com.hazardwatch.cli;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

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
