package com.hazardwatch.simulators.drill;

import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.SimulatorOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * When a drill's scenario starts and how long the drill runs: pure arithmetic from the seed, no clock.
 *
 * <p>The start is drawn uniformly, to the millisecond, from {@code [MIN_LEAD, window)} after the start of publishing:
 * not before {@link #MIN_LEAD} so that every sensor has reported before anything happens. The same seed and window
 * give the same start (an instructor replays a drill with its seed). The drill runs, unless told otherwise, the whole
 * window plus the scenario's length plus {@link #SETTLE}, whatever moment was drawn, so that neither its length nor
 * its end gives the moment away and the incident plays out and clears before it ends.
 *
 * @param seed what the start was drawn from (and the simulator's values)
 * @param window the scenario starts within this long after the start
 * @param start the moment drawn, an offset from the start of publishing
 * @param length how long the scenario plays
 * @param duration how long the drill runs
 */
public record DrillPlan(long seed, Duration window, Duration start, Duration length, Duration duration) {
    /** The earliest start: the simulator's default scenario start, once every sensor has reported. */
    public static final Duration MIN_LEAD = SimulatorOptions.DEFAULT_SCENARIO_START_AFTER;
    /** After the scenario's end, for its alarms to clear before the drill ends. */
    public static final Duration SETTLE = Duration.ofMinutes(1);
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
    /** Mixed into the seed for the start, so that it does not follow the simulator's values. */
    private static final long START_STREAM = 0x6472696c6c5374L;

    public DrillPlan {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * The plan of a drill.
     *
     * @param length how long the scenario plays
     * @param duration how long the drill runs, or null for window + length + {@link #SETTLE}
     * @throws IllegalArgumentException when the window is not longer than {@link #MIN_LEAD}, or the duration would end
     *     the drill before a scenario started at the end of the window has played out
     */
    public static DrillPlan of(long seed, Duration window, Duration length, Duration duration) {
        Duration start = chooseStart(seed, window);
        Duration least = window.plus(length);
        if (duration == null) {
            duration = least.plus(SETTLE);
        } else if (duration.compareTo(least) < 0) {
            throw new IllegalArgumentException("a drill of " + Durations.format(duration) + " could end before the scenario has "
                    + "played out: it may start as late as the end of the window (" + Durations.format(window) + ") and lasts "
                    + Durations.format(length) + "; run at least " + Durations.format(least) + " (the default is "
                    + Durations.format(least.plus(SETTLE)) + ")");
        }
        return new DrillPlan(seed, window, start, length, duration);
    }

    /**
     * The moment a scenario starts: uniform in {@code [MIN_LEAD, window)}, to the millisecond, from the seed.
     *
     * @throws IllegalArgumentException when the window is not longer than {@link #MIN_LEAD}
     */
    public static Duration chooseStart(long seed, Duration window) {
        long lo = MIN_LEAD.toMillis();
        long hi = window.toMillis();
        if (hi <= lo) {
            throw new IllegalArgumentException("window " + Durations.format(window) + " is too short: the scenario starts at least "
                    + Durations.format(MIN_LEAD) + " in, after every sensor has reported; give a window longer than that, e.g. 30m");
        }
        return Duration.ofMillis(new SplittableRandom(seed ^ START_STREAM).nextLong(lo, hi));
    }

    /** Where the scenario ends, as an offset from the start of publishing. */
    public Duration end() {
        return start.plus(length);
    }
}
