package com.hazardwatch.bench.engine;

import com.hazardwatch.connectors.kafka.ReadingOrReject;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A bounded Flink source over {@link ReadingData} held in this JVM: a {@link DataGeneratorSource} whose generator
 * function decodes record {@code recordFor(i, p)} with the job's Kafka deserializer, so JSON parsing happens inside
 * the engine measurement, in the source task, as it does with the Kafka source.
 *
 * <p>The records are too big to travel in the job graph; they are installed in a static field and the function
 * looks them up when it opens. That works in a local MiniCluster (same JVM, same class loader), which is what the
 * benchmark uses.
 */
public final class InMemoryReadings {
    private static volatile ReadingData installed;

    private InMemoryReadings() {}

    /** Makes data the records every source created afterwards reads. */
    public static void install(ReadingData data) {
        installed = data;
    }

    /** A source emitting every record of the installed data once, for a job of this parallelism. */
    public static DataGeneratorSource<ReadingOrReject> source(ReadingData data, int parallelism) {
        if (!data.supports(parallelism)) {
            throw new IllegalArgumentException("parallelism " + parallelism + " does not divide the " + data.sensors()
                    + " sensors; per-sensor order could not be kept");
        }
        install(data);
        return new DataGeneratorSource<>(new Lookup(parallelism, data.size()), data.size(),
                TypeInformation.of(ReadingOrReject.class));
    }

    /** Index -> decoded record. */
    static final class Lookup implements GeneratorFunction<Long, ReadingOrReject> {
        private static final long serialVersionUID = 1L;
        private final int parallelism;
        private final int size;
        private transient ReadingData data;
        private transient RecordDecoder decoder;

        Lookup(int parallelism, int size) {
            this.parallelism = parallelism;
            this.size = size;
        }

        @Override
        public void open(SourceReaderContext ctx) {
            data = installed;
            if (data == null || data.size() != size) {
                throw new IllegalStateException("no readings of size " + size + " installed in this JVM");
            }
            if (ctx.currentParallelism() != parallelism) {
                throw new IllegalStateException("source built for parallelism " + parallelism + " runs at " + ctx.currentParallelism());
            }
            decoder = new RecordDecoder(ctx.getIndexOfSubtask());
        }

        @Override
        public ReadingOrReject map(Long i) {
            return decoder.decode(data.record(data.recordFor(i, parallelism)), i);
        }
    }
}
