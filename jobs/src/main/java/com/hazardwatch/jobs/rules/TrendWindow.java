package com.hazardwatch.jobs.rules;

import java.util.OptionalDouble;

/**
 * The readings (event time, value) of the last {@link #windowMs} of event time and their least-squares slope in units
 * per minute, kept incrementally. A Flink POJO (public no-arg constructor, public fields), bounded in size.
 *
 * <p><b>Window.</b> After adding a reading at {@code t}, the window holds the admitted readings with
 * {@code ts > t - windowMs}. Readings must arrive in event-time order: one not newer than the newest kept is refused
 * ({@link #add} returns false), as is a non-finite value.
 *
 * <p><b>Bound.</b> At most {@link #capacity} readings are kept, in a ring. When a reading arrives at a full ring the
 * oldest is dropped even though it is still inside the window, and the slope is computed over what is kept (the
 * newest {@code capacity} readings, a shorter stretch of time). The "spans at least half the window" condition still
 * counts the dropped readings (via {@link #firstDroppedTs} and {@link #lastDroppedTs}: when the run of dropped readings
 * began before the window, the received readings are taken to cover the whole window), so a sensor reporting faster
 * than {@code capacity} readings per window keeps its slope.
 *
 * <p><b>Slope.</b> Ordinary least squares of value on time, {@code (n Sxy - Sx Sy) / (n Sxx - Sx^2)}, with time in
 * minutes relative to the newest reading (so x lies in (-window, 0]) and values relative to {@link #refValue}. The
 * sums are shifted to the new newest time on each add and the evicted readings subtracted; to keep rounding from
 * accumulating they are recomputed exactly from the ring every {@code capacity} adds. A slope needs at least
 * {@link RuleDefaults#TREND_MIN_POINTS} readings spanning at least half the window; otherwise there is none.
 */
public class TrendWindow {
    /** Length of the window, event time, ms. */
    public long windowMs = RuleDefaults.ROC_WINDOW_MS;
    /** Most readings kept. */
    public int capacity = RuleDefaults.TREND_CAPACITY;
    /** Ring of event times (length = capacity once the first reading arrived). */
    public long[] ts;
    /** Ring of values, parallel to {@link #ts}. */
    public double[] values;
    /** Index of the oldest reading kept. */
    public int head;
    /** Number of readings kept. */
    public int count;
    /** Event time of the first reading of the current run of readings dropped because the ring was full, or Long.MIN_VALUE. */
    public long firstDroppedTs = Long.MIN_VALUE;
    /** Event time of the newest reading dropped because the ring was full, or Long.MIN_VALUE. */
    public long lastDroppedTs = Long.MIN_VALUE;
    /** The time origin of the sums: the newest reading's ts. */
    public long refTs;
    /** The value origin of the sums (fixed between exact recomputations). */
    public double refValue;
    /** Sum of x, x = (ts - refTs) in minutes. */
    public double sx;
    /** Sum of x squared. */
    public double sxx;
    /** Sum of y, y = value - refValue. */
    public double sy;
    /** Sum of x times y. */
    public double sxy;
    /** Adds since the sums were last recomputed exactly. */
    public int addsSinceRecompute;

    public TrendWindow() {}

    public TrendWindow(long windowMs, int capacity) {
        if (windowMs <= 0 || capacity < RuleDefaults.TREND_MIN_POINTS) {
            throw new IllegalArgumentException("window must be > 0 and capacity >= " + RuleDefaults.TREND_MIN_POINTS);
        }
        this.windowMs = windowMs;
        this.capacity = capacity;
    }

    /** Number of readings kept. */
    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Event time of the newest reading kept; Long.MIN_VALUE when empty. */
    public long newestTs() {
        return count == 0 ? Long.MIN_VALUE : ts[index(count - 1)];
    }

    /** Value of the newest reading kept; NaN when empty. */
    public double newestValue() {
        return count == 0 ? Double.NaN : values[index(count - 1)];
    }

    /** Event time of the oldest reading kept; Long.MIN_VALUE when empty. */
    public long oldestTs() {
        return count == 0 ? Long.MIN_VALUE : ts[head];
    }

    /**
     * Adds a reading. Returns false (and changes nothing) when the value is not finite or {@code t} is not newer than
     * the newest reading kept.
     */
    public boolean add(long t, double value) {
        if (!Double.isFinite(value) || (count > 0 && t <= newestTs())) {
            return false;
        }
        if (ts == null || ts.length != capacity) {
            resize();
        }
        // drop what left the window, then make room
        long from = t - windowMs;
        while (count > 0 && ts[head] <= from) {
            dropOldest();
        }
        if (lastDroppedTs != Long.MIN_VALUE && lastDroppedTs <= from) {
            firstDroppedTs = lastDroppedTs = Long.MIN_VALUE;
        }
        if (count == capacity) {
            dropped(ts[head]);
            dropOldest();
        }
        if (count == 0) {
            refTs = t;
            refValue = value;
            sx = sxx = sy = sxy = 0;
            addsSinceRecompute = 0;
        }
        // move the time origin to t: x' = x - d
        double d = minutes(t - refTs);
        double n = count;
        sxx = sxx - 2 * d * sx + n * d * d;
        sxy = sxy - d * sy;
        sx = sx - n * d;
        refTs = t;
        // the new reading sits at x = 0
        int at = index(count);
        ts[at] = t;
        values[at] = value;
        count++;
        sy += value - refValue;
        if (++addsSinceRecompute >= capacity) {
            recompute();
        }
        return true;
    }

    /** The least-squares slope in units per minute, or empty with too few readings or too short a span. */
    public OptionalDouble slope() {
        if (count < RuleDefaults.TREND_MIN_POINTS) {
            return OptionalDouble.empty();
        }
        long newest = newestTs();
        long start = oldestTs();
        if (lastDroppedTs != Long.MIN_VALUE && lastDroppedTs > newest - windowMs) {
            // readings were dropped inside the window: the oldest one received in it is the run's first, or, when the
            // run began before the window, the first reading after the window's start
            start = Math.min(start, Math.max(firstDroppedTs, newest - windowMs + 1));
        }
        if (2 * (newest - start) < windowMs) {
            return OptionalDouble.empty();
        }
        double n = count;
        double den = n * sxx - sx * sx;
        if (!(den > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((n * sxy - sx * sy) / den);
    }

    /**
     * How fast the value moved over the last {@code backMs} (units per minute): from the newest reading at or before
     * newest - backMs to the newest reading; empty when the window holds no reading that old. A trend alarm also asks
     * this to agree with the window's slope, so a window holding a rise and then a fall, or a fall and then a level,
     * does not extrapolate a change that is already over. O(size), called only on the raise path.
     */
    public OptionalDouble recentRate(long backMs) {
        if (count < 2) {
            return OptionalDouble.empty();
        }
        long newest = newestTs();
        long then = newest - backMs;
        int found = -1;
        for (int i = count - 2; i >= 0; i--) {
            if (ts[index(i)] <= then) {
                found = index(i);
                break;
            }
        }
        if (found < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((newestValue() - values[found]) / minutes(newest - ts[found]));
    }

    /**
     * How much of the readings' variation the straight line explains (R², 0..1), computed over the readings kept.
     * A slope from noise has a low R²; a real ramp a high one. O(size): the rules call it only when a slope would
     * raise an alarm. NaN when there is no slope or the values do not vary.
     */
    public double rSquared() {
        OptionalDouble k = slope();
        if (k.isEmpty()) {
            return Double.NaN;
        }
        double n = count;
        double meanX = sx / n;
        double meanY = sy / n;
        double ssTot = 0;
        double ssRes = 0;
        double slope = k.getAsDouble();
        for (int i = 0; i < count; i++) {
            int at = index(i);
            double x = minutes(ts[at] - refTs);
            double y = values[at] - refValue;
            double fit = meanY + slope * (x - meanX);
            ssTot += (y - meanY) * (y - meanY);
            ssRes += (y - fit) * (y - fit);
        }
        return ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN;
    }

    /** Recomputes the sums exactly from the readings kept, with the value origin moved to the newest value. */
    public void recompute() {
        addsSinceRecompute = 0;
        sx = sxx = sy = sxy = 0;
        if (count == 0) {
            return;
        }
        refTs = newestTs();
        refValue = newestValue();
        for (int i = 0; i < count; i++) {
            int k = index(i);
            double x = minutes(ts[k] - refTs);
            double y = values[k] - refValue;
            sx += x;
            sxx += x * x;
            sy += y;
            sxy += x * y;
        }
    }

    private void dropOldest() {
        double x = minutes(ts[head] - refTs);
        double y = values[head] - refValue;
        sx -= x;
        sxx -= x * x;
        sy -= y;
        sxy -= x * y;
        head = (head + 1) % ts.length;
        count--;
        if (count == 0) {
            head = 0;
            sx = sxx = sy = sxy = 0;
        }
    }

    /** (Re)allocates the ring at {@link #capacity}, keeping the newest readings (capacity may be changed between adds). */
    private void resize() {
        long[] nts = new long[capacity];
        double[] nvs = new double[capacity];
        int keep = Math.min(count, capacity);
        for (int i = 0; i < keep; i++) {
            int k = index(count - keep + i);
            nts[i] = ts[k];
            nvs[i] = values[k];
        }
        for (int i = 0; i < count - keep; i++) {
            dropped(ts[index(i)]);
        }
        ts = nts;
        values = nvs;
        head = 0;
        count = keep;
        recompute();
    }

    private void dropped(long t) {
        if (lastDroppedTs == Long.MIN_VALUE) {
            firstDroppedTs = t;
        }
        lastDroppedTs = t;
    }

    private int index(int i) {
        return (head + i) % ts.length;
    }

    private static double minutes(long ms) {
        return ms / (double) RuleDefaults.MINUTE_MS;
    }
}
