package com.hazardwatch.jobs.operators;

import com.hazardwatch.connectors.kafka.ReadingOrReject;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.Reading;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes readings on; records of hw.readings that are not readings go to the dead-letter side output with their
 * reason. Whether the sensor is in the catalogue is decided by {@link SensorRulesFunction}, which follows catalogue
 * changes at runtime.
 */
public final class RouteReadings extends ProcessFunction<ReadingOrReject, Reading> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    @Override
    public void processElement(ReadingOrReject in, Context ctx, Collector<Reading> out) {
        if (in.rejected() != null) {
            ctx.output(DEAD_LETTERS, in.rejected());
            return;
        }
        out.collect(in.reading());
    }
}
