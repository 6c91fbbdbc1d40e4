package com.hazardwatch.simulators.replay;

import java.util.concurrent.locks.LockSupport;

/** The clocks a replay paces against, and how it waits: the system's, or a fake one in tests. */
public interface ReplayClock {
    /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Wall-clock time in epoch milliseconds, as {@link System#currentTimeMillis()}. */
    long epochMillis();

    /** Waits up to {@code nanos} (may return early, e.g. on {@link LockSupport#unpark}). */
    void park(long nanos);

    ReplayClock SYSTEM = new ReplayClock() {
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
