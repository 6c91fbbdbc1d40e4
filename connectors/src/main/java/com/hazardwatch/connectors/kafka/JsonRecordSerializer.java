package com.hazardwatch.connectors.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes events to one Kafka topic: key and value given by named codec functions. */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, byte[]> value;

    public JsonRecordSerializer(String topic, SerializableFunction<T, String> key, SerializableFunction<T, byte[]> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        return new ProducerRecord<>(topic, null, timestamp, k == null ? null : k.getBytes(StandardCharsets.UTF_8), value.apply(element));
    }
}
