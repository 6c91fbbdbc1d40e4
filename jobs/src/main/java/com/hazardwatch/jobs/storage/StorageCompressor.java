package com.hazardwatch.jobs.storage;

import com.hazardwatch.model.catalogue.Compression;
import com.hazardwatch.model.event.Reading;
import java.util.function.Consumer;

/**
 * Thins a sensor's raw readings before storage, within a deviation (docs/storage.md). Alarm rules see every reading;
 * only what goes to InfluxDB measurement {@code reading} is thinned. Flink-free; the state is a {@link CompressionState}.
 *
 * <ul>
 *   <li><b>deadband</b>: a reading is stored when it differs from the last stored value by more than the deviation.
 *       Read back as a step (each stored value holds until the next), every reading is within the deviation.</li>
 *   <li><b>swinging door</b> (Bristol 1990): from the last stored point two doors pivot at ± deviation; each reading
 *       narrows them to the slopes that keep the line from the stored point within the deviation of it. A reading is
 *       held while the line from the stored point to it lies inside the doors of every reading before it; when the next
 *       one does not (the door closes), the held reading is stored and becomes the pivot. Read back by linear
 *       interpolation between stored points, every reading is within the deviation (the check is on the segment to the
 *       held point itself, which makes the bound exact rather than approximate).</li>
 * </ul>
 * Both always store the first reading, and store the held reading and the new one (and start afresh from it) when the
 * new one comes after a gap longer than {@code gapMs} (the sensor's stale period), when its quality differs from the
 * previous reading's, when the rules raised or cleared an alarm on it, or when a value is not finite. A reading not newer
 * than the previous one (out of order, duplicate time) is stored as it is and leaves the state alone.
 */
public final class StorageCompressor {
    private StorageCompressor() {}

    /**
     * Offers one reading (in event-time order per sensor); what to store goes to {@code store}, in time order.
     *
     * @param c the sensor's compression; null stores every reading
     * @param gapMs a reading more than this after the previous one restarts compression (the sensor's stale period)
     * @param alarmTransition the rules emitted an alarm transition on this reading
     */
    public static void offer(Compression c, long gapMs, CompressionState st, Reading r, boolean alarmTransition,
                             Consumer<Reading> store) {
        if (c == null) {
            store.accept(r);
            return;
        }
        if (st.lastTs != Long.MIN_VALUE && r.ts() <= st.lastTs) {
            store.accept(r);
            return;
        }
        boolean restart = !st.archived
                || alarmTransition
                || (st.lastQuality != null && st.lastQuality != r.quality())
                || r.ts() - st.lastTs > gapMs
                || !Double.isFinite(r.value())
                || !Double.isFinite(st.archivedValue);
        st.lastTs = r.ts();
        st.lastQuality = r.quality();
        if (restart) {
            if (st.held) {
                store.accept(heldReading(st, r));
            }
            archive(st, r.ts(), r.value());
            store.accept(r);
            return;
        }
        double dev = c.deviation();
        if (c.method() == Compression.Method.DEADBAND) {
            if (Math.abs(r.value() - st.archivedValue) > dev) {
                archive(st, r.ts(), r.value());
                store.accept(r);
            } else {
                hold(st, r);
            }
            return;
        }
        // swinging door
        double dt = r.ts() - st.archivedTs;
        double slope = (r.value() - st.archivedValue) / dt;
        if (slope < st.slopeLow || slope > st.slopeHigh) {
            // the door closes: the held reading is the last one the segment can reach; it becomes the pivot
            Reading h = heldReading(st, r);
            store.accept(h);
            archive(st, h.ts(), h.value());
            dt = r.ts() - st.archivedTs;
        }
        hold(st, r);
        st.slopeLow = Math.max(st.slopeLow, (r.value() - dev - st.archivedValue) / dt);
        st.slopeHigh = Math.min(st.slopeHigh, (r.value() + dev - st.archivedValue) / dt);
    }

    /** Stores the held reading, if any (end of a series, or a test reconstructing the trend up to its last reading). */
    public static void flush(CompressionState st, Reading like, Consumer<Reading> store) {
        if (st.held) {
            Reading h = heldReading(st, like);
            archive(st, h.ts(), h.value());
            store.accept(h);
        }
    }

    private static void hold(CompressionState st, Reading r) {
        st.held = true;
        st.heldTs = r.ts();
        st.heldValue = r.value();
        st.heldQuality = r.quality();
        st.heldReceivedAt = r.receivedAt();
    }

    private static void archive(CompressionState st, long ts, double value) {
        st.archived = true;
        st.archivedTs = ts;
        st.archivedValue = value;
        st.held = false;
        st.slopeLow = Double.NEGATIVE_INFINITY;
        st.slopeHigh = Double.POSITIVE_INFINITY;
    }

    /** The held reading, with the sensor's identity taken from a reading of the same sensor. */
    private static Reading heldReading(CompressionState st, Reading same) {
        return new Reading(same.sensor(), same.enterprise(), same.source(), same.kind(), st.heldTs, st.heldValue,
                st.heldQuality, st.heldReceivedAt);
    }
}
