package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Chattering (docs/rules.md section 7), the state of one sensor and one alarm class ({@code HI}, {@code LO},
 * {@code ROC}, ...), a Flink POJO. Record every RAISE of that class with {@link #onRaise}: more than
 * {@link #maxRaises} (default 5) raises within {@link #windowMs} (default 10 min) start chattering and emit RAISE
 * CHATTERING ("6 raises in 10 min"). While it chatters the class's transitions are still emitted but
 * {@link #shouldNotify()} is false. It settles, CLEAR CHATTERING, once no raise came for the window: the operator
 * registers a timer at {@link #nextCheckAt()} and calls {@link #onTimer}; a timer that fires early (a raise came since
 * it was registered) does nothing, and {@link #nextCheckAt()} then names the new time.
 *
 * <p>Times: the raise times are the event times of the raising readings, so the timer is an event-time timer at
 * {@link #nextCheckAt()}; one clock throughout is all that matters. A raise counts while
 * {@code newestRaise - raise < window}; chattering settles at {@code newestRaise + window}.
 *
 * <p>Bounded: only the newest {@code maxRaises + 1} raise times are kept. Alarm id
 * {@code {sensor}:CHAT:{class}:{ts of the raise that started it}}; value = raises counted, limit = maxRaises.
 */
public class ChatteringDetector {
    /** Raises above which the class chatters. */
    public int maxRaises = RuleDefaults.CHATTER_MAX_RAISES;
    /** The counting window, and how long without a raise until it settles, ms. */
    public long windowMs = RuleDefaults.CHATTER_WINDOW_MS;
    /** The newest raise times (unordered), at most maxRaises + 1; Long.MIN_VALUE marks an empty slot. */
    public long[] raises;
    /** Event time of the newest raise, or Long.MIN_VALUE. */
    public long lastRaiseTs = Long.MIN_VALUE;
    /** Whether the class chatters now. */
    public boolean chattering;
    /** Id of the standing CHATTERING alarm, else null. */
    public String alarmId;
    public String sensor;
    public String enterprise;
    public String source;
    public String alarmClass;

    public ChatteringDetector() {}

    /** {@link #onRaise(Sensor, String, long, int, long, long)} with the defaults N = 5, window 10 min. */
    public Optional<RuleEvent> onRaise(Sensor s, String alarmClass, long ts, long now) {
        return onRaise(s, alarmClass, ts, RuleDefaults.CHATTER_MAX_RAISES, RuleDefaults.CHATTER_WINDOW_MS, now);
    }

    /**
     * Records a RAISE of the class at event time {@code ts}; returns RAISE CHATTERING when this raise starts it.
     *
     * @param now processing time, for emittedAt
     */
    public Optional<RuleEvent> onRaise(Sensor s, String alarmClass, long ts, int maxRaises, long windowMs, long now) {
        if (maxRaises < 1 || windowMs <= 0) {
            throw new IllegalArgumentException("maxRaises must be >= 1 and the window > 0");
        }
        this.sensor = s.id();
        this.enterprise = s.enterprise();
        this.source = s.source();
        this.alarmClass = alarmClass;
        this.windowMs = windowMs;
        if (raises == null || raises.length != maxRaises + 1) {
            resize(maxRaises + 1);
        }
        this.maxRaises = maxRaises;
        record(ts);
        lastRaiseTs = Math.max(lastRaiseTs, ts);
        int n = countInWindow();
        if (!chattering && n > maxRaises) {
            chattering = true;
            alarmId = sensor + ":CHAT:" + alarmClass + ":" + ts;
            return Optional.of(RuleEvent.of(alarmId, sensor, enterprise, source, AlarmType.CHATTERING,
                    AlarmTransition.RAISE, n, maxRaises, ts, now,
                    n + " raises in " + RuleEvent.duration(windowMs)));
        }
        return Optional.empty();
    }

    /** False while the class chatters: its transitions are emitted but not pushed to a person. */
    public boolean shouldNotify() {
        return !chattering;
    }

    /** When the operator should call {@link #onTimer}: newest raise + window while chattering, else empty. */
    public OptionalLong nextCheckAt() {
        return chattering ? OptionalLong.of(lastRaiseTs + windowMs) : OptionalLong.empty();
    }

    /** {@link #onTimer(long, long)} with emittedAt = {@code time}. */
    public Optional<RuleEvent> onTimer(long time) {
        return onTimer(time, time);
    }

    /**
     * A timer fired at {@code time} (the same clock as the raise times): CLEAR CHATTERING when no raise came for the
     * window, else nothing.
     *
     * @param now processing time, for emittedAt
     */
    public Optional<RuleEvent> onTimer(long time, long now) {
        if (!chattering || time < lastRaiseTs + windowMs) {
            return Optional.empty();
        }
        String id = alarmId;
        chattering = false;
        alarmId = null;
        return Optional.of(RuleEvent.of(id, sensor, enterprise, source, AlarmType.CHATTERING, AlarmTransition.CLEAR,
                0, maxRaises, time, now, "no raise for " + RuleEvent.duration(windowMs)));
    }

    /** Raises within the window ending at the newest raise. */
    public int countInWindow() {
        if (raises == null) {
            return 0;
        }
        int n = 0;
        for (long t : raises) {
            if (t != Long.MIN_VALUE && t <= lastRaiseTs && lastRaiseTs - t < windowMs) {
                n++;
            }
        }
        return n;
    }

    /** Keeps the newest raise times: fills an empty slot, else replaces the oldest if this one is newer. */
    private void record(long ts) {
        int oldest = 0;
        for (int i = 0; i < raises.length; i++) {
            if (raises[i] == Long.MIN_VALUE) {
                raises[i] = ts;
                return;
            }
            if (raises[i] < raises[oldest]) {
                oldest = i;
            }
        }
        if (ts > raises[oldest]) {
            raises[oldest] = ts;
        }
    }

    private void resize(int size) {
        long[] old = raises == null ? new long[0] : raises.clone();
        java.util.Arrays.sort(old);
        raises = new long[size];
        java.util.Arrays.fill(raises, Long.MIN_VALUE);
        for (int i = old.length - 1, j = 0; i >= 0 && j < size; i--) {
            if (old[i] != Long.MIN_VALUE) {
                raises[j++] = old[i];
            }
        }
    }
}
