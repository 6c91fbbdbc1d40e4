package com.hazardwatch.connectors.influx;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Flink sink of InfluxDB line-protocol lines. Batches by size and time and keeps up to {@code maxInFlight} batch
 * writes going at once (one blocking writer waits for InfluxDB most of the time; several in flight keep it busy).
 * When that many are in flight, the task waits: back-pressure, never a growing buffer. Before each checkpoint
 * completes every batch is written (flush is called on the barrier and waits for all writes), so a checkpointed line
 * is a stored line: at-least-once. While InfluxDB is down the writes are retried ({@link InfluxWriter}: about 5
 * minutes by default), the task waits and a checkpoint cannot complete, since its flush waits for them. A write that
 * fails after retries fails the job, which restarts from the last checkpoint and writes again (InfluxDB overwrites
 * identical points, so the replay creates no duplicates).
 *
 * <p>Each line goes to the retention policy of its measurement ({@link InfluxConnection#retentionPolicyOf}:
 * {@code reading} to {@code raw}, the rest to {@code long}); the task's setup creates the database and both policies.
 * A line InfluxDB refuses (HTTP 400) is not retried: it goes to {@link StorageRejects} (in the job: hw.dlq, reason
 * STORAGE_REJECTED) and the rest of its batch is stored; those dead letters are flushed with the batches, before a
 * checkpoint completes.
 */
public final class InfluxSink implements Sink<String> {
    private final InfluxConnection connection;
    private final int batchSize;
    private final long flushIntervalMs;
    private final int maxRetries;
    private final int maxInFlight;
    private final StorageRejects rejects;

    /** A sink that fails on a refused line (no dead letters). */
    public InfluxSink(InfluxConnection connection, int batchSize, long flushIntervalMs, int maxRetries, int maxInFlight) {
        this(connection, batchSize, flushIntervalMs, maxRetries, maxInFlight, StorageRejects.failing());
    }

    public InfluxSink(InfluxConnection connection, int batchSize, long flushIntervalMs, int maxRetries, int maxInFlight,
                      StorageRejects rejects) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.connection = connection;
        this.batchSize = batchSize;
        this.flushIntervalMs = flushIntervalMs;
        this.maxRetries = maxRetries;
        this.maxInFlight = maxInFlight;
        this.rejects = rejects;
    }

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
        InfluxWriter writer = new InfluxWriter(connection, maxRetries);
        try {
            writer.ensureDatabase();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating database " + connection.database(), e);
        }
        return new Writer(writer, context.getProcessingTimeService(), rejects.open());
    }

    private final class Writer implements SinkWriter<String> {
        private final InfluxWriter writer;
        private final ProcessingTimeService time;
        private final StorageRejects.Open refused;
        private final ExecutorService pool;
        private final Deque<Future<?>> inFlight = new ArrayDeque<>();
        private List<String> buffer = new ArrayList<>();
        private boolean timerSet;

        Writer(InfluxWriter writer, ProcessingTimeService time, StorageRejects.Open refused) {
            this.writer = writer;
            this.refused = refused;
            this.time = time;
            this.pool = Executors.newFixedThreadPool(maxInFlight, r -> {
                Thread t = new Thread(r, "influxdb-writer");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void write(String line, Context context) throws IOException, InterruptedException {
            buffer.add(line);
            if (buffer.size() >= batchSize) {
                submitBuffer();
            } else if (!timerSet) {
                timerSet = true;
                // Runs in the task's mailbox thread, never concurrently with write().
                time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMs, t -> {
                    timerSet = false;
                    submitBuffer();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            submitBuffer();
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
            refused.flush();
        }

        private void submitBuffer() throws IOException, InterruptedException {
            reapFinished();
            if (buffer.isEmpty()) {
                return;
            }
            while (inFlight.size() >= maxInFlight) {
                awaitOldest();
            }
            List<String> batch = buffer;
            buffer = new ArrayList<>(Math.min(batchSize, 1024));
            inFlight.add(pool.submit(() -> {
                for (InfluxWriter.Rejected r : writer.write(batch)) {
                    refused.reject(StorageRejects.deadLetter(r, InfluxConnection.retentionPolicyOf(r.line()),
                            System.currentTimeMillis()));
                }
                return null;
            }));
        }

        /** Surfaces a failed write as soon as it is seen, not only at the next checkpoint. */
        private void reapFinished() throws IOException, InterruptedException {
            while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
                awaitOldest();
            }
        }

        private void awaitOldest() throws IOException, InterruptedException {
            try {
                inFlight.poll().get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException("InfluxDB write failed: " + cause, cause);
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
            writer.close();
            refused.close();
        }
    }
}
