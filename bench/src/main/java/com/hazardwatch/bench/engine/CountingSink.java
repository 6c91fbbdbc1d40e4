package com.hazardwatch.bench.engine;

import com.hazardwatch.connectors.influx.InfluxLines;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.event.DeadLetter;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A discarding sink that counts what reaches it, for the benchmark's checks (the engine processed every reading, and
 * raised as many alarms as the reference). Each writer counts in plain fields and adds its totals to static counters
 * when it closes, so counting costs next to nothing; the totals are only meaningful in the JVM that ran the job (a
 * local MiniCluster) and after the job finished.
 */
public final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** What is counted. */
    public enum Counter { ALARM_EVENTS, DEAD_LETTERS, RISK_CHANGES, READING_LINES, ALARM_LINES, OTHER_LINES }

    private static final AtomicLongArray COUNTS = new AtomicLongArray(Counter.values().length);

    /** What every element counts as; null for InfluxDB lines, counted by measurement. */
    private final Counter counter;

    private CountingSink(Counter counter) {
        this.counter = counter;
    }

    /** Counts every element as an alarm event. */
    public static CountingSink<LifecycleEvent> alarms() {
        return new CountingSink<>(Counter.ALARM_EVENTS);
    }

    /** Counts every element as a dead letter. */
    public static CountingSink<DeadLetter> deadLetters() {
        return new CountingSink<>(Counter.DEAD_LETTERS);
    }

    /** Counts every element as a risk level change. */
    public static CountingSink<RiskChange> risk() {
        return new CountingSink<>(Counter.RISK_CHANGES);
    }

    /** Counts InfluxDB lines by measurement (reading, alarm). */
    public static CountingSink<String> influxLines() {
        return new CountingSink<>(null);
    }

    public static void reset() {
        for (int i = 0; i < COUNTS.length(); i++) {
            COUNTS.set(i, 0);
        }
    }

    public static long get(Counter c) {
        return COUNTS.get(c.ordinal());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(counter);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private static final String ALARM_PREFIX = InfluxLines.ALARM + ",";
        private static final String READING_PREFIX = InfluxLines.READING + ",";
        private final Counter counter;
        private final long[] counts = new long[Counter.values().length];

        Writer(Counter counter) {
            this.counter = counter;
        }

        @Override
        public void write(T element, Context context) {
            if (counter == null) {
                String line = (String) element;
                Counter c = line.startsWith(READING_PREFIX) ? Counter.READING_LINES
                        : line.startsWith(ALARM_PREFIX) ? Counter.ALARM_LINES : Counter.OTHER_LINES;
                counts[c.ordinal()]++;
            } else {
                counts[counter.ordinal()]++;
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {
            for (int i = 0; i < counts.length; i++) {
                COUNTS.addAndGet(i, counts[i]);
                counts[i] = 0;
            }
        }
    }
}
