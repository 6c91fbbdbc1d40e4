package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sensor fault (docs/rules.md section 6): a value that is not finite, a reading of quality {@code bad}, or a value
 * outside the instrument range raises FAULT, and limit evaluation is skipped for that reading; the next reading with
 * none of these causes clears it. Quality {@code uncertain} is not a fault, so an uncertain in-range reading clears.
 *
 * <p>Alarm id {@code {sensor}:FAULT:{ts of the raising reading}}. The event's value is the reading's value (0 when it
 * is not finite, see the detail); its limit is the range bound the value passed, or for the other causes the range
 * max. A reading not newer than the last one evaluated does not move the state (its {@code skipLimits} still says
 * whether it is faulty).
 */
public final class FaultRule {
    private FaultRule() {}

    /** What one reading did: the FAULT event it caused, if any, and whether limit evaluation must skip it. */
    public record Result(Optional<RuleEvent> event, boolean skipLimits) {}

    /** Why a reading is faulty, for a person ("quality bad; 120 % above range max 100 %"), or null when it is not. */
    public static String faultCause(Sensor s, Reading r) {
        List<String> causes = new ArrayList<>(2);
        double v = r.value();
        if (!Double.isFinite(v)) {
            causes.add("value not finite (" + v + ")");
        }
        if (r.quality() == Quality.BAD) {
            causes.add("quality bad");
        }
        Range range = s.range();
        if (range != null && Double.isFinite(v)) {
            if (v > range.max()) {
                causes.add(RuleEvent.num(v) + " " + s.unit() + " above range max " + RuleEvent.num(range.max()) + " " + s.unit());
            } else if (v < range.min()) {
                causes.add(RuleEvent.num(v) + " " + s.unit() + " below range min " + RuleEvent.num(range.min()) + " " + s.unit());
            }
        }
        return causes.isEmpty() ? null : String.join("; ", causes);
    }

    /** Whether a reading is faulty (and so is neither limit-evaluated nor fed to the trend, flatline rules). */
    public static boolean isFaulty(Sensor s, Reading r) {
        return faultCause(s, r) != null;
    }

    /** Applies one reading; the state is updated in place. {@code now} is the processing time for emittedAt. */
    public static Result evaluate(Sensor s, FaultState st, Reading r, long now) {
        String cause = faultCause(s, r);
        boolean faulty = cause != null;
        if (r.ts() <= st.lastTs) {
            return new Result(Optional.empty(), faulty);
        }
        st.lastTs = r.ts();
        if (faulty && !st.active) {
            st.active = true;
            st.alarmId = s.id() + ":FAULT:" + r.ts();
            st.limit = limitFor(s, r.value());
            return new Result(Optional.of(RuleEvent.of(s, st.alarmId, AlarmType.FAULT, AlarmTransition.RAISE,
                    r.value(), st.limit, r.ts(), now, cause)), true);
        }
        if (!faulty && st.active) {
            String id = st.alarmId;
            st.active = false;
            st.alarmId = null;
            return new Result(Optional.of(RuleEvent.of(s, id, AlarmType.FAULT, AlarmTransition.CLEAR,
                    r.value(), st.limit, r.ts(), now, "good reading " + RuleEvent.num(r.value()) + " " + s.unit()
                            + " within range")), false);
        }
        return new Result(Optional.empty(), faulty);
    }

    private static double limitFor(Sensor s, double v) {
        Range range = s.range();
        if (range == null) {
            return 0.0;
        }
        return Double.isFinite(v) && v < range.min() ? range.min() : range.max();
    }
}
