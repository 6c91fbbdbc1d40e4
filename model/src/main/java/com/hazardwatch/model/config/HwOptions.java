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
    public static final Option<Integer> INFLUX_MAX_RETRIES = Option.integer("influx.max-retries", 36,
            "retries of a write InfluxDB does not answer or answers 5xx (backoff doubling from 200 ms to 10 s: 36 are about"
                    + " 5 minutes of outage, with back-pressure and no loss) before the job fails and restarts from its checkpoint");
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

    // notifications: duty roster, escalation, flood grouping, delivery (docs/notifications.md)
    public static final Option<String> TOPIC_NOTIFICATIONS = Option.text("kafka.topic.notifications", () -> "hw.notifications",
            "notification intents and delivery results (one record per attempt), key = notification id; also the notifier's durable log");
    public static final Option<String> NOTIFY_ROSTER = Option.text("notify.roster",
            () -> LocalServices.installRoot().resolve("config/roster/demo-roster.yaml").toString(),
            "duty roster (YAML): who is on duty when, at which level, reached how");
    public static final Option<Duration> NOTIFY_ESCALATION_P1 = Option.duration("notify.escalation.p1", "5m",
            "a priority 1 alarm not acknowledged this long goes to the next level (enterprise, town, district)");
    public static final Option<Duration> NOTIFY_ESCALATION_P2 = Option.duration("notify.escalation.p2", "15m",
            "the same for priority 2");
    public static final Option<Duration> NOTIFY_ESCALATION_P3 = Option.duration("notify.escalation.p3", "30m",
            "the same for priority 3");
    public static final Option<Duration> NOTIFY_ESCALATION_P4 = Option.duration("notify.escalation.p4", "60m",
            "the same for priority 4 (and unknown priority)");
    public static final Option<Integer> NOTIFY_FLOOD_THRESHOLD = Option.integer("notify.flood.threshold", 10,
            "notifications one recipient gets one by one per window; the rest of the window's go out as one grouped notification");
    public static final Option<Duration> NOTIFY_FLOOD_WINDOW = Option.duration("notify.flood.window", "10m",
            "the flood window per recipient (ISA-18.2: more than 10 alarms in 10 minutes is a flood)");
    public static final Option<Integer> NOTIFY_RETRY_MAX_ATTEMPTS = Option.integer("notify.retry.max-attempts", 5,
            "delivery attempts per notification and channel before it is reported FAILED");
    public static final Option<Duration> NOTIFY_RETRY_INITIAL_BACKOFF = Option.duration("notify.retry.initial-backoff", "2s",
            "wait before the second attempt; doubles after each failed attempt");
    public static final Option<Duration> NOTIFY_RETRY_MAX_BACKOFF = Option.duration("notify.retry.max-backoff", "2m",
            "longest wait between two attempts");
    public static final Option<String> NOTIFY_CHANNELS = Option.text("notify.channels", () -> "webhook,mqtt,email",
            "channels used (comma-separated among webhook, mqtt, email); a person's other channels are left out");
    public static final Option<Duration> NOTIFY_WEBHOOK_TIMEOUT = Option.duration("notify.webhook.timeout", "10s",
            "how long a webhook POST may take before the attempt counts as failed");
    public static final Option<String> NOTIFY_SMTP_HOST = Option.text("notify.smtp.host", () -> "127.0.0.1", "SMTP server for e-mail");
    public static final Option<Integer> NOTIFY_SMTP_PORT = Option.integer("notify.smtp.port", 25, "SMTP port");
    public static final Option<String> NOTIFY_SMTP_FROM = Option.text("notify.smtp.from", () -> "hazardwatch@localhost",
            "sender address of notification e-mail");
    public static final Option<String> NOTIFY_SMTP_USER = Option.text("notify.smtp.user", () -> "", "SMTP user (empty: no authentication)");
    public static final Option<String> NOTIFY_SMTP_PASSWORD = Option.text("notify.smtp.password", () -> "", "SMTP password");
    public static final Option<String> NOTIFY_SMTP_STARTTLS = Option.text("notify.smtp.starttls", () -> "false",
            "true: require STARTTLS before authenticating and sending");

    // web console (console/, docs/console.md)
    public static final Option<Integer> CONSOLE_PORT = Option.integer("console.port", 8080,
            "HTTP port of the web console (0: any free port)");
    public static final Option<String> CONSOLE_BIND = Option.text("console.bind", () -> "127.0.0.1",
            "address the web console listens on (0.0.0.0: every interface)");
    public static final Option<String> CONSOLE_USERS = Option.text("console.users", () -> "config/console/users.yaml",
            "console accounts: username, display name, role, PBKDF2 password hash (relative to the install root)");
    public static final Option<Duration> CONSOLE_SESSION_TIMEOUT = Option.duration("console.session-timeout", "8h",
            "a console session unused this long is ended and its user must log in again");

    // bridge: persistent session, scale-out, metrics
    public static final Option<String> BRIDGE_INSTANCE = Option.text("bridge.instance", () -> "",
            "this bridge's id among several: its MQTT client id is mqtt.client-id-{instance} (empty: mqtt.client-id); keep it across restarts");
    public static final Option<String> BRIDGE_SHARE_GROUP = Option.text("bridge.share-group", () -> "hw-bridge",
            "bridges subscribe to $share/{group}/{root}/#, so each message goes to one of them (empty: plain {root}/#)");
    public static final Option<Duration> BRIDGE_SESSION_EXPIRY = Option.duration("bridge.session-expiry", "1h",
            "how long the broker keeps the bridge's session and queues its messages while it is away (0s: clean session, no queueing)");
    public static final Option<Integer> BRIDGE_IN_FLIGHT = Option.integer("bridge.in-flight", 2000,
            "MQTT receive maximum: messages delivered to the bridge and not yet acknowledged (acknowledged once Kafka has them), 1 to 65535");
    public static final Option<Integer> BRIDGE_METRICS_PORT = Option.integer("bridge.metrics-port", 9464,
            "HTTP port of the standalone bridge's Prometheus /metrics on 127.0.0.1 (0: none)");

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
            // notifications
            TOPIC_NOTIFICATIONS, NOTIFY_ROSTER, NOTIFY_ESCALATION_P1, NOTIFY_ESCALATION_P2, NOTIFY_ESCALATION_P3, NOTIFY_ESCALATION_P4,
            NOTIFY_FLOOD_THRESHOLD, NOTIFY_FLOOD_WINDOW, NOTIFY_RETRY_MAX_ATTEMPTS, NOTIFY_RETRY_INITIAL_BACKOFF, NOTIFY_RETRY_MAX_BACKOFF,
            NOTIFY_CHANNELS, NOTIFY_WEBHOOK_TIMEOUT, NOTIFY_SMTP_HOST, NOTIFY_SMTP_PORT, NOTIFY_SMTP_FROM, NOTIFY_SMTP_USER,
            NOTIFY_SMTP_PASSWORD, NOTIFY_SMTP_STARTTLS,
            // web console
            CONSOLE_PORT, CONSOLE_BIND, CONSOLE_USERS, CONSOLE_SESSION_TIMEOUT,
            // bridge: persistent session, scale-out, metrics
            BRIDGE_INSTANCE, BRIDGE_SHARE_GROUP, BRIDGE_SESSION_EXPIRY, BRIDGE_IN_FLIGHT, BRIDGE_METRICS_PORT,
            // access control

            MQTT_CA_FILE, SIMULATOR_MQTT_USERNAME, SIMULATOR_MQTT_PASSWORD, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_USERNAME,
            KAFKA_SASL_PASSWORD, KAFKA_TRUSTSTORE, INFLUX_TOKEN);
}
