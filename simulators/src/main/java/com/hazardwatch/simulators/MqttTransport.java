package com.hazardwatch.simulators;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The {@link Transport} of a real run: one or more Paho v5 {@link MqttAsyncClient}s to the same broker, in-memory
 * persistence, clean start, automatic reconnect (1-30 s), each asking the broker for a Receive Maximum of
 * {@link Simulator#MAX_IN_FLIGHT}.
 *
 * <p>With several connections ({@link SimulatorOptions#connections()}) the messages of one enterprise (the topic level
 * after the root: {@code {root}/{enterprise}/...}) always go over the same connection, so that every sensor's readings
 * keep their order; enterprises are dealt to the connections in the order they first publish. Client ids are the
 * options' client id for the first connection and that id plus {@code -2}, {@code -3}... for the others. The broker's
 * window (Receive Maximum) is per connection, so N connections have N times its room in flight. The connection is
 * "up" ({@link #isConnected()}) while every one of them is; the listener hears of every connection's changes.
 */
public final class MqttTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTransport.class);
    /** The most connections one simulator opens. */
    static final int MAX_CONNECTIONS = SimulatorOptions.MAX_CONNECTIONS;

    private final String url;
    private final String clientId;
    private final String topicRoot;
    private final MqttAsyncClient[] clients;
    private final Map<String, Integer> enterpriseConnection = new ConcurrentHashMap<>();
    private volatile boolean open;
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

    /** One connection, not connected yet: the replay's transport. */
    public MqttTransport(String url, String clientId) {
        this(url, clientId, SimulatorOptions.DEFAULT_TOPIC_ROOT, 1);
    }

    /**
     * @param topicRoot the root of every topic published (the enterprise is the level after it)
     * @param connections how many connections, 1..{@link #MAX_CONNECTIONS}
     */
    MqttTransport(String url, String clientId, String topicRoot, int connections) {
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections " + connections + " is not accepted; use 1 to " + MAX_CONNECTIONS);
        }
        this.url = url;
        this.clientId = clientId;
        this.topicRoot = topicRoot;
        this.clients = new MqttAsyncClient[connections];
    }

    private String username = "";
    private String password = "";
    private String caFile = "";

    /** Connects as this user, trusting this CA for ssl:// (empty: anonymous, default truststore); before connect. */
    public MqttTransport withCredentials(PublishOptions o) {
        this.username = o.username();
        this.password = o.password();
        this.caFile = o.caFile();
        return this;
    }

    /** The transport a run with these options publishes through. */
    static MqttTransport of(SimulatorOptions options) {
        return new MqttTransport(options.mqttUrl(), options.clientId(), options.topicRoot(), options.connections())
                .withCredentials(options);
    }

    /** How many connections. */
    int connections() {
        return clients.length;
    }

    /** The client id of connection i (0-based). */
    String clientId(int i) {
        return i == 0 ? clientId : clientId + "-" + (i + 1);
    }

    /** The connection (0-based) a topic's messages go over: its enterprise's. */
    int connectionOf(String topic) {
        if (clients.length == 1) {
            return 0;
        }
        String enterprise = enterpriseOf(topic);
        Integer i = enterpriseConnection.get(enterprise);
        if (i == null) {
            synchronized (enterpriseConnection) {
                i = enterpriseConnection.computeIfAbsent(enterprise, e -> enterpriseConnection.size() % clients.length);
            }
        }
        return i;
    }

    /** The topic level after the root ({@code hw/E01/pack} -> {@code E01}); the whole topic when it is not under it. */
    String enterpriseOf(String topic) {
        int from = topic.startsWith(topicRoot + "/") ? topicRoot.length() + 1 : 0;
        int end = topic.indexOf('/', from);
        return end < 0 ? topic.substring(from) : topic.substring(from, end);
    }

    @Override
    public int connect(Listener l) throws SimulatorException {
        this.listener = l;
        int window = 0; // the smallest Receive Maximum a connection was given (0: none said)
        for (int i = 0; i < clients.length; i++) {
            int w = connectOne(i);
            if (w > 0 && (window == 0 || w < window)) {
                window = w;
            }
        }
        open = true;
        return window;
    }

    private int connectOne(int i) throws SimulatorException {
        try {
            MqttAsyncClient c = new MqttAsyncClient(url, clientId(i), new MemoryPersistence());
            clients[i] = c;
            c.setCallback(new Watcher());
            MqttConnectionOptions co = new MqttConnectionOptions();
            co.setCleanStart(true);
            co.setAutomaticReconnect(true);
            co.setAutomaticReconnectDelay(1, 30);
            co.setReceiveMaximum(Simulator.MAX_IN_FLIGHT);
            co.setConnectionTimeout(10);
            co.setKeepAliveInterval(30);
            if (!username.isEmpty()) {
                co.setUserName(username);
                co.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            co.setSocketFactory(com.hazardwatch.model.config.TlsTrust.forMqtt(url, caFile));
            IMqttToken connected = c.connect(co);
            connected.waitForCompletion(15_000);
            Integer receiveMaximum = connected.getResponseProperties() == null ? null
                    : connected.getResponseProperties().getReceiveMaximum();
            return receiveMaximum == null ? 0 : receiveMaximum;
        } catch (MqttException | IllegalArgumentException e) {
            String cause = e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null
                    ? " (" + e.getCause().getMessage() + ")" : "";
            String which = clients.length == 1 ? "" : " (connection " + (i + 1) + " of " + clients.length + ")";
            throw new SimulatorException("cannot connect to MQTT broker " + url + which + ": " + e.getMessage() + cause, e);
        }
    }

    @Override
    public boolean isConnected() {
        if (!open) {
            return false;
        }
        for (MqttAsyncClient c : clients) {
            if (c == null || !c.isConnected()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Object context) throws MqttException {
        MqttAsyncClient c = open ? clients[connectionOf(topic)] : null;
        if (c == null) {
            throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_CLOSED);
        }
        c.publish(topic, payload, qos, false, context, deliveryListener);
    }

    @Override
    public synchronized void close() {
        open = false;
        for (int i = 0; i < clients.length; i++) {
            MqttAsyncClient c = clients[i];
            clients[i] = null;
            if (c != null) {
                closeOne(c);
            }
        }
    }

    private static void closeOne(MqttAsyncClient c) {
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
