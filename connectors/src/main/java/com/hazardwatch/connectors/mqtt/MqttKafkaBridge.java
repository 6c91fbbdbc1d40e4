package com.hazardwatch.connectors.mqtt;

import com.hazardwatch.connectors.kafka.CatalogueDiff;
import com.hazardwatch.connectors.kafka.CatalogueFollower;
import com.hazardwatch.connectors.kafka.CatalogueTopic;
import com.hazardwatch.connectors.kafka.KafkaClients;
import com.hazardwatch.connectors.kafka.KafkaTopics;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.config.TlsTrust;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectedInputException;
import com.hazardwatch.model.json.DeadLetterCodec;
import com.hazardwatch.model.json.ReadingCodec;
import com.hazardwatch.model.json.SenmlCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT to Kafka: subscribes to {root}/# (QoS 1), validates every message against the reading contract and the
 * catalogue ({@link ReadingCodec#decodeMqtt}: a single reading or a SenML pack of many) and the bridge's own limits
 * ({@link BridgeChecks}: payload size before parsing, too old, too far ahead, duplicate), and produces every accepted
 * reading to hw.readings (key = sensor id) and every rejection, with its reason, to hw.dlq: one dead letter per
 * rejected SenML record (its detail names the record index, its payload is the whole message). It never stops on bad
 * input. Paho's callback only enqueues; one worker thread validates and produces, so Paho is never called from its own
 * callback (see PLATFORM.md).
 *
 * <p>The sensors it knows start as the catalogue it is built with (revision 0). When the setting kafka.topic.catalogue
 * names a topic, the bridge follows it ({@link CatalogueFollower}): an entry with a higher revision than the one held
 * replaces the sensor's definition, a removal makes the sensor unknown (its readings then go to hw.dlq as
 * UNKNOWN_SENSOR). {@link #start()} returns once what was on that topic has been applied.
 */
public final class MqttKafkaBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttKafkaBridge.class);
    private static final int QUEUE_CAPACITY = 100_000;

    private record Inbound(String topic, byte[] payload, long receivedAt) {}

    private static final Duration CATALOGUE_CATCH_UP = Duration.ofSeconds(30);

    private final Settings settings;
    private final Catalogue initial;
    /** Latest entry per sensor, removals included (their revision must keep older definitions out). */
    private final ConcurrentHashMap<String, CatalogueEntry> entries = new ConcurrentHashMap<>();
    /** The known sensors as ReadingCodec takes them: rebuilt from entries after each batch, so a push applies as a whole. */
    private volatile Catalogue catalogue;
    private volatile long catalogueRevision;
    /** Per revision of the batch being applied: sensors updated, sensors removed (follower thread only). */
    private final TreeMap<Long, int[]> batch = new TreeMap<>();
    private final String catalogueTopic;
    private final String topicRoot;
    private final String readingsTopic;
    private final String dlqTopic;
    private final BridgeStats stats = new BridgeStats();
    /** Size, age, future and duplicate checks; used by the forwarder thread only. */
    private final BridgeChecks checks;
    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bridge-control"));
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<byte[], byte[]> producer;
    private MqttAsyncClient mqtt;
    private CatalogueFollower follower;

    public MqttKafkaBridge(Settings settings, Catalogue catalogue) {
        this.settings = settings;
        this.initial = catalogue;
        this.catalogue = catalogue;
        for (Sensor s : catalogue.sensors()) {
            entries.put(s.id(), CatalogueEntry.of(s, 0));
        }
        this.catalogueTopic = settings.get(HwOptions.TOPIC_CATALOGUE).trim();
        this.topicRoot = settings.get(HwOptions.MQTT_TOPIC_ROOT);
        this.readingsTopic = settings.get(HwOptions.TOPIC_READINGS);
        this.dlqTopic = settings.get(HwOptions.TOPIC_DLQ);
        this.checks = BridgeChecks.of(settings);
    }

    /** Connects to Kafka and MQTT and starts forwarding; returns once subscribed. */
    public void start() throws MqttException {
        String bootstrap = settings.get(HwOptions.KAFKA_BOOTSTRAP);
        KafkaTopics.ensure(bootstrap, KafkaClients.security(settings), settings.get(HwOptions.TOPIC_PARTITIONS), Map.of(),
                readingsTopic, dlqTopic);
        if (!catalogueTopic.isEmpty()) {
            followCatalogue(bootstrap);
        }
        producer = new KafkaProducer<>(KafkaClients.withSecurity(producerProperties(bootstrap), settings));
        running = true;
        worker = new Thread(this::forwardLoop, "bridge-forwarder");
        worker.start();

        String clientId = settings.get(HwOptions.MQTT_CLIENT_ID) + "-" + UUID.randomUUID().toString().substring(0, 8);
        mqtt = new MqttAsyncClient(settings.get(HwOptions.MQTT_URL), clientId, new MemoryPersistence());
        mqtt.setCallback(new Callback());
        MqttConnectionOptions opts = new MqttConnectionOptions();
        opts.setCleanStart(true);
        opts.setAutomaticReconnect(true);
        opts.setAutomaticReconnectDelay(1, 30);
        opts.setReceiveMaximum(1000);
        String user = settings.get(HwOptions.MQTT_USERNAME);
        if (!user.isEmpty()) {
            opts.setUserName(user);
            opts.setPassword(settings.get(HwOptions.MQTT_PASSWORD).getBytes(StandardCharsets.UTF_8));
        }
        opts.setSocketFactory(TlsTrust.forMqtt(settings.get(HwOptions.MQTT_URL), settings.get(HwOptions.MQTT_CA_FILE)));
        mqtt.connect(opts).waitForCompletion(30_000);
        subscribe();
        control.scheduleAtFixedRate(() -> LOG.info("bridge: {}", stats), 10, 10, TimeUnit.SECONDS);
        LOG.info("bridge: {} -> Kafka {} ({}, dead letters {})", settings.get(HwOptions.MQTT_URL) + " " + filter(), bootstrap,
                readingsTopic, dlqTopic);
    }

    /** Applies what is on the catalogue topic before taking readings, then keeps following it. */
    private void followCatalogue(String bootstrap) {
        CatalogueTopic.ensure(bootstrap, KafkaClients.security(settings), catalogueTopic);
        follower = CatalogueFollower.start(bootstrap, KafkaClients.security(settings), catalogueTopic, this::apply, this::endOfBatch);
        if (follower.awaitCaughtUp(CATALOGUE_CATCH_UP)) {
            LOG.info("catalogue: following {} ({} sensors known, revision {})", catalogueTopic, catalogue.sensorCount(),
                    catalogueRevision);
        } else {
            LOG.warn("catalogue: {} not read to its end within {} s; starting with {} sensors, the rest applies as it arrives",
                    catalogueTopic, CATALOGUE_CATCH_UP.toSeconds(), catalogue.sensorCount());
        }
    }

    /** One entry from the catalogue topic, on the follower's thread; visible to readings at the end of its batch. */
    private void apply(CatalogueEntry e) {
        CatalogueEntry held = entries.get(e.sensorId());
        if (!CatalogueTopic.replaces(e, held)) {
            return;
        }
        entries.put(e.sensorId(), e);
        boolean wasKnown = held != null && !held.removed();
        int[] counts = batch.computeIfAbsent(e.revision(), r -> new int[2]);
        if (e.removed()) {
            counts[1] += wasKnown ? 1 : 0;
        } else if (!wasKnown || !CatalogueDiff.sameDefinition(held.sensor(), e.sensor())) {
            counts[0]++;
        }
    }

    /** Publishes the entries applied since the last batch to the forwarder, with one log line per revision. */
    private void endOfBatch() {
        if (batch.isEmpty()) {
            return;
        }
        catalogue = new Catalogue(initial.name(), initial.towns(), initial.enterprises(),
                entries.values().stream().filter(e -> !e.removed()).map(CatalogueEntry::sensor).toList());
        catalogueRevision = Math.max(catalogueRevision, batch.lastKey());
        batch.forEach((revision, c) -> {
            if (c[0] + c[1] > 0) {
                LOG.info("catalogue: {} sensor{} updated, {} removed (revision {})", c[0], c[0] == 1 ? "" : "s", c[1], revision);
            }
        });
        batch.clear();
    }

    /** The highest catalogue revision applied (0: only the catalogue the bridge was built with). */
    public long catalogueRevision() {
        return catalogueRevision;
    }

    /** A sensor as the bridge knows it now, from its catalogue or the catalogue topic. */
    public Optional<Sensor> sensor(String id) {
        CatalogueEntry e = entries.get(id);
        return e == null || e.removed() ? Optional.empty() : Optional.of(e.sensor());
    }

    private String filter() {
        return topicRoot + "/#";
    }

    private void subscribe() throws MqttException {
        IMqttToken t = mqtt.subscribe(filter(), 1);
        t.waitForCompletion(30_000);
    }

    public BridgeStats stats() {
        return stats;
    }

    /** Messages received but not yet handed to Kafka. */
    public int backlog() {
        return queue.size();
    }

    private void forwardLoop() {
        while (running || !queue.isEmpty()) {
            Inbound in;
            try {
                in = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (in != null) {
                forward(in);
            }
        }
    }

    private void forward(Inbound in) {
        try {
            RejectedInputException tooLarge = checks.size(in.payload);
            ReadingCodec.Decoded decoded = tooLarge != null ? new ReadingCodec.Decoded(List.of(), List.of(tooLarge))
                    : ReadingCodec.decodeMqtt(in.topic, in.payload, topicRoot, catalogue, in.receivedAt);
            List<Reading> accepted = new ArrayList<>(decoded.readings().size());
            List<RejectedInputException> rejects = new ArrayList<>(decoded.rejects());
            for (Reading r : decoded.readings()) {
                RejectedInputException e = checks.check(r, in.receivedAt);
                if (e == null) {
                    accepted.add(r);
                } else {
                    rejects.add(e);
                }
            }
            for (Reading r : accepted) {
                producer.send(new ProducerRecord<>(readingsTopic, r.sensor().getBytes(StandardCharsets.UTF_8), ReadingCodec.toJson(r)),
                        (md, ex) -> {
                            if (ex == null) {
                                stats.forwarded.incrementAndGet();
                            } else {
                                stats.sendFailures.incrementAndGet();
                                LOG.error("bridge: Kafka did not take reading {} from {}: {}", r, in.topic, ex.toString());
                            }
                        });
            }
            // One dead letter per rejected record, each with the whole message: nothing is lost, each can be traced.
            for (RejectedInputException e : rejects) {
                DeadLetter d = DeadLetterCodec.of(e, in.topic, in.receivedAt, in.payload, "bridge");
                producer.send(new ProducerRecord<>(dlqTopic, in.topic.getBytes(StandardCharsets.UTF_8), DeadLetterCodec.toJson(d)),
                        (md, ex) -> {
                            if (ex == null) {
                                stats.reject(e.reason());
                            } else {
                                stats.sendFailures.incrementAndGet();
                                LOG.error("bridge: Kafka did not take dead letter {}: {}", d, ex.toString());
                            }
                        });
            }
            if (tooLarge == null && SenmlCodec.isPack(in.payload)) {
                stats.packs.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // A bug must not stop the bridge: say so loudly, count it, go on with the next message.
            stats.sendFailures.incrementAndGet();
            LOG.error("bridge: cannot forward message from {}", in.topic, e);
        }
    }

    private Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "hw-bridge");
        return p;
    }

    /** Stops taking messages, hands what was received to Kafka, then disconnects. */
    @Override
    public void close() {
        try {
            if (mqtt != null && mqtt.isConnected()) {
                mqtt.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.warn("bridge: MQTT disconnect: {}", e.toString());
        }
        running = false;
        if (worker != null) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.flush();
            producer.close();
        }
        if (follower != null) {
            follower.close();
        }
        control.shutdownNow();
        try {
            if (mqtt != null) {
                mqtt.close();
            }
        } catch (MqttException e) {
            LOG.warn("bridge: MQTT close: {}", e.toString());
        }
        LOG.info("bridge stopped: {}", stats);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            stats.received.incrementAndGet();
            // Blocks Paho when the forwarder is behind: back-pressure towards the broker instead of loss.
            queue.put(new Inbound(topic, message.getPayload(), System.currentTimeMillis()));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                stats.reconnects.incrementAndGet();
                LOG.warn("bridge: reconnected to {}, subscribing again", serverURI);
                // Never call Paho from its own callback thread.
                control.execute(() -> {
                    try {
                        subscribe();
                    } catch (MqttException e) {
                        LOG.error("bridge: cannot subscribe again after reconnect", e);
                    }
                });
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (running) {
                LOG.warn("bridge: MQTT connection lost ({}); reconnecting", response);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.error("bridge: MQTT error", exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
