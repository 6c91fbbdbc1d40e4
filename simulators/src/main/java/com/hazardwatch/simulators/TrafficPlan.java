package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.PriorityQueue;

/**
 * The deterministic schedule of a run: which sensor reports when (as an offset from the start) and what value,
 * independent of any broker or clock, so that it can be tested and so that the same seed gives the same values.
 *
 * <p>Sensor {@code i} of {@code n} first reports at {@code i * interval / n}, then every interval: the total rate is
 * smooth. Sensors whose values a scenario overrides report every {@link Scenario#reportInterval()} while it is active
 * (their first scenario reading lands exactly on its start). Several scenarios can play at once; where two override
 * the same sensor, the later one is given the earlier one's value as the normal value.
 *
 * <p>A slot a scenario silences ({@link Scenario#silent}) is still planned, flagged {@link Reading#silenced()}: the
 * publisher skips it. The sensor's model is still stepped, so values after the silence are those of a run without it,
 * and the sensor's other slots keep their times.
 *
 * <p>A reading's event time is its scheduled sampling time, {@link #epochMillis(long)}: the start plus its offset,
 * truncated to the millisecond, whenever it is actually published, as a transmitter stamps the time it sampled. Its
 * value is the model's (and the scenario's) value at that offset. So a sensor's event times strictly increase as long
 * as it reports at most once a millisecond ({@link #interval()} of 1 ms or more), and publishing late shows up as
 * latency downstream, never as reordered or repeated event times.
 */
public final class TrafficPlan {
    /**
     * One planned reading.
     *
     * @param silenced a scenario silences it: the sensor publishes nothing in this slot
     */
    public record Reading(long dueNanos, int index, Sensor sensor, String topic, double value, boolean silenced) {
        /** A reading that goes out. */
        public Reading(long dueNanos, int index, Sensor sensor, String topic, double value) {
            this(dueNanos, index, sensor, topic, value, false);
        }

        public long offsetMillis() {
            return dueNanos / 1_000_000L;
        }
    }

    private static final class Slot {
        final int index;
        final Sensor sensor;
        final SensorModel model;
        final String topic;
        /** The scenarios that affect this sensor, in order; empty for most. */
        final List<Scenario> scenarios;
        long dueNanos;

        Slot(int index, Sensor sensor, SensorModel model, String topic, List<Scenario> scenarios, long dueNanos) {
            this.index = index;
            this.sensor = sensor;
            this.model = model;
            this.topic = topic;
            this.scenarios = scenarios;
            this.dueNanos = dueNanos;
        }
    }

    private final List<Sensor> sensors;
    private final List<Scenario> scenarios;
    private final long intervalNanos;
    /** Per scenario that paces its sensors: the interval while it is active. */
    private final Map<Scenario, Long> scenarioIntervalNanos = new IdentityHashMap<>();
    private final Map<Scenario, String> lastPhase = new IdentityHashMap<>();
    private long silenced;
    private final long startEpochMillis;
    private final PriorityQueue<Slot> queue;
    private final Map<String, SensorModel> models = new HashMap<>();
    private final Map<String, Double> lastScenarioValues = new HashMap<>();
    private final Map<String, Double> maxSeen = new HashMap<>();
    private final List<ScenarioEvent> events = new ArrayList<>();
    private int eventsTaken;

    /**
     * @param scenario null for normal traffic only
     * @param startEpochMillis wall-clock time of offset 0: event times are this plus the offsets ({@link #epochMillis(long)}),
     *     as are the {@link ScenarioEvent#at()} of scenario events
     */
    public TrafficPlan(Catalogue catalogue, SimulatorOptions options, Scenario scenario, long startEpochMillis) {
        this(catalogue, options, startEpochMillis, scenario == null ? List.of() : List.of(scenario));
    }

    /**
     * A plan with several scenarios.
     *
     * @param scenarios played at once over the normal traffic, empty for normal traffic only
     * @param startEpochMillis wall-clock time of offset 0: event times are this plus the offsets ({@link #epochMillis(long)}),
     *     as are the {@link ScenarioEvent#at()} of scenario events
     */
    public static TrafficPlan of(Catalogue catalogue, SimulatorOptions options, List<Scenario> scenarios, long startEpochMillis) {
        return new TrafficPlan(catalogue, options, startEpochMillis, scenarios);
    }

    private TrafficPlan(Catalogue catalogue, SimulatorOptions options, long startEpochMillis, List<Scenario> scenarios) {
        this.sensors = catalogue.sensors();
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("catalogue " + catalogue.name() + " has no sensors to simulate");
        }
        this.scenarios = List.copyOf(scenarios);
        this.startEpochMillis = startEpochMillis;
        this.intervalNanos = options.effectiveInterval(sensors.size()).toNanos();
        for (Scenario sc : this.scenarios) {
            sc.reportInterval().ifPresent(d -> scenarioIntervalNanos.put(sc, Math.min(intervalNanos, d.toNanos())));
        }
        this.queue = new PriorityQueue<>(Math.max(1, sensors.size()), (a, b) -> a.dueNanos != b.dueNanos
                ? Long.compare(a.dueNanos, b.dueNanos) : Integer.compare(a.index, b.index));
        int n = sensors.size();
        for (int i = 0; i < n; i++) {
            Sensor s = sensors.get(i);
            SensorModel model = SensorModel.create(s, options.seed());
            models.put(s.id(), model);
            long phase = (long) ((double) intervalNanos * i / n);
            List<Scenario> affecting = this.scenarios.stream().filter(sc -> sc.affects(s.id())).toList();
            queue.add(new Slot(i, s, model, topic(options.topicRoot(), s), affecting, phase));
        }
        for (Scenario sc : this.scenarios) {
            String first = sc.phase(0);
            lastPhase.put(sc, first);
            events.add(event(sc, 0, first, sc.target() + ": scenario starts at +" + Durations.format(sc.start())));
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

    /**
     * The next slot in time order, silenced ones included ({@link Reading#silenced()}: not to be published). Never
     * ends.
     */
    public Reading next() {
        Slot slot = queue.poll();
        long due = slot.dueNanos;
        double t = due / 1e9;
        double value = slot.model.next(t);
        boolean silent = false;
        if (!slot.scenarios.isEmpty()) {
            long ms = due / 1_000_000L;
            for (Scenario sc : slot.scenarios) {
                OptionalDouble o = sc.override(slot.sensor.id(), ms, value);
                if (o.isPresent()) {
                    value = slot.model.clampRound(o.getAsDouble(), slot.sensor.range().min(), slot.sensor.range().max());
                }
                silent |= sc.silent(slot.sensor.id(), ms);
            }
            if (silent) {
                silenced++;
                phases(slot, ms, null);
            } else {
                track(slot, ms, value);
            }
        }
        slot.dueNanos = nextDue(slot, due);
        queue.add(slot);
        return new Reading(due, slot.index, slot.sensor, slot.topic, value, silent);
    }

    private long nextDue(Slot slot, long due) {
        long next = due + intervalNanos;
        for (Scenario sc : slot.scenarios) {
            Long fast = scenarioIntervalNanos.get(sc);
            if (fast == null) {
                continue; // a silence keeps the schedule
            }
            long start = sc.start().toNanos();
            if (due < start && next > start) {
                next = Math.min(next, start);
            } else if (due >= start && sc.active(due / 1_000_000L)) {
                next = Math.min(next, due + fast);
            }
        }
        return next;
    }

    /**
     * A phase change of a scenario on the sensor's slot becomes an event.
     *
     * @param value the reading, e.g. {@code E01-LT101 = 57.5 %}, or null for a silenced slot
     */
    private void phases(Slot slot, long ms, String value) {
        String id = slot.sensor.id();
        for (Scenario sc : slot.scenarios) {
            String phase = sc.phase(ms);
            if (!phase.equals(lastPhase.get(sc))) {
                lastPhase.put(sc, phase);
                String message;
                if (value == null) {
                    message = id + " publishes nothing" + (sc.target().equals(id) ? ""
                            : " (" + sc.target() + ": " + sc.sensors().size() + " sensors silent)");
                } else if (sc.reportInterval().isEmpty()) {
                    message = value + ", reports again"; // a silence: only its end shows on a published slot
                } else {
                    message = value;
                }
                events.add(event(sc, ms, phase, message));
            }
        }
    }

    private void track(Slot slot, long ms, double v) {
        Sensor s = slot.sensor;
        String unit = s.unit() == null ? "" : " " + s.unit();
        String val = s.id() + " = " + fmt(v) + unit;
        phases(slot, ms, val);
        Scenario scenario = slot.scenarios.get(0);
        String phase = scenario.phase(ms);
        Double prev = lastScenarioValues.put(s.id(), v);
        Limits l = s.limits();
        if (prev != null && l != null) {
            if (l.h() != null && prev < l.h() && v >= l.h()) {
                events.add(event(scenario, ms, phase, val + " reached H " + fmt(l.h())));
            }
            if (l.hh() != null && prev < l.hh() && v >= l.hh()) {
                events.add(event(scenario, ms, phase, val + " reached HH " + fmt(l.hh())));
            }
            if (l.hh() != null && prev >= l.hh() && v < l.hh()) {
                events.add(event(scenario, ms, phase, val + " back below HH " + fmt(l.hh())));
            }
            if (l.h() != null) {
                double clear = l.h() - s.deadband();
                if (prev > clear && v <= clear && maxSinceStart(s.id()) >= l.h()) {
                    events.add(event(scenario, ms, phase, val + " back below H - deadband " + fmt(clear)));
                }
            }
            if (l.l() != null && prev > l.l() && v <= l.l()) {
                events.add(event(scenario, ms, phase, val + " reached L " + fmt(l.l())));
            }
            if (l.ll() != null && prev > l.ll() && v <= l.ll()) {
                events.add(event(scenario, ms, phase, val + " reached LL " + fmt(l.ll())));
            }
        }
        if (v > maxSeen.getOrDefault(s.id(), Double.NEGATIVE_INFINITY)) {
            maxSeen.put(s.id(), v);
        }
    }

    private double maxSinceStart(String id) {
        return maxSeen.getOrDefault(id, Double.NEGATIVE_INFINITY);
    }

    private ScenarioEvent event(Scenario scenario, long ms, String phase, String message) {
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

    /** The last value planned for a sensor a scenario affects (and did not silence), or null. */
    public Double lastScenarioValue(String sensorId) {
        return lastScenarioValues.get(sensorId);
    }

    /** The first scenario, or null; all of them: {@link #scenarios()}. */
    public Scenario scenario() {
        return scenarios.isEmpty() ? null : scenarios.get(0);
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** Slots planned so far that a scenario silenced. */
    public long silencedCount() {
        return silenced;
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
