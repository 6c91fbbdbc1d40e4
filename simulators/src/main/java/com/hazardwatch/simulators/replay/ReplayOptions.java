package com.hazardwatch.simulators.replay;

import com.hazardwatch.simulators.SimulatorOptions;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a recording is replayed. The MQTT side is the simulator's ({@link SimulatorOptions}: broker, topic root, QoS,
 * pack size, validated the same way); the replay adds the speed and whether event times are shifted to now.
 */
public final class ReplayOptions {
    private final String mqttUrl;
    private final String topicRoot;
    private final String clientId;
    private final int qos;
    private final int pack;
    private final Speed speed;
    private final boolean shiftToNow;

    private ReplayOptions(Builder b) {
        this.mqttUrl = b.mqttUrl != null ? b.mqttUrl : SimulatorOptions.defaultMqttUrl();
        this.topicRoot = b.topicRoot;
        this.clientId = b.clientId != null ? b.clientId
                : "hw-replay-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffffL);
        this.qos = b.qos;
        this.pack = b.pack;
        this.speed = b.speed;
        this.shiftToNow = b.shiftToNow;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String mqttUrl() {
        return mqttUrl;
    }

    public String topicRoot() {
        return topicRoot;
    }

    public String clientId() {
        return clientId;
    }

    public int qos() {
        return qos;
    }

    /** Readings per MQTT message at most: 1 single-reading messages, above 1 SenML packs per enterprise. */
    public int pack() {
        return pack;
    }

    public Speed speed() {
        return speed;
    }

    /** Whether event times are shifted so that the first row is the start of the replay (else the recorded ones). */
    public boolean shiftToNow() {
        return shiftToNow;
    }

    @Override
    public String toString() {
        return "ReplayOptions{mqttUrl=" + mqttUrl + ", topicRoot=" + topicRoot + ", clientId=" + clientId + ", qos=" + qos
                + ", pack=" + pack + ", speed=" + speed + ", shiftToNow=" + shiftToNow + "}";
    }

    public static final class Builder {
        private String mqttUrl;
        private String topicRoot = SimulatorOptions.DEFAULT_TOPIC_ROOT;
        private String clientId;
        private int qos = SimulatorOptions.DEFAULT_QOS;
        private int pack = SimulatorOptions.DEFAULT_PACK;
        private Speed speed = Speed.REAL_TIME;
        private boolean shiftToNow = true;

        private Builder() {}

        /** Broker URL; null for the default (as the simulator's). */
        public Builder mqttUrl(String url) {
            SimulatorOptions.builder().mqttUrl(url);
            this.mqttUrl = url;
            return this;
        }

        public Builder topicRoot(String root) {
            SimulatorOptions.builder().topicRoot(root);
            this.topicRoot = root;
            return this;
        }

        /** MQTT client id; null for a random {@code hw-replay-XXXXXXXX}. */
        public Builder clientId(String id) {
            SimulatorOptions.builder().clientId(id);
            this.clientId = id;
            return this;
        }

        public Builder qos(int q) {
            SimulatorOptions.builder().qos(q);
            this.qos = q;
            return this;
        }

        public Builder pack(int k) {
            SimulatorOptions.builder().pack(k);
            this.pack = k;
            return this;
        }

        public Builder speed(Speed s) {
            this.speed = Objects.requireNonNull(s, "speed");
            return this;
        }

        public Builder shiftToNow(boolean shift) {
            this.shiftToNow = shift;
            return this;
        }

        public ReplayOptions build() {
            return new ReplayOptions(this);
        }
    }
}
