package com.hazardwatch.simulators;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A tank overfilling: after {@link #start()} the level rises steadily from its normal value through H and HH to
 * about HH + 2 (never above the range maximum), holds there, then falls back through H - deadband to its normal
 * value. Timeline: rising {@value #RISE_SECONDS} s, holding {@value #HOLD_SECONDS} s, falling
 * {@value #FALL_SECONDS} s; the sensor reports every second meanwhile.
 */
public final class OverfillScenario implements Scenario {
    public static final int RISE_SECONDS = 35;
    public static final int HOLD_SECONDS = 10;
    public static final int FALL_SECONDS = 20;
    /** From start to done. */
    public static final Duration LENGTH = Duration.ofSeconds(RISE_SECONDS + HOLD_SECONDS + FALL_SECONDS);

    public static final String WAITING = "waiting";
    public static final String RISING = "rising";
    public static final String HOLDING = "holding";
    public static final String FALLING = "falling";
    public static final String DONE = "done";

    private final Sensor sensor;
    private final long startMs;
    private final long holdMs;
    private final long fallMs;
    private final long endMs;
    private final double peak;

    public OverfillScenario(Sensor sensor, Duration startAfter) {
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != SensorKind.TANK_LEVEL) {
            throw new IllegalArgumentException("overfill needs a tank level sensor, " + sensor.id() + " is " + sensor.kind().code());
        }
        Limits limits = sensor.limits();
        if (limits == null || (limits.h() == null && limits.hh() == null)) {
            throw new IllegalArgumentException("overfill needs an H or HH limit on " + sensor.id());
        }
        double top = limits.hh() != null ? limits.hh() : limits.h();
        this.peak = Math.min(top + 2, sensor.range().max());
        this.startMs = startAfter.toMillis();
        this.holdMs = startMs + RISE_SECONDS * 1000L;
        this.fallMs = holdMs + HOLD_SECONDS * 1000L;
        this.endMs = fallMs + FALL_SECONDS * 1000L;
    }

    @Override
    public String name() {
        return Scenarios.OVERFILL;
    }

    public Sensor sensor() {
        return sensor;
    }

    @Override
    public Set<String> sensors() {
        return Set.of(sensor.id());
    }

    @Override
    public boolean affects(String sensorId) {
        return sensor.id().equals(sensorId);
    }

    @Override
    public Duration start() {
        return Duration.ofMillis(startMs);
    }

    /** The level held at the top: HH + 2 (H + 2 without HH), at most the range maximum. */
    public double peak() {
        return peak;
    }

    @Override
    public String target() {
        return sensor.id();
    }

    @Override
    public String describe() {
        String unit = sensor.unit() == null || sensor.unit().isEmpty() ? "" : " " + sensor.unit();
        return String.format("overfill: %s rises through H and HH to %s%s from +%s, back to normal at +%s", sensor.id(),
                TrafficPlan.fmt(peak), unit, Durations.format(start()), Durations.format(Duration.ofMillis(endMs)));
    }

    /** Total length from start to done. */
    public Duration length() {
        return Duration.ofMillis(endMs - startMs);
    }

    @Override
    public OptionalDouble override(String sensorId, long offsetMillis, double normalValue) {
        if (!affects(sensorId) || offsetMillis < startMs || offsetMillis >= endMs) {
            return OptionalDouble.empty();
        }
        double v;
        if (offsetMillis < holdMs) {
            double f = (offsetMillis - startMs) / (double) (holdMs - startMs);
            v = normalValue + (peak - normalValue) * f;
        } else if (offsetMillis < fallMs) {
            v = peak;
        } else {
            double f = (offsetMillis - fallMs) / (double) (endMs - fallMs);
            v = peak + (normalValue - peak) * f;
        }
        return OptionalDouble.of(Math.min(sensor.range().max(), Math.max(sensor.range().min(), v)));
    }

    @Override
    public boolean finished(long offsetMillis) {
        return offsetMillis >= endMs;
    }

    @Override
    public String phase(long offsetMillis) {
        if (offsetMillis < startMs) {
            return WAITING;
        }
        if (offsetMillis < holdMs) {
            return RISING;
        }
        if (offsetMillis < fallMs) {
            return HOLDING;
        }
        if (offsetMillis < endMs) {
            return FALLING;
        }
        return DONE;
    }
}
