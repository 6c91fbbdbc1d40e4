package com.hazardwatch.simulators.script;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an incident of a scenario script does to its sensors (simulators/scenarios/README.md), with the parameters
 * each action takes besides {@code at} and the target.
 */
public enum Action {
    /** Linear from the value the sensor has at {@code at} to {@code to} (a number, or {@code normal}) over {@code over}. */
    RAMP("ramp", Kind.VALUE, List.of("to", "over"), List.of()),
    /** Keeps the value the sensor has at {@code at}, exactly, for {@code for}. */
    HOLD("hold", Kind.VALUE, List.of("for"), List.of()),
    /** Jumps to {@code to} at {@code at} and stays there for {@code for} (default: to the end of the script). */
    STEP("step", Kind.VALUE, List.of("to"), List.of("for")),
    /** Up to {@code to} and back, linearly, within {@code for}: the peak halfway. */
    SPIKE("spike", Kind.VALUE, List.of("to", "for"), List.of()),
    /** Repeats one value exactly ({@code value}, default the value at {@code at}) for {@code for}: a stuck transmitter. */
    STUCK("stuck", Kind.VALUE, List.of("for"), List.of("value")),
    /** A square wave between the two values of {@code between}: the first for half of each {@code period}, then the second. */
    FLAP("flap", Kind.VALUE, List.of("between", "period", "for"), List.of()),
    /** Publishes nothing for {@code for}: a dead transmitter, a gateway down. */
    SILENCE("silence", Kind.SILENCE, List.of("for"), List.of()),
    /** Publishes {@code value} (default range max + 10 % of the span), outside the instrument range, for {@code for}. */
    OUT_OF_RANGE("out-of-range", Kind.RAW, List.of("for"), List.of("value")),
    /** Readings go out with quality {@code bad} for {@code for}; their values are unchanged. */
    BAD_QUALITY("bad-quality", Kind.QUALITY, List.of("for"), List.of()),
    /** Readings due within {@code for} are published {@code by} later, with their true (older) timestamps. */
    LATE("late", Kind.DELIVERY, List.of("by", "for"), List.of()),
    /** Readings due within {@code for} are published in swapped pairs: the newer of two first. */
    OUT_OF_ORDER("out-of-order", Kind.DELIVERY, List.of("for"), List.of()),
    /** Readings due within {@code for} are published twice each. */
    DUPLICATE("duplicate", Kind.DELIVERY, List.of("for"), List.of());

    /** What an action changes; two incidents of one kind must not overlap on a sensor. */
    public enum Kind { VALUE, SILENCE, RAW, QUALITY, DELIVERY }

    private final String code;
    private final Kind kind;
    private final List<String> required;
    private final List<String> optional;

    Action(String code, Kind kind, List<String> required, List<String> optional) {
        this.code = code;
        this.kind = kind;
        this.required = required;
        this.optional = optional;
    }

    /** How scripts spell it, e.g. {@code out-of-range}. */
    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** Parameters it needs besides at and the target. */
    public List<String> required() {
        return required;
    }

    /** Parameters it may take. */
    public List<String> optional() {
        return optional;
    }

    /** Every parameter it takes, required first. */
    public List<String> parameters() {
        return java.util.stream.Stream.concat(required.stream(), optional.stream()).toList();
    }

    public static Optional<Action> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Action::code).toList();
    }
}
