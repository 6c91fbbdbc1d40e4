package com.hazardwatch.bench.e2e;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.json.AlarmCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the alarm topic from its beginning and notes, per event time {@code ts} of the injection sensor's alarm
 * events, when the first event with that ts arrived (wall clock right after the poll that returned it). Alarm events
 * of other sensors are counted: the load's normal traffic should raise none.
 */
public final class AlarmWatcher implements AutoCloseable {
    private final String bootstrap;
    private final String topic;
    private final String sensor;
    private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
    private final Map<Long, Long> emitted = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong otherSensors = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile boolean running = true;
    private volatile String failure;
    private final Thread thread;

    public AlarmWatcher(String bootstrap, String topic, String sensor) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.sensor = sensor;
        this.thread = new Thread(this::loop, "e2e-alarm-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "e2e-harness-alarms");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            while (running) {
                ConsumerRecords<byte[], byte[]> recs = c.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : recs) {
                    events.incrementAndGet();
                    try {
                        AlarmEvent e = AlarmCodec.fromJson(r.value());
                        if (sensor.equals(e.sensor())) {
                            if (arrivals.putIfAbsent(e.ts(), now) == null) {
                                emitted.put(e.ts(), e.emittedAt());
                            }
                        } else {
                            otherSensors.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException ex) {
                        unreadable.incrementAndGet();
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = "alarm watcher on " + topic + ": " + e;
        }
    }

    /** Wall clock when the first alarm event caused by the reading with this ts arrived, or null. */
    public Long arrival(long ts) {
        return arrivals.get(ts);
    }

    /** When the engine emitted that first event (its emittedAt), or null. */
    public Long emittedAt(long ts) {
        return emitted.get(ts);
    }

    public long events() {
        return events.get();
    }

    /** Alarm events of sensors other than the injection sensor. */
    public long otherSensors() {
        return otherSensors.get();
    }

    public long unreadable() {
        return unreadable.get();
    }

    public String failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
