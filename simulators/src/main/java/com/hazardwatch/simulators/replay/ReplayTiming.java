package com.hazardwatch.simulators.replay;

import java.util.Objects;

/**
 * When a recorded row goes out and which time its readings carry: pure arithmetic, no clock.
 *
 * <p>Pacing: a row recorded {@code d} ms after the first one is due {@code d / speed} after the start of the replay
 * ({@link #dueNanos}); at {@link Speed#MAX} every row is due at once (the publisher goes as fast as the broker takes
 * it). Event times: with shift-to-now a reading is stamped {@code start + d}, the first row "now" and the recorded
 * spacing kept (at a speed above 1 the stamps therefore run ahead of the clock: {@link #aheadOfClockMillis}); without
 * it, the recorded time as it is, for re-processing history.
 *
 * @param firstRecordedMillis the recorded time of the first row (epoch ms)
 * @param speed how fast the recording plays
 * @param shiftToNow whether event times are shifted so that the first row is {@code startMillis}
 * @param startMillis the wall-clock start of the replay (epoch ms)
 */
public record ReplayTiming(long firstRecordedMillis, Speed speed, boolean shiftToNow, long startMillis) {
    public ReplayTiming {
        Objects.requireNonNull(speed, "speed");
    }

    /** What the readings of a row recorded at {@code recordedMillis} are stamped with. */
    public long eventMillis(long recordedMillis) {
        return shiftToNow ? startMillis + (recordedMillis - firstRecordedMillis) : recordedMillis;
    }

    /** How much the shift moves every time: {@code startMillis - firstRecordedMillis}, or 0 without shift. */
    public long shiftMillis() {
        return shiftToNow ? startMillis - firstRecordedMillis : 0;
    }

    /** When the row recorded at {@code recordedMillis} is due, in nanoseconds after the start of the replay. */
    public long dueNanos(long recordedMillis) {
        if (speed.isMax()) {
            return 0;
        }
        double nanos = (recordedMillis - firstRecordedMillis) * 1e6 / speed.factor();
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(nanos);
    }

    /**
     * How far the event time of the row recorded at {@code recordedMillis} is ahead of the wall clock when it is due
     * (negative: behind, e.g. history replayed without shift). With shift-to-now at a speed above 1 this grows through
     * the recording: {@code d × (1 − 1/speed)}; the job rejects readings stamped more than {@code job.max-future} ahead.
     */
    public long aheadOfClockMillis(long recordedMillis) {
        return eventMillis(recordedMillis) - (startMillis + dueNanos(recordedMillis) / 1_000_000L);
    }

    /** How long playing a recording spanning {@code spanMillis} takes at this speed (0 at max: as fast as it goes). */
    public static long wallNanos(long spanMillis, Speed speed) {
        return speed.isMax() ? 0 : Math.round(spanMillis * 1e6 / speed.factor());
    }
}
