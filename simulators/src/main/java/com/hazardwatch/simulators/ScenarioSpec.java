package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A scenario asked for, before it meets a catalogue: its name and, optionally, what it plays on, when it starts and
 * how long it lasts; what is left out takes the defaults ({@link Scenarios}, {@link SimulatorOptions#scenarioStartAfter()}).
 * Written {@code NAME[:TARGET][@START][+LENGTH]}, e.g. {@code overfill}, {@code gateway-outage:E14@10s+100s},
 * {@code dead-sensor:E05-TT101@10s+100s}.
 *
 * @param name one of {@link Scenarios#NAMES}
 * @param target the sensor (overfill, dead-sensor) or enterprise (gateway-outage) id, or null for the default
 * @param start offset where it begins, or null for the default
 * @param length how long a silence lasts, or null for the default; the overfill's length is fixed
 */
public record ScenarioSpec(String name, String target, Duration start, Duration length) {
    /** How the text form reads, for help texts and error messages. */
    public static final String SYNTAX = "NAME[:TARGET][@START][+LENGTH]";

    public ScenarioSpec {
        Objects.requireNonNull(name, "name");
        if (!Scenarios.NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", Scenarios.NAMES));
        }
        if (target != null && target.isBlank()) {
            throw new IllegalArgumentException(name + ": the target must not be blank");
        }
        if (start != null && start.isNegative()) {
            throw new IllegalArgumentException(name + ": the start must not be negative, was " + Durations.format(start));
        }
        if (length != null && (length.isNegative() || length.isZero())) {
            throw new IllegalArgumentException(name + ": the length must be positive, was " + Durations.format(length));
        }
        if (length != null && Scenarios.OVERFILL.equals(name)) {
            throw new IllegalArgumentException("the overfill scenario has a fixed length ("
                    + Durations.format(OverfillScenario.LENGTH) + "); give no +LENGTH");
        }
    }

    /** A scenario with every default. */
    public static ScenarioSpec of(String name) {
        return new ScenarioSpec(name, null, null, null);
    }

    /** This one with another target. */
    public ScenarioSpec withTarget(String t) {
        return new ScenarioSpec(name, t, start, length);
    }

    /** This one with another start. */
    public ScenarioSpec withStart(Duration s) {
        return new ScenarioSpec(name, target, s, length);
    }

    /** This one with another length. */
    public ScenarioSpec withLength(Duration l) {
        return new ScenarioSpec(name, target, start, l);
    }

    /**
     * Reads {@value #SYNTAX}; the name is case-insensitive.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static ScenarioSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String rest = text.trim();
        Duration length = null;
        Duration start = null;
        String target = null;
        int plus = rest.lastIndexOf('+');
        if (plus >= 0) {
            length = part(text, "+LENGTH", rest.substring(plus + 1));
            rest = rest.substring(0, plus);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            start = part(text, "@START", rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            target = rest.substring(colon + 1).trim();
            rest = rest.substring(0, colon);
            if (target.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': nothing after ':'; expected " + SYNTAX
                        + ", e.g. dead-sensor:E05-TT101@10s+100s");
            }
        }
        String name = rest.trim().toLowerCase(Locale.ROOT);
        if (!Scenarios.NAMES.contains(name)) {
            throw new IllegalArgumentException("'" + text + "' is not a scenario; expected " + SYNTAX + " with NAME one of "
                    + String.join(", ", Scenarios.NAMES) + ", e.g. gateway-outage:E14@10s+100s");
        }
        return new ScenarioSpec(name, target, start, length);
    }

    private static Duration part(String text, String what, String value) {
        try {
            return Durations.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + what + " '" + value + "' is not a duration; expected "
                    + SYNTAX + ", e.g. dead-sensor:E05-TT101@10s+100s (" + e.getMessage() + ")");
        }
    }

    /** The text form, {@value #SYNTAX}, with what was given. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (target != null) {
            sb.append(':').append(target);
        }
        if (start != null) {
            sb.append('@').append(Durations.format(start));
        }
        if (length != null) {
            sb.append('+').append(Durations.format(length));
        }
        return sb.toString();
    }
}
