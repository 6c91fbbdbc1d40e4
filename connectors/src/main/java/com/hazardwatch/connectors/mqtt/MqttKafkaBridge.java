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
import java.util.concurrent.atomic.AtomicLong;
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
 * input.
 *
 * <p>Lossless: the bridge holds an MQTT v5 persistent session (clean start off, session expiry
 * {@code bridge.session-expiry}, a stable client id {@code mqtt.client-id[-bridge.instance]}) and acknowledges a message
 * to the broker only once Kafka (idempotent producer, acks=all) has acknowledged every record it produced, dead letters
 * included ({@link AckWindow}; Paho's manual acknowledgements). Whatever dies when, a message the broker counts as
 * delivered is in Kafka; one that is not is delivered again, to this bridge when it comes back (possibly twice in
 * Kafka: at-least-once). When Kafka refuses a record after its retries, the message is not acknowledged and the bridge
 * disconnects and reconnects (backing off from 1 s to 30 s), so that the broker delivers again everything not
 * acknowledged.
 *
 * <p>Scale-out: with {@code bridge.share-group} set, bridges subscribe to {@code $share/{group}/{root}/#}, so the broker
 * gives each message to one of them. Threads: Paho's callback only enqueues; one forwarder thread validates and
 * produces; one acknowledger thread sends the acknowledgements, in arrival order; reconnecting runs on a control thread.
 * Paho is never called from its own callback thread (see PLATFORM.md).
 *
 * <p>The sensors it knows start as the catalogue it is built with (revision 0). When the setting kafka.topic.catalogue
 * names a topic, the bridge follows it ({@link CatalogueFollower}): an entry with a higher revision than the one held
 * replaces the sensor's definition, a removal makes the sensor unknown (its readings then go to hw.dlq as
 * UNKNOWN_SENSOR). {@link #start()} returns once what was on that topic has been applied.
 */
public final class MqttKafkaBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttKafkaBridge.class);
    private static final int QUEUE_CAPACITY = 100_000;

    /** A message as Paho delivered it: packet identifier, QoS and the number of the connection it came on. */
    private record Inbound(String topic, byte[] payload, long receivedAt, int messageId, int qos, long connection) {}

    /** Longest wait between deliberate reconnections after Kafka refused records. */
    private static final long MAX_RESUME_BACKOFF_MS = 30_000;

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
    /** Size, age, future and duplicate checks: by the forwarder; a reading Kafka refused is forgotten again. */
    private final BridgeChecks checks;
    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AckWindow window = new AckWindow();
    /** Number of the MQTT connection in use: raised when one is lost, so no acknowledgement crosses connections. */
    private final AtomicLong connection = new AtomicLong();
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bridge-control"));
    private volatile boolean running;
    /** Closing, and Kafka has answered every record sent: the acknowledger stops once it has sent what is due. */
    private volatile boolean flushed;
    private Thread worker;
    private Thread acker;
    private final String clientId;
    private final boolean persistent;
    private MqttConnectionOptions connectOptions;
    /** The connection number whose failure a resume is already handling (control thread only). */
    private long resumedFor = -1;
    private long resumeBackoffMs = 1_000;
    private long lastResumeAt;
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
        this.persistent = !settings.get(HwOptions.BRIDGE_SESSION_EXPIRY).isZero();
        this.clientId = clientId(settings);
        int inFlight = settings.get(HwOptions.BRIDGE_IN_FLIGHT);
        if (inFlight < 1 || inFlight > 65_535) {
            throw new IllegalArgumentException("bridge.in-flight is " + inFlight + "; MQTT allows 1 to 65535 messages in flight");
        }
    }

    /**
     * The MQTT client id: mqtt.client-id, then "-" and bridge.instance when set. Stable across restarts, so the broker
     * resumes the session; with bridge.session-expiry 0 (no session kept) a random suffix keeps instances apart.
     */
    public static String clientId(Settings s) {
        String base = s.get(HwOptions.MQTT_CLIENT_ID).trim();
        String instance = s.get(HwOptions.BRIDGE_INSTANCE).trim();
        String id = instance.isEmpty() ? base : base + "-" + instance;
        if (s.get(HwOptions.BRIDGE_SESSION_EXPIRY).isZero()) {
            id += "-" + UUID.randomUUID().toString().substring(0, 8);
        }
        return id;
    }

    /** The subscription: $share/{group}/{root}/# with a share group, else {root}/#. */
    public static String filter(Settings s) {
        String group = s.get(HwOptions.BRIDGE_SHARE_GROUP).trim();
        String plain = s.get(HwOptions.MQTT_TOPIC_ROOT) + "/#";
        if (group.isEmpty()) {
            return plain;
        }
        if (group.contains("/") || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException("bridge.share-group '" + group + "' must not contain '/', '+' or '#' (MQTT 5, 4.8.2)");
        }
        return "$share/" + group + "/" + plain;
    }

    /** The MQTT client id this bridge connects with. */
    public String clientId() {
        return clientId;
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
        acker = new Thread(this::ackLoop, "bridge-acknowledger");
        acker.setDaemon(true);
        acker.start();
        stats.unacked = () -> window.size() + queue.size();
        stats.backlog = queue::size;

        mqtt = new MqttAsyncClient(settings.get(HwOptions.MQTT_URL), clientId, new MemoryPersistence());
        mqtt.setManualAcks(true);
        mqtt.setCallback(new Callback());
        stats.connected = () -> mqtt.isConnected();
        MqttConnectionOptions opts = new MqttConnectionOptions();
        opts.setCleanStart(!persistent);
        if (persistent) {
            opts.setSessionExpiryInterval(settings.get(HwOptions.BRIDGE_SESSION_EXPIRY).toSeconds());
        }
        opts.setAutomaticReconnect(true);
        opts.setAutomaticReconnectDelay(1, 30);
        opts.setReceiveMaximum(settings.get(HwOptions.BRIDGE_IN_FLIGHT));
        String user = settings.get(HwOptions.MQTT_USERNAME);
        if (!user.isEmpty()) {
            opts.setUserName(user);
            opts.setPassword(settings.get(HwOptions.MQTT_PASSWORD).getBytes(StandardCharsets.UTF_8));
        }
        opts.setSocketFactory(TlsTrust.forMqtt(settings.get(HwOptions.MQTT_URL), settings.get(HwOptions.MQTT_CA_FILE)));
        connectOptions = opts;
        IMqttToken connected = mqtt.connect(opts);
        connected.waitForCompletion(30_000);
        subscribe();
        control.scheduleAtFixedRate(() -> LOG.info("bridge: {}", stats), 10, 10, TimeUnit.SECONDS);
        LOG.info("bridge: {} {} as {} ({} session{}) -> Kafka {} ({}, dead letters {})", settings.get(HwOptions.MQTT_URL), filter(),
                clientId, persistent ? "persistent" : "clean", connected.getSessionPresent() ? " resumed" : "", bootstrap,
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
        return filter(settings);
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

    /** Messages received and not yet acknowledged to the broker. */
    public int unacked() {
        return window.size() + queue.size();
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
        List<Reading> accepted;
        List<RejectedInputException> rejects;
        RejectedInputException tooLarge;
        try {
            tooLarge = checks.size(in.payload);
            ReadingCodec.Decoded decoded = tooLarge != null ? new ReadingCodec.Decoded(List.of(), List.of(tooLarge))
                    : ReadingCodec.decodeMqtt(in.topic, in.payload, topicRoot, catalogue, in.receivedAt);
            accepted = new ArrayList<>(decoded.readings().size());
            rejects = new ArrayList<>(decoded.rejects());
            for (Reading r : decoded.readings()) {
                RejectedInputException e = checks.check(r, in.receivedAt);
                if (e == null) {
                    accepted.add(r);
                } else {
                    rejects.add(e);
                }
            }
        } catch (RuntimeException e) {
            // A bug, not bad input (the codecs turn bad input into rejects): say so loudly and do not acknowledge the
            // message; the bridge reconnects and the broker delivers it again.
            stats.sendFailures.incrementAndGet();
            LOG.error("bridge: cannot process message from {}; not acknowledging it", in.topic, e);
            AckWindow.Entry entry = window.add(in.connection, in.messageId, in.qos, 1);
            window.recordDone(entry, false);
            return;
        }
        // Acknowledged to the broker once Kafka has every record below, in arrival order.
        AckWindow.Entry entry = window.add(in.connection, in.messageId, in.qos, accepted.size() + rejects.size());
        for (Reading r : accepted) {
            send(entry, new ProducerRecord<>(readingsTopic, r.sensor().getBytes(StandardCharsets.UTF_8), ReadingCodec.toJson(r)),
                    () -> stats.forwarded.incrementAndGet(),
                    ex -> {
                        checks.forget(r); // delivered again by the broker, it is no duplicate of itself
                        LOG.error("bridge: Kafka did not take reading {} from {}: {}", r, in.topic, ex.toString());
                    });
        }
        // One dead letter per rejected record, each with the whole message: nothing is lost, each can be traced.
        for (RejectedInputException e : rejects) {
            DeadLetter d = DeadLetterCodec.of(e, in.topic, in.receivedAt, in.payload, "bridge");
            send(entry, new ProducerRecord<>(dlqTopic, in.topic.getBytes(StandardCharsets.UTF_8), DeadLetterCodec.toJson(d)),
                    () -> stats.reject(e.reason()),
                    ex -> LOG.error("bridge: Kafka did not take dead letter {}: {}", d, ex.toString()));
        }
        if (tooLarge == null && SenmlCodec.isPack(in.payload)) {
            stats.packs.incrementAndGet();
        }
    }

    /** Produces one record of a message; its answer (or a failure to hand it over) completes the record in the window. */
    private void send(AckWindow.Entry entry, ProducerRecord<byte[], byte[]> record, Runnable ok,
            java.util.function.Consumer<Exception> failed) {
        try {
            producer.send(record, (md, ex) -> {
                if (ex == null) {
                    ok.run();
                } else {
                    stats.sendFailures.incrementAndGet();
                    failed.accept(ex);
                }
                window.recordDone(entry, ex == null);
            });
        } catch (RuntimeException ex) {
            stats.sendFailures.incrementAndGet();
            failed.accept(ex);
            window.recordDone(entry, false);
        }
    }

    /** Sends the acknowledgements that are due, in arrival order; a message Kafka refused starts a resume. */
    private void ackLoop() {
        while (true) {
            try {
                window.await(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long current = connection.get();
            AckWindow.Drain d = window.drain(current);
            stats.ackDropped.addAndGet(d.dropped());
            for (AckWindow.Ack a : d.acks()) {
                try {
                    mqtt.messageArrivedComplete(a.messageId(), a.qos());
                    stats.acked.incrementAndGet();
                } catch (MqttException | RuntimeException e) {
                    // Not connected: the broker delivers the message again on the next connection.
                    LOG.debug("bridge: acknowledgement of message {} not sent: {}", a.messageId(), e.toString());
                }
            }
            if (d.failedHead() && running) {
                control.execute(() -> resume(current));
            }
            if (flushed && d.acks().isEmpty() && d.dropped() == 0) {
                return; // closing: what Kafka answered is acknowledged; the rest the broker delivers again
            }
        }
    }

    /**
     * Kafka refused a record of a message on connection {@code failed}: that message must not be acknowledged, and
     * nothing after it is (acknowledgements go in order). Disconnects, waits (1 s doubling up to 30 s), connects again
     * with the same session: the broker then delivers again every message not acknowledged. Control thread only.
     */
    private void resume(long failed) {
        if (!running || failed != connection.get() || failed == resumedFor) {
            return;
        }
        resumedFor = failed;
        long now = System.currentTimeMillis();
        if (now - lastResumeAt > 5 * 60_000L) {
            resumeBackoffMs = 1_000;
        }
        lastResumeAt = now;
        stats.resumes.incrementAndGet();
        connection.incrementAndGet();
        LOG.warn("bridge: Kafka refused a record; its MQTT message is not acknowledged. Reconnecting to MQTT in {} ms so that the "
                + "broker delivers again every message not acknowledged", resumeBackoffMs);
        try {
            if (mqtt.isConnected()) {
                mqtt.disconnect(1_000).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.warn("bridge: MQTT disconnect: {}", e.toString());
        }
        try {
            Thread.sleep(resumeBackoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        resumeBackoffMs = Math.min(MAX_RESUME_BACKOFF_MS, resumeBackoffMs * 2);
        connection.incrementAndGet();
        while (running) {
            try {
                if (!mqtt.isConnected()) { // Paho's own reconnect may have got there first
                    mqtt.connect(connectOptions).waitForCompletion(30_000);
                }
                subscribe();
                LOG.warn("bridge: reconnected to MQTT after Kafka refused a record");
                return;
            } catch (MqttException e) {
                LOG.error("bridge: cannot reconnect to MQTT ({}); trying again in {} ms", e.toString(), resumeBackoffMs);
                try {
                    Thread.sleep(resumeBackoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                resumeBackoffMs = Math.min(MAX_RESUME_BACKOFF_MS, resumeBackoffMs * 2);
            }
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
        // Through a broker outage of up to 10 minutes, wait and retry instead of dropping a reading (the defaults, 60 s
        // waiting for a topic's metadata and 120 s of delivery, lost a reading in a restart of about a minute: KafkaRestartIT).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        return p;
    }

    /**
     * Hands what was received to Kafka and acknowledges it (up to 30 s), then disconnects; the session stays with the
     * broker for bridge.session-expiry, which queues what arrives meanwhile for this bridge's return.
     */
    @Override
    public void close() {
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
        }
        flushed = true;
        if (acker != null) {
            try {
                acker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (mqtt != null && mqtt.isConnected()) {
                mqtt.disconnect(2_000).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.warn("bridge: MQTT disconnect: {}", e.toString());
        }
        if (producer != null) {
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
            // Blocks Paho when the forwarder is behind: back-pressure towards the broker instead of loss (the in-flight
            // window, bridge.in-flight, bounds what the broker sends before acknowledgements come back anyway).
            queue.put(new Inbound(topic, message.getPayload(), System.currentTimeMillis(), message.getId(), message.getQos(),
                    connection.get()));
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
            // Packet identifiers of the lost connection mean nothing on the next one: stop acknowledging its messages.
            connection.incrementAndGet();
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
