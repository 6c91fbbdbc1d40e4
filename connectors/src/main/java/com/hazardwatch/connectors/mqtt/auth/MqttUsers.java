package com.hazardwatch.connectors.mqtt.auth;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Enterprise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MQTT users of a deployment, each with a role that decides what it may do on the broker, and the Mosquitto
 * password file and ACL file made from them.
 *
 * <p>Roles (topic root {@code R}, {@code mqtt.topic-root}):
 * <ul>
 *   <li>{@code gateway:E} — a site gateway of enterprise E ({@code gw-E}): publishes only under {@code R/E/#};</li>
 *   <li>{@code bridge} ({@code hw-bridge}): reads {@code R/#}, directly or through a shared subscription
 *       {@code $share/GROUP/R/#}; publishes nothing;</li>
 *   <li>{@code alerts} ({@code hw-alerts}): publishes {@code hw/alerts/#} (the notification service);</li>
 *   <li>{@code simulator} ({@code hw-sim}): publishes under the whole {@code R/#} (simulator, replay, drills, tests).</li>
 * </ul>
 * Mosquitto 2.0's acl_file checks publishing (write) on every PUBLISH and reading on every delivery, against the
 * message's topic; it does not check SUBSCRIBE at all (a subscription to a topic the user may not read is acknowledged
 * and then receives nothing). So {@code topic read R/#} covers {@code $share/GROUP/R/#} too: the messages delivered
 * through a shared subscription carry their own topic {@code R/E/...}.
 *
 * <p>Stored as a text file (mode 0600), one user a line: {@code NAME ROLE PASSWORD}.
 */
public final class MqttUsers {
    public static final String BRIDGE = "hw-bridge";
    public static final String ALERTS = "hw-alerts";
    public static final String SIMULATOR = "hw-sim";
    public static final String GATEWAY_PREFIX = "gw-";
    /** Topic the alerts user publishes under (not under the readings root). */
    public static final String ALERTS_TOPIC = "hw/alerts/#";

    /** A user: name, role ({@code gateway:E}, {@code bridge}, {@code alerts}, {@code simulator}) and password. */
    public record User(String name, String role, String password) {
        public User {
            if (name.isBlank() || name.chars().anyMatch(c -> c == ':' || Character.isWhitespace(c))) {
                throw new IllegalArgumentException("MQTT user name '" + name + "' is not accepted: non-blank, no ':' and no spaces");
            }
            roleCheck(role);
        }

        /** The enterprise of a gateway user, else null. */
        public String enterprise() {
            return role.startsWith("gateway:") ? role.substring("gateway:".length()) : null;
        }
    }

    private final Map<String, User> users = new TreeMap<>();

    public static void roleCheck(String role) {
        if (role.startsWith("gateway:") && CatalogueLoader.ID_PATTERN.matcher(role.substring(8)).matches()) {
            return;
        }
        if (!List.of("bridge", "alerts", "simulator").contains(role)) {
            throw new IllegalArgumentException("unknown MQTT role '" + role
                    + "'; roles: gateway:ENTERPRISE (e.g. gateway:E01), bridge, alerts, simulator");
        }
    }

    /** The role a user name implies: gw-E01 -> gateway:E01, hw-bridge -> bridge, hw-alerts -> alerts, hw-sim -> simulator. */
    public static String defaultRole(String name) {
        if (name.startsWith(GATEWAY_PREFIX) && name.length() > GATEWAY_PREFIX.length()) {
            return "gateway:" + name.substring(GATEWAY_PREFIX.length());
        }
        return switch (name) {
            case BRIDGE -> "bridge";
            case ALERTS -> "alerts";
            case SIMULATOR -> "simulator";
            default -> throw new IllegalArgumentException("no role follows from the name '" + name
                    + "'; give one with --role (gateway:ENTERPRISE, bridge, alerts, simulator)");
        };
    }

    public List<User> users() {
        return List.copyOf(users.values());
    }

    public User get(String name) {
        return users.get(name);
    }

    /** Adds a user with a generated password unless one of that name exists; returns the new user, or null. */
    public User addIfMissing(String name, String role) {
        if (users.containsKey(name)) {
            return null;
        }
        User u = new User(name, role, MosquittoPasswords.generate());
        users.put(name, u);
        return u;
    }

    public void put(User u) {
        users.put(u.name(), u);
    }

    public boolean remove(String name) {
        return users.remove(name) != null;
    }

    /** Adds what a catalogue needs and is missing: a gateway user per enterprise and the three service users; returns those added. */
    public List<User> addForCatalogue(Catalogue catalogue) {
        List<User> added = new ArrayList<>();
        for (Enterprise e : catalogue.enterprises()) {
            User u = addIfMissing(GATEWAY_PREFIX + e.id(), "gateway:" + e.id());
            if (u != null) {
                added.add(u);
            }
        }
        for (String n : List.of(BRIDGE, ALERTS, SIMULATOR)) {
            User u = addIfMissing(n, defaultRole(n));
            if (u != null) {
                added.add(u);
            }
        }
        return added;
    }

    /** The Mosquitto ACL file for these users. */
    public String acl(String topicRoot) {
        StringBuilder sb = new StringBuilder("# Generated by bin/hazardwatch users; edit the users, not this file.\n"
                + "# Mosquitto 2.0 checks 'write' on PUBLISH and 'read' on each delivery (shared subscriptions included).\n");
        for (User u : users.values()) {
            sb.append("\nuser ").append(u.name()).append('\n');
            String e = u.enterprise();
            if (e != null) {
                sb.append("topic write ").append(topicRoot).append('/').append(e).append("/#\n");
            } else {
                switch (u.role()) {
                    case "bridge" -> sb.append("topic read ").append(topicRoot).append("/#\n");
                    case "alerts" -> sb.append("topic write ").append(ALERTS_TOPIC).append('\n');
                    case "simulator" -> sb.append("topic write ").append(topicRoot).append("/#\n");
                    default -> throw new IllegalStateException(u.role());
                }
            }
        }
        return sb.toString();
    }

    /** The Mosquitto password file for these users (fresh salts each time). */
    public String passwordFile() {
        StringBuilder sb = new StringBuilder();
        for (User u : users.values()) {
            sb.append(MosquittoPasswords.line(u.name(), u.password())).append('\n');
        }
        return sb.toString();
    }

    /** Reads a users file; an empty set when it does not exist. */
    public static MqttUsers load(Path file) throws IOException {
        MqttUsers m = new MqttUsers();
        if (!Files.exists(file)) {
            return m;
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length != 3) {
                throw new IOException(file + " line " + n + ": expected 'NAME ROLE PASSWORD', found " + f.length + " fields");
            }
            try {
                m.put(new User(f[0], f[1], f[2]));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + n + ": " + e.getMessage(), e);
            }
        }
        return m;
    }

    /** Writes the users file (0600). */
    public void save(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# MQTT users of HazardWatch: NAME ROLE PASSWORD (bin/hazardwatch users). Keep secret.\n");
        for (User u : users.values()) {
            sb.append(u.name()).append(' ').append(u.role()).append(' ').append(u.password()).append('\n');
        }
        writeSecret(file, sb.toString());
    }

    /** Writes text to a file readable only by its owner (0600), replacing it atomically. */
    public static void writeSecret(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes the password file and ACL file Mosquitto reads ({@code passwordFile}, {@code aclFile}); both 0600, so
     * Mosquitto must run as the user that wrote them (the launcher does).
     */
    public void writeMosquittoFiles(Path passwordFile, Path aclFile, String topicRoot) throws IOException {
        writeSecret(passwordFile, passwordFile());
        writeSecret(aclFile, acl(topicRoot));
    }
}
