package com.hazardwatch.connectors.influx;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking, checked writes of line-protocol batches: a write either succeeds, is retried with backoff (connection
 * errors, server errors), or throws. Never the client's asynchronous batch mode, which drops points on errors.
 */
public final class InfluxWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final InfluxConnection connection;
    private final int maxRetries;
    private final InfluxDB client;

    public InfluxWriter(InfluxConnection connection, int maxRetries) {
        this.connection = connection;
        this.maxRetries = maxRetries;
        this.client = connection.open();
    }

    /** CREATE DATABASE is idempotent in InfluxDB 1.x. */
    public void ensureDatabase() throws InterruptedException {
        withRetries("create database " + connection.database(), () -> {
            QueryResult r = client.query(new Query("CREATE DATABASE \"" + connection.database() + "\""));
            if (r.hasError()) {
                throw new InfluxDBException(r.getError());
            }
        });
    }

    /** Writes the lines (millisecond precision) or throws once retries are used up. */
    public void write(List<String> lines) throws InterruptedException {
        if (lines.isEmpty()) {
            return;
        }
        withRetries("write of " + lines.size() + " points", () ->
                client.write(connection.database(), "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines));
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
        client.close();
    }

    /** A write InfluxDB did not take: the caller must fail, not go on. */
    public static final class InfluxWriteException extends RuntimeException {
        public InfluxWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
