package com.hazardwatch.model.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human-friendly durations, as typed on a command line: {@code 90s}, {@code 2m}, {@code 1h}, {@code 500ms},
 * {@code 1m30s}, {@code 1.5s}, {@code 2d}, a plain number of seconds ({@code 90}), or ISO-8601 ({@code PT90S}).
 */
public final class Durations {
    /** What {@link #parse} accepts, for error messages. */
    public static final String ACCEPTED = "a duration such as 90s, 2m, 1h, 1m30s, 500ms or plain seconds (90)";

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the text and what is accepted, when it is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration; expected " + ACCEPTED);
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(t).matches()) {
            return ofUnit(new BigDecimal(t), "s");
        }
        if (t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new IllegalArgumentException("negative duration '" + text + "'; expected " + ACCEPTED);
                }
                return d;
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw invalid(text);
            }
            total = total.plus(ofUnit(new BigDecimal(m.group(1)), m.group(2)));
            at = m.end();
        }
        return total;
    }

    private static Duration ofUnit(BigDecimal amount, String unit) {
        BigDecimal nanosPerUnit = switch (unit) {
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
            case "d" -> BigDecimal.valueOf(86_400_000_000_000L);
            default -> throw new IllegalStateException(unit);
        };
        return Duration.ofNanos(amount.multiply(nanosPerUnit).longValueExact());
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; expected " + ACCEPTED);
    }

    /** Compact rendering in the syntax {@link #parse} reads back: 500ms, 2s, 1.5s, 1m30s, 2h, 1h05m. */
    public static String format(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long millis = d.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        int ms = d.toMillisPart();
        String sec = ms == 0 ? Long.toString(s) : BigDecimal.valueOf(s * 1000L + ms, 3).stripTrailingZeros().toPlainString();
        if (h > 0) {
            return h + "h" + (m > 0 || s > 0 || ms > 0 ? String.format("%02dm", m) : "") + (s > 0 || ms > 0 ? sec + "s" : "");
        }
        if (m > 0) {
            return m + "m" + (s > 0 || ms > 0 ? sec + "s" : "");
        }
        return sec + "s";
    }
}
