package com.hazardwatch.connectors.kafka;

import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.CatalogueJson;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import com.hazardwatch.model.json.CommandCodec;
import com.hazardwatch.model.json.DeadLetterCodec;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.util.Collector;

/**
 * Reads a JSON topic of the job (hw.commands, hw.catalogue): a record that cannot be decoded is passed on as a
 * {@link Decoded#rejected()} dead letter naming the topic, partition and offset, never dropped and never fatal.
 */
public final class DecodingDeserializer<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {
    /** The decoding of one record's value. */
    @FunctionalInterface
    public interface Decoder<T> extends Serializable {
        T decode(byte[] value) throws RejectedInputException;
    }

    private final Decoder<T> decoder;
    private final TypeInformation<Decoded<T>> type;

    private DecodingDeserializer(Decoder<T> decoder, TypeInformation<Decoded<T>> type) {
        this.decoder = decoder;
        this.type = type;
    }

    /** hw.commands: operator commands ({@link CommandCodec}), shelves longer than maxShelve refused. */
    public static DecodingDeserializer<OperatorCommand> commands(Duration maxShelve) {
        long maxMs = maxShelve.toMillis();
        return new DecodingDeserializer<>(v -> CommandCodec.fromJson(v, Duration.ofMillis(maxMs)),
                TypeInformation.of(new TypeHint<Decoded<OperatorCommand>>() {}));
    }

    /** hw.catalogue: catalogue entries ({@link CatalogueJson#entryFromJson}). */
    public static DecodingDeserializer<CatalogueEntry> catalogue() {
        return new DecodingDeserializer<>(v -> {
            if (v == null) {
                throw new RejectedInputException(RejectReason.BAD_CATALOGUE_ENTRY, "a record without a value (a Kafka "
                        + "tombstone); removals are entries with \"sensor\": null");
            }
            try {
                return CatalogueJson.entryFromJson(v);
            } catch (IllegalArgumentException e) {
                throw new RejectedInputException(RejectReason.BAD_CATALOGUE_ENTRY, e.getMessage());
            }
        }, TypeInformation.of(new TypeHint<Decoded<CatalogueEntry>>() {}));
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        try {
            out.collect(new Decoded<>(decoder.decode(record.value()), null));
        } catch (RejectedInputException e) {
            String origin = "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset();
            out.collect(new Decoded<>(null, DeadLetterCodec.of(e, origin, System.currentTimeMillis(),
                    record.value() == null ? new byte[0] : record.value(), "job")));
        }
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return type;
    }
}
