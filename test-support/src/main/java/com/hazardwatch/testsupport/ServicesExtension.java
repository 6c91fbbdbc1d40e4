package com.hazardwatch.testsupport;

import com.hazardwatch.model.config.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one way integration tests reach Mosquitto, Kafka and InfluxDB. Where a Docker engine runs, it starts the pinned
 * images of {@link ServiceImages} with Testcontainers (once per test JVM); otherwise it uses the local services that
 * {@code bin/hazardwatch stack up} starts (ports from HW_MQTT_PORT, HW_KAFKA_PORT, HW_INFLUX_PORT). If neither can be
 * had, the test fails and says how to get them: it never skips.
 *
 * <p>Use: {@code @ExtendWith(ServicesExtension.class)} and a {@link Services} parameter.
 */
public final class ServicesExtension implements ParameterResolver {
    private static Services services;
    private static final List<GenericContainer<?>> CONTAINERS = new ArrayList<>();

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Services.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return get();
    }

    public static synchronized Services get() {
        if (services == null) {
            services = "local".equals(System.getenv("HW_TEST_SERVICES")) || !dockerAvailable() ? local() : containers();
        }
        return services;
    }

    private static boolean dockerAvailable() {
        // Without a socket or DOCKER_HOST there is no engine; asking Testcontainers would only log an alarming ERROR.
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private static Services local() {
        Services s = new Services(Services.LOCAL, LocalServices.mqttUrl(), LocalServices.kafkaBootstrap(),
                LocalServices.influxUrl());
        List<String> down = new ArrayList<>();
        check("Mosquitto at " + s.mqttUrl(), () -> mqttAnswers(s.mqttUrl()), down);
        check("Kafka at " + s.kafkaBootstrap(), () -> kafkaAnswers(s.kafkaBootstrap()), down);
        check("InfluxDB at " + s.influxUrl(), () -> influxAnswers(s.influxUrl()), down);
        if (!down.isEmpty()) {
            throw new IllegalStateException("Integration tests need real Mosquitto, Kafka and InfluxDB, and these do not answer:\n  "
                    + String.join("\n  ", down)
                    + "\nThere is no Docker engine here for Testcontainers, so start the local services:"
                    + "\n  bin/hazardwatch test          (starts them, runs every test, stops them)"
                    + "\n  bin/hazardwatch stack up      (starts them and leaves them running, then: mvn verify)"
                    + "\nPorts come from HW_MQTT_PORT, HW_KAFKA_PORT and HW_INFLUX_PORT (defaults 1883, 9092, 8086).");
        }
        return s;
    }

    private static Services containers() {
        GenericContainer<?> mosquitto = new GenericContainer<>(DockerImageName.parse(ServiceImages.MOSQUITTO))
                .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf")
                .withExposedPorts(1883)
                .waitingFor(Wait.forListeningPort());
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(ServiceImages.KAFKA));
        GenericContainer<?> influx = new GenericContainer<>(DockerImageName.parse(ServiceImages.INFLUXDB))
                .withExposedPorts(8086)
                .waitingFor(Wait.forHttp("/ping").forStatusCode(204));
        for (GenericContainer<?> c : List.<GenericContainer<?>>of(mosquitto, kafka, influx)) {
            c.start();
            CONTAINERS.add(c);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CONTAINERS.forEach(GenericContainer::stop)));
        return new Services("Testcontainers",
                "tcp://" + mosquitto.getHost() + ":" + mosquitto.getMappedPort(1883),
                kafka.getBootstrapServers(),
                "http://" + influx.getHost() + ":" + influx.getMappedPort(8086));
    }

    private interface Probe {
        void run() throws Exception;
    }

    private static void check(String what, Probe probe, List<String> down) {
        try {
            probe.run();
        } catch (Exception e) {
            down.add(what + ": " + e.getMessage());
        }
    }

    private static void mqttAnswers(String url) throws Exception {
        MqttClient c = new MqttClient(url, "hw-it-probe-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setConnectionTimeout(5);
        c.connect(o);
        c.disconnect();
        c.close();
    }

    private static void kafkaAnswers(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // Generous: a broker that answers within 20 s is up, only slow (a loaded 2-core machine took over 6 s).
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        try (Admin a = Admin.create(p)) {
            a.describeCluster().nodes().get(20, TimeUnit.SECONDS);
        }
    }

    private static void influxAnswers(String url) throws Exception {
        HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("/ping answered " + r.statusCode());
        }
    }
}
