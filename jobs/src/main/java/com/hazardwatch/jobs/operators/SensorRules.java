package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.rules.FaultRule;
import com.hazardwatch.jobs.rules.ForecastRule;
import com.hazardwatch.jobs.rules.RateOfChangeRule;
import com.hazardwatch.jobs.rules.RuleEvent;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.Reading;
import java.util.function.Consumer;

/**
 * Every per-sensor rule applied to one reading, in a fixed order, free of Flink so that the job's operator and the
 * plain-Java reference of the engine benchmark run exactly the same code (docs/rules.md):
 * <ol>
 *   <li>a reading not newer than the last one evaluated moves nothing (late or duplicate);</li>
 *   <li>sensor fault (out of range, not finite, quality bad): FAULT, and the reading goes no further;</li>
 *   <li>limits LL/L/H/HH with deadband;</li>
 *   <li>rate of change over the trend window;</li>
 *   <li>forecast of the time to HH or LL from the same trend.</li>
 * </ol>
 */
public final class SensorRules {
    private SensorRules() {}

    /** What became of one reading. */
    public enum Outcome { EVALUATED, OUT_OF_ORDER, FAULTY }

    public static Outcome apply(Sensor sensor, SensorState st, Reading r, long now, Consumer<AlarmEvent> out) {
        if (r.ts() <= st.lastTs) {
            return Outcome.OUT_OF_ORDER;
        }
        st.lastTs = r.ts();
        FaultRule.Result fault = FaultRule.evaluate(sensor, st.fault, r, now);
        fault.event().map(RuleEvent::event).ifPresent(out);
        if (fault.skipLimits()) {
            return Outcome.FAULTY;
        }
        LimitEvaluator.evaluate(sensor, st.limits, r, now).forEach(out);
        RateOfChangeRule.evaluate(sensor, st.roc, r, now).map(RuleEvent::event).ifPresent(out);
        for (RuleEvent e : ForecastRule.evaluate(sensor, st.forecast, st.roc.trend, r, now)) {
            out.accept(e.event());
        }
        return Outcome.EVALUATED;
    }
}
