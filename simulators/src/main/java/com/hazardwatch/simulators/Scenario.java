package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * An incident played over normal traffic: it overrides the values of a few sensors for a while, or silences them
 * (a dead transmitter, a gateway outage: {@link #silent}). Offsets are milliseconds since the simulation started.
 * Implementations are pure functions of the offset (and the normal value passed in), so a timeline can be
 * unit-tested without a broker or a clock. Several scenarios can play at once.
 */
public interface Scenario {
    /** Scenario name as given on the command line, e.g. {@code overfill}. */
    String name();

    /** The sensors whose values this scenario overrides or silences. */
    Set<String> sensors();

    /** What the scenario plays on, for messages: a sensor id, or an enterprise id for a gateway outage. */
    default String target() {
        return String.join(", ", sensors());
    }

    /** One line for start lines and help texts, e.g. {@code dead-sensor: E05-TT101 silent from +10s for 1m40s}. */
    default String describe() {
        return name() + " on " + target() + " from +" + Durations.format(start());
    }

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

    /**
     * True when the sensor publishes nothing at this offset: its scheduled reading is skipped, the schedule of its
     * other readings stays as it was (their times still strictly increase). Normal scenarios silence nothing.
     */
    default boolean silent(String sensorId, long offsetMillis) {
        return false;
    }

    /** True once the scenario has played out completely; from then on every sensor reports normal values. */
    boolean finished(long offsetMillis);

    /** True between {@link #start()} and the end. */
    default boolean active(long offsetMillis) {
        return offsetMillis >= start().toMillis() && !finished(offsetMillis);
    }

    /** A short phase name at an offset, such as {@code waiting}, {@code rising}, {@code done}. */
    String phase(long offsetMillis);

    /**
     * How often affected sensors report while the scenario is active (they keep a faster normal interval); empty to
     * leave their schedule alone, as a silence does (it drops slots, it does not move them).
     */
    default Optional<Duration> reportInterval() {
        return Optional.of(Duration.ofSeconds(1));
    }
}
