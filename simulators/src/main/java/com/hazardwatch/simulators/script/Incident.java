package com.hazardwatch.simulators.script;

import com.hazardwatch.model.config.Durations;
import java.time.Duration;
import java.util.List;

/**
 * One incident of a scenario script, validated: what it does to which sensors, from when to when (offsets from the
 * simulator's start, in milliseconds).
 *
 * @param action what it does
 * @param target what the script named, for messages: a sensor, an enterprise, a source, or a list of sensors
 * @param sensors the sensors it acts on
 * @param atMs where it begins
 * @param endMs where it ends (exclusive)
 * @param to ramp, step, spike: the value to go to; null for a ramp {@code to: normal}
 * @param value stuck, out-of-range: the value, or null for the default
 * @param low flap: the first value of {@code between}
 * @param high flap: the second value of {@code between}
 * @param periodMs flap: the period
 * @param delayMs late: the delay
 * @param line where it stands in its file, or 0
 */
public record Incident(Action action, String target, List<String> sensors, long atMs, long endMs, Double to, Double value,
                       double low, double high, long periodMs, long delayMs, int line) {
    public Incident {
        sensors = List.copyOf(sensors);
        if (endMs < atMs) {
            throw new IllegalArgumentException(action.code() + " on " + target + " ends before it begins");
        }
    }

    /** A ramp to the sensor's normal value. */
    public boolean toNormal() {
        return action == Action.RAMP && to == null;
    }

    public boolean active(long offsetMillis) {
        return offsetMillis >= atMs && offsetMillis < endMs;
    }

    /** E.g. {@code ramp E01-LT102 to 97}, for phases and messages. */
    public String label() {
        String what = switch (action) {
            case RAMP -> " to " + (to == null ? "normal" : fmt(to));
            case STEP, SPIKE -> " to " + fmt(to);
            case STUCK, OUT_OF_RANGE -> value == null ? "" : " at " + fmt(value);
            case FLAP -> " " + fmt(low) + "/" + fmt(high);
            case LATE -> " by " + Durations.format(Duration.ofMillis(delayMs));
            default -> "";
        };
        return action.code() + " " + target + what;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
