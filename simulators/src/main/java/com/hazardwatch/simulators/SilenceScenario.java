package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Sensors that publish nothing for a while: a dead transmitter ({@link Scenarios#DEAD_SENSOR}, one sensor) or a
 * gateway outage ({@link Scenarios#GATEWAY_OUTAGE}, every sensor of one enterprise). From {@link #start()} for
 * {@link #length()} the sensors' scheduled readings are skipped; their other readings keep their place in the
 * schedule, so the first reading after the silence is the first one due at or after its end. Values are never
 * changed, and the sensors keep their normal reporting interval.
 */
public final class SilenceScenario implements Scenario {
    public static final String WAITING = "waiting";
    public static final String SILENT = "silent";
    public static final String DONE = "done";

    private final String name;
    private final String target;
    private final Set<String> sensors;
    private final long startMs;
    private final long endMs;

    /**
     * @param name the scenario name ({@link Scenarios#DEAD_SENSOR}, {@link Scenarios#GATEWAY_OUTAGE})
     * @param target what is silenced, for messages: the sensor id, or the enterprise id
     * @param sensorIds the sensors silenced, at least one
     * @param startAfter offset where the silence begins
     * @param length how long it lasts, positive
     */
    public SilenceScenario(String name, String target, List<String> sensorIds, Duration startAfter, Duration length) {
        this.name = Objects.requireNonNull(name, "name");
        this.target = Objects.requireNonNull(target, "target");
        if (sensorIds.isEmpty()) {
            throw new IllegalArgumentException(name + " on " + target + " has no sensor to silence");
        }
        if (startAfter.isNegative()) {
            throw new IllegalArgumentException(name + ": start must not be negative, was " + Durations.format(startAfter));
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException(name + ": length must be positive, was " + Durations.format(length));
        }
        this.sensors = Collections.unmodifiableSet(new LinkedHashSet<>(sensorIds));
        this.startMs = startAfter.toMillis();
        this.endMs = Math.addExact(startMs, length.toMillis());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> sensors() {
        return sensors;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String describe() {
        String which = sensors.size() == 1 && sensors.contains(target) ? target
                : target + " (" + sensors.size() + (sensors.size() == 1 ? " sensor: " : " sensors: ") + String.join(", ", sensors) + ")";
        return String.format("%s: %s silent from +%s for %s (until +%s)", name, which, Durations.format(start()),
                Durations.format(length()), Durations.format(Duration.ofMillis(endMs)));
    }

    @Override
    public Duration start() {
        return Duration.ofMillis(startMs);
    }

    /** How long the sensors stay silent. */
    public Duration length() {
        return Duration.ofMillis(endMs - startMs);
    }

    /** Where the silence ends: the first reading due at or after it goes out. */
    public Duration end() {
        return Duration.ofMillis(endMs);
    }

    @Override
    public boolean silent(String sensorId, long offsetMillis) {
        return offsetMillis >= startMs && offsetMillis < endMs && sensors.contains(sensorId);
    }

    /** Values are left alone. */
    @Override
    public OptionalDouble override(String sensorId, long offsetMillis, double normalValue) {
        return OptionalDouble.empty();
    }

    @Override
    public boolean finished(long offsetMillis) {
        return offsetMillis >= endMs;
    }

    @Override
    public String phase(long offsetMillis) {
        return offsetMillis < startMs ? WAITING : offsetMillis < endMs ? SILENT : DONE;
    }

    /** A silence keeps the sensors' schedule: it drops slots, it does not move them. */
    @Override
    public Optional<Duration> reportInterval() {
        return Optional.empty();
    }
}
