package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * What a run did.
 *
 * @param startedAt wall-clock start of publishing
 * @param elapsed how long publishing ran
 * @param published readings the broker accepted (QoS 1: acknowledged; QoS 0: written to the connection)
 * @param messages MQTT messages the broker accepted that carried them (equal to published without packing)
 * @param failed readings the broker refused (PUBACK reason code 0x80 or more), invalid messages, and readings that
 *     could not be sent (or sent again after a lost connection) before {@link Simulator#END_GRACE} after the end of
 *     the run; never readings held back because the in-flight window was full (the publisher waits for room), and
 *     never silenced ones
 * @param silenced readings due within the run that a scenario silenced (a dead sensor, a gateway outage): nothing was
 *     published for them, on purpose; neither published nor failed
 * @param late readings a scenario had published late, with their true (older) timestamps (counted in published too)
 * @param reordered readings a scenario had published after the sensor's next one (counted in published too)
 * @param duplicated readings a scenario had published twice; each copy is counted in published
 * @param unconfirmed readings handed to the client whose outcome was still unknown at the end of the grace
 * @param maxLag how far the publisher fell behind its schedule at worst (more than a second: the rate asked for
 *     was not reached)
 * @param perSensor published readings per sensor id, in catalogue order
 * @param scenarioEvents scenario phase changes and limit crossings, in time order (of every scenario)
 */
public record SimulatorStats(
        Instant startedAt,
        Duration elapsed,
        long published,
        long messages,
        long failed,
        long silenced,
        long late,
        long reordered,
        long duplicated,
        long unconfirmed,
        Duration maxLag,
        Map<String, Long> perSensor,
        List<ScenarioEvent> scenarioEvents) {

    public SimulatorStats {
        perSensor = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perSensor));
        scenarioEvents = List.copyOf(scenarioEvents);
    }

    /** Without delivery faults. */
    public SimulatorStats(Instant startedAt, Duration elapsed, long published, long messages, long failed, long silenced,
            long unconfirmed, Duration maxLag, Map<String, Long> perSensor, List<ScenarioEvent> scenarioEvents) {
        this(startedAt, elapsed, published, messages, failed, silenced, 0, 0, 0, unconfirmed, maxLag, perSensor,
                scenarioEvents);
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** Published readings per second over the whole run. */
    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? published / s : 0;
    }

    /** Accepted MQTT messages per second over the whole run. */
    public double messageRate() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? messages / s : 0;
    }

    /** A few human-readable lines. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("summary: published %d readings of %d sensors in %s (%.1f/s), failed %d",
                published, perSensor.size(), Durations.format(elapsed.truncatedTo(ChronoUnit.MILLIS)), rate(), failed));
        if (silenced > 0) {
            sb.append(", silenced ").append(silenced).append(" by scenarios (not sent on purpose)");
        }
        if (late + reordered + duplicated > 0) {
            List<String> parts = new java.util.ArrayList<>();
            if (late > 0) {
                parts.add(late + " late (true timestamps)");
            }
            if (reordered > 0) {
                parts.add(reordered + " out of order");
            }
            if (duplicated > 0) {
                parts.add(duplicated + " twice");
            }
            sb.append(", delivered by scenarios on purpose: ").append(String.join(", ", parts));
        }
        if (messages != published) {
            sb.append(String.format("; %d messages (%.1f/s, %.1f readings each)", messages, messageRate(),
                    messages > 0 ? (double) published / messages : 0.0));
        }
        if (unconfirmed > 0) {
            sb.append(", unconfirmed ").append(unconfirmed);
        }
        if (maxLag.compareTo(Duration.ofSeconds(1)) > 0) {
            sb.append(String.format("%n  fell behind schedule by up to %.1f s: the publisher could not always keep up with the pace asked for",
                    maxLag.toNanos() / 1e9));
        }
        LongSummaryStatistics per = perSensor.values().stream().mapToLong(Long::longValue).summaryStatistics();
        if (per.getCount() > 0) {
            sb.append(String.format("%n  per sensor: min %d, max %d, mean %.1f readings", per.getMin(), per.getMax(),
                    per.getAverage()));
        }
        if (!scenarioEvents.isEmpty()) {
            boolean one = scenarioEvents.stream().map(ScenarioEvent::scenario).distinct().count() == 1;
            if (one) {
                sb.append(String.format("%n  scenario %s timeline:", scenarioEvents.get(0).scenario()));
            } else {
                sb.append(String.format("%n  scenarios timeline:"));
            }
            for (ScenarioEvent e : scenarioEvents) {
                sb.append(String.format("%n    +%-9s %s  %s%-8s %s", Durations.format(e.offset()),
                        CLOCK.format(e.at()), one ? "" : String.format("%-14s ", e.scenario()),
                        e.phase(), e.message()));
            }
        }
        return sb.toString();
    }
}
