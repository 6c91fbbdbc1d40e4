package com.hazardwatch.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.config.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
    @Test
    void nothingByDefault() {
        assertTrue(KafkaClients.security(Settings.defaults()).isEmpty());
    }

    @Test
    void saslPlainFromTheSettings() {
        Properties p = KafkaClients.security(Settings.of(Map.of("kafka.sasl.username", "hw", "kafka.sasl.password", "p\"w")));
        assertEquals("SASL_PLAINTEXT", p.get("security.protocol"));
        assertEquals("PLAIN", p.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"hw\" password=\"p\\\"w\";",
                p.get("sasl.jaas.config"));
    }

    @Test
    void saslSslWithAPemTruststore() {
        Properties p = KafkaClients.security(Settings.of(Map.of("kafka.sasl.username", "hw", "kafka.security-protocol", "SASL_SSL",
                "kafka.ssl.truststore", "/etc/hw/ca.pem")));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("PEM", p.get("ssl.truststore.type"));
        assertEquals("/etc/hw/ca.pem", p.get("ssl.truststore.location"));
    }

    @Test
    void aSaslUserWithoutASaslProtocolIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaClients.security(
                Settings.of(Map.of("kafka.sasl.username", "hw", "kafka.security-protocol", "SSL"))));
        assertTrue(e.getMessage().contains("SASL_PLAINTEXT or SASL_SSL"), e.getMessage());
    }
}
