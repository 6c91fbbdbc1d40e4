package com.hazardwatch.jobs.operators;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.Reading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by sensor: every per-sensor rule ({@link SensorRules}: fault, limits, rate of change, forecast) on each
 * reading, in event-time order per sensor. This class only holds the Flink state and metrics; the rules themselves
 * are in SensorRules, which the engine benchmark's plain-Java reference runs too.
 * State: one {@link SensorState} per sensor of the catalogue (bounded by the catalogue's size).
 */
public final class SensorRulesFunction extends KeyedProcessFunction<String, Reading, AlarmEvent> {
    private final Catalogue catalogue;
    private transient ValueState<SensorState> state;
    private transient Counter outOfOrder;
    private transient Counter faulty;

    public SensorRulesFunction(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("sensor-state", SensorState.class));
        outOfOrder = getRuntimeContext().getMetricGroup().counter("readingsOutOfOrder");
        faulty = getRuntimeContext().getMetricGroup().counter("readingsFaulty");
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<AlarmEvent> out) throws Exception {
        Sensor sensor = catalogue.sensor(r.sensor()).orElse(null);
        if (sensor == null) {
            return; // routed to hw.dlq upstream (RouteReadings); nothing unknown reaches here
        }
        SensorState st = state.value();
        if (st == null) {
            st = new SensorState();
        }
        switch (SensorRules.apply(sensor, st, r, ctx.timerService().currentProcessingTime(), out::collect)) {
            case EVALUATED -> state.update(st);
            case FAULTY -> {
                faulty.inc();
                state.update(st);
            }
            case OUT_OF_ORDER -> outOfOrder.inc();
        }
    }
}
