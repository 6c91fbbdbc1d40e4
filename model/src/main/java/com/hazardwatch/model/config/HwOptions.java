package com.hazardwatch.model.config;

import java.time.Duration;
import java.util.List;

/** Every setting of HazardWatch, with its default and meaning. config/hazardwatch.properties lists them too. */
public final class HwOptions {
    private HwOptions() {}

    public static final Option<String> CATALOGUE_FILE = Option.text("catalogue.file",
            () -> LocalServices.demoCatalogue().toString(), "catalogue of towns, enterprises, sources and sensors (YAML)");

    public static final Option<String> MQTT_URL = Option.text("mqtt.url", LocalServices::mqttUrl,
            "MQTT broker the bridge subscribes to");
    public static final Option<String> MQTT_TOPIC_ROOT = Option.text("mqtt.topic-root", () -> "hw",
            "first topic level of readings: {root}/{enterpriseId}/...");
    public static final Option<String> MQTT_CLIENT_ID = Option.text("mqtt.client-id", () -> "hw-bridge",
            "MQTT client id of the bridge");
    public static final Option<String> MQTT_USERNAME = Option.text("mqtt.username", () -> "", "MQTT user (empty: anonymous)");
    public static final Option<String> MQTT_PASSWORD = Option.text("mqtt.password", () -> "", "MQTT password");
    public static final Option<Integer> MQTT_MAX_PAYLOAD_BYTES = Option.integer("mqtt.max-payload-bytes", 262144,
            "a larger MQTT message goes to hw.dlq unparsed (PAYLOAD_TOO_LARGE)");
    public static final Option<Duration> BRIDGE_MAX_AGE = Option.duration("bridge.max-age", "7d",
            "the bridge sends a reading stamped further behind its clock to hw.dlq (TOO_OLD)");

    public static final Option<String> KAFKA_BOOTSTRAP = Option.text("kafka.bootstrap-servers", LocalServices::kafkaBootstrap,
            "Kafka brokers");
    public static final Option<String> TOPIC_READINGS = Option.text("kafka.topic.readings", () -> "hw.readings",
            "normalised readings, key = sensor id");
    public static final Option<String> TOPIC_ALARMS = Option.text("kafka.topic.alarms", () -> "hw.alarms",
            "alarm events, key = sensor id");
    public static final Option<String> TOPIC_DLQ = Option.text("kafka.topic.dlq", () -> "hw.dlq",
            "rejected input with its reason");
    public static final Option<String> TOPIC_CATALOGUE = Option.text("kafka.topic.catalogue", () -> "hw.catalogue",
            "catalogue changes (compacted), key = sensor id; the bridge follows it (empty: it does not)");
    public static final Option<String> TOPIC_COMMANDS = Option.text("kafka.topic.commands", () -> "hw.commands",
            "operator commands (ack, shelve, out-of-service, ...), key = sensor or alarm owner");
    public static final Option<String> TOPIC_RISK = Option.text("kafka.topic.risk", () -> "hw.risk",
            "risk level changes of sources, enterprises and towns, key = town id");
    public static final Option<Integer> TOPIC_PARTITIONS = Option.integer("kafka.topic.partitions", 4,
            "partitions of topics HazardWatch creates");
    public static final Option<String> KAFKA_GROUP = Option.text("kafka.group-id", () -> "hw-monitoring",
            "consumer group of the monitoring job");

    public static final Option<String> INFLUX_URL = Option.text("influx.url", LocalServices::influxUrl, "InfluxDB 1.x HTTP API");
    public static final Option<String> INFLUX_DATABASE = Option.text("influx.database", () -> "hazardwatch", "InfluxDB database");
    public static final Option<String> INFLUX_USERNAME = Option.text("influx.username", () -> "", "InfluxDB user (empty: none)");
    public static final Option<String> INFLUX_PASSWORD = Option.text("influx.password", () -> "", "InfluxDB password");
    public static final Option<Integer> INFLUX_BATCH_SIZE = Option.integer("influx.batch-size", 10000,
            "points per write request");
    public static final Option<Integer> INFLUX_MAX_IN_FLIGHT = Option.integer("influx.max-in-flight", 2,
            "batch writes under way at once per sink task; when all are busy the job waits (back-pressure)");
    public static final Option<Duration> INFLUX_FLUSH_INTERVAL = Option.duration("influx.flush-interval", "1s",
            "longest time a point waits in the batch");
    public static final Option<Integer> INFLUX_MAX_RETRIES = Option.integer("influx.max-retries", 8,
            "retries of a failed write (backoff doubling from 200 ms) before the job fails and restarts from its checkpoint");
    public static final Option<Duration> INFLUX_RAW_RETENTION = Option.duration("influx.raw-retention", "30d",
            "how long InfluxDB keeps readings (retention policy raw; regulation asks for at least 30 days)");
    public static final Option<Duration> INFLUX_LONG_RETENTION = Option.duration("influx.long-retention", "400d",
            "how long InfluxDB keeps 1-minute rollups, alarms and risk (retention policy long; at least a year)");

    public static final Option<Integer> JOB_PARALLELISM = Option.integer("job.parallelism", 1, "parallelism of the monitoring job");
    public static final Option<Duration> JOB_CHECKPOINT_INTERVAL = Option.duration("job.checkpoint-interval", "10s",
            "checkpoint interval of the monitoring job");
    public static final Option<String> JOB_CHECKPOINT_DIR = Option.text("job.checkpoint-dir",
            () -> LocalServices.home().resolve("checkpoints").toUri().toString(), "where checkpoints are kept");
    public static final Option<Duration> JOB_OUT_OF_ORDERNESS = Option.duration("job.out-of-orderness", "5s",
            "how late a reading may arrive behind the newest one before the watermark passes it");
    public static final Option<Duration> JOB_IDLE_TIMEOUT = Option.duration("job.idle-timeout", "30s",
            "a Kafka partition silent this long no longer holds the watermark back");
    public static final Option<Duration> JOB_MAX_FUTURE = Option.duration("job.max-future", "5m",
            "a reading stamped further ahead of the engine's clock is rejected to hw.dlq");
    public static final Option<Duration> JOB_REORDER_WINDOW = Option.duration("job.reorder-window", "0s",
            "how long a reading waits for older ones of its sensor, which are then evaluated in timestamp order (adds that much alarm latency; 0s: evaluate on arrival)");
    public static final Option<Duration> JOB_MAX_SHELVE = Option.duration("job.max-shelve", "8h",
            "the longest shelf an operator may ask for");
    public static final Option<String> JOB_STARTING_OFFSETS = Option.text("job.starting-offsets", () -> "committed",
            "where the job starts reading hw.readings when it has no checkpoint: committed (else earliest), earliest, latest");

    // access control: MQTT TLS trust and per-role credentials, Kafka SASL, InfluxDB token (docs/security.md)
    public static final Option<String> MQTT_CA_FILE = Option.text("mqtt.ca-file", () -> "",
            "PEM file of the CA that MQTT clients trust for ssl:// URLs (empty: the JVM's default truststore)");
    public static final Option<String> SIMULATOR_MQTT_USERNAME = Option.text("simulator.mqtt.username", () -> "",
            "MQTT user the simulator publishes as (empty: anonymous); bin/hazardwatch users init creates hw-sim");
    public static final Option<String> SIMULATOR_MQTT_PASSWORD = Option.text("simulator.mqtt.password", () -> "",
            "password of simulator.mqtt.username");
    public static final Option<String> KAFKA_SECURITY_PROTOCOL = Option.text("kafka.security-protocol", () -> "",
            "Kafka security.protocol (empty: PLAINTEXT, or SASL_PLAINTEXT when kafka.sasl.username is set; SASL_SSL for TLS)");
    public static final Option<String> KAFKA_SASL_USERNAME = Option.text("kafka.sasl.username", () -> "",
            "Kafka SASL/PLAIN user of every producer, consumer and admin client (empty: no SASL)");
    public static final Option<String> KAFKA_SASL_PASSWORD = Option.text("kafka.sasl.password", () -> "",
            "password of kafka.sasl.username");
    public static final Option<String> KAFKA_TRUSTSTORE = Option.text("kafka.ssl.truststore", () -> "",
            "PEM file of the CA that Kafka clients trust with SASL_SSL/SSL (empty: the JVM's default truststore)");
    public static final Option<String> INFLUX_TOKEN = Option.text("influx.token", () -> "",
            "InfluxDB API token, sent as 'Authorization: Token ...' (InfluxDB 2.x/3.x 1.x-compatible API); wins over influx.username");

    public static final List<Option<?>> ALL = List.of(CATALOGUE_FILE, MQTT_URL, MQTT_TOPIC_ROOT, MQTT_CLIENT_ID, MQTT_USERNAME,
            MQTT_PASSWORD, MQTT_MAX_PAYLOAD_BYTES, BRIDGE_MAX_AGE, KAFKA_BOOTSTRAP, TOPIC_READINGS, TOPIC_ALARMS, TOPIC_DLQ, TOPIC_CATALOGUE, TOPIC_COMMANDS, TOPIC_RISK, TOPIC_PARTITIONS,
            KAFKA_GROUP, INFLUX_URL, INFLUX_DATABASE, INFLUX_USERNAME, INFLUX_PASSWORD, INFLUX_BATCH_SIZE, INFLUX_MAX_IN_FLIGHT, INFLUX_FLUSH_INTERVAL, INFLUX_MAX_RETRIES,
            INFLUX_RAW_RETENTION, INFLUX_LONG_RETENTION,
            JOB_PARALLELISM, JOB_CHECKPOINT_INTERVAL, JOB_CHECKPOINT_DIR, JOB_OUT_OF_ORDERNESS, JOB_IDLE_TIMEOUT,
            JOB_MAX_FUTURE, JOB_REORDER_WINDOW, JOB_MAX_SHELVE, JOB_STARTING_OFFSETS,
            MQTT_CA_FILE, SIMULATOR_MQTT_USERNAME, SIMULATOR_MQTT_PASSWORD, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_USERNAME,
            KAFKA_SASL_PASSWORD, KAFKA_TRUSTSTORE, INFLUX_TOKEN);
}
