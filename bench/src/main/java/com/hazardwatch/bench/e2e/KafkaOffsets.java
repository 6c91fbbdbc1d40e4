package com.hazardwatch.bench.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** End offsets of topics and committed offsets of a consumer group, summed over partitions. */
public final class KafkaOffsets implements AutoCloseable {
    private final Admin admin;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

    public KafkaOffsets(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "e2e-harness-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(p);
    }

    private List<TopicPartition> partitions(String topic) throws Exception {
        List<TopicPartition> parts = partitions.get(topic);
        if (parts == null) {
            parts = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            partitions.put(topic, parts);
        }
        return parts;
    }

    /** Records in the topic (sum of end offsets; no transactions, no deletions here). */
    public synchronized long end(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        for (TopicPartition tp : partitions(topic)) {
            q.put(tp, OffsetSpec.latest());
        }
        long sum = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo i : admin.listOffsets(q).all().get(15, TimeUnit.SECONDS).values()) {
            sum += i.offset();
        }
        return sum;
    }

    /** Offsets the group committed for the topic (the Flink Kafka source commits on checkpoint completion). */
    public synchronized long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(15, TimeUnit.SECONDS);
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : m.entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }

    /** Deletes topics (best effort). */
    public synchronized void delete(Set<String> topics) {
        try {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: a leftover topic does no harm to later steps, which have their own names
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
