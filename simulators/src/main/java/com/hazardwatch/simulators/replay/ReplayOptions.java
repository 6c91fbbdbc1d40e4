package com.hazardwatch.simulators.replay;

import com.hazardwatch.simulators.PublishOptions;
import com.hazardwatch.simulators.SimulatorOptions;
import java.util.Objects;

/**
 * How a recording is replayed. The MQTT side is the simulator's ({@link PublishOptions}, as in
 * {@link SimulatorOptions}: broker, topic root, client id, QoS, pack size, validated the same way); the replay adds the
 * speed and whether event times are shifted to now.
 */
public final class ReplayOptions extends PublishOptions {
    private final Speed speed;
    private final boolean shiftToNow;

    public static Builder builder() {
        return new Builder();
    }

    public Speed speed() {
        return speed;
    }

    /** Whether event times are shifted so that the first row is the start of the replay (else the recorded ones). */
    public boolean shiftToNow() {
        return shiftToNow;
    }

    private ReplayOptions(Builder b) {
        super(b, "hw-replay-");
        this.speed = b.speed;
        this.shiftToNow = b.shiftToNow;
    }

    @Override
    public String toString() {
        return "ReplayOptions{mqttUrl=" + mqttUrl() + ", topicRoot=" + topicRoot() + ", clientId=" + clientId() + ", qos="
                + qos() + ", pack=" + pack() + ", speed=" + speed + ", shiftToNow=" + shiftToNow + "}";
    }

    /** Broker URL, topic root, client id ({@code hw-replay-XXXXXXXX} when none), QoS and pack as the simulator's. */
    public static final class Builder extends PublishOptions.Builder<Builder> {
        private Speed speed = Speed.REAL_TIME;
        private boolean shiftToNow = true;

        private Builder() {}

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
