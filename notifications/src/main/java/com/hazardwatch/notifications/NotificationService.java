package com.hazardwatch.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.connectors.kafka.KafkaTopics;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.json.AlarmCodec;
import com.hazardwatch.notifications.channels.Channel;
import com.hazardwatch.notifications.channels.Delivery;
import com.hazardwatch.notifications.channels.EmailChannel;
import com.hazardwatch.notifications.channels.MqttChannel;
import com.hazardwatch.notifications.channels.WebhookChannel;
import com.hazardwatch.notifications.operators.Dedupe;
import com.hazardwatch.notifications.operators.Escalator;
import com.hazardwatch.notifications.operators.FloodGrouper;
import com.hazardwatch.notifications.operators.Messages;
import com.hazardwatch.notifications.operators.Notification;
import com.hazardwatch.notifications.operators.Planner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads alarm transitions from hw.alarms and brings them to the people on duty (docs/notifications.md): the
 * {@link Planner} (escalation, flood grouping; pure) decides, the channels (webhook, MQTT, e-mail) deliver, and
 * hw.notifications is the durable log: every delivery's intent is recorded before it is sent and every attempt's result
 * after, and a checkpoint (hw.alarms positions, running escalations, flood windows) after each batch. {@link #start}
 * restores from that log, so after a restart nothing is sent twice except a delivery that was under way at the crash.
 *
 * <p>One instance per hw.alarms topic.
 */
public final class NotificationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    /** How often the loop looks whether the roster file changed. */
    public static final long ROSTER_CHECK_MS = 5_000;

    private final Settings settings;
    private final Catalogue catalogue;
    /** The roster in use (swapped when the file changes); read through roster(). */
    private final RosterFile rosterFile;
    private long nextRosterCheck;
    private final String alarmsTopic;
    private final String topic;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private Dedupe dedupe;
    private final int maxAttempts;
    private final long initialBackoff;
    private final long maxBackoff;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile ScheduledThreadPoolExecutor deliveries;
    private Planner planner;
    private Thread loop;
    private volatile boolean running;
    /** Set by close(): attempts not yet begun are left to the next start. */
    private volatile boolean stopping;

    /** With a roster that stays as it is. */
    public NotificationService(Settings settings, Catalogue catalogue, Roster roster) {
        this(settings, catalogue, RosterFile.fixed(roster, catalogue));
    }

    /**
     * With the roster of a file ({@link RosterFile#load()} done): the loop looks every 5 s whether the file changed and
     * then uses the new roster when it can be used, else logs its errors and keeps the current one.
     */
    public NotificationService(Settings settings, Catalogue catalogue, RosterFile rosterFile) {
        Roster roster = rosterFile.roster();
        if (roster == null) {
            throw new IllegalArgumentException("roster " + rosterFile.file() + " is not loaded"
                    + (rosterFile.problem() == null ? "" : ": " + rosterFile.problem().getMessage()));
        }
        String origin = settings.get(HwOptions.NOTIFY_ROSTER) + " (for catalogue " + catalogue.name() + ")";
        List<com.hazardwatch.model.catalogue.CatalogueError> errors = roster.errors(catalogue);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(new RosterException(origin, errors).getMessage()
                    + "\nthe roster names towns or enterprises the catalogue does not have: fix the ids, or give the roster of this"
                    + " catalogue with --set " + HwOptions.NOTIFY_ROSTER.key() + "=FILE");
        }
        List<com.hazardwatch.model.catalogue.CatalogueError> gaps = roster.gaps(catalogue);
        if (!gaps.isEmpty()) {
            LOG.warn("roster {}: nobody on duty for {} of the catalogue's scopes at some time; an alarm meeting a gap goes to the"
                    + " next level with somebody on duty:\n  {}{}", origin, gaps.size(),
                    gaps.subList(0, Math.min(10, gaps.size())).stream().map(Object::toString).collect(java.util.stream.Collectors.joining("\n  ")),
                    gaps.size() > 10 ? "\n  ... and " + (gaps.size() - 10) + " more" : "");
        }
        this.settings = settings;
        this.catalogue = catalogue;
        this.rosterFile = rosterFile;
        this.alarmsTopic = settings.get(HwOptions.TOPIC_ALARMS);
        this.topic = settings.get(HwOptions.TOPIC_NOTIFICATIONS);
        this.maxAttempts = Math.max(1, settings.get(HwOptions.NOTIFY_RETRY_MAX_ATTEMPTS));
        this.initialBackoff = settings.get(HwOptions.NOTIFY_RETRY_INITIAL_BACKOFF).toMillis();
        this.maxBackoff = settings.get(HwOptions.NOTIFY_RETRY_MAX_BACKOFF).toMillis();
        for (String c : settings.get(HwOptions.NOTIFY_CHANNELS).split("\\s*,\\s*")) {
            if (!c.isBlank() && !List.of("webhook", "mqtt", "email").contains(c.trim())) {
                throw new IllegalArgumentException("setting " + HwOptions.NOTIFY_CHANNELS.key() + ": unknown channel '" + c
                        + "'; use a comma-separated list of webhook, mqtt, email");
            }
        }
    }

    /** Restores from hw.notifications, connects the channels, sends what was in doubt, then follows hw.alarms. */
    public void start() throws Exception {
        open();
        running = true;
        loop = new Thread(this::run, "hw-notify");
        loop.start();
    }

    /** Everything start() does but the loop: also how the loop recovers from an error, as a restart would. */
    private void open() throws Exception {
        stopping = false;
        dedupe = new Dedupe();
        channels.clear();
        String bootstrap = settings.get(HwOptions.KAFKA_BOOTSTRAP);
        KafkaTopics.ensure(bootstrap, settings.get(HwOptions.TOPIC_PARTITIONS), alarmsTopic, topic);
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        pp.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip"); // checkpoints and texts compress well
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(pp);

        NotificationLog.State log = NotificationLog.read(bootstrap, topic, alarmsTopic, KAFKA_TIMEOUT);
        log.intents().keySet().forEach(dedupe::claim);

        List<String> enabled = Arrays.stream(settings.get(HwOptions.NOTIFY_CHANNELS).split(",")).map(String::trim).toList();
        if (enabled.contains("webhook")) {
            add(new WebhookChannel(settings.get(HwOptions.NOTIFY_WEBHOOK_TIMEOUT)));
        }
        if (enabled.contains("mqtt")) {
            add(new MqttChannel(settings.get(HwOptions.MQTT_URL), settings.get(HwOptions.MQTT_TOPIC_ROOT),
                    settings.get(HwOptions.MQTT_USERNAME), settings.get(HwOptions.MQTT_PASSWORD)));
        }
        if (enabled.contains("email")) {
            add(new EmailChannel(settings.get(HwOptions.NOTIFY_SMTP_HOST), settings.get(HwOptions.NOTIFY_SMTP_PORT),
                    settings.get(HwOptions.NOTIFY_SMTP_FROM), settings.get(HwOptions.NOTIFY_SMTP_USER),
                    settings.get(HwOptions.NOTIFY_SMTP_PASSWORD), Boolean.parseBoolean(settings.get(HwOptions.NOTIFY_SMTP_STARTTLS)),
                    settings.get(HwOptions.NOTIFY_WEBHOOK_TIMEOUT).toMillis()));
        }

        Roster roster = roster();
        Messages messages = new Messages(catalogue, roster.zone());
        Escalator escalator = new Escalator(List.of(settings.get(HwOptions.NOTIFY_ESCALATION_P1),
                settings.get(HwOptions.NOTIFY_ESCALATION_P2), settings.get(HwOptions.NOTIFY_ESCALATION_P3),
                settings.get(HwOptions.NOTIFY_ESCALATION_P4)), this::recipients);
        FloodGrouper grouper = new FloodGrouper(settings.get(HwOptions.NOTIFY_FLOOD_THRESHOLD),
                settings.get(HwOptions.NOTIFY_FLOOD_WINDOW).toMillis(), messages);
        if (log.checkpoint() != null) {
            escalator.restore(NotificationRecords.escalationsOf(log.checkpoint()));
            grouper.restore(NotificationRecords.windowsOf(log.checkpoint()));
        }
        planner = new Planner(escalator, grouper, messages);

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(cp);
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo i : consumer.partitionsFor(alarmsTopic, KAFKA_TIMEOUT)) {
            parts.add(new TopicPartition(alarmsTopic, i.partition()));
        }
        consumer.assign(parts);
        JsonNode positions = log.checkpoint() == null ? null : log.checkpoint().path("positions");
        for (TopicPartition tp : parts) {
            JsonNode at = positions == null ? null : positions.get(Integer.toString(tp.partition()));
            if (at != null && at.isNumber()) {
                consumer.seek(tp, at.asLong());
            } else {
                consumer.seekToEnd(List.of(tp)); // first start on this topic: from now on, not the whole history
            }
            consumer.position(tp, KAFKA_TIMEOUT);
        }
        checkpoint();

        deliveries = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "hw-notify-delivery");
            t.setDaemon(true);
            return t;
        });
        deliveries.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        List<JsonNode> inDoubt = log.inDoubt();
        for (JsonNode last : inDoubt) {
            Delivery d = NotificationRecords.deliveryOf(last);
            if (!channels.containsKey(d.channel())) {
                LOG.warn("delivery {} on {} was under way at the last stop, but channel {} is now off ({}); not sent",
                        d.id(), d.channel(), d.channel(), HwOptions.NOTIFY_CHANNELS.key());
                continue;
            }
            int attempt = last.path("attempt").asInt(0) + 1;
            ScheduledThreadPoolExecutor ex = deliveries;
            ex.execute(() -> attempt(ex, d, attempt));
        }
        LOG.info("notifications: roster {} ({} people), channels {}, restored from {} ({} records: {} deliveries, {} under way"
                        + " sent again, {} escalations running); following {}",
                roster.name(), roster.people().size(), channels.keySet(), topic, log.records(), log.intents().size(),
                inDoubt.size(), planner.escalator().pending().size(), alarmsTopic);
    }

    private void add(Channel c) {
        channels.put(c.name(), c);
    }

    private List<String> recipients(Level level, String enterprise, long at) {
        String scope = switch (level) {
            case ENTERPRISE -> enterprise;
            case TOWN -> enterprise == null ? null : catalogue.enterprise(enterprise).map(e -> e.town()).orElse(null);
            case DISTRICT -> Roster.DISTRICT;
        };
        if (scope == null) {
            return List.of();
        }
        return roster().onDuty(level, scope, at).stream().map(Roster.Person::id).toList();
    }

    private void run() {
        while (running) {
            try {
                step();
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                break;
            } catch (Exception e) {
                // The batch may be half recorded: start again from the durable log, exactly as after a crash.
                LOG.error("notifications: {}; restarting from {} in 5 s", e.toString(), topic, e);
                recover();
            }
        }
    }

    private void recover() {
        shutdown();
        while (running) {
            sleep(5000);
            if (!running) {
                return;
            }
            try {
                open();
                return;
            } catch (Exception e) {
                LOG.error("notifications: cannot start again: {}; next try in 5 s", e.toString());
                shutdown();
            }
        }
    }

    /** The roster in use now. */
    Roster roster() {
        return rosterFile.roster();
    }

    private void step() throws Exception {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        long now = System.currentTimeMillis();
        if (now >= nextRosterCheck) {
            nextRosterCheck = now + ROSTER_CHECK_MS;
            rosterFile.refresh(); // swaps the roster when the file changed and can be used; logs why not otherwise
        }
        Roster roster = roster();
        List<Notification> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            LifecycleEvent e;
            try {
                e = AlarmCodec.lifecycleFromJson(r.value());
            } catch (Exception ex) {
                LOG.warn("{} offset {}/{}: not an alarm transition, skipped: {}", alarmsTopic, r.partition(), r.offset(), ex.getMessage());
                continue;
            }
            if (e.event() == null || e.event().alarmId() == null) {
                continue;
            }
            out.addAll(planner.onEvent(e, now));
        }
        List<Notification> due = planner.tick(now);
        out.addAll(due);
        if (records.isEmpty() && due.isEmpty()) {
            return;
        }
        List<Delivery> todo = new ArrayList<>();
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> intents = new ArrayList<>();
        for (Notification n : out) {
            Roster.Person p = roster.people().get(n.recipient());
            for (Channel c : channels.values()) {
                String address = p == null ? null : c.address(p);
                if (address == null) {
                    continue;
                }
                Delivery d = new Delivery(n.deliveryId(c.name()), n, c.name(), address);
                if (!dedupe.claim(d.id())) {
                    LOG.debug("delivery {} already recorded, not sent again", d.id());
                    continue;
                }
                intents.add(producer.send(new ProducerRecord<>(topic, d.id(), NotificationRecords.delivery(d,
                        NotificationRecords.PENDING, 0, null, now, null))));
                todo.add(d);
            }
        }
        producer.flush();
        for (var f : intents) {
            f.get(); // every intent is durable before its first attempt; a failure throws and the loop restarts from the log
        }
        checkpoint();
        ScheduledThreadPoolExecutor ex = deliveries;
        for (Delivery d : todo) {
            ex.execute(() -> attempt(ex, d, 1));
        }
    }

    private void checkpoint() throws ExecutionException, InterruptedException {
        Map<Integer, Long> positions = new LinkedHashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            positions.put(tp.partition(), consumer.position(tp));
        }
        producer.send(new ProducerRecord<>(topic, NotificationRecords.checkpointKey(alarmsTopic),
                NotificationRecords.checkpoint(alarmsTopic, positions, List.copyOf(planner.escalator().pending()),
                        List.copyOf(planner.grouper().windows()), System.currentTimeMillis()))).get();
    }

    private void attempt(ScheduledThreadPoolExecutor ex, Delivery d, int attempt) {
        Channel c = channels.get(d.channel());
        if (stopping || c == null) {
            return; // its last record (PENDING or RETRYING) makes the next start send it
        }
        byte[] json = NotificationRecords.bytes(NotificationRecords.payload(d));
        try {
            c.send(d, json);
            record(d, NotificationRecords.SENT, attempt, null, null);
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (attempt >= maxAttempts) {
                record(d, NotificationRecords.FAILED, attempt, error, null);
                LOG.warn("notification {} to {} on {} ({}) FAILED after {} attempts: {}", d.id(), d.notification().recipient(),
                        d.channel(), d.address(), attempt, error);
                return;
            }
            long backoff = Math.min(maxBackoff, initialBackoff << Math.min(attempt - 1, 30));
            record(d, NotificationRecords.RETRYING, attempt, error, System.currentTimeMillis() + backoff);
            LOG.info("notification {} on {} attempt {} failed ({}); next attempt in {} ms", d.id(), d.channel(), attempt, error, backoff);
            if (!stopping && !ex.isShutdown()) {
                try {
                    ex.schedule(() -> attempt(ex, d, attempt + 1), backoff, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    // stopping: the RETRYING record makes the next start send it
                }
            }
        }
    }

    private void record(Delivery d, String status, int attempt, String error, Long next) {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            LOG.error("could not record {} of delivery {}: the log producer is closed", status, d.id());
            return;
        }
        p.send(new ProducerRecord<>(topic, d.id(), NotificationRecords.delivery(d, status, attempt, error,
                System.currentTimeMillis(), next)), (md, ex) -> {
                    if (ex != null) {
                        LOG.error("could not record {} of delivery {} on {}: {}", status, d.id(), topic, ex.toString());
                    }
                });
    }

    /**
     * Stops following hw.alarms, lets attempts under way finish (up to 15 s) and records their results; attempts not yet
     * begun (queued first attempts, waiting retries) are left to the next start, which sends them (their last record
     * says PENDING or RETRYING).
     */
    @Override
    public void close() {
        running = false;
        if (loop != null) {
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
            try {
                loop.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shutdown();
    }

    /** Stops deliveries (attempts under way finish), closes the channels, the consumer and the producer. */
    private synchronized void shutdown() {
        stopping = true;
        if (deliveries != null) {
            deliveries.shutdown();
            try {
                if (!deliveries.awaitTermination(15, TimeUnit.SECONDS)) {
                    deliveries.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deliveries.shutdownNow();
            }
            deliveries = null;
        }
        channels.values().forEach(Channel::close);
        channels.clear();
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("closing the alarms consumer: {}", e.toString());
            }
            consumer = null;
        }
        if (producer != null) {
            try {
                producer.flush();
            } catch (RuntimeException e) {
                LOG.warn("could not record every delivery result on {}: {}", topic, e.toString());
            }
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
