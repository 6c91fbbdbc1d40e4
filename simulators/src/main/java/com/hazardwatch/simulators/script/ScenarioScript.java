package com.hazardwatch.simulators.script;

import com.hazardwatch.simulators.Scenario;
import java.time.Duration;
import java.util.List;

/**
 * A scenario script from {@code simulators/scenarios/NAME.yaml} (format: simulators/scenarios/README.md): the incidents
 * it plays on top of normal traffic, as a {@link Scenario} the simulator runs, and the alarms it must and must not
 * cause, which {@code simulate --verify} checks against hw.alarms.
 *
 * @param name the file's name without .yaml, as given to {@code --scenario}
 * @param description one or two sentences for the drill's instructor and the report
 * @param length how long the scenario runs from its start; the simulator runs at least this long
 * @param scenario the incidents, played by the simulator
 * @param expected the alarm transitions it must cause
 * @param forbidden the alarms it must not cause
 */
public record ScenarioScript(String name, String description, Duration length, Scenario scenario,
                             List<ExpectedAlarm> expected, List<ForbiddenAlarm> forbidden) {
    public ScenarioScript {
        expected = List.copyOf(expected);
        forbidden = List.copyOf(forbidden);
    }
}
