package com.hazardwatch.connectors.kafka;

import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.CatalogueJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted topic hw.catalogue: one record per sensor, key = sensor id, value = {@link CatalogueJson#entryToJson}.
 * Compaction keeps the latest record of every key, so reading the topic from the beginning gives the catalogue changes
 * in force. Of two entries for a sensor the one with the higher revision wins ({@link #replaces}); a record that is not
 * a catalogue entry is logged with its offset and skipped.
 */
public final class CatalogueTopic {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueTopic.class);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CatalogueTopic() {}

    /**
     * Creates the topic, compacted, when it is missing; fails naming the fix when an existing topic is not compacted
     * (retention would silently drop the definitions of sensors that have not changed for a while).
     */
    public static void ensure(String bootstrap, String topic) {
        ensure(bootstrap, new Properties(), topic);
    }

    /** As {@link #ensure(String, String)} with the client security properties of {@link KafkaClients#security}. */
    public static void ensure(String bootstrap, Properties security, String topic) {
        KafkaTopics.ensure(bootstrap, security, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), topic);
        // a topic just created can be unknown to the broker's metadata for a moment: ask again before giving up
        Optional<Map<String, String>> found = KafkaTopics.config(bootstrap, security, topic);
        for (int attempt = 1; found.isEmpty() && attempt <= 50; attempt++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka topic " + topic, e);
            }
            found = KafkaTopics.config(bootstrap, security, topic);
        }
        Map<String, String> config = found.orElseThrow(() -> new IllegalStateException(
                "Kafka topic " + topic + " on " + bootstrap + " was created but the broker still does not know it after 10 s"));
        String policy = config.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "");
        List<String> policies = Arrays.stream(policy.split(",")).map(String::trim).toList();
        if (!policies.equals(List.of(TopicConfig.CLEANUP_POLICY_COMPACT))) {
            throw new IllegalStateException("Kafka topic " + topic + " on " + bootstrap + " has cleanup.policy=" + policy
                    + ", but the catalogue topic must be compacted only (cleanup.policy=compact), or Kafka deletes the entries"
                    + " of sensors that did not change for a while. Fix it with: kafka-configs.sh --bootstrap-server " + bootstrap
                    + " --alter --entity-type topics --entity-name " + topic + " --add-config cleanup.policy=compact"
                    + " (or set kafka.topic.catalogue to another topic)");
        }
    }

    /**
     * Publishes entries (key = sensor id) with an idempotent producer and acks=all, and returns once Kafka acknowledged
     * every one.
     *
     * @throws IllegalStateException when any entry was not acknowledged; the topic may then hold part of them
     */
    public static void publish(String bootstrap, String topic, List<CatalogueEntry> entries) {
        publish(bootstrap, new Properties(), topic, entries);
    }

    /** As {@link #publish(String, String, List)} with the client security properties of {@link KafkaClients#security}. */
    public static void publish(String bootstrap, Properties security, String topic, List<CatalogueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap, security))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
            for (CatalogueEntry e : entries) {
                sent.add(producer.send(new ProducerRecord<>(topic, e.sensorId().getBytes(StandardCharsets.UTF_8),
                        CatalogueJson.entryToJson(e))));
            }
            producer.flush();
            int failed = 0;
            Throwable first = null;
            for (Future<RecordMetadata> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    failed++;
                    first = first == null ? ex.getCause() : first;
                }
            }
            if (failed > 0) {
                throw new IllegalStateException(failed + " of " + entries.size() + " catalogue entries were not published to "
                        + topic + " on " + bootstrap + ": " + first + " (the topic may hold the others; push again)", first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot publish to Kafka topic " + topic + " on " + bootstrap + ": " + e
                    + " (is Kafka up? bin/hazardwatch stack status)", e);
        }
    }

    /**
     * Reads the topic from its beginning up to its end offsets as they are when the call starts, and returns the latest
     * entry of every sensor (removals included), by sensor id. An empty map when the topic does not exist.
     *
     * @throws IllegalStateException when Kafka cannot be reached or reading makes no progress for 30 s
     */
    public static Map<String, CatalogueEntry> readAll(String bootstrap, String topic) {
        return readAll(bootstrap, new Properties(), topic);
    }

    /** As {@link #readAll(String, String)} with the client security properties of {@link KafkaClients#security}. */
    public static Map<String, CatalogueEntry> readAll(String bootstrap, Properties security, String topic) {
        Map<String, CatalogueEntry> latest = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrap, security,
                "hw-catalogue-reader"))) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                return latest;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long progressAt = System.nanoTime();
            while (!reached(consumer, end)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    progressAt = System.nanoTime();
                } else if (System.nanoTime() - progressAt > TIMEOUT.toNanos()) {
                    throw new IllegalStateException("reading Kafka topic " + topic + " on " + bootstrap + " made no progress for "
                            + TIMEOUT.toSeconds() + " s (is Kafka up? bin/hazardwatch stack status)");
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // published after this read began
                    }
                    CatalogueEntry e = decodeOrReport(r);
                    if (e != null && replaces(e, latest.get(e.sensorId()))) {
                        latest.put(e.sensorId(), e);
                    }
                }
            }
            return latest;
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot read Kafka topic " + topic + " on " + bootstrap + ": " + e
                    + " (is Kafka up? bin/hazardwatch stack status)", e);
        }
    }

    /** Whether candidate takes the place of held: it does when nothing is held or its revision is higher. */
    public static boolean replaces(CatalogueEntry candidate, CatalogueEntry held) {
        return held == null || candidate.revision() > held.revision();
    }

    /** The entry a record holds, or null after logging why it holds none (with its offset). */
    static CatalogueEntry decodeOrReport(ConsumerRecord<byte[], byte[]> r) {
        try {
            return decode(r);
        } catch (RuntimeException e) {
            LOG.warn("catalogue: {} partition {} offset {}: skipped, not a catalogue entry: {}", r.topic(), r.partition(), r.offset(),
                    e.getMessage() == null ? e.toString() : e.getMessage());
            return null;
        }
    }

    /** The entry a record holds; throws saying why when it holds none. */
    static CatalogueEntry decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            throw new IllegalArgumentException("no value (a delete marker); a removal is an entry with \"sensor\": null");
        }
        CatalogueEntry e = CatalogueJson.entryFromJson(r.value());
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (!e.sensorId().equals(key)) {
            throw new IllegalArgumentException("key " + (key == null ? "(none)" : "\"" + key + "\"")
                    + " is not the entry's sensorId \"" + e.sensorId() + "\"");
        }
        return e;
    }

    /** Every partition of the topic; empty when there is no such topic. */
    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo p : infos) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        return partitions;
    }

    /** Whether the consumer's position has reached the given offset on every partition. */
    static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** A consumer of its own, with no group: it is assigned partitions and never commits. */
    static Properties consumerProperties(String bootstrap, Properties security, String clientId) {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return p;
    }

    private static Properties producerProperties(String bootstrap, Properties security) {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "hw-catalogue-push");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a push is interactive: give up after 30 s rather than Kafka's default 2 minutes
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return p;
    }
}
