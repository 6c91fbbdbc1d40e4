package com.hazardwatch.simulators.verify;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.util.Objects;

/**
 * One transition read from hw.alarms, with what {@link ScriptVerifier} needs of it.
 *
 * @param alarmId the alarm's id ({@code {owner}:{class}:{ts}})
 * @param owner the alarm's owner, hw.alarms {@code sensor}: the sensor id, the enterprise id for LINK_DOWN, the source id
 *     for AREA_GAS
 * @param type the alarm type (null on the rejection of a command for an unknown alarm)
 * @param transition what happened
 * @param state what an operator sees after it (SUPPRESSED: raised under a LINK_DOWN, never annunciated)
 * @param ts event time of what caused it: the reading for the rules' transitions (for STALE and LINK_DOWN raises, the
 *     engine's processing time), epoch ms
 * @param emittedAt when the engine emitted it, epoch ms
 */
public record SeenAlarm(String alarmId, String owner, AlarmType type, AlarmTransition transition, AlarmState state,
                        long ts, long emittedAt) {
    public SeenAlarm {
        Objects.requireNonNull(transition, "transition");
    }

    /** The fields of an alarm event from hw.alarms ({@code AlarmCodec.fromJson}). */
    public static SeenAlarm of(AlarmEvent e) {
        return new SeenAlarm(e.alarmId(), e.sensor(), e.type(), e.transition(), e.state(), e.ts(), e.emittedAt());
    }

    /**
     * Whether this transition brings an alarm condition to a duty officer's attention: RAISE, ESCALATE (to a more
     * severe limit) or RETURN (a latched alarm's condition came back). These are what {@code expect: RAISE} matches,
     * what {@code forbid:} forbids, and what can be unexpected.
     */
    public boolean raises() {
        return transition == AlarmTransition.RAISE || transition == AlarmTransition.ESCALATE
                || transition == AlarmTransition.RETURN;
    }

    /** E.g. {@code RAISE HIGH_HIGH on E01-LT101}. */
    public String describe() {
        return transition + " " + (type == null ? "(no type)" : type.name()) + " on " + owner
                + (state == AlarmState.SUPPRESSED ? " (suppressed)" : "");
    }
}
