package com.hazardwatch.jobs.operators;

import com.hazardwatch.model.event.Reading;

/**
 * One sensor's readings in one event-time minute, summed up for measurement {@code reading_1m}: mean, min, max,
 * last (the value of the newest reading; on equal timestamps the one that arrived later) and count. Free of Flink:
 * {@link RollupFunction} keeps one per open minute in its state (a POJO: public fields, no-argument constructor).
 */
public final class RollupAggregate {
    public static final long MINUTE_MS = 60_000L;

    /** Start of the minute, epoch ms (the point's time). */
    public long minute;
    public String sensor;
    public String enterprise;
    public String kind;
    public String source;
    public long count;
    public double sum;
    public double min;
    public double max;
    public double last;
    public long lastTs;

    public RollupAggregate() {}

    /** The minute a timestamp belongs to: [start, start + 60 s). */
    public static long minuteOf(long ts) {
        return Math.floorDiv(ts, MINUTE_MS) * MINUTE_MS;
    }

    /** The last millisecond of the minute: once the watermark reaches it, no reading of the minute is still expected. */
    public static long endOf(long minute) {
        return minute + MINUTE_MS - 1;
    }

    public static RollupAggregate first(Reading r) {
        RollupAggregate a = new RollupAggregate();
        a.minute = minuteOf(r.ts());
        a.sensor = r.sensor();
        a.enterprise = r.enterprise();
        a.kind = r.kind();
        a.source = r.source();
        a.min = Double.POSITIVE_INFINITY;
        a.max = Double.NEGATIVE_INFINITY;
        a.lastTs = Long.MIN_VALUE;
        return a.add(r);
    }

    /** Adds a reading of this minute. */
    public RollupAggregate add(Reading r) {
        if (minuteOf(r.ts()) != minute) {
            throw new IllegalArgumentException("reading at " + r.ts() + " is not in minute " + minute);
        }
        double v = r.value();
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (r.ts() >= lastTs) {
            lastTs = r.ts();
            last = v;
        }
        return this;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    @Override
    public String toString() {
        return sensor + "@" + minute + " count=" + count + " mean=" + mean() + " min=" + min + " max=" + max + " last=" + last;
    }
}
