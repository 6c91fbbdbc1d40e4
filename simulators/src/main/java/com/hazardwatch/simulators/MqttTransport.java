package com.hazardwatch.simulators;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transport} of a real run: a Paho v5 {@link MqttAsyncClient}, in-memory persistence, clean start,
 * automatic reconnect (1-30 s), asking the broker for a Receive Maximum of {@link Simulator#MAX_IN_FLIGHT}.
 */
final class MqttTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTransport.class);

    private final String url;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private volatile Listener listener;

    /** PUBACK (or QoS 0 written): the reason code is the PUBACK's; a failure: the connection went down first. */
    private final MqttActionListener deliveryListener = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            listener.delivered(token.getUserContext(), codes == null || codes.length == 0 ? 0 : codes[0]);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            listener.lost(token.getUserContext(), e);
        }
    };

    MqttTransport(String url, String clientId) {
        this.url = url;
        this.clientId = clientId;
    }

    @Override
    public int connect(Listener l) throws SimulatorException {
        this.listener = l;
        try {
            MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            client = c;
            c.setCallback(new Watcher());
            MqttConnectionOptions co = new MqttConnectionOptions();
            co.setCleanStart(true);
            co.setAutomaticReconnect(true);
            co.setAutomaticReconnectDelay(1, 30);
            co.setReceiveMaximum(Simulator.MAX_IN_FLIGHT);
            co.setConnectionTimeout(10);
            co.setKeepAliveInterval(30);
            IMqttToken connected = c.connect(co);
            connected.waitForCompletion(15_000);
            Integer receiveMaximum = connected.getResponseProperties() == null ? null
                    : connected.getResponseProperties().getReceiveMaximum();
            return receiveMaximum == null ? 0 : receiveMaximum;
        } catch (MqttException | IllegalArgumentException e) {
            String cause = e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null
                    ? " (" + e.getCause().getMessage() + ")" : "";
            throw new SimulatorException("cannot connect to MQTT broker " + url + ": " + e.getMessage() + cause, e);
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Object context) throws MqttException {
        MqttAsyncClient c = client;
        if (c == null) {
            throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_CLOSED);
        }
        c.publish(topic, payload, qos, false, context, deliveryListener);
    }

    @Override
    public synchronized void close() {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        client = null;
        try {
            if (c.isConnected()) {
                c.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect failed", e);
        }
        try {
            c.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.debug("forced disconnect failed", e);
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("close failed", e);
        }
    }

    /** Passes connection changes on; never publishes (Paho callbacks must not). */
    private final class Watcher implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String why = response.getReasonString() != null ? response.getReasonString()
                    : response.getException() != null ? response.getException().getMessage()
                    : "reason code " + response.getReturnCode();
            listener.connectionLost(why);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            listener.error("MQTT error: " + exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // the simulator subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // outcomes go through the per-publish listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            listener.connected(reconnect, serverURI);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
