package com.hazardwatch.notifications.channels;

import com.hazardwatch.notifications.Roster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP webhook: one JSON POST per delivery with the delivery id as {@code Idempotency-Key}; any 2xx is success. */
public final class WebhookChannel implements Channel {
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private final HttpClient http;
    private final Duration timeout;

    public WebhookChannel(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String address(Roster.Person p) {
        return p.webhook();
    }

    @Override
    public void send(Delivery d, byte[] json) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(d.address()))
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(IDEMPOTENCY_HEADER, d.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            String body = r.body() == null ? "" : r.body().strip();
            throw new IOException("HTTP " + r.statusCode() + " from " + d.address()
                    + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body)));
        }
    }
}
