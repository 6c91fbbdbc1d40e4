package com.hazardwatch.connectors.mqtt.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.TlsTrust;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.RepoFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Passwords and ACLs on a real Mosquitto: a second broker started by this test from the password and ACL files
 * {@link MqttUsers} writes for the demo catalogue, with a plain and a TLS listener ({@link SelfSignedTls}), so the
 * shared stack stays anonymous for the other tests. Ports: HW_MQTT_AUTH_TEST_PORT and HW_MQTT_AUTH_TEST_TLS_PORT when
 * set, else free ones.
 */
class MqttAclIT {
    private static final long WAIT_MS = 10_000;
    private static Path dir;
    private static Process broker;
    private static MqttUsers users;
    private static String plainUrl;
    private static String tlsUrl;
    private static SSLSocketFactory trustingCa;

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("hw-mqtt-acl-");
        users = new MqttUsers();
        users.addForCatalogue(CatalogueLoader.load(RepoFiles.demoCatalogue()));
        Path passwd = dir.resolve("mosquitto.passwd");
        Path acl = dir.resolve("mosquitto.acl");
        users.writeMosquittoFiles(passwd, acl, "hw");
        SelfSignedTls.Files4 tls = SelfSignedTls.create(dir.resolve("tls"), 2);
        trustingCa = TlsTrust.socketFactory(tls.caCert());
        int port = port("HW_MQTT_AUTH_TEST_PORT");
        int tlsPort = port("HW_MQTT_AUTH_TEST_TLS_PORT");
        Path log = dir.resolve("mosquitto.log");
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "per_listener_settings false",
                "allow_anonymous false",
                "password_file " + passwd,
                "acl_file " + acl,
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest file " + log,
                "log_type all",
                "listener " + port + " 127.0.0.1",
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + tls.caCert(),
                "certfile " + tls.serverCert(),
                "keyfile " + tls.serverKey(),
                ""), StandardCharsets.UTF_8);
        broker = new ProcessBuilder(mosquitto(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        awaitPort(port, log);
        awaitPort(tlsPort, log);
        plainUrl = "tcp://127.0.0.1:" + port;
        tlsUrl = "ssl://127.0.0.1:" + tlsPort;
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(5, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    @Test
    void gatewayPublishesOnlyUnderItsEnterpriseAndTheBridgeReadsIt() throws Exception {
        try (MqttTestClient shared = as(MqttUsers.BRIDGE); MqttTestClient plain = as(MqttUsers.BRIDGE);
             MqttTestClient gw = as("gw-E01")) {
            shared.subscribe("$share/hw-bridge/hw/#");
            plain.subscribe("hw/#");
            gw.publish("hw/E01/own", "own");
            awaitPayload(shared, "own");
            awaitPayload(plain, "own");

            // Mosquitto 2.0 acknowledges a PUBLISH the ACL denies and drops it: no exception, nothing delivered
            gw.publish("hw/E02/foreign", "foreign");
            gw.publish("hw/E01/after", "after");
            awaitPayload(plain, "after"); // same connection, in order: had "foreign" been delivered, it would be here now
            awaitPayload(shared, "after");
            assertNoPayload(plain, "foreign");
            assertNoPayload(shared, "foreign");
            assertEquals(List.of("own", "after"), payloads(plain));
        }
    }

    @Test
    void bridgeCannotPublish() throws Exception {
        try (MqttTestClient bridge = as(MqttUsers.BRIDGE); MqttTestClient reader = as(MqttUsers.BRIDGE);
             MqttTestClient gw = as("gw-E03")) {
            reader.subscribe("hw/#");
            bridge.publish("hw/E03/forged", "forged");
            gw.publish("hw/E03/sentinel", "sentinel-3");
            awaitPayload(reader, "sentinel-3");
            assertNoPayload(reader, "forged");
        }
    }

    @Test
    void alertsUserPublishesAlertsOnly() throws Exception {
        try (MqttTestClient reader = as(MqttUsers.BRIDGE); MqttTestClient alerts = as(MqttUsers.ALERTS);
             MqttTestClient gw = as("gw-E05")) {
            reader.subscribe("hw/#");
            alerts.publish("hw/alerts/E05", "alert");
            alerts.publish("hw/E05/forged", "forged-by-alerts");
            gw.publish("hw/E05/sentinel", "sentinel-5");
            awaitPayload(reader, "alert");
            awaitPayload(reader, "sentinel-5");
            assertNoPayload(reader, "forged-by-alerts");
        }
    }

    @Test
    void wrongPasswordAndAnonymousAreRefused() {
        MqttException wrong = assertThrows(MqttException.class, () -> new MqttTestClient(plainUrl, options("gw-E01", "not-it", null)).close());
        assertTrue(wrong.getReasonCode() == 0x86 || wrong.getReasonCode() == 0x87 || wrong.getReasonCode() == 4
                || wrong.getReasonCode() == 5, "refused as bad user name or password / not authorized: " + wrong);
        assertThrows(MqttException.class, () -> new MqttTestClient(plainUrl, options(null, null, null)).close());
    }

    @Test
    void tlsWorksWithTheGeneratedCaAndFailsWithoutIt() throws Exception {
        try (MqttTestClient reader = as(MqttUsers.BRIDGE);
             MqttTestClient overTls = new MqttTestClient(tlsUrl, options(MqttUsers.SIMULATOR, pw(MqttUsers.SIMULATOR), trustingCa))) {
            reader.subscribe("hw/#");
            overTls.publish("hw/E02/tls", "over-tls");
            awaitPayload(reader, "over-tls");
        }
        // the JVM's default truststore does not know the test CA: the handshake fails
        assertThrows(MqttException.class,
                () -> new MqttTestClient(tlsUrl, options(MqttUsers.SIMULATOR, pw(MqttUsers.SIMULATOR), null)).close());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static MqttTestClient as(String user) throws MqttException {
        return new MqttTestClient(plainUrl, options(user, pw(user), null));
    }

    private static String pw(String user) {
        return users.get(user).password();
    }

    private static MqttConnectionOptions options(String user, String password, SSLSocketFactory tls) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(5);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (tls != null) {
            o.setSocketFactory(tls);
        }
        return o;
    }

    private static List<String> payloads(MqttTestClient c) {
        return c.received().stream().map(MqttTestClient.Message::payload).toList();
    }

    private static void awaitPayload(MqttTestClient c, String payload) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < end) {
            if (payloads(c).contains(payload)) {
                return;
            }
            Thread.sleep(20);
        }
        fail("'" + payload + "' did not arrive within " + WAIT_MS + " ms; received " + payloads(c));
    }

    private static void assertNoPayload(MqttTestClient c, String payload) {
        assertTrue(!payloads(c).contains(payload), "'" + payload + "' was delivered but the ACL denies it: " + payloads(c));
    }

    private static String mosquitto() {
        for (String p : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("no mosquitto binary in /usr/sbin, /usr/bin or /usr/local/sbin: install the Debian"
                + " package mosquitto (bin/hazardwatch stack up does it as root)");
    }

    private static int port(String env) throws IOException {
        String v = System.getenv(env);
        if (v != null && !v.isBlank()) {
            return Integer.parseInt(v.trim());
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, Path log) throws Exception {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < end) {
            if (!broker.isAlive()) {
                fail("mosquitto exited with " + broker.exitValue() + ": " + read(dir.resolve("stdout.log")) + read(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("mosquitto did not listen on " + port + " within " + WAIT_MS + " ms: " + read(log));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
