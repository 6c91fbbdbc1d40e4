package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several connections: an enterprise's messages always over the same one, the enterprises spread over all. */
class MqttTransportTest {
    @Test
    void oneEnterpriseAlwaysGoesOverTheSameConnectionAndTheEnterprisesSpreadEvenly() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SimulatorOptions options = SimulatorOptions.builder().mqttUrl("tcp://127.0.0.1:1").topicRoot("load/run1")
                .clientId("hw-sim-x").connections(4).build();
        MqttTransport t = MqttTransport.of(options);
        assertEquals(4, t.connections());
        Map<String, Integer> seen = new HashMap<>();
        int[] enterprisesPer = new int[4];
        for (int round = 0; round < 3; round++) {
            for (Sensor s : demo.sensors()) {
                for (String topic : new String[] {TrafficPlan.topic(options.topicRoot(), s),
                        options.topicRoot() + "/" + s.enterprise() + "/pack"}) {
                    int c = t.connectionOf(topic);
                    assertTrue(c >= 0 && c < 4);
                    Integer before = seen.putIfAbsent(s.enterprise(), c);
                    if (before == null) {
                        enterprisesPer[c]++;
                    } else {
                        assertEquals(before, c, s.enterprise() + " moved from connection " + before + " to " + c);
                    }
                }
            }
        }
        assertEquals(23, seen.size());
        for (int n : enterprisesPer) {
            assertTrue(n == 5 || n == 6, "23 enterprises over 4 connections: " + java.util.Arrays.toString(enterprisesPer));
        }
        assertEquals("E01", t.enterpriseOf("load/run1/E01/E01-S1/E01-LT101"));
        assertEquals("E14", t.enterpriseOf("load/run1/E14/pack"));
    }

    @Test
    void clientIdsAreTheOptionsIdThenNumbered() {
        MqttTransport t = new MqttTransport("tcp://127.0.0.1:1", "hw-sim-ab", "hw", 3);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ids.add(t.clientId(i));
        }
        assertEquals(Set.of("hw-sim-ab", "hw-sim-ab-2", "hw-sim-ab-3"), ids);
        assertEquals(0, new MqttTransport("tcp://127.0.0.1:1", "a", "hw", 1).connectionOf("hw/E07/pack"));
        assertFalse(t.isConnected(), "not connected before connect()");
    }

    @Test
    void connectionsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.builder().connections(0));
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.builder().connections(SimulatorOptions.MAX_CONNECTIONS + 1));
        assertEquals(1, SimulatorOptions.builder().build().connections());
        assertEquals(8, SimulatorOptions.builder().connections(8).build().toBuilder().build().connections());
    }

    @Test
    void anUnreachableBrokerNamesTheConnection() {
        MqttTransport t = new MqttTransport("tcp://127.0.0.1:1", "hw-sim-test", "hw", 2);
        SimulatorException e = assertThrows(SimulatorException.class, () -> t.connect(new Transport.Listener() {
            @Override
            public void delivered(Object context, int reasonCode) {}

            @Override
            public void lost(Object context, Throwable cause) {}

            @Override
            public void connectionLost(String why) {}

            @Override
            public void connected(boolean reconnect, String serverUri) {}

            @Override
            public void error(String message) {}
        }));
        assertTrue(e.getMessage().contains("connection 1 of 2"), e.getMessage());
        t.close();
    }
}
