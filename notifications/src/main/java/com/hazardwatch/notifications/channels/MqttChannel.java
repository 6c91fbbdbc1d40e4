package com.hazardwatch.notifications.channels;

import com.hazardwatch.notifications.Roster;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * MQTT: the delivery's JSON at QoS 1 on {@code {mqtt.topic-root}/alerts/{recipient}} (hw/alerts/zhang.wei by default);
 * success is the broker's PUBACK. The JSON carries the delivery id, so a subscriber can drop a second copy.
 */
public final class MqttChannel implements Channel {
    private final MqttClient client;
    private final String root;

    public MqttChannel(String url, String topicRoot, String username, String password) throws MqttException {
        this.root = topicRoot;
        client = new MqttClient(url, "hw-notify-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(true);
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        if (!username.isEmpty()) {
            o.setUserName(username);
            o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            client.connect(o);
        } catch (MqttException e) {
            throw new MqttException(e.getReasonCode(), new IllegalStateException("cannot connect to MQTT broker " + url
                    + " for notifications: " + e.getMessage() + " (is it up? bin/hazardwatch stack status)", e));
        }
    }

    public String topic(String recipient) {
        return root + "/alerts/" + recipient;
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public String address(Roster.Person p) {
        return p.mqtt() ? topic(p.id()) : null;
    }

    @Override
    public synchronized void send(Delivery d, byte[] json) throws MqttException {
        MqttMessage m = new MqttMessage(json);
        m.setQos(1);
        client.publish(d.address(), m);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close();
        } catch (MqttException e) {
            // closing: nothing left to deliver on it
        }
    }
}
