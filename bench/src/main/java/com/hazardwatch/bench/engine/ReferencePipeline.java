package com.hazardwatch.bench.engine;

import com.hazardwatch.connectors.influx.InfluxLines;
import com.hazardwatch.connectors.kafka.ReadingOrReject;
import com.hazardwatch.jobs.operators.SensorRules;
import com.hazardwatch.jobs.operators.SensorState;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.json.ReadingCodec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The monitoring job's graph ({@code MonitoringJob.defineWorkflow}) as plain single-threaded Java: the baseline the
 * engine is compared with. Every step calls the code the job's operators call, so the two compute the same thing:
 *
 * <ol>
 *   <li>source: the record through the job's Kafka deserializer ({@link RecordDecoder});</li>
 *   <li>route readings: a reject, or a sensor not in the catalogue, becomes a dead letter (as {@code RouteReadings});</li>
 *   <li>reading lines: {@link InfluxLines#reading} for every routed reading;</li>
 *   <li>limit alarms: per-sensor state in a HashMap, {@link SensorRules#apply} (every per-sensor rule of
 *       {@code SensorRulesFunction}, without Flink);</li>
 *   <li>alarm lines: {@link InfluxLines#alarm} for every alarm event.</li>
 * </ol>
 *
 * <p><b>Keep this in step with the job.</b> When {@code defineWorkflow} gains an operator or a rule, add its step to
 * {@link #accept} (calling the operator's Flink-free static function, as for the limit alarms), so that the reference
 * keeps doing the same work and the engine-vs-reference checks (same number of alarm events) keep holding.
 */
public final class ReferencePipeline {
    private final Catalogue catalogue;
    private final RecordDecoder decoder = new RecordDecoder(0);
    private final Map<String, SensorState> states = new HashMap<>();
    private final Consumer<AlarmEvent> alarmOut = this::alarm;

    private long readings;
    private long deadLetters;
    private long readingLines;
    private long alarmEvents;
    private long alarmLines;
    private long lineChars;

    public ReferencePipeline(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** One hw.readings record (the value bytes), as read at this offset. */
    public void accept(byte[] record, long offset) {
        readings++;
        ReadingOrReject in = decoder.decode(record, offset);
        // RouteReadings
        if (in.rejected() != null) {
            deadLetter(in.rejected());
            return;
        }
        Reading r = in.reading();
        Sensor sensor = catalogue.sensor(r.sensor()).orElse(null);
        if (sensor == null) {
            deadLetter(new DeadLetter(RejectReason.UNKNOWN_SENSOR, "sensor '" + r.sensor() + "' is not in the job's catalogue",
                    "job", System.currentTimeMillis(), new String(ReadingCodec.toJson(r), StandardCharsets.UTF_8), null, "job"));
            return;
        }
        // reading lines
        line(InfluxLines.reading(r));
        readingLines++;
        // limit alarms (keyed by sensor)
        SensorState st = states.get(r.sensor());
        if (st == null) {
            st = new SensorState();
            states.put(r.sensor(), st);
        }
        SensorRules.apply(sensor, st, r, System.currentTimeMillis(), alarmOut);
    }

    private void alarm(AlarmEvent a) {
        alarmEvents++;
        // alarm lines
        line(InfluxLines.alarm(a));
        alarmLines++;
    }

    private void deadLetter(DeadLetter d) {
        deadLetters++;
        lineChars += d.reason().ordinal();
    }

    private void line(String s) {
        lineChars += s.length(); // consume the line so it cannot be optimised away
    }

    public long readings() {
        return readings;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public long readingLines() {
        return readingLines;
    }

    public long alarmEvents() {
        return alarmEvents;
    }

    public long alarmLines() {
        return alarmLines;
    }

    /** Total length of the lines formatted (a blackhole). */
    public long lineChars() {
        return lineChars;
    }

    /** Sensors with state. */
    public int stateEntries() {
        return states.size();
    }
}
