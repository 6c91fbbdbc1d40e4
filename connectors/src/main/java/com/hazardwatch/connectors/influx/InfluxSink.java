package com.hazardwatch.connectors.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Flink sink of InfluxDB line-protocol lines. Batches by size and time; flushes everything before each checkpoint
 * completes (flush is called on the barrier), so a checkpointed line is a stored line: at-least-once. A write that
 * fails after retries fails the job, which restarts from the last checkpoint and writes again (InfluxDB overwrites
 * identical points, so the replay creates no duplicates).
 */
public final class InfluxSink implements Sink<String> {
    private final InfluxConnection connection;
    private final int batchSize;
    private final long flushIntervalMs;
    private final int maxRetries;

    public InfluxSink(InfluxConnection connection, int batchSize, long flushIntervalMs, int maxRetries) {
        this.connection = connection;
        this.batchSize = batchSize;
        this.flushIntervalMs = flushIntervalMs;
        this.maxRetries = maxRetries;
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
        return new Writer(writer, context.getProcessingTimeService());
    }

    private final class Writer implements SinkWriter<String> {
        private final InfluxWriter writer;
        private final ProcessingTimeService time;
        private List<String> buffer = new ArrayList<>();
        private boolean timerSet;

        Writer(InfluxWriter writer, ProcessingTimeService time) {
            this.writer = writer;
            this.time = time;
        }

        @Override
        public void write(String line, Context context) throws InterruptedException {
            buffer.add(line);
            if (buffer.size() >= batchSize) {
                flushBuffer();
            } else if (!timerSet) {
                timerSet = true;
                // Runs in the task's mailbox thread, never concurrently with write().
                time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMs, t -> {
                    timerSet = false;
                    flushBuffer();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws InterruptedException {
            flushBuffer();
        }

        private void flushBuffer() throws InterruptedException {
            if (buffer.isEmpty()) {
                return;
            }
            List<String> batch = buffer;
            buffer = new ArrayList<>(Math.min(batchSize, 1024));
            writer.write(batch);
        }

        @Override
        public void close() {
            writer.close();
        }
    }
}
