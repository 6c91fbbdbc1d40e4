package com.hazardwatch.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning in a test: waits until what was read satisfies a condition, or times out. */
public final class KafkaProbe {
    private KafkaProbe() {}

    /** A record read back: key and value as UTF-8 text. */
    public record Record(String key, String value, int partition, long offset) {}

    public static List<Record> awaitRecords(String bootstrap, String topic, Predicate<List<Record>> done, Duration timeout) {
        List<Record> seen = new ArrayList<>();
        consume(bootstrap, topic, seen::add, () -> done.test(seen), timeout);
        return seen;
    }

    /**
     * Reads a topic from the beginning, handing each record to sink, until done says so (asked after each poll) or the
     * timeout passes; for large topics, where keeping and re-testing the whole list would cost too much.
     */
    public static void consume(String bootstrap, String topic, Consumer<Record> sink, BooleanSupplier done, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            // every partition from its beginning, without joining a group, when the topic is there already
            List<TopicPartition> partitions;
            try {
                partitions = c.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
            } catch (org.apache.kafka.common.errors.TimeoutException notThereYet) {
                partitions = List.of();
            }
            if (partitions.isEmpty()) {
                c.subscribe(List.of(topic));
            } else {
                c.assign(partitions);
                c.seekToBeginning(partitions);
            }
            while (!done.getAsBoolean() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    sink.accept(new Record(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                            r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8), r.partition(), r.offset()));
                }
            }
        }
    }

    /** Sends one record (UTF-8 key and value) and waits until the broker has it. */
    public static void send(String bootstrap, String topic, String key, String value) {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        p.put(org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put(org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class.getName());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending to " + topic, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic + " at " + bootstrap + ": " + e.getCause(), e.getCause());
        }
    }
}
