package com.hazardwatch.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's accounts (setting console.users, default config/console/users.yaml):
 *
 * <pre>
 * users:
 *   - username: operator
 *     name: 值班员
 *     role: operator            # viewer | operator | supervisor
 *     password: pbkdf2-sha256$600000$SALT$HASH
 * </pre>
 */
public final class Users {
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Map<String, User> byName;

    public Users(List<User> users) {
        Map<String, User> m = new LinkedHashMap<>();
        for (User u : users) {
            if (m.put(u.username(), u) != null) {
                throw new IllegalArgumentException("user '" + u.username() + "' is listed twice");
            }
        }
        this.byName = m;
    }

    public Optional<User> find(String username) {
        return Optional.ofNullable(username == null ? null : byName.get(username.trim()));
    }

    public List<User> all() {
        return List.copyOf(byName.values());
    }

    /** Reads and checks the file; every problem is named with the entry it is in. */
    public static Users load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("console users file " + file + " does not exist (setting console.users; "
                    + "create accounts with: bin/hazardwatch console user add NAME --role viewer|operator|supervisor)");
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("console users file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("users");
        if (list == null || !list.isArray()) {
            throw new IOException("console users file " + file + ": expected a list 'users:' of {username, name, role, password}");
        }
        List<User> users = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = "users[" + i + "]";
            String name = n.path("username").asText("");
            if (!USERNAME.matcher(name).matches()) {
                errors.add(where + ": username '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
                continue;
            }
            where += " (" + name + ")";
            try {
                Role role = Role.of(n.path("role").asText(""));
                String hash = n.path("password").asText("");
                PasswordHash.check(hash);
                users.add(new User(name, n.path("name").asText(name), role, hash));
            } catch (IllegalArgumentException e) {
                errors.add(where + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IOException("console users file " + file + ":\n  " + String.join("\n  ", errors));
        }
        try {
            return new Users(users);
        } catch (IllegalArgumentException e) {
            throw new IOException("console users file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the accounts back (used by {@code console user add}); comments in the file are not kept. */
    public void save(Path file) throws IOException {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("users");
        for (User u : byName.values()) {
            ObjectNode n = list.addObject();
            n.put("username", u.username());
            n.put("name", u.displayName());
            n.put("role", u.role().code());
            n.put("password", u.passwordHash());
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, "# HazardWatch console accounts (docs/console.md). Roles: viewer, operator, supervisor.\n"
                + YAML.writeValueAsString(root), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** These accounts without one (unchanged when there is no such user). */
    public Users without(String username) {
        Map<String, User> m = new LinkedHashMap<>(byName);
        m.remove(username);
        return new Users(new ArrayList<>(m.values()));
    }

    /** These accounts with one added or replaced. */
    public Users with(User u) {
        Map<String, User> m = new LinkedHashMap<>(byName);
        m.put(u.username(), u);
        return new Users(new ArrayList<>(m.values()));
    }
}
