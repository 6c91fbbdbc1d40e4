package com.hazardwatch.simulators;

import java.util.concurrent.locks.LockSupport;

/**
 * The clocks the {@link Simulator} and the replay ({@link com.hazardwatch.simulators.replay.Replayer}) pace against,
 * and how they wait: the system's in production, a fake one in tests (so that a slow publisher or a long run can be
 * played in milliseconds).
 */
public interface SimClock {
    /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Wall-clock time in epoch milliseconds, as {@link System#currentTimeMillis()}. */
    long epochMillis();

    /** Waits up to {@code nanos} (may return early, e.g. on {@link LockSupport#unpark}). */
    void park(long nanos);

    SimClock SYSTEM = new SimClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public void park(long nanos) {
            LockSupport.parkNanos(this, nanos);
        }
    };
}
