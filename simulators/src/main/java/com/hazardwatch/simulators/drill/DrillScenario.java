package com.hazardwatch.simulators.drill;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.OverfillScenario;
import com.hazardwatch.simulators.Scenario;
import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.Scenarios;
import com.hazardwatch.simulators.script.ScenarioScript;
import java.time.Duration;
import java.util.Objects;

/**
 * What a drill plays, started at the drill's moment: a built-in scenario ({@link ScenarioSpec}, built by
 * {@link Scenarios#create(ScenarioSpec, Catalogue, Duration)} with the moment as its start) or a scenario script
 * ({@code simulators/scenarios/NAME.yaml}, its timeline shifted to begin at the moment). Other kinds of scenario plug
 * in by implementing this interface.
 */
public interface DrillScenario {
    /** For messages and the log, e.g. {@code overfill on E01-LT101}. */
    String describe();

    /** How long it plays from its start. */
    Duration length();

    /**
     * The scenario to play, starting at {@code start} after the start of publishing.
     *
     * @throws IllegalArgumentException when it cannot be played on the catalogue
     */
    Scenario at(Duration start);

    /** A built-in scenario: {@code overfill}, {@code gateway-outage}, {@code dead-sensor}, with target and length as given. */
    static DrillScenario builtIn(ScenarioSpec spec, Catalogue catalogue) {
        Objects.requireNonNull(spec, "spec");
        if (spec.start() != null) {
            throw new IllegalArgumentException("'" + spec + "': a drill picks the start itself; give no @START");
        }
        Scenario probe = Scenarios.create(spec, catalogue, Duration.ZERO); // validates the target now, not at the moment
        Duration length = Scenarios.OVERFILL.equals(spec.name()) ? OverfillScenario.LENGTH
                : spec.length() != null ? spec.length() : Scenarios.DEFAULT_SILENCE;
        return new DrillScenario() {
            @Override
            public String describe() {
                return probe.name() + " on " + probe.target() + " (" + Durations.format(length) + ")";
            }

            @Override
            public Duration length() {
                return length;
            }

            @Override
            public Scenario at(Duration start) {
                return Scenarios.create(spec.withStart(start), catalogue, start);
            }
        };
    }

    /** A scenario script, loaded with {@code ScriptLoader.load}: its timeline begins at the drill's moment. */
    static DrillScenario script(ScenarioScript script) {
        Objects.requireNonNull(script, "script");
        return new DrillScenario() {
            @Override
            public String describe() {
                return "script " + script.name() + " (" + Durations.format(script.length()) + "): " + script.description();
            }

            @Override
            public Duration length() {
                return script.length();
            }

            @Override
            public Scenario at(Duration start) {
                return new ShiftedScenario(script.scenario(), start);
            }
        };
    }
}
