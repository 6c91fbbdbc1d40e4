package com.hazardwatch.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads hw.notifications from its beginning to its end at start: the latest checkpoint and every delivery's last word. */
final class NotificationLog {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationLog.class);

    /**
     * What the log holds.
     *
     * @param checkpoint the latest checkpoint for this alarms topic, or null
     * @param intents delivery id -> its PENDING record (everything needed to send it again)
     * @param last delivery id -> its latest record (PENDING, RETRYING, SENT or FAILED)
     */
    record State(JsonNode checkpoint, Map<String, JsonNode> intents, Map<String, JsonNode> last, long records) {
        /** Deliveries whose intent is recorded but not their end (SENT or FAILED): sent again at start. */
        List<JsonNode> inDoubt() {
            List<JsonNode> out = new ArrayList<>();
            intents.forEach((id, intent) -> {
                String s = last.get(id).path("status").asText();
                if (!NotificationRecords.SENT.equals(s) && !NotificationRecords.FAILED.equals(s)) {
                    out.add(last.get(id));
                }
            });
            return out;
        }
    }

    private NotificationLog() {}

    static State read(String bootstrap, String topic, String alarmsTopic, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        String key = NotificationRecords.checkpointKey(alarmsTopic);
        JsonNode checkpoint = null;
        Map<String, JsonNode> intents = new LinkedHashMap<>();
        Map<String, JsonNode> last = new HashMap<>();
        long n = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo i : c.partitionsFor(topic, timeout)) {
                parts.add(new TopicPartition(topic, i.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " to its end took longer than " + timeout
                            + "; is Kafka at " + bootstrap + " slow or down? (bin/hazardwatch stack status)");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    n++;
                    JsonNode o;
                    try {
                        o = Json.mapper().readTree(r.value());
                    } catch (Exception e) {
                        LOG.warn("{} offset {}/{}: not a notification record, skipped: {}", topic, r.partition(), r.offset(), e.getMessage());
                        continue;
                    }
                    if (o == null || !o.isObject()) {
                        continue;
                    }
                    if ("checkpoint".equals(o.path("record").asText())) {
                        if (key.equals(o.path("id").asText())) {
                            checkpoint = o;
                        }
                        continue;
                    }
                    String id = o.path("id").asText("");
                    if (id.isEmpty()) {
                        continue;
                    }
                    if (NotificationRecords.PENDING.equals(o.path("status").asText())) {
                        intents.put(id, o);
                    }
                    last.put(id, o);
                }
            }
        }
        return new State(checkpoint, intents, last, n);
    }
}
