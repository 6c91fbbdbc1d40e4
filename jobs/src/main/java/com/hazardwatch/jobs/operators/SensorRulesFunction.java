package com.hazardwatch.jobs.operators;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by sensor: evaluates LL/L/H/HH with deadband on each reading, in event-time order per sensor.
 * A reading older than (or as old as) the newest one evaluated is counted and left out of the evaluation (it is still
 * stored by the readings sink); a reading of quality bad is not evaluated.
 * State: one {@link LimitState} per sensor of the catalogue (bounded by the catalogue's size).
 */
public final class LimitAlarmFunction extends KeyedProcessFunction<String, Reading, AlarmEvent> {
    private final Catalogue catalogue;
    private transient ValueState<LimitState> state;
    private transient Counter outOfOrder;
    private transient Counter badQuality;

    public LimitAlarmFunction(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("limit-state", LimitState.class));
        outOfOrder = getRuntimeContext().getMetricGroup().counter("readingsOutOfOrder");
        badQuality = getRuntimeContext().getMetricGroup().counter("readingsBadQuality");
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<AlarmEvent> out) throws Exception {
        Sensor sensor = catalogue.sensor(r.sensor()).orElse(null);
        if (sensor == null) {
            return; // routed to hw.dlq upstream (RouteReadings); nothing unknown reaches here
        }
        LimitState st = state.value();
        if (st == null) {
            st = new LimitState();
        }
        switch (apply(sensor, st, r, ctx.timerService().currentProcessingTime(), out::collect)) {
            case EVALUATED -> state.update(st);
            case OUT_OF_ORDER -> outOfOrder.inc();
            case BAD_QUALITY -> badQuality.inc();
        }
    }

    /** What became of one reading. */
    public enum Outcome { EVALUATED, OUT_OF_ORDER, BAD_QUALITY }

    /**
     * The whole per-reading rule, free of Flink so that a plain-Java reference (the engine benchmark) runs exactly
     * the same code: bad quality is not evaluated, a reading not newer than the last one evaluated does not move the
     * state, anything else goes through the limit evaluation.
     */
    public static Outcome apply(Sensor sensor, LimitState st, Reading r, long now, java.util.function.Consumer<AlarmEvent> out) {
        if (r.quality() == Quality.BAD) {
            return Outcome.BAD_QUALITY;
        }
        if (r.ts() <= st.lastTs) {
            return Outcome.OUT_OF_ORDER;
        }
        st.lastTs = r.ts();
        for (AlarmEvent e : LimitEvaluator.evaluate(sensor, st, r, now)) {
            out.accept(e);
        }
        return Outcome.EVALUATED;
    }
}
