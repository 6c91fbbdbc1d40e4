package com.hazardwatch.cli;

import com.hazardwatch.connectors.mqtt.auth.MqttUsers;
import com.hazardwatch.connectors.mqtt.auth.SelfSignedTls;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.LocalServices;
import com.hazardwatch.model.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/hazardwatch users}: the MQTT users of the local broker, their Mosquitto password and ACL files, and a
 * self-signed TLS certificate for its TLS listener. Everything under {@code $HAZARDWATCH_HOME/secrets}, mode 0600.
 */
final class UsersCommand {
    static final String USAGE = """
            usage: bin/hazardwatch users init [--catalogue FILE] [--topic-root R]
                   bin/hazardwatch users add NAME [--role ROLE] [--topic-root R]
                   bin/hazardwatch users remove NAME [--topic-root R]
                   bin/hazardwatch users list
                   bin/hazardwatch users acl [--topic-root R]
                   bin/hazardwatch users tls-selfsigned [--days N]

            MQTT users of the local Mosquitto (used when the stack runs with HW_MQTT_AUTH=1; docs/security.md):
              init            a gateway user gw-E per enterprise of the catalogue (publishes only under R/E/#),
                              hw-bridge (reads R/#, shared subscriptions too), hw-alerts (publishes hw/alerts/#),
                              hw-sim (publishes under R/#: simulator, replay, drill). Existing users keep their
                              passwords; new passwords are printed once.
              add NAME        one user with a generated password, printed once; ROLE: gateway:ENTERPRISE, bridge,
                              alerts, simulator (default: from the name: gw-E01 -> gateway:E01, hw-bridge, hw-alerts, hw-sim)
              remove NAME     removes a user
              list            users and roles (no passwords)
              acl             prints the ACL file Mosquitto gets
              tls-selfsigned  a test CA and a server certificate for 127.0.0.1/localhost (openssl), for the TLS listener
                              (HW_MQTT_TLS_PORT) and for clients (mqtt.ca-file)
            Files in $HAZARDWATCH_HOME/secrets (0600): mqtt-users.txt (NAME ROLE PASSWORD), mosquitto.passwd ($7$
            PBKDF2-SHA512 hashes), mosquitto.acl, clients.properties (the settings local clients use when HW_MQTT_AUTH=1),
            tls/ca.crt, tls/server.crt, tls/server.key.
            --catalogue FILE   default: the setting catalogue.file (config/catalogue/demo-district.yaml)
            --topic-root R     default: the setting mqtt.topic-root (hw)
            """;

    private UsersCommand() {}

    static Path secretsDir() {
        return LocalServices.home().resolve("secrets");
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? CommandLines.USAGE : CommandLines.OK;
        }
        String sub = args.get(0);
        String catalogueFile = null;
        String root = null;
        String role = null;
        int days = 825;
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (List.of("--catalogue", "--topic-root", "--role", "--days").contains(a)) {
                if (i + 1 >= args.size()) {
                    return CommandLines.usageError(err, "users", a + " needs a value");
                }
                String v = args.get(++i);
                switch (a) {
                    case "--catalogue" -> catalogueFile = v;
                    case "--topic-root" -> root = v;
                    case "--role" -> role = v;
                    default -> {
                        try {
                            days = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            return CommandLines.usageError(err, "users", "--days: '" + v + "' is not a whole number of days");
                        }
                    }
                }
            } else if (a.startsWith("-")) {
                return CommandLines.usageError(err, "users", "unknown option " + a
                        + "; options: --catalogue FILE, --topic-root R, --role ROLE, --days N");
            } else {
                words.add(a);
            }
        }
        Settings settings = Settings.defaults();
        String topicRoot = root != null ? root : settings.get(HwOptions.MQTT_TOPIC_ROOT);
        Path dir = secretsDir();
        Path usersFile = dir.resolve("mqtt-users.txt");
        MqttUsers users = MqttUsers.load(usersFile);
        switch (sub) {
            case "init" -> {
                if (!words.isEmpty()) {
                    return CommandLines.usageError(err, "users init", "unexpected argument '" + words.get(0) + "'");
                }
                String file = catalogueFile != null ? catalogueFile : settings.get(HwOptions.CATALOGUE_FILE);
                Catalogue c = CommandLines.loadCatalogue("users init", file, err);
                if (c == null) {
                    return CommandLines.FAILED;
                }
                List<MqttUsers.User> added = users.addForCatalogue(c);
                save(users, dir, topicRoot);
                out.println("users: " + added.size() + " new, " + (users.users().size() - added.size()) + " kept (" + file + ")");
                printOnce(out, added, usersFile);
            }
            case "add" -> {
                if (words.size() != 1) {
                    return CommandLines.usageError(err, "users add", "give exactly one user NAME");
                }
                String name = words.get(0);
                if (users.get(name) != null) {
                    err.println("users add: user " + name + " exists; remove it first to give it a new password");
                    return CommandLines.FAILED;
                }
                MqttUsers.User u = users.addIfMissing(name, role != null ? checkedRole(role) : MqttUsers.defaultRole(name));
                save(users, dir, topicRoot);
                printOnce(out, List.of(u), usersFile);
            }
            case "remove" -> {
                if (words.size() != 1) {
                    return CommandLines.usageError(err, "users remove", "give exactly one user NAME");
                }
                if (!users.remove(words.get(0))) {
                    err.println("users remove: no user " + words.get(0) + " (bin/hazardwatch users list)");
                    return CommandLines.FAILED;
                }
                save(users, dir, topicRoot);
                out.println("users: removed " + words.get(0) + "; a running Mosquitto rereads the files on SIGHUP or restart");
            }
            case "list" -> {
                if (users.users().isEmpty()) {
                    out.println("no MQTT users yet (bin/hazardwatch users init)");
                }
                for (MqttUsers.User u : users.users()) {
                    out.printf("%-16s %s%n", u.name(), u.role());
                }
            }
            case "acl" -> out.print(users.acl(topicRoot));
            case "tls-selfsigned" -> {
                SelfSignedTls.Files4 f = SelfSignedTls.create(dir.resolve("tls"), days);
                out.println("TLS: CA " + f.caCert() + ", server certificate " + f.serverCert() + " (localhost, 127.0.0.1), key "
                        + f.serverKey() + "; valid " + days + " days");
                out.println("Clients trust it with mqtt.ca-file=" + f.caCert() + "; the launcher opens the TLS listener when"
                        + " HW_MQTT_TLS_PORT is set.");
                if (!users.users().isEmpty()) {
                    save(users, dir, topicRoot);
                }
            }
            default -> {
                return CommandLines.usageError(err, "users", "unknown subcommand '" + sub
                        + "'; subcommands: init, add, remove, list, acl, tls-selfsigned");
            }
        }
        return CommandLines.OK;
    }

    private static String checkedRole(String role) {
        MqttUsers.roleCheck(role);
        return role;
    }

    /** Users file, Mosquitto's password and ACL files, and the local clients' settings. */
    static void save(MqttUsers users, Path dir, String topicRoot) throws IOException {
        users.save(dir.resolve("mqtt-users.txt"));
        users.writeMosquittoFiles(dir.resolve("mosquitto.passwd"), dir.resolve("mosquitto.acl"), topicRoot);
        StringBuilder sb = new StringBuilder("# Settings of the local clients when the stack runs with HW_MQTT_AUTH=1"
                + " (bin/hazardwatch users). Keep secret.\n");
        MqttUsers.User bridge = users.get(MqttUsers.BRIDGE);
        if (bridge != null) {
            sb.append("mqtt.username=").append(bridge.name()).append("\nmqtt.password=").append(bridge.password()).append('\n');
        }
        MqttUsers.User sim = users.get(MqttUsers.SIMULATOR);
        if (sim != null) {
            sb.append("simulator.mqtt.username=").append(sim.name()).append("\nsimulator.mqtt.password=").append(sim.password())
                    .append('\n');
        }
        Path ca = dir.resolve("tls").resolve("ca.crt");
        if (Files.exists(ca)) {
            sb.append("mqtt.ca-file=").append(ca).append('\n');
        }
        MqttUsers.writeSecret(dir.resolve("clients.properties"), sb.toString());
    }

    private static void printOnce(PrintStream out, List<MqttUsers.User> added, Path usersFile) {
        if (added.isEmpty()) {
            return;
        }
        out.println("New passwords (shown once; also in " + usersFile + ", mode 0600):");
        for (MqttUsers.User u : added) {
            out.printf("  %-16s %-14s %s%n", u.name(), u.role(), u.password());
        }
    }
}
