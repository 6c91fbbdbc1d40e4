package com.hazardwatch.cli;

import com.hazardwatch.console.ConsoleServer;
import com.hazardwatch.console.auth.PasswordHash;
import com.hazardwatch.console.auth.Role;
import com.hazardwatch.console.auth.User;
import com.hazardwatch.console.auth.Users;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * bin/hazardwatch console: the web console alone ({@code serve}), password hashes and accounts of
 * config/console/users.yaml. {@link #startAlongside} starts the console next to run and demo.
 */
final class ConsoleCommand {
    private ConsoleCommand() {}

    static final String HELP = """
            usage: bin/hazardwatch console <subcommand> [options]

              serve [--config FILE] [--catalogue FILE] [--set key=value ...]
                  the web console alone against the running stack (run starts it with the job too), until Ctrl-C;
                  port and address from console.port (8080) and console.bind (127.0.0.1)
              hash-password [--password-stdin] [--iterations N]
                  print a PBKDF2WithHmacSHA256 hash of a password for users.yaml (asks twice unless --password-stdin)
              user add NAME --role viewer|operator|supervisor [--name "DISPLAY NAME"] [--password-stdin]
                       [--iterations N] [--file FILE]
                  add an account, or replace the role, name and password of an existing one
              user remove NAME [--file FILE]
              user list [--file FILE]

            FILE defaults to the setting console.users (config/console/users.yaml). The shipped accounts viewer,
            operator and supervisor have published demo passwords (docs/console.md): replace them.
            """;

    static int run(List<String> args) throws Exception {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            System.out.print(HELP);
            return args.isEmpty() ? CommandLines.USAGE : CommandLines.OK;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        return switch (args.get(0)) {
            case "serve" -> serve(rest);
            case "hash-password" -> hashPassword(rest);
            case "user" -> user(rest);
            default -> CommandLines.usageError(System.err, "console", "unknown subcommand '" + args.get(0)
                    + "'; valid: serve, hash-password, user add|remove|list");
        };
    }

    /** Starts the console next to the pipeline; prints its address, or why it did not start (the pipeline runs on). */
    static ConsoleServer startAlongside(Settings s, Catalogue catalogue) {
        ConsoleServer console = new ConsoleServer(s, catalogue);
        try {
            console.start();
            System.out.println("console: " + url(s, console.port()));
            return console;
        } catch (Exception e) {
            console.close();
            System.err.println("console: not started: " + e.getMessage());
            return null;
        }
    }

    static String url(Settings s, int port) {
        String bind = s.get(HwOptions.CONSOLE_BIND);
        return "http://" + (bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind) + ":" + port;
    }

    private static int serve(List<String> args) throws Exception {
        PipelineOptions o = PipelineOptions.parse(args);
        Catalogue catalogue = o.loadCatalogue();
        if (catalogue == null) {
            return CommandLines.FAILED;
        }
        ConsoleServer console = new ConsoleServer(o.settings(), catalogue);
        console.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "console-stop"));
        System.out.println("console: " + url(o.settings(), console.port()) + " (Ctrl-C stops)");
        stopped.await();
        return CommandLines.OK;
    }

    private static int hashPassword(List<String> args) throws IOException {
        boolean stdin = args.remove("--password-stdin");
        int iterations = iterations(args);
        if (!args.isEmpty()) {
            return CommandLines.usageError(System.err, "console hash-password", "unexpected argument '" + args.get(0) + "'");
        }
        char[] pw = password(stdin);
        System.out.println(PasswordHash.hash(pw, iterations));
        Arrays.fill(pw, '\0');
        return CommandLines.OK;
    }

    private static int user(List<String> args) throws IOException {
        if (args.isEmpty()) {
            return CommandLines.usageError(System.err, "console user", "say add, remove or list");
        }
        String sub = args.remove(0);
        Path file = file(args);
        switch (sub) {
            case "list" -> {
                for (User u : Users.load(file).all()) {
                    System.out.println(u.username() + "\t" + u.role().code() + "\t" + u.displayName());
                }
                return CommandLines.OK;
            }
            case "remove" -> {
                if (args.size() != 1) {
                    return CommandLines.usageError(System.err, "console user remove", "name one user: console user remove NAME");
                }
                Users users = Users.load(file);
                if (users.find(args.get(0)).isEmpty()) {
                    System.err.println("hazardwatch console: no user '" + args.get(0) + "' in " + file);
                    return CommandLines.FAILED;
                }
                users.without(args.get(0)).save(file);
                System.out.println("removed " + args.get(0) + " from " + file);
                return CommandLines.OK;
            }
            case "add" -> {
                boolean stdin = args.remove("--password-stdin");
                int iterations = iterations(args);
                String role = option(args, "--role");
                String name = option(args, "--name");
                if (role == null) {
                    return CommandLines.usageError(System.err, "console user add", "--role is required: " + Role.codes());
                }
                if (args.size() != 1) {
                    return CommandLines.usageError(System.err, "console user add", "name one user: console user add NAME --role R");
                }
                String username = args.get(0);
                if (!Users.USERNAME.matcher(username).matches()) {
                    return CommandLines.usageError(System.err, "console user add",
                            "username '" + username + "' must be 1-64 letters, digits, '.', '_' or '-'");
                }
                Role r = Role.of(role);
                Users users = Files.exists(file) ? Users.load(file) : new Users(List.of());
                char[] pw = password(stdin);
                String hash = PasswordHash.hash(pw, iterations);
                Arrays.fill(pw, '\0');
                boolean existed = users.find(username).isPresent();
                users.with(new User(username, name == null ? username : name, r, hash)).save(file);
                System.out.println((existed ? "replaced " : "added ") + username + " (" + r.code() + ") in " + file);
                return CommandLines.OK;
            }
            default -> {
                return CommandLines.usageError(System.err, "console user", "unknown '" + sub + "'; valid: add, remove, list");
            }
        }
    }

    private static Path file(List<String> args) {
        String f = option(args, "--file");
        if (f != null) {
            return Path.of(f);
        }
        Path p = Path.of(Settings.defaults().get(HwOptions.CONSOLE_USERS));
        return p.isAbsolute() ? p : LocalServices.installRoot().resolve(p);
    }

    private static int iterations(List<String> args) {
        String v = option(args, "--iterations");
        if (v == null) {
            return PasswordHash.DEFAULT_ITERATIONS;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 100_000) {
                throw new IllegalArgumentException("--iterations must be at least 100000, found " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--iterations must be a whole number, found '" + v + "'");
        }
    }

    /** Removes "--key value" (or "--key=value") from args and returns the value, or null when absent. */
    private static String option(List<String> args, String key) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(key + "=")) {
                args.remove(i);
                return a.substring(key.length() + 1);
            }
            if (a.equals(key)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(key + " needs a value");
                }
                args.remove(i);
                return args.remove(i);
            }
        }
        return null;
    }

    private static char[] password(boolean stdin) throws IOException {
        char[] pw;
        if (stdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            pw = line == null ? new char[0] : line.toCharArray();
        } else {
            Console c = System.console();
            if (c == null) {
                throw new IllegalArgumentException("no terminal to ask for the password on; pipe it in with --password-stdin");
            }
            pw = c.readPassword("password: ");
            char[] again = c.readPassword("again: ");
            if (pw == null || again == null || !Arrays.equals(pw, again)) {
                throw new IllegalArgumentException("the two passwords differ; nothing was written");
            }
            Arrays.fill(again, '\0');
        }
        if (pw.length < 10) {
            throw new IllegalArgumentException("the password is shorter than 10 characters; choose a longer one");
        }
        return pw;
    }
}
