package com.hazardwatch.simulators;

import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * What the {@link Simulator} and the replay ({@link com.hazardwatch.simulators.replay.Replayer}) publish through:
 * {@link MqttTransport} (Paho v5) in production, a fake in tests. Calls come from the publishing thread only; the
 * {@link Listener} is called from the transport's own threads (never publish from it).
 */
public interface Transport {
    /** Outcomes and connection changes. */
    interface Listener {
        /**
         * The broker answered a message (QoS 1: PUBACK; QoS 0: written to the connection).
         *
         * @param reasonCode the PUBACK reason code; 0x80 and above: the broker refused the message
         */
        void delivered(Object context, int reasonCode);

        /** A message handed over was not delivered: the connection went down before its outcome was known. */
        void lost(Object context, Throwable cause);

        /** The connection went down; the transport reconnects by itself. */
        void connectionLost(String why);

        /** A connection is up; reconnect true for every one after the first. */
        void connected(boolean reconnect, String serverUri);

        /** An error worth a line. */
        void error(String message);
    }

    /**
     * Connects, blocking until the broker accepted the connection.
     *
     * @return the broker's Receive Maximum from its CONNACK, or 0 when it gave none
     * @throws SimulatorException when the broker cannot be reached
     */
    int connect(Listener listener) throws SimulatorException;

    boolean isConnected();

    /**
     * Hands one message over (returns before it is delivered; the outcome goes to the listener with this context).
     *
     * @throws MqttException when the message is not taken now: the client's window is full (Paho
     *     {@code REASON_CODE_MAX_INFLIGHT}), the client is not connected, or the message is invalid
     */
    void publish(String topic, byte[] payload, int qos, Object context) throws MqttException;

    /** Disconnects and releases everything; idempotent. */
    void close();
}
