package com.hazardwatch.bench.engine;

import com.hazardwatch.connectors.kafka.ReadingDeserializer;
import com.hazardwatch.connectors.kafka.ReadingOrReject;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one hw.readings record value into what the job's Kafka source emits, through the job's own
 * {@link ReadingDeserializer} (JSON parse, validation, dead letter for a bad record). Used by the benchmark's source
 * and by the reference, so both pay exactly the production decoding cost. Not thread-safe: one per thread.
 */
public final class RecordDecoder implements Collector<ReadingOrReject> {
    public static final String TOPIC = "hw.readings";

    private final ReadingDeserializer deserializer = new ReadingDeserializer();
    private final int partition;
    private ReadingOrReject last;

    public RecordDecoder(int partition) {
        this.partition = partition;
    }

    /** The reading (or reject) in value, as if read from partition/offset of hw.readings. */
    public ReadingOrReject decode(byte[] value, long offset) {
        last = null;
        deserializer.deserialize(new ConsumerRecord<byte[], byte[]>(TOPIC, partition, offset, null, value), this);
        if (last == null) {
            throw new IllegalStateException("ReadingDeserializer emitted nothing for offset " + offset);
        }
        return last;
    }

    @Override
    public void collect(ReadingOrReject record) {
        last = record;
    }

    @Override
    public void close() {}
}
