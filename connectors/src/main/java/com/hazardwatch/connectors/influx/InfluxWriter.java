package com.hazardwatch.connectors.influx;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking, checked writes of line-protocol batches over InfluxDB 1.x's {@code /write} endpoint, each line to the
 * retention policy of its measurement ({@link InfluxConnection#retentionPolicyOf}).
 *
 * <ul>
 *   <li>204: stored.</li>
 *   <li>400 (a line InfluxDB cannot take: field type conflict, unparsable line, point beyond the retention policy):
 *       never retried. InfluxDB 1.x stores the good points of such a partial write and does not say which lines it
 *       dropped, so the batch is halved and each half written again until the lines it refuses are alone (rewriting
 *       a stored point is harmless: an identical point overwrites itself). Those lines are returned as
 *       {@link Rejected}, with the error InfluxDB gave; the caller sends them to hw.dlq.</li>
 *   <li>Any other 4xx (authentication, no such database): not retried, the write fails (the job restarts, and
 *       its setup creates the database again).</li>
 *   <li>5xx, timeouts and connection errors (InfluxDB down or restarting): retried with backoff doubling from 200 ms
 *       to 10 s, {@code maxRetries} times (setting influx.max-retries, default 36: about 5 minutes), then the write
 *       fails. Meanwhile the caller waits: the sink's back-pressure holds the job, nothing is dropped.</li>
 * </ul>
 * Never the client's asynchronous batch mode, which drops points on errors.
 */
public final class InfluxWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;

    /** A line InfluxDB refused (HTTP 400) and why, in InfluxDB's words. */
    public record Rejected(String line, String detail) {}

    private final InfluxConnection connection;
    private final int maxRetries;
    private final HttpClient http;
    private InfluxDB client;

    public InfluxWriter(InfluxConnection connection, int maxRetries) {
        this.connection = connection;
        this.maxRetries = maxRetries;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * CREATE DATABASE, then retention policies {@value InfluxConnection#RAW} (the default) and
     * {@value InfluxConnection#LONG} with their configured durations: CREATE when missing, ALTER to the configured
     * duration otherwise. All idempotent in InfluxDB 1.x.
     */
    public void ensureDatabase() throws InterruptedException {
        String db = "\"" + connection.database() + "\"";
        query("create database " + connection.database(), "CREATE DATABASE " + db);
        String raw = InfluxConnection.influxDuration(connection.rawRetention());
        String lng = InfluxConnection.influxDuration(connection.longRetention());
        Map<String, String> policies = new LinkedHashMap<>();
        policies.put(InfluxConnection.RAW, raw);
        policies.put(InfluxConnection.LONG, lng);
        List<String> existing = retentionPolicies();
        for (Map.Entry<String, String> p : policies.entrySet()) {
            String def = InfluxConnection.RAW.equals(p.getKey()) ? " DEFAULT" : "";
            String verb = existing.contains(p.getKey()) ? "ALTER" : "CREATE";
            String q = verb + " RETENTION POLICY \"" + p.getKey() + "\" ON " + db + " DURATION " + p.getValue()
                    + " REPLICATION 1" + def;
            query(verb.toLowerCase() + " retention policy " + p.getKey(), q);
        }
    }

    private List<String> retentionPolicies() throws InterruptedException {
        List<String> names = new ArrayList<>();
        QueryResult r = query("show retention policies", "SHOW RETENTION POLICIES ON \"" + connection.database() + "\"");
        if (r.getResults() != null) {
            for (QueryResult.Result result : r.getResults()) {
                if (result.getSeries() == null) {
                    continue;
                }
                for (QueryResult.Series s : result.getSeries()) {
                    int name = s.getColumns().indexOf("name");
                    for (List<Object> row : s.getValues()) {
                        names.add(String.valueOf(row.get(name)));
                    }
                }
            }
        }
        return names;
    }

    private QueryResult query(String what, String influxQl) throws InterruptedException {
        QueryResult[] result = new QueryResult[1];
        withRetries(what, () -> {
            if (client == null) {
                client = connection.open();
            }
            QueryResult r = client.query(new Query(influxQl));
            if (r.hasError()) {
                throw new InfluxDBException(r.getError());
            }
            for (QueryResult.Result each : r.getResults() == null ? List.<QueryResult.Result>of() : r.getResults()) {
                if (each.hasError()) {
                    throw new InfluxDBException(each.getError());
                }
            }
            result[0] = r;
        });
        return result[0];
    }

    /**
     * Writes the lines (millisecond precision), each to its measurement's retention policy, or throws once retries
     * are used up.
     *
     * @return the lines InfluxDB refused (400), the rest being stored; empty when all are stored
     */
    public List<Rejected> write(List<String> lines) throws InterruptedException {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> raw = new ArrayList<>();
        List<String> lng = new ArrayList<>();
        for (String line : lines) {
            (InfluxConnection.RAW.equals(InfluxConnection.retentionPolicyOf(line)) ? raw : lng).add(line);
        }
        List<Rejected> rejected = new ArrayList<>(0);
        writeTo(InfluxConnection.RAW, raw, rejected);
        writeTo(InfluxConnection.LONG, lng, rejected);
        return rejected;
    }

    private void writeTo(String rp, List<String> lines, List<Rejected> rejected) throws InterruptedException {
        if (lines.isEmpty()) {
            return;
        }
        String error = post(rp, lines);
        if (error == null) {
            return;
        }
        if (lines.size() == 1) {
            LOG.warn("InfluxDB {}: refused a point of {}: {}", connection, rp, error);
            rejected.add(new Rejected(lines.get(0), error));
            return;
        }
        int half = lines.size() / 2;
        writeTo(rp, lines.subList(0, half), rejected);
        writeTo(rp, lines.subList(half, lines.size()), rejected);
    }

    /** One write request, retried on 5xx and connection errors; returns null when stored, InfluxDB's error on 400. */
    private String post(String rp, List<String> lines) throws InterruptedException {
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(connection.url()) + "/write?db="
                        + enc(connection.database()) + "&rp=" + enc(rp) + "&precision=ms"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (connection.username() != null && !connection.username().isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (connection.username() + ":" + connection.password()).getBytes(StandardCharsets.UTF_8)));
        }
        String what = "write of " + lines.size() + " points to " + rp;
        String[] error = new String[1];
        withRetries(what, () -> {
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new InfluxDBException(new IOException(e.toString(), e)) {
                    @Override
                    public boolean isRetryWorth() {
                        return true;
                    }
                };
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfluxWriteException("interrupted during " + what, e);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                error[0] = null;
            } else if (status == 400) {
                error[0] = errorOf(response.body());
            } else if (status / 100 == 4) {
                throw new InfluxWriteException("InfluxDB " + connection + ": " + what + " refused (HTTP " + status
                        + ", not retryable): " + errorOf(response.body()), null);
            } else {
                throw new RetryableStatus("HTTP " + status + ": " + errorOf(response.body()));
            }
        });
        return error[0];
    }

    private static final class RetryableStatus extends InfluxDBException {
        RetryableStatus(String message) {
            super(message);
        }

        @Override
        public boolean isRetryWorth() {
            return true;
        }
    }

    /** InfluxDB answers errors as {"error":"..."}; the message itself, else the body as it is. */
    static String errorOf(String body) {
        if (body == null) {
            return "";
        }
        String b = body.trim();
        int key = b.indexOf("\"error\"");
        if (key < 0) {
            return b;
        }
        int open = b.indexOf('"', b.indexOf(':', key) + 1);
        if (open < 0) {
            return b;
        }
        StringBuilder out = new StringBuilder();
        for (int i = open + 1; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == '\\' && i + 1 < b.length()) {
                out.append(b.charAt(++i));
            } else if (c == '"') {
                return out.toString();
            } else {
                out.append(c);
            }
        }
        return b;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void withRetries(String what, Runnable call) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 0; ; attempt++) {
            try {
                call.run();
                if (attempt > 0) {
                    LOG.info("InfluxDB {}: {} succeeded after {} retries", connection, what, attempt);
                }
                return;
            } catch (InfluxDBException e) {
                if (!e.isRetryWorth() || attempt >= maxRetries) {
                    throw new InfluxWriteException("InfluxDB " + connection + ": " + what + " failed"
                            + (e.isRetryWorth() ? " after " + attempt + " retries" : " (not retryable)") + ": " + e.getMessage(), e);
                }
                LOG.warn("InfluxDB {}: {} failed ({}); retry {} of {} in {} ms", connection, what, e.getMessage(), attempt + 1,
                        maxRetries, backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** A write InfluxDB did not take: the caller must fail, not go on. */
    public static final class InfluxWriteException extends RuntimeException {
        public InfluxWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
