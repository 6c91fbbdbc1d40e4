package com.hazardwatch.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * One alarm lifecycle transition as published on hw.alarms (key = the alarm's owner: sensor, enterprise for
 * LINK_DOWN, source for AREA) and stored in InfluxDB measurement {@code alarm}: the {@link AlarmEvent} plus who, why
 * and whether to notify. On the wire it is one flat JSON object ({@code AlarmCodec}).
 *
 * <p>{@code event.ts()} is when: the reading's event time for condition transitions, the command's {@code ts} for
 * operator commands, the expiry for a shelf expiry, the caller's time for suppression. {@code event.emittedAt()} is
 * set to the same value; the job stamps its processing time with {@link #withEmittedAt}. {@code event.state()} is
 * the state an operator sees (SHELVED, SUPPRESSED or OUT_OF_SERVICE win over the condition state underneath).
 *
 * @param event the alarm event; for a rejection of a command for an unknown alarm, {@code type} and {@code state}
 *     are null and {@code value} and {@code limit} NaN
 * @param priority 1 (highest) .. 4, see {@link Priorities}; 0 when unknown (rejection of an unknown alarm)
 * @param underlying the ISA-18.2 condition state beneath shelving, suppression and out-of-service: NORMAL,
 *     ACTIVE_UNACK, ACTIVE_ACK or RTN_UNACK (null when unknown)
 * @param operator who: the operator's login for commands, {@code system} for engine transitions
 * @param comment the operator's comment, or null
 * @param reason why, in words: the condition (value and limit), the command's effect, or why it was rejected
 * @param shelvedUntil the shelf's expiry (epoch ms) while the alarm is shelved, else null
 * @param shouldNotify (JSON {@code notify}; a record component cannot be named {@code notify}, which is
 *     {@link Object#notify()}) whether this transition is worth notifying a duty officer (annunciate, push): true only for
 *     RAISE, ESCALATE and RETURN of an alarm an operator can see, and for UNSHELVE, IN_SERVICE and UNSUPPRESS that
 *     bring back an active unacknowledged alarm
 */
public record LifecycleEvent(
        AlarmEvent event,
        int priority,
        AlarmState underlying,
        String operator,
        String comment,
        String reason,
        Long shelvedUntil,
        @JsonProperty("notify") boolean shouldNotify) implements Serializable {

    public AlarmTransition transition() {
        return event.transition();
    }

    public AlarmState state() {
        return event.state();
    }

    public long ts() {
        return event.ts();
    }

    /** The same event with the processing time at which the job emits it. */
    public LifecycleEvent withEmittedAt(long emittedAt) {
        AlarmEvent e = event;
        return new LifecycleEvent(new AlarmEvent(e.alarmId(), e.sensor(), e.enterprise(), e.source(), e.type(),
                e.transition(), e.state(), e.value(), e.limit(), e.ts(), emittedAt, e.detail()),
                priority, underlying, operator, comment, reason, shelvedUntil, shouldNotify);
    }
}
