package com.hazardwatch.simulators.drill;

import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.Scenario;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A scenario whose timeline begins later: what the scenario does at offset {@code t} happens at {@code shift + t}.
 * A scenario script's incidents are timed from the start of the run; a drill plays them from its random moment.
 * Before the shift nothing happens ({@code waiting}).
 */
final class ShiftedScenario implements Scenario {
    /** The phase before the shift, as the simulator's scenarios name it. */
    static final String WAITING = "waiting";

    private final Scenario scenario;
    private final long shiftMs;

    ShiftedScenario(Scenario scenario, Duration shift) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        if (shift.isNegative()) {
            throw new IllegalArgumentException("shift must not be negative, was " + Durations.format(shift));
        }
        this.shiftMs = shift.toMillis();
    }

    private long at(long offsetMillis) {
        return offsetMillis - shiftMs;
    }

    private boolean before(long offsetMillis) {
        return offsetMillis < shiftMs;
    }

    @Override
    public String name() {
        return scenario.name();
    }

    @Override
    public Set<String> sensors() {
        return scenario.sensors();
    }

    @Override
    public String target() {
        return scenario.target();
    }

    @Override
    public String describe() {
        return scenario.name() + " on " + scenario.target() + " from +" + Durations.format(start());
    }

    @Override
    public boolean affects(String sensorId) {
        return scenario.affects(sensorId);
    }

    @Override
    public Duration start() {
        return scenario.start().plusMillis(shiftMs);
    }

    @Override
    public OptionalDouble override(String sensorId, long offsetMillis, double normalValue) {
        return before(offsetMillis) ? OptionalDouble.empty() : scenario.override(sensorId, at(offsetMillis), normalValue);
    }

    @Override
    public boolean silent(String sensorId, long offsetMillis) {
        return !before(offsetMillis) && scenario.silent(sensorId, at(offsetMillis));
    }

    @Override
    public boolean finished(long offsetMillis) {
        return !before(offsetMillis) && scenario.finished(at(offsetMillis));
    }

    @Override
    public boolean active(long offsetMillis) {
        return !before(offsetMillis) && scenario.active(at(offsetMillis));
    }

    @Override
    public String phase(long offsetMillis) {
        return before(offsetMillis) ? WAITING : scenario.phase(at(offsetMillis));
    }

    @Override
    public Optional<Duration> reportInterval() {
        return scenario.reportInterval();
    }

    @Override
    public OptionalDouble rawValue(String sensorId, long offsetMillis) {
        return before(offsetMillis) ? OptionalDouble.empty() : scenario.rawValue(sensorId, at(offsetMillis));
    }

    @Override
    public boolean badQuality(String sensorId, long offsetMillis) {
        return !before(offsetMillis) && scenario.badQuality(sensorId, at(offsetMillis));
    }

    @Override
    public Delivery delivery(String sensorId, long offsetMillis) {
        return before(offsetMillis) ? Delivery.ON_TIME : scenario.delivery(sensorId, at(offsetMillis));
    }
}
