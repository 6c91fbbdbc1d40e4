package com.hazardwatch.connectors.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.testsupport.BridgeProcess;
import com.hazardwatch.testsupport.TestCatalogues;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client id, subscription and metrics of the bridge, from its settings and counters. */
class BridgeSettingsTest {
    @Test
    void clientIdIsStableAndNamesTheInstance() {
        Settings s = Settings.of(Map.of("mqtt.client-id", "hw-bridge"));
        assertEquals("hw-bridge", MqttKafkaBridge.clientId(s));
        assertEquals("hw-bridge-2", MqttKafkaBridge.clientId(s.with(HwOptions.BRIDGE_INSTANCE, "2")));
        assertEquals(MqttKafkaBridge.clientId(s.with(HwOptions.BRIDGE_INSTANCE, "2")),
                MqttKafkaBridge.clientId(s.with(HwOptions.BRIDGE_INSTANCE, "2")), "same id on every start");
    }

    @Test
    void withoutAPersistentSessionTheClientIdGetsARandomSuffix() {
        Settings s = Settings.of(Map.of("mqtt.client-id", "hw-bridge", "bridge.session-expiry", "0s"));
        String id = MqttKafkaBridge.clientId(s);
        assertTrue(id.startsWith("hw-bridge-") && id.length() == "hw-bridge-".length() + 8, id);
        assertTrue(!id.equals(MqttKafkaBridge.clientId(s)));
    }

    @Test
    void shareGroupMakesASharedSubscriptionAndEmptyAPlainOne() {
        Settings s = Settings.of(Map.of("mqtt.topic-root", "hw"));
        assertEquals("$share/hw-bridge/hw/#", MqttKafkaBridge.filter(s));
        assertEquals("hw/#", MqttKafkaBridge.filter(s.with(HwOptions.BRIDGE_SHARE_GROUP, "")));
        assertThrows(IllegalArgumentException.class, () -> MqttKafkaBridge.filter(s.with(HwOptions.BRIDGE_SHARE_GROUP, "a/b")));
    }

    @Test
    void inFlightOutsideWhatMqttAllowsIsRefused() {
        Settings s = Settings.of(Map.of("bridge.in-flight", "70000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MqttKafkaBridge(s, TestCatalogues.threeSensors()));
        assertTrue(e.getMessage().contains("bridge.in-flight"), e.getMessage());
    }

    @Test
    void metricsAreValidPrometheusTextWithEveryReason() {
        BridgeStats st = new BridgeStats();
        st.received.addAndGet(7);
        st.forwarded.addAndGet(5);
        st.reject(RejectReason.MALFORMED_JSON);
        st.acked.addAndGet(6);
        st.unacked = () -> 3;
        String text = BridgeMetrics.render(st);
        Map<String, Double> m = BridgeProcess.parseMetrics(text);
        assertEquals(7.0, m.get("hw_bridge_received_total"));
        assertEquals(5.0, m.get("hw_bridge_forwarded_total"));
        assertEquals(1.0, m.get("hw_bridge_rejected_total{reason=\"MALFORMED_JSON\"}"));
        assertEquals(0.0, m.get("hw_bridge_rejected_total{reason=\"DUPLICATE\"}"));
        assertEquals(6.0, m.get("hw_bridge_acked_total"));
        assertEquals(3.0, m.get("hw_bridge_unacked"));
        assertEquals(0.0, m.get("hw_bridge_connected"));
        assertTrue(m.containsKey("hw_bridge_kafka_errors_total") && m.containsKey("hw_bridge_reconnects_total"));
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP hw_bridge_") || line.startsWith("# TYPE hw_bridge_") || line.matches("hw_bridge_[a-z_]+(\\{reason=\"[A-Z_]+\"})? \\d+"),
                    "not Prometheus text: " + line);
        }
    }
}
