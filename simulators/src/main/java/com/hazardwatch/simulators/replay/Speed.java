package com.hazardwatch.simulators.replay;

import java.util.Locale;

/**
 * How fast a recording is played: {@code 1} in real time, {@code 10} ten times faster, {@code 0.5} at half speed,
 * {@link #MAX} as fast as the broker takes it (no pacing).
 *
 * @param factor recording time per wall-clock time; {@link Double#POSITIVE_INFINITY} for {@link #MAX}
 */
public record Speed(double factor) {
    public static final Speed REAL_TIME = new Speed(1);
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);
    /** The fastest paced speed; beyond it, use max. */
    public static final double MOST = 1_000_000;
    /** What {@link #parse} accepts, for messages. */
    public static final String ACCEPTED = "a factor such as 1 (real time, the default), 10, 0.5, or max (no pacing)";

    public Speed {
        if (!(factor > 0) || (factor > MOST && factor != Double.POSITIVE_INFINITY) || Double.isNaN(factor)) {
            throw new IllegalArgumentException("speed " + factor + " is not accepted; expected " + ACCEPTED);
        }
    }

    /** Reads {@code 10}, {@code 10x}, {@code 0.5} or {@code max}. */
    public static Speed parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return MAX;
        }
        if (t.endsWith("x")) {
            t = t.substring(0, t.length() - 1);
        }
        double f;
        try {
            f = t.matches("\\d+(\\.\\d+)?|\\.\\d+") ? Double.parseDouble(t) : Double.NaN;
        } catch (NumberFormatException e) {
            f = Double.NaN;
        }
        if (!(f > 0) || f > MOST) {
            throw new IllegalArgumentException("'" + text + "' is not a speed; expected " + ACCEPTED);
        }
        return new Speed(f);
    }

    public boolean isMax() {
        return factor == Double.POSITIVE_INFINITY;
    }

    /** {@code 1x}, {@code 2.5x}, {@code max}. */
    @Override
    public String toString() {
        if (isMax()) {
            return "max";
        }
        return (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor)) + "x";
    }
}
