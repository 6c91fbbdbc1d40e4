package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.rules.FaultRule;
import com.hazardwatch.jobs.rules.FlatlineRule;
import com.hazardwatch.jobs.rules.ForecastRule;
import com.hazardwatch.jobs.rules.RateOfChangeRule;
import com.hazardwatch.jobs.rules.RuleDefaults;
import com.hazardwatch.jobs.rules.RuleEvent;
import com.hazardwatch.jobs.rules.TrendWindow;
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
 *   <li>forecast of the time to HH or LL from the same trend;</li>
 *   <li>flatline (a stuck value), emitted as if neighbours report: the job holds a FLATLINE raise back while every
 *       other sensor of the source is silent ({@code LinkFunction}).</li>
 * </ol>
 * Settings come from the sensor's catalogue entry with defaults per kind ({@link RuleDefaults}).
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
        long window = RuleDefaults.rocWindowMs(sensor);
        if (st.roc.trend == null || st.roc.trend.windowMs != window) {
            st.roc.trend = new TrendWindow(window, RuleDefaults.TREND_CAPACITY); // the catalogue changed the window
        }
        RateOfChangeRule.evaluate(sensor, st.roc, r, RuleDefaults.rocLimit(sensor), now).map(RuleEvent::event).ifPresent(out);
        for (RuleEvent e : ForecastRule.evaluate(sensor, st.forecast, st.roc.trend, r, RuleDefaults.forecastHorizonMs(sensor), now)) {
            out.accept(e.event());
        }
        FlatlineRule.evaluate(sensor, st.flatline, r, true, RuleDefaults.flatlinePeriodMs(sensor),
                RuleDefaults.flatlineEpsilon(sensor), 2 * RuleDefaults.staleAfterMs(sensor), now).map(RuleEvent::event).ifPresent(out);
        return Outcome.EVALUATED;
    }
}
