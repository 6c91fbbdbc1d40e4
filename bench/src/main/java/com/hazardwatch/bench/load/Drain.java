package com.hazardwatch.bench.load;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.json.ReadingCodec;
import com.hazardwatch.simulators.SimulatorException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * An MQTT subscriber draining everything under a topic root at QoS 1, counting messages and readings. Each message is
 * decoded as the bridge decodes it ({@link ReadingCodec#decodeMqtt}, against the catalogue): readings the bridge would
 * reject are counted apart, and every sensor's event times must increase (a reading not newer than its sensor's
 * previous one is out of order; one with the same time, a repeat).
 */
public final class Drain implements MqttCallback, AutoCloseable {
    private final String url;
    private final String clientId;
    private final String root;
    private final Catalogue catalogue;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    /** Per sensor, the newest event time seen (Paho calls back on one thread). */
    private final Map<String, Long> lastTs = new HashMap<>();
    private volatile String firstReject;
    private volatile String lostBecause;
    private MqttAsyncClient client;

    public Drain(String url, String clientId, String root, Catalogue catalogue) {
        this.url = url;
        this.clientId = clientId;
        this.root = root;
        this.catalogue = catalogue;
    }

    /** Connects and subscribes to {@code root/#} at QoS 1; returns once the broker has granted the subscription. */
    public void start() throws SimulatorException {
        try {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions co = new MqttConnectionOptions();
            co.setCleanStart(true);
            co.setReceiveMaximum(65_535);
            co.setConnectionTimeout(10);
            co.setKeepAliveInterval(30);
            client.connect(co).waitForCompletion(15_000);
            IMqttToken sub = client.subscribe(root + "/#", 1);
            sub.waitForCompletion(15_000);
            int[] granted = sub.getReasonCodes();
            if (granted != null && granted.length > 0 && granted[0] >= 0x80) {
                throw new SimulatorException("the broker refused the subscription to " + root + "/# (reason code " + granted[0] + ")", null);
            }
        } catch (MqttException e) {
            throw new SimulatorException("cannot subscribe at MQTT broker " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.incrementAndGet();
        ReadingCodec.Decoded d = ReadingCodec.decodeMqtt(topic, message.getPayload(), root, catalogue, System.currentTimeMillis());
        if (!d.rejects().isEmpty()) {
            rejected.addAndGet(d.rejects().size());
            if (firstReject == null) {
                firstReject = d.rejects().get(0).getMessage();
            }
        }
        for (Reading r : d.readings()) {
            Long before = lastTs.put(r.sensor(), r.ts());
            if (before != null && r.ts() <= before) {
                outOfOrder.incrementAndGet();
                if (r.ts() == before) {
                    duplicates.incrementAndGet();
                }
                lastTs.put(r.sensor(), before);
            }
        }
        readings.addAndGet(d.readings().size());
    }

    public long messages() {
        return messages.get();
    }

    /** Readings drained that the bridge would accept. */
    public long readings() {
        return readings.get();
    }

    /** Readings (or whole messages) the bridge would reject. */
    public long rejected() {
        return rejected.get();
    }

    public String firstReject() {
        return firstReject;
    }

    /** Readings not newer than their sensor's newest so far. */
    public long outOfOrder() {
        return outOfOrder.get();
    }

    /** Of those, readings with the same time as their sensor's newest: sent twice. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Why the subscription's connection went down, or null. */
    public String lostBecause() {
        return lostBecause;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        lostBecause = response.getReasonString() != null ? response.getReasonString()
                : response.getException() != null ? response.getException().getMessage() : "reason code " + response.getReturnCode();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        lostBecause = exception.getMessage();
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // publishes nothing
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // one connection for the run
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    @Override
    public void close() {
        MqttAsyncClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(2000).waitForCompletion(3000);
            }
            c.close(true);
        } catch (MqttException e) {
            // going away anyway
        }
    }
}
