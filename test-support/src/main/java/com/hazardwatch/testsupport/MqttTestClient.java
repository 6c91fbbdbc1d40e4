package com.hazardwatch.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * An MQTT client for tests: publishes raw payloads at QoS 1 (each acknowledged by the broker before it returns) and
 * collects what arrives on its subscriptions.
 */
public final class MqttTestClient implements AutoCloseable {
    /** A message received on a subscription. */
    public record Message(String topic, String payload) {}

    private final MqttClient client;
    private final Queue<Message> received = new ConcurrentLinkedQueue<>();

    public MqttTestClient(String url) throws MqttException {
        this(url, anonymous());
    }

    private static MqttConnectionOptions anonymous() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        return o;
    }

    /** Connects with these options (user, password, TLS socket factory, ...); throws when the broker refuses. */
    public MqttTestClient(String url, MqttConnectionOptions options) throws MqttException {
        client = new MqttClient(url, "hw-it-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new Message(topic, new String(m.getPayload(), StandardCharsets.UTF_8)));
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void deliveryComplete(IMqttToken t) {}

            @Override
            public void connectComplete(boolean reconnect, String uri) {}

            @Override
            public void authPacketArrived(int code, MqttProperties p) {}
        });
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
    }

    public void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m);
    }

    /** Subscribes at QoS 1; what arrives is in {@link #received()}. */
    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    /** Every message received so far, in arrival order (live view). */
    public Queue<Message> received() {
        return received;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
