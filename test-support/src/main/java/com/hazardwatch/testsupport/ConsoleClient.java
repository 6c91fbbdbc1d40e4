package com.hazardwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP client of the web console for tests: logs in with a form post (keeping the session cookie), reads JSON,
 * posts commands with or without the CSRF token, and reads the live stream (Server-Sent Events) event by event.
 */
public final class ConsoleClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event of the live stream. */
    public record Event(String name, String id, String data) {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException("SSE data is not JSON: " + data, e);
            }
        }
    }

    /** An answer: status and body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("answer " + status + " is not JSON: " + body, e);
            }
        }
    }

    private final String base;
    private final HttpClient http;
    private final List<InputStream> streams = new ArrayList<>();
    private String csrf;

    public ConsoleClient(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static ConsoleClient at(int port) {
        return new ConsoleClient("http://127.0.0.1:" + port);
    }

    /** The shipped accounts file with the demo accounts viewer, operator, supervisor (passwords NAME-demo). */
    public static Path demoUsers() {
        return RepoFiles.root().resolve("config/console/users.yaml");
    }

    /** Logs in; returns the answer's status (303 to / on success, 401 on a wrong password). Reads the CSRF token. */
    public int login(String username, String password) throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 303) {
            csrf = get("/api/me").json().path("csrf").asText();
        }
        return r.statusCode();
    }

    /** The session's CSRF token (after login). */
    public String csrf() {
        return csrf;
    }

    public Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** POSTs JSON with the session's CSRF token in X-CSRF-Token. */
    public Answer post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, csrf);
    }

    /** POSTs JSON with the given CSRF token (null: none). */
    public Answer post(String path, String json, String csrfToken) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrfToken != null) {
            b.header("X-CSRF-Token", csrfToken);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** Opens the live stream (/events); events arrive on the returned queue until {@link #close}. */
    public BlockingQueue<Event> events() throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/events")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/events answered " + r.statusCode() + ": " + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        BlockingQueue<Event> q = new LinkedBlockingQueue<>();
        InputStream in = r.body();
        streams.add(in);
        Thread t = new Thread(() -> readEvents(in, q), "console-client-sse");
        t.setDaemon(true);
        t.start();
        return q;
    }

    /** Takes events from the stream until one satisfies the condition; fails after the timeout. */
    public static Event await(BlockingQueue<Event> q, Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Event e = q.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                break;
            }
            if (wanted.test(e)) {
                return e;
            }
            seen.add(e.name() + " " + (e.data().length() > 200 ? e.data().substring(0, 200) + "..." : e.data()));
        }
        throw new AssertionError("no wanted event on the live stream within " + timeout.toSeconds() + " s; seen: " + seen);
    }

    /** Parses the SSE wire format: fields until a blank line make one event; comment lines are skipped. */
    public static void readEvents(InputStream in, BlockingQueue<Event> q) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        q.add(new Event(name == null ? "message" : name, id, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    continue;
                } else {
                    int i = line.indexOf(':');
                    String field = i < 0 ? line : line.substring(0, i);
                    String value = i < 0 ? "" : line.substring(i + 1).startsWith(" ") ? line.substring(i + 2) : line.substring(i + 1);
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        for (InputStream in : streams) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
