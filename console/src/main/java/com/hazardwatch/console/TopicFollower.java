package com.hazardwatch.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic from its beginning and then follows it, on a thread of its own, handing every record to a handler.
 * It uses no consumer group (it assigns every partition itself and commits nothing), so every console instance reads
 * the whole topic. {@link #awaitCaughtUp} waits until it has read what the topic held when it started.
 */
final class TopicFollower implements AutoCloseable {
    private final String bootstrap;
    private final String topic;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closed;
    private volatile Exception failure;

    TopicFollower(String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.handler = handler;
        this.thread = new Thread(this::run, "console-follow-" + topic);
        this.thread.setDaemon(true);
    }

    String topic() {
        return topic;
    }

    void start() {
        thread.start();
    }

    /** Waits until every record the topic held at start has been handled; throws when that takes longer than timeout. */
    void awaitCaughtUp(Duration timeout) throws InterruptedException {
        if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("could not read Kafka topic " + topic + " at " + bootstrap + " to its end within "
                    + timeout.toSeconds() + " s" + (failure == null ? "" : ": " + failure)
                    + " (is Kafka up? bin/hazardwatch stack status)");
        }
    }

    private void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "hw-console-" + topic);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        while (!closed) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
                consumer = c;
                if (closed) {
                    return;
                }
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                failure = e;
                System.err.println("console: reading " + topic + " failed, retrying in 2 s: " + e);
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo pi : c.partitionsFor(topic, Duration.ofSeconds(30))) {
            parts.add(new TopicPartition(topic, pi.partition()));
        }
        c.assign(parts);
        // after a reconnection the records already handled are not read again
        parts.forEach(tp -> {
            Long next = positions.get(tp);
            if (next == null) {
                c.seekToBeginning(List.of(tp));
            } else {
                c.seek(tp, next);
            }
        });
        Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
        while (!closed) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                try {
                    handler.accept(r);
                } catch (RuntimeException e) {
                    System.err.println("console: skipped record " + topic + "/" + r.partition() + "@" + r.offset() + ": " + e);
                }
                positions.put(new TopicPartition(topic, r.partition()), r.offset() + 1);
            }
            if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(en -> c.position(en.getKey()) >= en.getValue())) {
                caughtUp.countDown();
            }
        }
    }

    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
