package com.hazardwatch.testsupport;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where the real services of an integration test are: Mosquitto, Kafka, InfluxDB. Obtained through
 * {@link ServicesExtension}; never a mock.
 */
public record Services(String mode, String mqttUrl, String kafkaBootstrap, String influxUrl) {

    /**
     * Settings pointing at these services, with topics, MQTT root, consumer group and database unique to one test
     * run so tests never see each other's data.
     */
    public Settings isolatedSettings(String testName) {
        String id = testName.toLowerCase().replaceAll("[^a-z0-9]", "") + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> m = new LinkedHashMap<>();
        m.put(HwOptions.MQTT_URL.key(), mqttUrl);
        m.put(HwOptions.MQTT_TOPIC_ROOT.key(), "it-" + id);
        m.put(HwOptions.MQTT_CLIENT_ID.key(), "it-bridge-" + id);
        m.put(HwOptions.KAFKA_BOOTSTRAP.key(), kafkaBootstrap);
        m.put(HwOptions.TOPIC_READINGS.key(), "it." + id + ".readings");
        m.put(HwOptions.TOPIC_ALARMS.key(), "it." + id + ".alarms");
        m.put(HwOptions.TOPIC_DLQ.key(), "it." + id + ".dlq");
        m.put(HwOptions.TOPIC_CATALOGUE.key(), "it." + id + ".catalogue");
        m.put(HwOptions.TOPIC_COMMANDS.key(), "it." + id + ".commands");
        m.put(HwOptions.TOPIC_RISK.key(), "it." + id + ".risk");
        m.put(HwOptions.TOPIC_NOTIFICATIONS.key(), "it." + id + ".notifications");
        m.put(HwOptions.KAFKA_GROUP.key(), "it-" + id);
        m.put(HwOptions.INFLUX_URL.key(), influxUrl);
        m.put(HwOptions.INFLUX_DATABASE.key(), "it_" + id);
        m.put(HwOptions.INFLUX_FLUSH_INTERVAL.key(), "200ms");
        m.put(HwOptions.JOB_CHECKPOINT_INTERVAL.key(), "2s");
        m.put(HwOptions.JOB_STARTING_OFFSETS.key(), "earliest");
        return Settings.of(m);
    }
}
