package com.hazardwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's audit log: one JSON line per login, logout, refused request and operator action, with who and when,
 * appended to a file ({@code $HAZARDWATCH_HOME/console/audit.log}) and printed as a line on standard output.
 * Comments (which hw.commands has no command for) live only here; {@link #comments} reads them back for an alarm's
 * history, so they survive a restart.
 */
public final class AuditLog {
    private final Path file;
    private final Clock clock;

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the console audit log " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one entry: action (login, login-failed, logout, forbidden, csrf-rejected, ack, shelve, ..., comment). */
    public synchronized void record(String user, String role, String action, Map<String, ?> fields) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("at", Instant.now(clock).toString());
        o.put("user", user);
        o.put("role", role);
        o.put("action", action);
        fields.forEach((k, v) -> {
            if (v != null) {
                o.put(k, v.toString());
            }
        });
        String line = o.toString();
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("console: cannot append to the audit log " + file + ": " + e);
        }
        System.out.println("console audit: " + line);
    }

    /** The comments recorded on an alarm, oldest first: {at, user, comment}. */
    public synchronized List<JsonNode> comments(String alarmId) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(l -> l.contains("\"comment\"") && l.contains(alarmId)).forEach(l -> {
                try {
                    JsonNode n = Json.mapper().readTree(l);
                    if ("comment".equals(n.path("action").asText()) && alarmId.equals(n.path("alarmId").asText())) {
                        out.add(n);
                    }
                } catch (IOException ignored) {
                    // a torn last line after a crash
                }
            });
        } catch (IOException e) {
            System.err.println("console: cannot read the audit log " + file + ": " + e);
        }
        return out;
    }
}
