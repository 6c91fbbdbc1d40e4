package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Simulator} run behaves. Immutable; build with {@link #builder()}.
 *
 * <p>Pacing: every sensor reports once per {@link #interval()}, the sensors spread evenly over the interval so the
 * total rate is smooth; when {@link #rate()} is set it overrides the interval: each sensor then reports every
 * {@code sensorCount / rate} seconds.
 *
 * <p>Packing: with {@link #pack()} k above 1 the readings go out as SenML packs of up to k readings per enterprise
 * on {@code {root}/{enterprise}/pack} (see {@link Packer}); the schedule and the values stay the same.
 *
 * <p>Scenarios: any number of {@link ScenarioSpec}s play at once over the normal traffic (an overfill, a gateway
 * outage, a dead sensor...); see {@link Scenarios}.
 *
 * <p>The broker, topic root, client id, QoS and pack size, and their checks, are those of {@link PublishOptions},
 * shared with the replay.
 */
public final class SimulatorOptions extends PublishOptions {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    /** The overfill's tank when none is given. */
    public static final String DEFAULT_SCENARIO_SENSOR = Scenarios.DEFAULT_OVERFILL_SENSOR;
    public static final Duration DEFAULT_SCENARIO_START_AFTER = Duration.ofSeconds(10);
    public static final long DEFAULT_SEED = 42L;
    /** MQTT connections by default: 1. */
    public static final int DEFAULT_CONNECTIONS = 1;
    /** The most MQTT connections one simulator opens. */
    public static final int MAX_CONNECTIONS = 64;

    private final Duration interval;
    private final Double rate;
    private final Duration duration;
    private final List<ScenarioSpec> scenarios;
    private final String scenarioSensor;
    private final Duration scenarioStartAfter;
    private final long seed;
    private final int connections;

    private SimulatorOptions(Builder b) {
        super(b, "hw-sim-");
        this.interval = b.interval;
        this.rate = b.rate;
        this.duration = b.duration;
        this.scenarios = List.copyOf(b.scenarios);
        this.scenarioSensor = b.scenarioSensor;
        this.scenarioStartAfter = b.scenarioStartAfter;
        this.seed = b.seed;
        this.connections = b.connections;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.mqttUrl = mqttUrl();
        b.topicRoot = topicRoot();
        b.clientId = clientId();
        b.qos = qos();
        b.interval = interval;
        b.rate = rate;
        b.duration = duration;
        b.scenarios = new ArrayList<>(scenarios);
        b.scenarioSensor = scenarioSensor;
        b.scenarioStartAfter = scenarioStartAfter;
        b.seed = seed;
        b.pack = pack();
        b.connections = connections;
        return b;
    }

    /** How often each sensor reports (ignored when {@link #rate()} is set). */
    public Duration interval() {
        return interval;
    }

    /** Total readings per second over all sensors, or null to pace by {@link #interval()}. */
    public Double rate() {
        return rate;
    }

    /** How long to run, or null to run until {@link Simulator#stop()}. */
    public Duration duration() {
        return duration;
    }

    /** The name of the first scenario ({@code overfill}...), or null for normal traffic only; all: {@link #scenarios()}. */
    public String scenario() {
        return scenarios.isEmpty() ? null : scenarios.get(0).name();
    }

    /** The scenarios played at once over the normal traffic, in the order given; empty for normal traffic only. */
    public List<ScenarioSpec> scenarios() {
        return scenarios;
    }

    /**
     * The sensor of the scenarios that play on a sensor (overfill, dead-sensor) and name none, or null for each
     * scenario's default ({@link Scenarios#defaultTarget(String)}).
     */
    public String scenarioSensor() {
        return scenarioSensor;
    }

    /** Where scenarios that give no start begin (default 10 s). */
    public Duration scenarioStartAfter() {
        return scenarioStartAfter;
    }

    public long seed() {
        return seed;
    }

    /**
     * MQTT connections the readings go over (1 by default): the messages of one enterprise always over the same one,
     * so each sensor's readings keep their order; more connections, more room in the broker's per-connection window.
     */
    public int connections() {
        return connections;
    }

    /** The interval each sensor reports at, given the number of sensors: from {@link #rate()} when set. */
    public Duration effectiveInterval(int sensorCount) {
        if (rate == null) {
            return interval;
        }
        return Duration.ofNanos(Math.max(1L, Math.round(sensorCount * 1e9 / rate)));
    }

    @Override
    public String toString() {
        return "SimulatorOptions{mqttUrl=" + mqttUrl() + ", topicRoot=" + topicRoot() + ", clientId=" + clientId()
                + ", qos=" + qos() + ", " + (rate != null ? "rate=" + rate + "/s" : "interval=" + Durations.format(interval))
                + ", duration=" + (duration == null ? "until stopped" : Durations.format(duration))
                + ", scenarios=" + scenarios + (scenarios.isEmpty() ? "" : ", scenarioSensor=" + scenarioSensor
                + ", scenarioStartAfter=" + Durations.format(scenarioStartAfter)) + ", seed=" + seed + ", pack=" + pack()
                + (connections == 1 ? "" : ", connections=" + connections) + "}";
    }

    public static final class Builder extends PublishOptions.Builder<Builder> {
        private Duration interval = DEFAULT_INTERVAL;
        private Double rate;
        private Duration duration;
        private List<ScenarioSpec> scenarios = new ArrayList<>();
        private String scenarioSensor;
        private Duration scenarioStartAfter = DEFAULT_SCENARIO_START_AFTER;
        private long seed = DEFAULT_SEED;
        private int connections = DEFAULT_CONNECTIONS;

        private Builder() {}

        public Builder interval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("interval " + Durations.format(interval) + " is too short; use at least 1ms");
            }
            this.interval = interval;
            return this;
        }

        /** Total readings per second, overriding {@link #interval(Duration)}; null to pace by the interval. */
        public Builder rate(Double rate) {
            if (rate != null && !(rate > 0 && rate <= 1_000_000 && Double.isFinite(rate))) {
                throw new IllegalArgumentException("rate " + rate + " is not accepted; use readings/s in total, > 0 and <= 1000000");
            }
            this.rate = rate;
            return this;
        }

        /** How long to run; null until stopped. */
        public Builder duration(Duration duration) {
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("duration must be positive, was " + Durations.format(duration));
            }
            this.duration = duration;
            return this;
        }

        /** One scenario with its defaults, replacing those given before; null for none. */
        public Builder scenario(String scenario) {
            if (scenario != null && !Scenarios.NAMES.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario '" + scenario + "'; known: " + String.join(", ", Scenarios.NAMES));
            }
            this.scenarios = new ArrayList<>();
            if (scenario != null) {
                scenarios.add(ScenarioSpec.of(scenario));
            }
            return this;
        }

        /** One more scenario, played at the same time as those given before. */
        public Builder addScenario(ScenarioSpec spec) {
            scenarios.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /** The scenarios, replacing those given before. */
        public Builder scenarios(List<ScenarioSpec> specs) {
            this.scenarios = new ArrayList<>(specs);
            return this;
        }

        /** The sensor of sensor scenarios that name none; null for each scenario's default. */
        public Builder scenarioSensor(String sensorId) {
            if (sensorId != null && sensorId.isBlank()) {
                throw new IllegalArgumentException("scenarioSensor must not be blank");
            }
            this.scenarioSensor = sensorId;
            return this;
        }

        public Builder scenarioStartAfter(Duration startAfter) {
            Objects.requireNonNull(startAfter, "scenarioStartAfter");
            if (startAfter.isNegative()) {
                throw new IllegalArgumentException("scenarioStartAfter must not be negative");
            }
            this.scenarioStartAfter = startAfter;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** MQTT connections (1..{@value #MAX_CONNECTIONS}); an enterprise's messages always go over the same one. */
        public Builder connections(int n) {
            if (n < 1 || n > MAX_CONNECTIONS) {
                throw new IllegalArgumentException("connections " + n + " is not accepted; use 1 to " + MAX_CONNECTIONS
                        + " MQTT connections");
            }
            this.connections = n;
            return this;
        }

        /** @throws IllegalArgumentException when no URL was given and {@value #ENV_MQTT_PORT} is not a port */
        public SimulatorOptions build() {
            return new SimulatorOptions(this);
        }
    }
}
