package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.PriorityQueue;

/**
 * The deterministic schedule of a run: which sensor reports when (as an offset from the start) and what value,
 * independent of any broker or clock, so that it can be tested and so that the same seed gives the same values.
 *
 * <p>Sensor {@code i} of {@code n} first reports at {@code i * interval / n}, then every interval: the total rate is
 * smooth. Sensors a scenario affects report every {@link Scenario#reportInterval()} while it is active (their first
 * scenario reading lands exactly on its start).
 *
 * <p>A reading's event time is its scheduled sampling time, {@link #epochMillis(long)}: the start plus its offset,
 * truncated to the millisecond, whenever it is actually published, as a transmitter stamps the time it sampled. Its
 * value is the model's (and the scenario's) value at that offset. So a sensor's event times strictly increase as long
 * as it reports at most once a millisecond ({@link #interval()} of 1 ms or more), and publishing late shows up as
 * latency downstream, never as reordered or repeated event times.
 */
public final class TrafficPlan {
    /** One planned reading. */
    public record Reading(long dueNanos, int index, Sensor sensor, String topic, double value) {
        public long offsetMillis() {
            return dueNanos / 1_000_000L;
        }
    }

    private static final class Slot {
        final int index;
        final Sensor sensor;
        final SensorModel model;
        final String topic;
        final boolean affected;
        long dueNanos;

        Slot(int index, Sensor sensor, SensorModel model, String topic, boolean affected, long dueNanos) {
            this.index = index;
            this.sensor = sensor;
            this.model = model;
            this.topic = topic;
            this.affected = affected;
            this.dueNanos = dueNanos;
        }
    }

    private final List<Sensor> sensors;
    private final Scenario scenario;
    private final long intervalNanos;
    private final long scenarioIntervalNanos;
    private final long scenarioStartNanos;
    private final long startEpochMillis;
    private final PriorityQueue<Slot> queue;
    private final Map<String, SensorModel> models = new HashMap<>();
    private final Map<String, Double> lastScenarioValues = new HashMap<>();
    private final Map<String, Double> maxSeen = new HashMap<>();
    private final List<ScenarioEvent> events = new ArrayList<>();
    private String lastPhase;
    private int eventsTaken;

    /**
     * @param scenario null for normal traffic only
     * @param startEpochMillis wall-clock time of offset 0: event times are this plus the offsets ({@link #epochMillis(long)}),
     *     as are the {@link ScenarioEvent#at()} of scenario events
     */
    public TrafficPlan(Catalogue catalogue, SimulatorOptions options, Scenario scenario, long startEpochMillis) {
        this.sensors = catalogue.sensors();
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("catalogue " + catalogue.name() + " has no sensors to simulate");
        }
        this.scenario = scenario;
        this.startEpochMillis = startEpochMillis;
        this.intervalNanos = options.effectiveInterval(sensors.size()).toNanos();
        this.scenarioIntervalNanos = scenario == null ? intervalNanos
                : Math.min(intervalNanos, scenario.reportInterval().toNanos());
        this.scenarioStartNanos = scenario == null ? Long.MAX_VALUE : scenario.start().toNanos();
        this.queue = new PriorityQueue<>(Math.max(1, sensors.size()), (a, b) -> a.dueNanos != b.dueNanos
                ? Long.compare(a.dueNanos, b.dueNanos) : Integer.compare(a.index, b.index));
        int n = sensors.size();
        for (int i = 0; i < n; i++) {
            Sensor s = sensors.get(i);
            SensorModel model = SensorModel.create(s, options.seed());
            models.put(s.id(), model);
            long phase = (long) ((double) intervalNanos * i / n);
            boolean affected = scenario != null && scenario.affects(s.id());
            queue.add(new Slot(i, s, model, topic(options.topicRoot(), s), affected, phase));
        }
        if (scenario != null) {
            lastPhase = scenario.phase(0);
            events.add(event(0, lastPhase, String.join(", ", scenario.sensors()) + ": scenario starts at +"
                    + Durations.format(scenario.start())));
        }
    }

    /**
     * The event time of a reading due at {@code dueNanos}: the wall clock of offset 0 plus the offset, truncated to
     * the millisecond. The same clock as {@link ScenarioEvent#at()}.
     */
    public long epochMillis(long dueNanos) {
        return startEpochMillis + Math.floorDiv(dueNanos, 1_000_000L);
    }

    /** The event time of a reading: {@link #epochMillis(long)} of its due time. */
    public long epochMillis(Reading r) {
        return epochMillis(r.dueNanos());
    }

    /** Wall-clock time of offset 0, in epoch milliseconds. */
    public long startEpochMillis() {
        return startEpochMillis;
    }

    /** The MQTT topic of a sensor: {@code root/enterprise/source/sensor}. */
    public static String topic(String root, Sensor s) {
        String source = s.source() == null || s.source().isBlank() ? "-" : s.source();
        return root + "/" + s.enterprise() + "/" + source + "/" + s.id();
    }

    /** The next reading in time order. Never ends. */
    public Reading next() {
        Slot slot = queue.poll();
        long due = slot.dueNanos;
        double t = due / 1e9;
        double value = slot.model.next(t);
        if (slot.affected) {
            long ms = due / 1_000_000L;
            OptionalDouble o = scenario.override(slot.sensor.id(), ms, value);
            if (o.isPresent()) {
                value = slot.model.clampRound(o.getAsDouble(), slot.sensor.range().min(), slot.sensor.range().max());
            }
            track(slot.sensor, ms, value);
        }
        slot.dueNanos = nextDue(slot, due);
        queue.add(slot);
        return new Reading(due, slot.index, slot.sensor, slot.topic, value);
    }

    private long nextDue(Slot slot, long due) {
        long next = due + intervalNanos;
        if (slot.affected) {
            if (due < scenarioStartNanos && next > scenarioStartNanos) {
                next = scenarioStartNanos;
            } else if (due >= scenarioStartNanos && scenario.active(due / 1_000_000L)) {
                next = due + scenarioIntervalNanos;
            }
        }
        return next;
    }

    private void track(Sensor s, long ms, double v) {
        String phase = scenario.phase(ms);
        String unit = s.unit() == null ? "" : " " + s.unit();
        String val = s.id() + " = " + fmt(v) + unit;
        if (!phase.equals(lastPhase)) {
            lastPhase = phase;
            events.add(event(ms, phase, val));
        }
        Double prev = lastScenarioValues.put(s.id(), v);
        Limits l = s.limits();
        if (prev != null && l != null) {
            if (l.h() != null && prev < l.h() && v >= l.h()) {
                events.add(event(ms, phase, val + " reached H " + fmt(l.h())));
            }
            if (l.hh() != null && prev < l.hh() && v >= l.hh()) {
                events.add(event(ms, phase, val + " reached HH " + fmt(l.hh())));
            }
            if (l.hh() != null && prev >= l.hh() && v < l.hh()) {
                events.add(event(ms, phase, val + " back below HH " + fmt(l.hh())));
            }
            if (l.h() != null) {
                double clear = l.h() - s.deadband();
                if (prev > clear && v <= clear && maxSinceStart(s.id()) >= l.h()) {
                    events.add(event(ms, phase, val + " back below H - deadband " + fmt(clear)));
                }
            }
            if (l.l() != null && prev > l.l() && v <= l.l()) {
                events.add(event(ms, phase, val + " reached L " + fmt(l.l())));
            }
            if (l.ll() != null && prev > l.ll() && v <= l.ll()) {
                events.add(event(ms, phase, val + " reached LL " + fmt(l.ll())));
            }
        }
        if (v > maxSeen.getOrDefault(s.id(), Double.NEGATIVE_INFINITY)) {
            maxSeen.put(s.id(), v);
        }
    }

    private double maxSinceStart(String id) {
        return maxSeen.getOrDefault(id, Double.NEGATIVE_INFINITY);
    }

    private ScenarioEvent event(long ms, String phase, String message) {
        return new ScenarioEvent(Duration.ofMillis(ms), Instant.ofEpochMilli(startEpochMillis + ms), scenario.name(),
                phase, message);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Every scenario event planned so far. */
    public List<ScenarioEvent> events() {
        return List.copyOf(events);
    }

    /** Scenario events planned since the previous call. */
    public List<ScenarioEvent> takeNewEvents() {
        if (eventsTaken == events.size()) {
            return List.of();
        }
        List<ScenarioEvent> fresh = List.copyOf(events.subList(eventsTaken, events.size()));
        eventsTaken = events.size();
        return fresh;
    }

    /** The last value planned for a sensor the scenario affects, or null. */
    public Double lastScenarioValue(String sensorId) {
        return lastScenarioValues.get(sensorId);
    }

    public Scenario scenario() {
        return scenario;
    }

    public List<Sensor> sensors() {
        return sensors;
    }

    /** How often each sensor reports in normal traffic. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    public SensorModel model(String sensorId) {
        return models.get(sensorId);
    }
}
