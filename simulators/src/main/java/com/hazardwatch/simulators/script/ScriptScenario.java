package com.hazardwatch.simulators.script;

import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incidents of a scenario script as one {@link Scenario} the simulator plays (semantics: simulators/scenarios/README.md).
 *
 * <p>Per sensor, the value incidents (ramp, hold, step, spike, stuck, flap) are taken in time order: each begins from
 * the value the sensor has at its {@code at} (the previous incident's last value, else the normal value), between two
 * of them the sensor keeps the value the first left, and after its last one it reports normal traffic again. Silence,
 * out-of-range, bad quality and the delivery faults act while they last. The sensors of the script report every
 * second from its first incident until its last one ends ({@link #reportInterval()}).
 *
 * <p>A pure function of the offset and the normal value, except that a hold or a stuck value with nothing before it
 * takes the first normal value it is given for the sensor at or after its {@code at} (the simulator asks in time
 * order); asked for an offset before that incident again (a new run, or a plan of the same run made afresh), it takes
 * it anew.
 */
public final class ScriptScenario implements Scenario {
    public static final String WAITING = "waiting";
    public static final String BETWEEN = "between incidents";
    public static final String DONE = "done";

    private final String name;
    private final List<Incident> incidents;
    private final Set<String> sensors;
    private final Map<String, List<Incident>> valueIncidents = new LinkedHashMap<>();
    private final Map<String, List<Incident>> otherIncidents = new LinkedHashMap<>();
    private final long startMs;
    private final long endMs;
    /** Values a hold or stuck with nothing before it took when it began, per incident and sensor. */
    private final Map<Frozen, Double> frozen = new ConcurrentHashMap<>();

    private record Frozen(Incident incident, String sensorId) {}

    /**
     * @param name the script's name
     * @param incidents at least one
     */
    public ScriptScenario(String name, List<Incident> incidents) {
        if (incidents.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no incident");
        }
        this.name = name;
        List<Incident> sorted = new ArrayList<>(incidents);
        sorted.sort(Comparator.comparingLong(Incident::atMs));
        this.incidents = List.copyOf(sorted);
        Set<String> ids = new LinkedHashSet<>();
        for (Incident i : this.incidents) {
            ids.addAll(i.sensors());
            for (String s : i.sensors()) {
                (i.action().kind() == Action.Kind.VALUE ? valueIncidents : otherIncidents)
                        .computeIfAbsent(s, k -> new ArrayList<>()).add(i);
            }
        }
        this.sensors = Collections.unmodifiableSet(ids);
        this.startMs = this.incidents.stream().mapToLong(Incident::atMs).min().orElseThrow();
        this.endMs = this.incidents.stream().mapToLong(Incident::endMs).max().orElseThrow();
    }

    @Override
    public String name() {
        return name;
    }

    /** The incidents, by start. */
    public List<Incident> incidents() {
        return incidents;
    }

    @Override
    public Set<String> sensors() {
        return sensors;
    }

    @Override
    public String target() {
        return String.join(", ", incidents.stream().map(Incident::target).distinct().toList());
    }

    @Override
    public String describe() {
        return name + ": " + incidents.size() + (incidents.size() == 1 ? " incident" : " incidents") + " on " + target()
                + " from +" + Durations.format(start()) + " until +" + Durations.format(Duration.ofMillis(endMs));
    }

    @Override
    public Duration start() {
        return Duration.ofMillis(startMs);
    }

    /** Where the last incident ends. */
    public Duration end() {
        return Duration.ofMillis(endMs);
    }

    @Override
    public boolean finished(long offsetMillis) {
        return offsetMillis >= endMs;
    }

    @Override
    public String phase(long offsetMillis) {
        if (offsetMillis < startMs) {
            return WAITING;
        }
        if (offsetMillis >= endMs) {
            return DONE;
        }
        List<String> now = incidents.stream().filter(i -> i.active(offsetMillis)).map(Incident::label).toList();
        return now.isEmpty() ? BETWEEN : String.join(" + ", now);
    }

    @Override
    public Optional<Duration> reportInterval() {
        return Optional.of(Duration.ofSeconds(1));
    }

    @Override
    public OptionalDouble override(String sensorId, long offsetMillis, double normalValue) {
        List<Incident> list = valueIncidents.get(sensorId);
        if (list == null) {
            return OptionalDouble.empty();
        }
        int idx = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).atMs() <= offsetMillis) {
                idx = i;
            }
        }
        if (!frozen.isEmpty()) {
            // asked for an earlier offset than before: what a later incident froze is taken anew when it begins
            frozen.keySet().removeIf(k -> k.sensorId().equals(sensorId) && k.incident().atMs() >= offsetMillis);
        }
        if (idx < 0) {
            return OptionalDouble.empty();
        }
        Incident cur = list.get(idx);
        if (offsetMillis >= cur.endMs()) {
            // after it: the value it left until the next one begins; after the last one, normal traffic
            return idx == list.size() - 1 ? OptionalDouble.empty() : OptionalDouble.of(endValue(sensorId, list, idx, normalValue));
        }
        double f = cur.endMs() == cur.atMs() ? 1.0 : (offsetMillis - cur.atMs()) / (double) (cur.endMs() - cur.atMs());
        double v = switch (cur.action()) {
            case RAMP -> {
                double base = entryValue(sensorId, list, idx, normalValue);
                double target = cur.toNormal() ? normalValue : cur.to();
                yield base + (target - base) * f;
            }
            case STEP -> cur.to();
            case HOLD -> idx == 0 ? freeze(cur, sensorId, normalValue) : endValue(sensorId, list, idx - 1, normalValue);
            case SPIKE -> {
                double base = entryValue(sensorId, list, idx, normalValue);
                double tri = f < 0.5 ? 2 * f : 2 * (1 - f);
                yield base + (cur.to() - base) * tri;
            }
            case STUCK -> cur.value() != null ? cur.value() : idx == 0 ? freeze(cur, sensorId, normalValue) : endValue(sensorId, list, idx - 1, normalValue);
            case FLAP -> ((offsetMillis - cur.atMs()) % cur.periodMs()) < cur.periodMs() / 2 ? cur.low() : cur.high();
            default -> throw new IllegalStateException(cur.action().code());
        };
        return OptionalDouble.of(v);
    }

    /** The value a sensor has when incident idx begins: the previous one's last value, else its normal value now. */
    private double entryValue(String sensorId, List<Incident> list, int idx, double normalValue) {
        return idx == 0 ? normalValue : endValue(sensorId, list, idx - 1, normalValue);
    }

    /** The value incident idx leaves the sensor at. */
    private double endValue(String sensorId, List<Incident> list, int idx, double normalValue) {
        Incident i = list.get(idx);
        return switch (i.action()) {
            case RAMP -> i.toNormal() ? normalValue : i.to();
            case STEP -> i.to();
            case HOLD -> idx == 0 ? freeze(i, sensorId, normalValue) : endValue(sensorId, list, idx - 1, normalValue);
            case STUCK -> i.value() != null ? i.value() : idx == 0 ? freeze(i, sensorId, normalValue) : endValue(sensorId, list, idx - 1, normalValue);
            case SPIKE, FLAP -> entryValue(sensorId, list, idx, normalValue);
            default -> throw new IllegalStateException(i.action().code());
        };
    }

    private double freeze(Incident i, String sensorId, double normalValue) {
        return frozen.computeIfAbsent(new Frozen(i, sensorId), k -> normalValue);
    }

    private Incident active(String sensorId, long offsetMillis, Action.Kind kind) {
        List<Incident> list = otherIncidents.get(sensorId);
        if (list == null) {
            return null;
        }
        for (Incident i : list) {
            if (i.action().kind() == kind && i.active(offsetMillis)) {
                return i;
            }
        }
        return null;
    }

    @Override
    public boolean silent(String sensorId, long offsetMillis) {
        return active(sensorId, offsetMillis, Action.Kind.SILENCE) != null;
    }

    @Override
    public OptionalDouble rawValue(String sensorId, long offsetMillis) {
        Incident i = active(sensorId, offsetMillis, Action.Kind.RAW);
        return i == null ? OptionalDouble.empty() : OptionalDouble.of(i.value());
    }

    @Override
    public boolean badQuality(String sensorId, long offsetMillis) {
        return active(sensorId, offsetMillis, Action.Kind.QUALITY) != null;
    }

    @Override
    public Delivery delivery(String sensorId, long offsetMillis) {
        Incident i = active(sensorId, offsetMillis, Action.Kind.DELIVERY);
        if (i == null) {
            return Delivery.ON_TIME;
        }
        return switch (i.action()) {
            case LATE -> Delivery.late(Duration.ofMillis(i.delayMs()));
            case OUT_OF_ORDER -> Delivery.SWAPPED;
            case DUPLICATE -> Delivery.TWICE;
            default -> Delivery.ON_TIME;
        };
    }
}
