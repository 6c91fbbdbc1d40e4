package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Reading;
import java.util.Optional;

/**
 * Flatline, a stuck transmitter (docs/rules.md section 5): the value has stayed within epsilon of the first value of
 * the run (default 0: bit-identical) for longer than the flatline period of event time (30 min for level,
 * temperature and pressure; off for gas detectors) while other sensors of the same source keep reporting: RAISE
 * FLATLINE; CLEAR on the first reading that differs by more than epsilon.
 *
 * <p>"Other sensors of the same source keep reporting" is the caller's flag {@code neighboursReporting}: when false no
 * FLATLINE is raised (a dead link is STALE / LINK_DOWN, not a stuck sensor), the run keeps counting, and a standing
 * FLATLINE stays. The run is measured from its first reading to the current one: the period must be exceeded
 * ({@code ts - runSince > period}). Epsilon is measured against the run's first value, so a slow drift in steps below
 * epsilon still ends the run once it has moved more than epsilon in total.
 *
 * <p>Alarm id {@code {sensor}:FLAT:{ts of the raising reading}}; value = the reading's value, limit = epsilon. Faulty
 * readings ({@link FaultRule#isFaulty}) and readings not newer than the last one evaluated do not move the state. A
 * period of null (the rule is off for the sensor) clears a standing FLATLINE on the next reading.
 */
public final class FlatlineRule {
    private FlatlineRule() {}

    /** With the kind's default period and epsilon. */
    public static Optional<RuleEvent> evaluate(Sensor s, FlatlineState st, Reading r, boolean neighboursReporting, long now) {
        return evaluate(s, st, r, neighboursReporting, RuleDefaults.flatlinePeriodMs(s.kind()), RuleDefaults.FLATLINE_EPSILON, now);
    }

    /**
     * Applies one reading; the state is updated in place.
     *
     * @param neighboursReporting whether other sensors of the same source are reporting now
     * @param periodMs the flatline period of event time, or null when the rule is off for this sensor
     * @param epsilon the largest difference that still counts as unchanged; 0 means bit-identical
     * @param now processing time, for emittedAt
     */
    public static Optional<RuleEvent> evaluate(Sensor s, FlatlineState st, Reading r, boolean neighboursReporting,
                                               Long periodMs, double epsilon, long now) {
        return evaluate(s, st, r, neighboursReporting, periodMs, epsilon, null, now);
    }

    /**
     * As above; a gap between two readings longer than {@code maxGapMs} restarts the run: a sensor that was silent
     * and comes back with the same value has not been seen stuck, it has not been seen at all.
     *
     * @param maxGapMs the longest gap that does not break a run, or null for no limit
     */
    public static Optional<RuleEvent> evaluate(Sensor s, FlatlineState st, Reading r, boolean neighboursReporting,
                                               Long periodMs, double epsilon, Long maxGapMs, long now) {
        if (FaultRule.isFaulty(s, r) || r.ts() <= st.lastTs) {
            return Optional.empty();
        }
        if (maxGapMs != null && st.hasRun && r.ts() - st.lastTs > maxGapMs) {
            st.hasRun = false; // the run starts afresh with this reading (a standing FLATLINE clears below if it changed)
            if (st.active && !changed(st.runValue, r.value(), epsilon)) {
                st.hasRun = true; // still the same value after the gap: a standing alarm stays, its run goes on
            }
        }
        st.lastTs = r.ts();
        double v = r.value();
        if (periodMs == null) {
            st.hasRun = false;
            if (st.active) {
                return Optional.of(clear(s, st, r, epsilon, now, "flatline check off for this sensor"));
            }
            return Optional.empty();
        }
        if (!st.hasRun || changed(st.runValue, v, epsilon)) {
            boolean had = st.hasRun;
            double from = st.runValue;
            st.hasRun = true;
            st.runValue = v;
            st.runSince = r.ts();
            if (st.active) {
                return Optional.of(clear(s, st, r, epsilon, now, had
                        ? "value changed from " + RuleEvent.num(from) + " to " + RuleEvent.num(v) + " " + s.unit()
                        : "value " + RuleEvent.num(v) + " " + s.unit()));
            }
            return Optional.empty();
        }
        long flatFor = r.ts() - st.runSince;
        if (!st.active && neighboursReporting && flatFor > periodMs) {
            st.active = true;
            st.alarmId = s.id() + ":FLAT:" + r.ts();
            return Optional.of(RuleEvent.of(s, st.alarmId, AlarmType.FLATLINE, AlarmTransition.RAISE, v, epsilon,
                    r.ts(), now, "unchanged at " + RuleEvent.num(st.runValue) + " " + s.unit() + " for "
                            + (flatFor / RuleDefaults.MINUTE_MS) + " min"));
        }
        return Optional.empty();
    }

    private static boolean changed(double ref, double v, double epsilon) {
        if (epsilon <= 0) {
            return Double.doubleToLongBits(ref) != Double.doubleToLongBits(v);
        }
        return Math.abs(v - ref) > epsilon;
    }

    private static RuleEvent clear(Sensor s, FlatlineState st, Reading r, double epsilon, long now, String why) {
        String id = st.alarmId;
        st.active = false;
        st.alarmId = null;
        return RuleEvent.of(s, id, AlarmType.FLATLINE, AlarmTransition.CLEAR, r.value(), epsilon, r.ts(), now, why);
    }
}
