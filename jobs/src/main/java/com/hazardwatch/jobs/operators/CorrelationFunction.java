package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.jobs.rules.GasCorrelation;
import com.hazardwatch.jobs.rules.RuleDefaults;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by hazard source: the gas detectors of the source in alarm ({@link GasCorrelation}, docs/rules.md section 8).
 * Two or more raised within the window give one AREA_GAS alarm for the source, at priority 1, which the lifecycle
 * handles like any other (owner: the source). The state ends when the last detector leaves alarm.
 */
public final class CorrelationFunction extends KeyedProcessFunction<String, GasSignal, LifecycleInput> {
    private transient ValueState<GasCorrelation> state;

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("gas-correlation", GasCorrelation.class));
    }

    @Override
    public void processElement(GasSignal in, Context ctx, Collector<LifecycleInput> out) throws Exception {
        GasCorrelation c = state.value();
        if (c == null) {
            c = new GasCorrelation();
        }
        Optional<com.hazardwatch.jobs.rules.RuleEvent> area = c.onAlarm(in.sensor(), in.inAlarm(), in.ts(),
                ctx.timerService().currentProcessingTime());
        area.ifPresent(e -> out.collect(LifecycleInput.condition(e.event(), in.sensor().town(), in.sensor().sourceGrade(),
                RuleDefaults.AREA_PRIORITY)));
        if (c.inAlarm() == 0 && !c.active) {
            state.clear();
        } else {
            state.update(c);
        }
    }
}
