package com.hazardwatch.jobs.operators;

import com.hazardwatch.connectors.kafka.ReadingOrReject;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.json.ReadingCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes readings of catalogue sensors on; everything else goes to the dead-letter side output with its reason. */
public final class RouteReadings extends ProcessFunction<ReadingOrReject, Reading> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final Catalogue catalogue;

    public RouteReadings(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void processElement(ReadingOrReject in, Context ctx, Collector<Reading> out) {
        if (in.rejected() != null) {
            ctx.output(DEAD_LETTERS, in.rejected());
            return;
        }
        Reading r = in.reading();
        if (catalogue.sensor(r.sensor()).isEmpty()) {
            ctx.output(DEAD_LETTERS, new DeadLetter(RejectReason.UNKNOWN_SENSOR, "sensor '" + r.sensor()
                    + "' is not in the job's catalogue", "job", ctx.timerService().currentProcessingTime(),
                    new String(ReadingCodec.toJson(r), StandardCharsets.UTF_8), null, "job"));
            return;
        }
        out.collect(r);
    }
}
