package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.util.Arrays;
import java.util.Optional;

/**
 * Gas correlation, AREA (docs/rules.md section 8), the state of one hazard source, a Flink POJO: the gas detectors
 * (combustible or toxic) of the source now in alarm, with the event time each was raised.
 *
 * <p>RAISE AREA_GAS when at least two detectors are in alarm whose raise times lie within the window (default 60 s)
 * of each other; two detectors that stand in alarm together but were raised further apart than the window do not
 * raise it. Once raised, AREA clears when fewer than two detectors remain in alarm (however far apart their raises).
 * An AREA alarm is of priority {@link RuleDefaults#AREA_PRIORITY}.
 *
 * <p>Alarm id {@code {source}:AREA:{ts}}, ts = the later raise time of the earliest-completed qualifying pair, so the
 * id does not depend on which of the two detector events arrived first. The event's sensor and source are the
 * source id, its enterprise the detectors' enterprise; value = detectors in alarm, limit = 2. Non-gas sensors are
 * ignored. Bounded by the number of gas detectors of the source.
 */
public class GasCorrelation {
    /** The source this state is for (set from the first sensor seen). */
    public String source;
    public String enterprise;
    /** Detectors now in alarm, parallel to {@link #since}. */
    public String[] sensors = new String[0];
    /** Event time each detector in {@link #sensors} was raised. */
    public long[] since = new long[0];
    /** Whether an AREA alarm stands. */
    public boolean active;
    /** Id of the standing AREA alarm, else null. */
    public String alarmId;

    public GasCorrelation() {}

    /** {@link #onAlarm(Sensor, boolean, long, long, long)} with the default 60 s window. */
    public Optional<RuleEvent> onAlarm(Sensor sensor, boolean inAlarm, long ts, long now) {
        return onAlarm(sensor, inAlarm, ts, RuleDefaults.CORRELATION_WINDOW_MS, now);
    }

    /**
     * A gas detector of this source went into alarm ({@code inAlarm}, at event time {@code ts} of its raise) or out
     * of it (at {@code ts} of its clear). A detector already in alarm keeps its earliest raise time.
     *
     * @param now processing time, for emittedAt
     */
    public Optional<RuleEvent> onAlarm(Sensor sensor, boolean inAlarm, long ts, long windowMs, long now) {
        if (!RuleDefaults.isGas(sensor.kind()) || sensor.source() == null) {
            return Optional.empty();
        }
        if (source == null) {
            source = sensor.source();
        }
        if (enterprise == null) {
            enterprise = sensor.enterprise();
        }
        if (!source.equals(sensor.source())) {
            throw new IllegalArgumentException("sensor " + sensor.id() + " is of source " + sensor.source()
                    + ", this state is for " + source);
        }
        int at = indexOf(sensor.id());
        if (inAlarm) {
            if (at >= 0) {
                since[at] = Math.min(since[at], ts);
            } else {
                sensors = Arrays.copyOf(sensors, sensors.length + 1);
                since = Arrays.copyOf(since, since.length + 1);
                sensors[sensors.length - 1] = sensor.id();
                since[since.length - 1] = ts;
            }
            if (!active) {
                long raiseTs = earliestPair(windowMs);
                if (raiseTs != Long.MIN_VALUE) {
                    active = true;
                    alarmId = source + ":AREA:" + raiseTs;
                    return Optional.of(RuleEvent.of(alarmId, source, enterprise, source, AlarmType.AREA_GAS,
                            AlarmTransition.RAISE, sensors.length, RuleDefaults.CORRELATION_MIN_DETECTORS, raiseTs, now,
                            sensors.length + " gas detectors in alarm within " + RuleEvent.duration(windowMs) + ": "
                                    + String.join(", ", sorted())));
                }
            }
            return Optional.empty();
        }
        if (at < 0) {
            return Optional.empty();
        }
        sensors = remove(sensors, at);
        since = remove(since, at);
        if (active && sensors.length < RuleDefaults.CORRELATION_MIN_DETECTORS) {
            String id = alarmId;
            active = false;
            alarmId = null;
            return Optional.of(RuleEvent.of(id, source, enterprise, source, AlarmType.AREA_GAS, AlarmTransition.CLEAR,
                    sensors.length, RuleDefaults.CORRELATION_MIN_DETECTORS, ts, now,
                    sensors.length == 0 ? "no gas detector in alarm" : "1 gas detector in alarm: " + sensors[0]));
        }
        return Optional.empty();
    }

    /** Detectors now in alarm. */
    public int inAlarm() {
        return sensors.length;
    }

    /** Of the pairs raised within the window of each other, the smallest later raise time; Long.MIN_VALUE if none. */
    private long earliestPair(long windowMs) {
        long best = Long.MIN_VALUE;
        for (int i = 0; i < since.length; i++) {
            for (int j = i + 1; j < since.length; j++) {
                if (Math.abs(since[i] - since[j]) <= windowMs) {
                    long later = Math.max(since[i], since[j]);
                    if (best == Long.MIN_VALUE || later < best) {
                        best = later;
                    }
                }
            }
        }
        return best;
    }

    private int indexOf(String id) {
        for (int i = 0; i < sensors.length; i++) {
            if (sensors[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private String[] sorted() {
        String[] s = sensors.clone();
        Arrays.sort(s);
        return s;
    }

    private static String[] remove(String[] a, int at) {
        String[] b = new String[a.length - 1];
        System.arraycopy(a, 0, b, 0, at);
        System.arraycopy(a, at + 1, b, at, a.length - at - 1);
        return b;
    }

    private static long[] remove(long[] a, int at) {
        long[] b = new long[a.length - 1];
        System.arraycopy(a, 0, b, 0, at);
        System.arraycopy(a, at + 1, b, at, a.length - at - 1);
        return b;
    }
}
