package com.hazardwatch.simulators;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the simulator and the replay share about publishing: the broker, the topic root, the client id, the QoS and
 * the pack size, validated in one place. {@link SimulatorOptions} and the replay's options add what is their own.
 */
public abstract class PublishOptions {
    public static final String DEFAULT_TOPIC_ROOT = "hw";
    public static final int DEFAULT_QOS = 1;
    /** Readings per MQTT message by default: 1, the single-reading payload. */
    public static final int DEFAULT_PACK = 1;
    /** The largest pack accepted. */
    public static final int MAX_PACK = 10_000;
    /** Environment variable naming the local broker's port when no URL is given. */
    public static final String ENV_MQTT_PORT = "HW_MQTT_PORT";

    private final String mqttUrl;
    private final String topicRoot;
    private final String clientId;
    private final int qos;
    private final int pack;
    private final String username;
    private final String password;
    private final String caFile;

    /**
     * @param clientIdPrefix the start of the random client id when none was given, e.g. {@code hw-sim-}
     * @throws IllegalArgumentException when no URL was given and {@value #ENV_MQTT_PORT} is not a port
     */
    protected PublishOptions(Builder<?> b, String clientIdPrefix) {
        this.mqttUrl = b.mqttUrl != null ? b.mqttUrl : defaultMqttUrl();
        this.topicRoot = b.topicRoot;
        this.clientId = b.clientId != null ? b.clientId
                : clientIdPrefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffffL);
        this.qos = b.qos;
        this.pack = b.pack;
        this.username = b.username;
        this.password = b.password;
        this.caFile = b.caFile;
    }

    /** MQTT user to publish as; empty: anonymous. */
    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** PEM CA file trusted for an ssl:// URL; empty: the JVM's default truststore. */
    public String caFile() {
        return caFile;
    }

    /** {@code tcp://127.0.0.1:PORT} with PORT from {@value #ENV_MQTT_PORT}, else 1883. */
    public static String defaultMqttUrl() {
        String env = System.getenv(ENV_MQTT_PORT);
        int port = 1883;
        if (env != null && !env.isBlank()) {
            try {
                port = Integer.parseInt(env.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("environment variable " + ENV_MQTT_PORT + "='" + env
                        + "' is not a port number (1..65535)");
            }
        }
        return "tcp://127.0.0.1:" + port;
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

    /**
     * Readings per MQTT message at most: 1 publishes one single-reading object per message on the sensor's topic; k
     * above 1 publishes SenML packs of up to k readings of one enterprise on {@code {root}/{enterprise}/pack}.
     */
    public int pack() {
        return pack;
    }

    /** The builder of the shared fields; {@code B} is the concrete builder, returned by every setter. */
    public abstract static class Builder<B extends Builder<B>> {
        String mqttUrl;
        String topicRoot = DEFAULT_TOPIC_ROOT;
        String clientId;
        int qos = DEFAULT_QOS;
        int pack = DEFAULT_PACK;
        String username = "";
        String password = "";
        String caFile = "";

        protected Builder() {}

        /** MQTT user and password (settings simulator.mqtt.username/password); empty user: anonymous. */
        public B credentials(String user, String pass) {
            this.username = user == null ? "" : user;
            this.password = pass == null ? "" : pass;
            return self();
        }

        /** PEM CA file trusted for an ssl:// broker URL (setting mqtt.ca-file); empty: the JVM's default truststore. */
        public B caFile(String file) {
            this.caFile = file == null ? "" : file;
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** Broker URL such as tcp://127.0.0.1:1883; null for the default ({@link #defaultMqttUrl()}). */
        public B mqttUrl(String url) {
            if (url != null) {
                String lower = url.toLowerCase(Locale.ROOT);
                if (!(lower.startsWith("tcp://") || lower.startsWith("ssl://") || lower.startsWith("ws://")
                        || lower.startsWith("wss://")) || url.indexOf("://") + 3 >= url.length()) {
                    throw new IllegalArgumentException("'" + url
                            + "' is not an MQTT broker URL; expected tcp://HOST:PORT (or ssl://, ws://, wss://)");
                }
            }
            this.mqttUrl = url;
            return self();
        }

        public B topicRoot(String root) {
            Objects.requireNonNull(root, "topicRoot");
            if (root.isEmpty() || root.startsWith("/") || root.endsWith("/") || root.contains("//")
                    || root.contains("+") || root.contains("#") || root.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("'" + root
                        + "' is not usable as topic root; expected topic levels without wildcards (+ #) or empty levels, e.g. hw");
            }
            this.topicRoot = root;
            return self();
        }

        /**
         * MQTT client id; null for a random one ({@code hw-sim-XXXXXXXX} for the simulator, {@code hw-replay-XXXXXXXX}
         * for the replay).
         */
        public B clientId(String id) {
            if (id != null && id.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank");
            }
            this.clientId = id;
            return self();
        }

        public B qos(int qos) {
            if (qos != 0 && qos != 1) {
                throw new IllegalArgumentException("qos " + qos + " is not accepted; use 0 or 1");
            }
            this.qos = qos;
            return self();
        }

        /** Readings per MQTT message at most (1..{@value #MAX_PACK}); above 1: SenML packs per enterprise. */
        public B pack(int k) {
            if (k < 1 || k > MAX_PACK) {
                throw new IllegalArgumentException("pack " + k + " is not accepted; use readings per message from 1 (no packing) to "
                        + MAX_PACK);
            }
            this.pack = k;
            return self();
        }
    }
}
