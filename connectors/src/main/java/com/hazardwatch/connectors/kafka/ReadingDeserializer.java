package com.hazardwatch.connectors.kafka;

import com.hazardwatch.model.event.RejectedInputException;
import com.hazardwatch.model.json.DeadLetterCodec;
import com.hazardwatch.model.json.ReadingCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads hw.readings; a record that is not a reading is passed on as a reject (for hw.dlq), never dropped and never fatal. */
public final class ReadingDeserializer implements KafkaRecordDeserializationSchema<ReadingOrReject> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ReadingOrReject> out) {
        try {
            out.collect(new ReadingOrReject(ReadingCodec.fromJson(record.value()), null));
        } catch (RejectedInputException e) {
            String origin = "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset();
            out.collect(new ReadingOrReject(null, DeadLetterCodec.of(e, origin, System.currentTimeMillis(), record.value(), "job")));
        }
    }

    @Override
    public TypeInformation<ReadingOrReject> getProducedType() {
        return TypeInformation.of(ReadingOrReject.class);
    }
}
