package com.hazardwatch.model.config;

import java.util.function.Function;
import java.util.function.Supplier;

/** One typed setting: its key, what it means, its default and how its text is read. Declared once, in {@link HwOptions}. */
public final class Option<T> {
    private final String key;
    private final String description;
    private final Supplier<String> defaultText;
    private final Function<String, T> parser;

    private Option(String key, String description, Supplier<String> defaultText, Function<String, T> parser) {
        this.key = key;
        this.description = description;
        this.defaultText = defaultText;
        this.parser = parser;
    }

    public static Option<String> text(String key, Supplier<String> dflt, String description) {
        return new Option<>(key, description, dflt, s -> s);
    }

    public static Option<Integer> integer(String key, int dflt, String description) {
        return new Option<>(key, description, () -> Integer.toString(dflt), s -> {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a whole number");
            }
        });
    }

    public static Option<java.time.Duration> duration(String key, String dflt, String description) {
        return new Option<>(key, description, () -> dflt, Durations::parse);
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public String defaultText() {
        return defaultText.get();
    }

    T parse(String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
        }
    }
}
