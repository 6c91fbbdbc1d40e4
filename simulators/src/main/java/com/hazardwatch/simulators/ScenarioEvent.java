package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * Something that happened in a scenario: a phase change ({@code rising}, {@code holding}...) or a limit crossing of
 * an affected sensor.
 *
 * @param offset time since the simulation started
 * @param at wall-clock time (start of the run plus offset)
 * @param scenario scenario name
 * @param phase the phase at that time
 * @param message what happened, e.g. {@code E01-LT101 = 95.4 % reached HH 95}
 */
public record ScenarioEvent(Duration offset, Instant at, String scenario, String phase, String message) {
    @Override
    public String toString() {
        return "+" + Durations.format(offset) + " " + scenario + " " + phase + ": " + message;
    }
}
