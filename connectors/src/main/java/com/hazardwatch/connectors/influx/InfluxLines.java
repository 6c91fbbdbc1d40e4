package com.hazardwatch.connectors.influx;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RiskChange;
import java.math.BigDecimal;

/**
 * The InfluxDB contract (database hazardwatch), one method per measurement, written as line protocol:
 * <ul>
 *   <li>reading: tags enterprise, kind, sensor, source; fields quality (string), value (float); time = reading ts</li>
 *   <li>reading_1m: tags as reading; fields count (integer), last, max, mean, min (float) of the sensor's accepted
 *       readings in one event-time minute; time = the minute's start</li>
 *   <li>alarm: tags enterprise, sensor, source, type; fields alarm_id, detail, limit, state, transition, value;
 *       time = ts of the reading that caused the event</li>
 *   <li>risk: tags id, scope (source, enterprise, town), town; fields level (string: blue, yellow, orange, red),
 *       levelRank (integer 0..3, for graphs and thresholds), previous (string), score (float); time = ts of the alarm
 *       transition that changed the level</li>
 * </ul>
 * Retention policies: reading is written to {@code raw}, the others to {@code long} ({@link InfluxConnection}).
 * Tags and fields are in key order, as InfluxDB prefers. Written by hand rather than through influxdb-java's Point
 * (a TreeMap and a DecimalFormat per point), which cost a fifth of the engine's time per reading; a test checks that
 * the lines are identical to Point's.
 */
public final class InfluxLines {
    public static final String READING = "reading";
    public static final String ALARM = "alarm";
    public static final String RISK = "risk";
    public static final String READING_1M = "reading_1m";

    private InfluxLines() {}

    public static String reading(Reading r) {
        StringBuilder b = new StringBuilder(128).append(READING);
        tag(b, "enterprise", r.enterprise());
        tag(b, "kind", r.kind());
        tag(b, "sensor", r.sensor());
        tag(b, "source", r.source());
        b.append(' ');
        stringField(b, "quality", r.quality().code(), true);
        floatField(b, "value", r.value());
        return b.append(' ').append(r.ts()).toString();
    }

    /** A sensor's 1-minute rollup; time = the minute's start (epoch ms). */
    public static String rollup(String enterprise, String kind, String sensor, String source, long minute, long count,
                                double mean, double min, double max, double last) {
        StringBuilder b = new StringBuilder(160).append(READING_1M);
        tag(b, "enterprise", enterprise);
        tag(b, "kind", kind);
        tag(b, "sensor", sensor);
        tag(b, "source", source);
        b.append(" count=").append(count).append('i');
        floatField(b, "last", last);
        floatField(b, "max", max);
        floatField(b, "mean", mean);
        floatField(b, "min", min);
        return b.append(' ').append(minute).toString();
    }

    /** An alarm event alone (the rule's condition, before the lifecycle). */
    public static String alarm(AlarmEvent a) {
        return alarm(a, null);
    }

    /**
     * An alarm transition as published on hw.alarms: the event's fields plus the lifecycle's {@code comment},
     * {@code notify}, {@code operator}, {@code priority} and {@code reason} (fields in name order, as influxdb-java
     * writes them).
     */
    public static String alarm(LifecycleEvent e) {
        return alarm(e.event(), e);
    }

    private static String alarm(AlarmEvent a, LifecycleEvent e) {
        StringBuilder b = new StringBuilder(256).append(ALARM);
        tag(b, "enterprise", a.enterprise());
        tag(b, "sensor", a.sensor());
        tag(b, "source", a.source());
        tag(b, "type", a.type() == null ? null : a.type().name());
        b.append(' ');
        stringField(b, "alarm_id", a.alarmId() == null ? "" : a.alarmId(), true);
        if (e != null && e.comment() != null) {
            stringField(b, "comment", e.comment(), false);
        }
        if (a.detail() != null) {
            stringField(b, "detail", a.detail(), false);
        }
        floatField(b, "limit", a.limit());
        if (e != null) {
            b.append(",notify=").append(e.shouldNotify());
            if (e.operator() != null) {
                stringField(b, "operator", e.operator(), false);
            }
            b.append(",priority=").append(e.priority()).append('i');
            if (e.reason() != null) {
                stringField(b, "reason", e.reason(), false);
            }
        }
        stringField(b, "state", a.state() == null ? "" : a.state().name(), false);
        stringField(b, "transition", a.transition().name(), false);
        floatField(b, "value", a.value());
        return b.append(' ').append(a.ts()).toString();
    }

    public static String risk(RiskChange c) {
        StringBuilder b = new StringBuilder(128).append(RISK);
        tag(b, "id", c.id());
        tag(b, "scope", c.scope());
        tag(b, "town", c.town());
        b.append(' ');
        stringField(b, "level", c.level().english(), true);
        b.append(",levelRank=").append(c.level().rank()).append('i');
        stringField(b, "previous", c.previous().english(), false);
        floatField(b, "score", c.score());
        return b.append(' ').append(c.ts()).toString();
    }

    /** A tag with an empty or null value is left out, as InfluxDB does not accept one. */
    private static void tag(StringBuilder b, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        b.append(',').append(key).append('=');
        escapeKey(b, value);
    }

    private static void stringField(StringBuilder b, String key, String value, boolean first) {
        if (!first) {
            b.append(',');
        }
        b.append(key).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    /** InfluxDB stores no NaN or infinity: such a field is left out (the event's detail says what happened). */
    private static void floatField(StringBuilder b, String key, double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        b.append(',').append(key).append('=');
        String s = Double.toString(v);
        // Double.toString switches to exponent notation outside 1e-3..1e7; write those in plain decimal
        b.append(s.indexOf('E') < 0 ? s : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
    }

    private static void escapeKey(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '=' || c == ' ') {
                b.append('\\');
            }
            b.append(c);
        }
    }
}
