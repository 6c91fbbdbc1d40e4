package com.hazardwatch.bench.engine;

import com.hazardwatch.connectors.influx.InfluxLines;
import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.jobs.operators.LifecycleFunction;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.RiskChange;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A discarding sink that counts what reaches it, for the benchmark's checks (the engine processed every reading, and
 * emitted the alarm transitions, dead letters and risk changes the reference did). Each writer counts in plain fields
 * and adds its totals to static counters when it closes, so counting costs next to nothing; the totals are only
 * meaningful in the JVM that ran the job (a local MiniCluster) and after the job finished.
 */
public final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** What is counted. */
    public enum Counter {
        ALARM_EVENTS,
        /** Alarm transitions of AREA alarms (gas correlation, owner: the source) and their chattering: a subset of ALARM_EVENTS. */
        AREA_EVENTS,
        DEAD_LETTERS,
        RISK_CHANGES,
        READING_LINES,
        ALARM_LINES,
        RISK_LINES,
        /** 1-minute rollups (reading_1m): at most one per sensor and minute of readings, not compared with the reference. */
        ROLLUP_LINES,
        /** InfluxDB lines of no measurement the job writes: none should come. */
        OTHER_LINES
    }

    private enum Kind { ALARMS, DEAD_LETTERS, RISK, LINES }

    /** The alarm class of AREA alarms (docs/rules.md: alarm ids). */
    private static final String AREA = "AREA";
    private static final AtomicLongArray COUNTS = new AtomicLongArray(Counter.values().length);
    private static final RiskMap RISK_MAP = new RiskMap();

    private final Kind kind;

    private CountingSink(Kind kind) {
        this.kind = kind;
    }

    /** Counts every element as an alarm transition, AREA ones also apart. */
    public static CountingSink<LifecycleEvent> alarms() {
        return new CountingSink<>(Kind.ALARMS);
    }

    /** Counts every element as a dead letter. */
    public static CountingSink<DeadLetter> deadLetters() {
        return new CountingSink<>(Kind.DEAD_LETTERS);
    }

    /** Counts every element as a risk level change, and follows the levels ({@link #riskMap()}). */
    public static CountingSink<RiskChange> risk() {
        return new CountingSink<>(Kind.RISK);
    }

    /** Counts InfluxDB lines by measurement (reading, alarm, risk, reading_1m; anything else as other). */
    public static CountingSink<String> influxLines() {
        return new CountingSink<>(Kind.LINES);
    }

    public static void reset() {
        for (int i = 0; i < COUNTS.length(); i++) {
            COUNTS.set(i, 0);
        }
        synchronized (RISK_MAP) {
            RISK_MAP.clear();
        }
    }

    public static long get(Counter c) {
        return COUNTS.get(c.ordinal());
    }

    /** Risk levels not blue at the end of the job, by scope:id. */
    public static Map<String, String> riskLevels() {
        synchronized (RISK_MAP) {
            return RISK_MAP.notBlue();
        }
    }

    /** Risk changes that did not continue from the level last reported for their scope and id. */
    public static long riskBreaks() {
        synchronized (RISK_MAP) {
            return RISK_MAP.breaks();
        }
    }

    /** Whether an alarm id is of an AREA alarm or of its chattering ({@code {source}:AREA:{ts}}, {@code {source}:CHAT:AREA:{ts}}). */
    public static boolean isArea(String alarmId) {
        if (alarmId == null) {
            return false;
        }
        String cls = LifecycleInput.classOf(alarmId);
        return cls.equals(AREA) || cls.equals(LifecycleFunction.CHAT_PREFIX + AREA);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(kind);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private static final String ALARM_PREFIX = InfluxLines.ALARM + ",";
        private static final String READING_PREFIX = InfluxLines.READING + ",";
        private static final String RISK_PREFIX = InfluxLines.RISK + ",";
        private static final String ROLLUP_PREFIX = InfluxLines.READING_1M + ",";
        private final Kind kind;
        private final long[] counts = new long[Counter.values().length];
        /** The levels of the towns this writer sees (a town's changes all come through one writer, in order). */
        private final RiskMap riskMap = new RiskMap();

        Writer(Kind kind) {
            this.kind = kind;
        }

        @Override
        public void write(T element, Context context) {
            switch (kind) {
                case ALARMS -> {
                    counts[Counter.ALARM_EVENTS.ordinal()]++;
                    if (isArea(((LifecycleEvent) element).event().alarmId())) {
                        counts[Counter.AREA_EVENTS.ordinal()]++;
                    }
                }
                case DEAD_LETTERS -> counts[Counter.DEAD_LETTERS.ordinal()]++;
                case RISK -> {
                    counts[Counter.RISK_CHANGES.ordinal()]++;
                    riskMap.accept((RiskChange) element);
                }
                case LINES -> {
                    String line = (String) element;
                    Counter c = line.startsWith(READING_PREFIX) ? Counter.READING_LINES
                            : line.startsWith(ALARM_PREFIX) ? Counter.ALARM_LINES
                            : line.startsWith(RISK_PREFIX) ? Counter.RISK_LINES
                            : line.startsWith(ROLLUP_PREFIX) ? Counter.ROLLUP_LINES : Counter.OTHER_LINES;
                    counts[c.ordinal()]++;
                }
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
            synchronized (RISK_MAP) {
                RISK_MAP.addAll(riskMap);
            }
            riskMap.clear();
        }
    }
}
