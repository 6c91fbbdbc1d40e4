package com.hazardwatch.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real HTTP server (the JDK's) that receives webhook POSTs in a test, on 127.0.0.1 and a port the system picks. It
 * records every request (path, {@code Idempotency-Key}, body, the status it answered) and answers 200, or the status set
 * with {@link #answer} for a path prefix (e.g. 500 to test retries), optionally after a delay.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request received. */
    public record Request(String path, String idempotencyKey, String body, int answered, long at) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private volatile long delayMillis;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path on this receiver, e.g. url("/duty/zhang.wei"). */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers requests whose path starts with prefix with this status (200 by default). */
    public WebhookReceiver answer(String pathPrefix, int status) {
        answers.put(pathPrefix, status);
        return this;
    }

    /** Waits this long before answering each request. */
    public WebhookReceiver delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    private void handle(HttpExchange x) throws IOException {
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = x.getRequestURI().getPath();
        int status = answers.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(200);
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        requests.add(new Request(path, x.getRequestHeaders().getFirst("Idempotency-Key"), body, status, System.currentTimeMillis()));
        byte[] answer = (status == 200 ? "ok" : "refused by test receiver").getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, answer.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(answer);
        }
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    /** How many accepted (2xx) requests carried each idempotency key. */
    public Map<String, Long> acceptedByKey() {
        return requests.stream().filter(r -> r.answered() / 100 == 2)
                .collect(Collectors.groupingBy(r -> String.valueOf(r.idempotencyKey()), Collectors.counting()));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
