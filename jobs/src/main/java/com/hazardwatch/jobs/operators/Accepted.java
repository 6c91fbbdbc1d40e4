package com.hazardwatch.jobs.operators;

import com.hazardwatch.connectors.kafka.Decoded;
import com.hazardwatch.model.event.DeadLetter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Splits decoded records: the values go on, what could not be decoded goes to hw.dlq ({@link #REJECTED}). */
public final class Accepted<T> extends ProcessFunction<Decoded<T>, T> {
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected-input") {};

    @Override
    public void processElement(Decoded<T> in, Context ctx, Collector<T> out) {
        if (in.rejected() != null) {
            ctx.output(REJECTED, in.rejected());
        } else {
            out.collect(in.value());
        }
    }
}
