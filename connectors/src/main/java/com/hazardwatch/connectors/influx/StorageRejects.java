package com.hazardwatch.connectors.influx;

import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.json.DeadLetterCodec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Where {@link InfluxSink} sends the lines InfluxDB refused. A Flink sink cannot emit downstream, so the sink hands
 * them on itself: in the job, straight to Kafka hw.dlq through a producer of its own ({@link #kafka}), as
 * {@link RejectReason#STORAGE_REJECTED} dead letters whose detail is InfluxDB's error and whose payload is the line.
 * The sink flushes this producer before a checkpoint completes, so a refused line of a checkpointed batch is on
 * hw.dlq: at-least-once, like the stored lines.
 */
public interface StorageRejects extends Serializable {

    /** Opened once per sink task. */
    Open open();

    /** The per-task side of {@link StorageRejects}: called from the sink's writer threads. */
    interface Open extends AutoCloseable {
        void reject(DeadLetter deadLetter);

        /** Returns when every dead letter handed over so far is stored. */
        void flush() throws InterruptedException;

        @Override
        void close();
    }

    String STAGE = "influxdb";

    /** The dead letter of a refused line. */
    static DeadLetter deadLetter(InfluxWriter.Rejected r, String retentionPolicy, long now) {
        return new DeadLetter(RejectReason.STORAGE_REJECTED, r.detail(), "influxdb:" + retentionPolicy, now, r.line(), null, STAGE);
    }

    /** Refused lines to Kafka topic {@code topic} (hw.dlq), JSON as every other dead letter, keyed by origin. */
    static StorageRejects kafka(String bootstrap, String topic) {
        return kafka(bootstrap, new Properties(), topic);
    }

    /** As {@link #kafka(String, String)} with the client security properties of {@code KafkaClients.security}. */
    static StorageRejects kafka(String bootstrap, Properties security, String topic) {
        return () -> {
            Properties p = new Properties();
            p.putAll(security);
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "hazardwatch-influx-rejects");
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            return new Open() {
                @Override
                public synchronized void reject(DeadLetter d) {
                    pending.add(producer.send(new ProducerRecord<>(topic, d.origin().getBytes(StandardCharsets.UTF_8),
                            DeadLetterCodec.toJson(d))));
                }

                @Override
                public void flush() throws InterruptedException {
                    List<Future<RecordMetadata>> sent;
                    synchronized (this) {
                        sent = new ArrayList<>(pending);
                        pending.clear();
                    }
                    if (sent.isEmpty()) {
                        return;
                    }
                    producer.flush();
                    for (Future<RecordMetadata> f : sent) {
                        try {
                            f.get();
                        } catch (ExecutionException e) {
                            throw new IllegalStateException("dead letter to " + topic + " not stored: " + e.getCause(), e.getCause());
                        }
                    }
                }

                @Override
                public void close() {
                    producer.close();
                }
            };
        };
    }

    /** For a sink that must store every line: a refused line fails the job, as before dead letters existed. */
    static StorageRejects failing() {
        return () -> new Open() {
            @Override
            public void reject(DeadLetter d) {
                throw new InfluxWriter.InfluxWriteException("InfluxDB refused a line (" + d.detail() + "): " + d.payload(), null);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }
}
