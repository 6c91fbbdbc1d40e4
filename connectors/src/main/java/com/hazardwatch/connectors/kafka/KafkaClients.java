package com.hazardwatch.connectors.kafka;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import java.util.Properties;

/**
 * The security part of every Kafka client's properties, from the settings: SASL/PLAIN user and password
 * ({@code kafka.sasl.username}, {@code kafka.sasl.password}), {@code security.protocol} and a PEM truststore. Empty when
 * no Kafka security is configured (the local stack). The one place these properties are built.
 */
public final class KafkaClients {
    private KafkaClients() {}

    /** security.protocol, sasl.mechanism, sasl.jaas.config and ssl.truststore.* as set; empty properties when none is. */
    public static Properties security(Settings s) {
        Properties p = new Properties();
        String user = s.get(HwOptions.KAFKA_SASL_USERNAME);
        String protocol = s.get(HwOptions.KAFKA_SECURITY_PROTOCOL).trim();
        if (protocol.isEmpty() && !user.isEmpty()) {
            protocol = "SASL_PLAINTEXT";
        }
        if (!protocol.isEmpty()) {
            p.put("security.protocol", protocol);
        }
        if (!user.isEmpty()) {
            if (!protocol.startsWith("SASL_")) {
                throw new IllegalArgumentException("kafka.sasl.username is set but kafka.security-protocol is " + protocol
                        + "; use SASL_PLAINTEXT or SASL_SSL (or leave it empty for SASL_PLAINTEXT)");
            }
            p.put("sasl.mechanism", "PLAIN");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                    + jaasEscape(user) + "\" password=\"" + jaasEscape(s.get(HwOptions.KAFKA_SASL_PASSWORD)) + "\";");
        }
        String trust = s.get(HwOptions.KAFKA_TRUSTSTORE).trim();
        if (!trust.isEmpty()) {
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.location", trust);
        }
        return p;
    }

    /** Adds the security properties of the settings to p and returns p. */
    public static Properties withSecurity(Properties p, Settings s) {
        p.putAll(security(s));
        return p;
    }

    private static String jaasEscape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
