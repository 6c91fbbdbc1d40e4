package com.hazardwatch.simulators;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * An incident played over normal traffic: it overrides the values of a few sensors for a while.
 * Offsets are milliseconds since the simulation started. Implementations are pure functions of the offset
 * (and the normal value passed in), so a timeline can be unit-tested without a broker or a clock.
 */
public interface Scenario {
    /** Scenario name as given on the command line, e.g. {@code overfill}. */
    String name();

    /** The sensors whose values this scenario overrides. */
    Set<String> sensors();

    default boolean affects(String sensorId) {
        return sensors().contains(sensorId);
    }

    /** When the scenario begins, as an offset from the start of the simulation. */
    Duration start();

    /**
     * The value a sensor reports at an offset, or empty to keep the normal value.
     *
     * @param normalValue what the sensor's normal process model gives at this offset (scenarios may blend into it)
     */
    OptionalDouble override(String sensorId, long offsetMillis, double normalValue);

    /** True once the scenario has played out completely; from then on every sensor reports normal values. */
    boolean finished(long offsetMillis);

    /** True between {@link #start()} and the end. */
    default boolean active(long offsetMillis) {
        return offsetMillis >= start().toMillis() && !finished(offsetMillis);
    }

    /** A short phase name at an offset, such as {@code waiting}, {@code rising}, {@code done}. */
    String phase(long offsetMillis);

    /** How often affected sensors report while the scenario is active (they keep a faster normal interval). */
    default Duration reportInterval() {
        return Duration.ofSeconds(1);
    }
}
