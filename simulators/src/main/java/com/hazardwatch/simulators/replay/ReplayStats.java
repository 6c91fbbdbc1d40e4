package com.hazardwatch.simulators.replay;

import com.hazardwatch.model.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param recording the file name
 * @param startedAt wall-clock start of publishing
 * @param elapsed how long publishing ran
 * @param rows rows in the recording
 * @param rowsReplayed rows handed out (all, unless stopped)
 * @param readings readings of the rows handed out
 * @param published readings the broker accepted
 * @param messages MQTT messages the broker accepted (equal to published without packing)
 * @param failed readings refused by the broker, or not sent before the end of the grace
 * @param unconfirmed readings handed over whose outcome was still unknown at the end
 * @param maxLag how far the publisher fell behind the schedule at worst
 * @param firstEventMillis event time of the first reading published, or 0
 * @param lastEventMillis event time of the last reading handed out, or 0
 * @param shiftMillis how much event times were moved from the recorded ones (0: original times)
 * @param perSensor accepted readings per sensor id, in column order
 */
public record ReplayStats(String recording, Instant startedAt, Duration elapsed, int rows, int rowsReplayed, long readings,
                          long published, long messages, long failed, long unconfirmed, Duration maxLag,
                          long firstEventMillis, long lastEventMillis, long shiftMillis, Map<String, Long> perSensor) {
    public ReplayStats {
        perSensor = Collections.unmodifiableMap(new LinkedHashMap<>(perSensor));
    }

    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? published / s : 0;
    }

    /** A shift as {@code +2m30s}, {@code -1h05m}, {@code +730d 2h}. */
    public static String shift(long millis) {
        Duration d = Duration.ofMillis(Math.abs(millis));
        String sign = millis < 0 ? "-" : "+";
        if (d.toDays() > 0) {
            Duration rest = d.minusDays(d.toDays());
            return sign + d.toDays() + "d" + (rest.isZero() ? "" : " " + Durations.format(rest));
        }
        return sign + Durations.format(d);
    }

    /** A few human-readable lines. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("summary: replayed %d of %d rows of %s, published %d of %d readings of %d sensors in %s (%.1f/s), failed %d",
                rowsReplayed, rows, recording, published, readings, perSensor.size(),
                Durations.format(elapsed.truncatedTo(ChronoUnit.MILLIS)), rate(), failed));
        if (messages != published) {
            sb.append(String.format("; %d messages (%.1f readings each)", messages, messages > 0 ? (double) published / messages : 0.0));
        }
        if (unconfirmed > 0) {
            sb.append(", unconfirmed ").append(unconfirmed);
        }
        if (rowsReplayed < rows) {
            sb.append(String.format("%n  stopped early: %d rows not replayed", rows - rowsReplayed));
        }
        if (firstEventMillis != 0) {
            sb.append(String.format("%n  event times %s .. %s%s", Instant.ofEpochMilli(firstEventMillis),
                    Instant.ofEpochMilli(lastEventMillis), shiftMillis == 0 ? " (as recorded)"
                            : " (recorded times " + shift(shiftMillis) + ")"));
        }
        if (maxLag.compareTo(Duration.ofSeconds(1)) > 0) {
            sb.append(String.format("%n  fell behind schedule by up to %.1f s", maxLag.toNanos() / 1e9));
        }
        if (!perSensor.isEmpty()) {
            sb.append(String.format("%n  per sensor:"));
            perSensor.forEach((id, n) -> sb.append(' ').append(id).append('=').append(n));
        }
        return sb.toString();
    }
}
