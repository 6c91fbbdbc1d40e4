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

    /**
     * A value published as it is, outside the plan's clamping to the instrument range (an out-of-range reading, as a
     * broken transmitter sends it), or empty for the planned value. Asked by the publisher, not by the plan.
     */
    default OptionalDouble rawValue(String sensorId, long offsetMillis) {
        return OptionalDouble.empty();
    }

    /** True when the reading due at this offset goes out with quality {@code bad}. Normal scenarios send none. */
    default boolean badQuality(String sensorId, long offsetMillis) {
        return false;
    }

    /**
     * How the reading due at this offset is delivered: on time (the default), late, swapped with the sensor's next
     * reading, or twice. Its {@code ts} and value stay the schedule's either way: only the delivery changes.
     */
    default Delivery delivery(String sensorId, long offsetMillis) {
        return Delivery.ON_TIME;
    }

    /**
     * A delivery fault of one reading.
     *
     * @param kind what happens to it
     * @param delay for {@link Kind#LATE}: how long after its due time it is published; zero otherwise
     */
    record Delivery(Kind kind, Duration delay) {
        /** Published when due, once. */
        public static final Delivery ON_TIME = new Delivery(Kind.ON_TIME, Duration.ZERO);
        /** Held back until the sensor's next reading has gone out, then published: the two arrive swapped. */
        public static final Delivery SWAPPED = new Delivery(Kind.SWAPPED, Duration.ZERO);
        /** Published twice, one copy right after the other (same ts, same value). */
        public static final Delivery TWICE = new Delivery(Kind.TWICE, Duration.ZERO);

        public enum Kind { ON_TIME, LATE, SWAPPED, TWICE }

        public Delivery {
            if (kind == null || delay == null || delay.isNegative() || (kind == Kind.LATE) == delay.isZero()) {
                throw new IllegalArgumentException("a delivery needs a kind and, for LATE only, a positive delay");
            }
        }

        /** Published {@code delay} after its due time, with its true (older) ts. */
        public static Delivery late(Duration delay) {
            return new Delivery(Kind.LATE, delay);
        }
    }
}
