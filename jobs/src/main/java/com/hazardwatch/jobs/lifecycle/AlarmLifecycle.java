package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.LifecycleEvent;

import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.CommandType;
import com.hazardwatch.model.event.OperatorCommand;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The ISA-18.2 alarm lifecycle and operator commands (docs/rules.md, "Alarm lifecycle"), as pure functions: each takes
 * the current {@link AlarmRecord} (never modified) and returns a {@link Step} with the new record and the
 * {@link LifecycleEvent}s to emit. No clock is read: every time is passed in (reading ts, command ts, {@code now}).
 *
 * <h2>Model</h2>
 * Underneath, the condition state: {@code conditionActive} x {@code acknowledged} gives ACTIVE_UNACK, ACTIVE_ACK,
 * RTN_UNACK and NORMAL. On top, in order of precedence: OUT_OF_SERVICE (operator, per sensor), SUPPRESSED (by design,
 * e.g. a child of LINK_DOWN), SHELVED (operator, with an expiry). The state shown is the topmost layer present, else the
 * condition state. Clears, returns, escalations and de-escalations are always tracked underneath; under a layer they
 * are emitted with the layer's state and {@code notify = false}. The episode ends (record deleted) when the state shown
 * becomes NORMAL; a layer keeps the episode, and its alarmId, alive.
 *
 * <h2>Condition transitions</h2>
 * <ul>
 *   <li>raise: no record (or a NORMAL one) gives a new ACTIVE_UNACK record (RAISE, notify); a record whose condition
 *       is clear (RTN_UNACK, or clear under a layer) gives RETURN under the same alarmId, unacknowledged again.</li>
 *   <li>escalate: type to the more severe one, priority recomputed; the new severity needs a new acknowledgement, so
 *       ACTIVE_ACK goes back to ACTIVE_UNACK (notify). De-escalate keeps the acknowledgement (no notify).</li>
 *   <li>clear: ACTIVE_UNACK to RTN_UNACK, ACTIVE_ACK to NORMAL (episode ends). No notify.</li>
 * </ul>
 *
 * <h2>Commands</h2>
 * ack, shelve, unshelve on the alarm named by alarmId; out-of-service and in-service on every alarm of a sensor. A
 * command that does not apply is answered with a REJECTED event naming the reason; the record is unchanged.
 * Unshelve, shelf expiry and in-service return the alarm to ACTIVE_UNACK when its condition is active (notify), else
 * NORMAL (episode ends). Out-of-service replaces a shelf. Unsuppress returns to the condition state as it is now
 * (or the remaining layer), keeping the acknowledgement.
 *
 * <p>An instance holds only configuration (the longest shelf) and is serializable, so a Flink function can hold one.
 */
public final class AlarmLifecycle implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The operator named on transitions the engine makes itself (condition changes, shelf expiry, suppression). */
    public static final String SYSTEM = "system";

    private final long maxShelveMs;

    /** A lifecycle with the default longest shelf, {@link OperatorCommand#DEFAULT_MAX_SHELVE}. */
    public AlarmLifecycle() {
        this(OperatorCommand.DEFAULT_MAX_SHELVE);
    }

    public AlarmLifecycle(Duration maxShelve) {
        if (maxShelve == null || maxShelve.toMillis() <= 0) {
            throw new IllegalArgumentException("the longest shelf must be positive, found " + maxShelve);
        }
        this.maxShelveMs = maxShelve.toMillis();
    }

    public Duration maxShelve() {
        return Duration.ofMillis(maxShelveMs);
    }

    // ------------------------------------------------------------------------------------------------ conditions

    /**
     * Applies a condition event from a rule evaluator (RAISE, ESCALATE, DEESCALATE or CLEAR, e.g. from
     * {@code LimitEvaluator}) to the alarm's record, null when there is none.
     */
    public Step onCondition(AlarmRecord current, AlarmEvent condition, Integer sourceGrade) {
        return switch (condition.transition()) {
            case RAISE -> raise(current, condition, sourceGrade, null);
            case ESCALATE -> requireRecord(current, condition, () ->
                    escalate(current, condition.type(), condition.value(), condition.limit(), condition.ts()));
            case DEESCALATE -> requireRecord(current, condition, () ->
                    deescalate(current, condition.type(), condition.value(), condition.limit(), condition.ts()));
            case CLEAR -> requireRecord(current, condition, () ->
                    clear(current, condition.value(), condition.limit(), condition.ts()));
            default -> throw new IllegalArgumentException("not a condition transition: " + condition.transition());
        };
    }

    private static Step requireRecord(AlarmRecord current, AlarmEvent condition, java.util.function.Supplier<Step> then) {
        if (current == null) {
            return ignored(null, condition.transition() + " for " + condition.alarmId() + ", which has no record");
        }
        return then.get();
    }

    /** {@link #raise(AlarmRecord, AlarmEvent, Integer, OperatorCommand)} for a sensor in service. */
    public Step raise(AlarmRecord current, AlarmEvent condition, Integer sourceGrade) {
        return raise(current, condition, sourceGrade, null);
    }

    /**
     * The condition became active.
     *
     * @param current the record of this alarm (same sensor and class) if one is still open, else null; with a record
     *     whose condition is clear this is a RETURN under its alarmId, with a record whose condition is already active
     *     it is ignored
     * @param condition the raise: alarmId, sensor, enterprise, source, type, value, limit and ts are taken from it
     * @param sourceGrade the GB 18218 grade of the source, null for a plain unit (for the priority)
     * @param sensorOutOfService the out-of-service command standing for the sensor, or null: a new alarm of a sensor out
     *     of service starts OUT_OF_SERVICE, not notified
     */
    public Step raise(AlarmRecord current, AlarmEvent condition, Integer sourceGrade, OperatorCommand sensorOutOfService) {
        if (sensorOutOfService != null && sensorOutOfService.command() != CommandType.OUT_OF_SERVICE) {
            throw new IllegalArgumentException("sensorOutOfService must be an out-of-service command, found "
                    + sensorOutOfService.command());
        }
        AlarmType type = condition.type();
        if (current != null && shown(current) != AlarmState.NORMAL) {
            if (current.conditionActive) {
                return ignored(current, "raise of " + condition.alarmId() + ": the condition of " + current.alarmId
                        + " is already active");
            }
            AlarmRecord r = current.copy();
            AlarmType before = r.type;
            r.conditionActive = true;
            r.acknowledged = false;
            r.type = type;
            if (sourceGrade != null) {
                r.sourceGrade = sourceGrade;
            }
            r.priority = Priorities.defaultFor(type, r.sourceGrade);
            String reason = "condition returned" + (before == type ? "" : " as " + type) + ": " + valueText(condition.value(),
                    condition.limit(), "limit");
            return conditionChange(r, AlarmTransition.RETURN, condition.value(), condition.limit(), condition.ts(), reason, true);
        }
        AlarmRecord r = new AlarmRecord();
        r.alarmId = condition.alarmId();
        r.sensor = condition.sensor();
        r.enterprise = condition.enterprise();
        r.source = condition.source();
        r.sourceGrade = sourceGrade;
        r.type = type;
        r.priority = Priorities.defaultFor(type, sourceGrade);
        r.conditionActive = true;
        r.acknowledged = false;
        r.raisedAt = condition.ts();
        String reason = type + " raised: " + valueText(condition.value(), condition.limit(), "limit");
        if (sensorOutOfService != null) {
            r.outOfService = true;
            r.outOfServiceBy = sensorOutOfService.operator();
            r.outOfServiceSince = sensorOutOfService.ts();
            r.outOfServiceComment = sensorOutOfService.comment();
            reason += "; sensor out of service since " + time(r.outOfServiceSince) + " by " + r.outOfServiceBy + ": "
                    + r.outOfServiceComment;
        }
        return conditionChange(r, AlarmTransition.RAISE, condition.value(), condition.limit(), condition.ts(), reason, true);
    }

    /** The active condition moved to a more severe type (H to HH, L to LL): needs a new acknowledgement. */
    public Step escalate(AlarmRecord current, AlarmType type, double value, double limit, long ts) {
        return typeChange(current, AlarmTransition.ESCALATE, type, value, limit, ts);
    }

    /** The active condition moved back to a less severe type (HH to H, LL to L) without clearing. */
    public Step deescalate(AlarmRecord current, AlarmType type, double value, double limit, long ts) {
        return typeChange(current, AlarmTransition.DEESCALATE, type, value, limit, ts);
    }

    private Step typeChange(AlarmRecord current, AlarmTransition t, AlarmType type, double value, double limit, long ts) {
        if (!current.conditionActive) {
            return ignored(current, t + " of " + current.alarmId + " to " + type + ": its condition is not active");
        }
        if (current.type == type) {
            return ignored(current, t + " of " + current.alarmId + ": it already stands at " + type);
        }
        AlarmRecord r = current.copy();
        AlarmType before = r.type;
        r.type = type;
        r.priority = Priorities.defaultFor(type, r.sourceGrade);
        boolean worse = t == AlarmTransition.ESCALATE;
        if (worse) {
            r.acknowledged = false;
        }
        String reason = (worse ? "escalated " : "de-escalated ") + before + " -> " + type + ": " + valueText(value, limit, "limit");
        return conditionChange(r, t, value, limit, ts, reason, worse);
    }

    /** The condition ended: ACTIVE_UNACK to RTN_UNACK, ACTIVE_ACK to NORMAL (episode ends); tracked under layers. */
    public Step clear(AlarmRecord current, double value, double limit, long ts) {
        if (!current.conditionActive) {
            return ignored(current, "clear of " + current.alarmId + ": its condition is already clear");
        }
        AlarmRecord r = current.copy();
        r.conditionActive = false;
        return conditionChange(r, AlarmTransition.CLEAR, value, limit, ts,
                "condition cleared: " + valueText(value, limit, "clear threshold"), false);
    }

    /** Common tail of condition transitions; {@code worthNotifying} applies only when no layer hides the alarm. */
    private static Step conditionChange(AlarmRecord r, AlarmTransition t, double value, double limit, long ts, String reason,
            boolean worthNotifying) {
        r.lastValue = value;
        r.limit = limit;
        r.lastChangeAt = ts;
        r.state = shown(r);
        boolean hidden = hidden(r);
        if (hidden) {
            reason += " (tracked while " + r.state + ", not notified)";
            if (worthNotifying) {
                r.missedNotification = true;
            }
        }
        return applied(r, event(r, t, ts, SYSTEM, null, reason, worthNotifying && !hidden));
    }

    // -------------------------------------------------------------------------------------------------- commands

    /**
     * Applies an operator command to the record it is for; a null record answers "unknown alarm". For a sensor-level
     * command the job calls this for every open record of the sensor (after {@link OperatorCommand#withSensor} when
     * the command named an alarmId); a sensor with no open alarm is not an error for out-of-service (the job keeps the
     * command for {@link #raise(AlarmRecord, AlarmEvent, Integer, OperatorCommand)}).
     *
     * @param now the time the command is applied, epoch ms (only shelve uses it)
     */
    public Step apply(AlarmRecord current, OperatorCommand cmd, long now) {
        if (current == null) {
            return unknownAlarm(cmd);
        }
        return switch (cmd.command()) {
            case ACK -> ack(current, cmd);
            case SHELVE -> shelve(current, cmd, now);
            case UNSHELVE -> unshelve(current, cmd);
            case OUT_OF_SERVICE -> outOfService(current, cmd);
            case IN_SERVICE -> inService(current, cmd);
        };
    }

    /** The answer to a command for an alarm (or a sensor) with no open record. */
    public static Step unknownAlarm(OperatorCommand cmd) {
        String why = cmd.command().code() + " rejected: " + (cmd.alarmId() != null
                ? "no open alarm '" + cmd.alarmId() + "'" : "sensor '" + cmd.sensor() + "' has no open alarm");
        AlarmEvent e = new AlarmEvent(cmd.alarmId(), cmd.sensor(), null, null, null, AlarmTransition.REJECTED, null,
                Double.NaN, Double.NaN, cmd.ts(), cmd.ts(), why);
        return new Step(Step.Outcome.REJECTED, null,
                List.of(new LifecycleEvent(e, 0, null, cmd.operator(), cmd.comment(), why, null, false)), why);
    }

    /** ACTIVE_UNACK to ACTIVE_ACK; RTN_UNACK to NORMAL (episode ends). */
    public Step ack(AlarmRecord current, OperatorCommand cmd) {
        Step wrong = checkCommand(current, cmd, CommandType.ACK);
        if (wrong != null) {
            return wrong;
        }
        String hiddenBy = hiddenBy(current);
        if (hiddenBy != null) {
            return rejected(current, cmd, hiddenBy + "; it cannot be acknowledged");
        }
        switch (shown(current)) {
            case ACTIVE_ACK:
                return rejected(current, cmd, "already acknowledged by " + current.acknowledgedBy + " at "
                        + time(current.acknowledgedAt));
            case NORMAL:
                return rejected(current, cmd, "not active: nothing to acknowledge");
            default:
                break;
        }
        AlarmRecord r = current.copy();
        r.acknowledged = true;
        r.acknowledgedBy = cmd.operator();
        r.acknowledgedAt = cmd.ts();
        r.lastChangeAt = cmd.ts();
        r.state = shown(r);
        String reason = r.state == AlarmState.NORMAL ? "acknowledged after return to normal: episode ended"
                : "acknowledged while active";
        return applied(r, event(r, AlarmTransition.ACK, cmd.ts(), cmd.operator(), cmd.comment(), reason, false));
    }

    /**
     * Shelves an active or latched alarm (ACTIVE_UNACK, ACTIVE_ACK, RTN_UNACK) until {@code cmd.ts + duration}.
     *
     * @param now when the command is applied: a shelf that would already have expired by then is rejected
     */
    public Step shelve(AlarmRecord current, OperatorCommand cmd, long now) {
        Step wrong = checkCommand(current, cmd, CommandType.SHELVE);
        if (wrong != null) {
            return wrong;
        }
        if (current.outOfService) {
            return rejected(current, cmd, outOfServiceText(current) + "; out of service wins over shelving");
        }
        if (current.suppressed) {
            return rejected(current, cmd, suppressedText(current) + "; it cannot be shelved");
        }
        if (current.shelved) {
            return rejected(current, cmd, "already " + shelvedText(current));
        }
        if (shown(current) == AlarmState.NORMAL) {
            return rejected(current, cmd, "not active: nothing to shelve");
        }
        long duration = cmd.durationMs();
        if (duration > maxShelveMs) {
            return rejected(current, cmd, "shelve duration " + Durations.format(Duration.ofMillis(duration))
                    + " is longer than the maximum of " + Durations.format(Duration.ofMillis(maxShelveMs)));
        }
        long until = cmd.ts() + duration;
        if (until <= now) {
            return rejected(current, cmd, "the shelf of " + Durations.format(Duration.ofMillis(duration)) + " issued at "
                    + time(cmd.ts()) + " expired at " + time(until) + ", before the command was applied at " + time(now));
        }
        AlarmRecord r = current.copy();
        AlarmState before = r.state;
        r.shelved = true;
        r.shelvedUntil = until;
        r.shelvedAt = cmd.ts();
        r.shelvedBy = cmd.operator();
        r.shelveComment = cmd.comment();
        r.lastChangeAt = cmd.ts();
        r.state = shown(r);
        return applied(r, event(r, AlarmTransition.SHELVE, cmd.ts(), cmd.operator(), cmd.comment(),
                "shelved from " + before + " for " + Durations.format(Duration.ofMillis(duration)) + ", until " + time(until),
                false));
    }

    /** Takes the alarm off its shelf: ACTIVE_UNACK when the condition is active (notify), else NORMAL (episode ends). */
    public Step unshelve(AlarmRecord current, OperatorCommand cmd) {
        Step wrong = checkCommand(current, cmd, CommandType.UNSHELVE);
        if (wrong != null) {
            return wrong;
        }
        if (!current.shelved) {
            return rejected(current, cmd, "not shelved (state " + current.state + ")"
                    + (current.outOfService ? "; " + outOfServiceText(current) : ""));
        }
        return unshelved(current, cmd.ts(), cmd.operator(), cmd.comment(),
                "unshelved before its expiry at " + time(current.shelvedUntil));
    }

    /**
     * The shelf timer fired at {@code now}. Ignored when the alarm is no longer shelved or the shelf runs past
     * {@code now}; else as unshelve, by {@link #SYSTEM}, at the expiry time.
     */
    public Step shelfExpired(AlarmRecord current, long now) {
        if (!current.shelved) {
            return ignored(current, current.alarmId + " is not shelved");
        }
        if (now < current.shelvedUntil) {
            return ignored(current, current.alarmId + " stays shelved until " + time(current.shelvedUntil));
        }
        return unshelved(current, current.shelvedUntil, SYSTEM, null, "shelf expired (shelved by " + current.shelvedBy
                + " at " + time(current.shelvedAt) + ": " + current.shelveComment + ")");
    }

    private static Step unshelved(AlarmRecord current, long ts, String operator, String comment, String reason) {
        AlarmRecord r = current.copy();
        r.shelved = false;
        r.shelvedUntil = 0;
        r.shelvedAt = 0;
        r.shelvedBy = null;
        r.shelveComment = null;
        return backFromOperatorLayer(r, AlarmTransition.UNSHELVE, ts, operator, comment, reason);
    }

    /**
     * Takes the alarm's sensor out of service: any open state to OUT_OF_SERVICE, replacing a shelf; the condition is
     * tracked underneath, not notified.
     */
    public Step outOfService(AlarmRecord current, OperatorCommand cmd) {
        Step wrong = checkCommand(current, cmd, CommandType.OUT_OF_SERVICE);
        if (wrong != null) {
            return wrong;
        }
        if (current.outOfService) {
            return rejected(current, cmd, "already out of service: " + outOfServiceText(current));
        }
        if (shown(current) == AlarmState.NORMAL) {
            return rejected(current, cmd, "not active: the episode has ended");
        }
        AlarmRecord r = current.copy();
        AlarmState before = r.state;
        String reason = "sensor " + r.sensor + " out of service (was " + before + ")";
        if (r.shelved) {
            reason += "; replaces the shelf by " + r.shelvedBy + " until " + time(r.shelvedUntil);
            r.shelved = false;
            r.shelvedUntil = 0;
            r.shelvedAt = 0;
            r.shelvedBy = null;
            r.shelveComment = null;
        }
        r.outOfService = true;
        r.outOfServiceSince = cmd.ts();
        r.outOfServiceBy = cmd.operator();
        r.outOfServiceComment = cmd.comment();
        r.lastChangeAt = cmd.ts();
        r.state = shown(r);
        return applied(r, event(r, AlarmTransition.OUT_OF_SERVICE, cmd.ts(), cmd.operator(), cmd.comment(), reason, false));
    }

    /** Puts the sensor back in service: like unshelve, ACTIVE_UNACK when the condition is active, else NORMAL. */
    public Step inService(AlarmRecord current, OperatorCommand cmd) {
        Step wrong = checkCommand(current, cmd, CommandType.IN_SERVICE);
        if (wrong != null) {
            return wrong;
        }
        if (!current.outOfService) {
            return rejected(current, cmd, "not out of service (state " + current.state + ")");
        }
        AlarmRecord r = current.copy();
        String reason = "sensor " + r.sensor + " back in service (out of service since " + time(r.outOfServiceSince)
                + " by " + r.outOfServiceBy + ")";
        r.outOfService = false;
        r.outOfServiceSince = 0;
        r.outOfServiceBy = null;
        r.outOfServiceComment = null;
        return backFromOperatorLayer(r, AlarmTransition.IN_SERVICE, cmd.ts(), cmd.operator(), cmd.comment(), reason);
    }

    /** After a shelf or out-of-service ends: a fresh start, unacknowledged if active, acknowledged (NORMAL) if not. */
    private static Step backFromOperatorLayer(AlarmRecord r, AlarmTransition t, long ts, String operator, String comment,
            String reason) {
        r.acknowledged = !r.conditionActive;
        if (r.acknowledged) {
            r.acknowledgedBy = null;
            r.acknowledgedAt = 0;
        }
        r.lastChangeAt = ts;
        r.state = shown(r);
        boolean notify = r.state == AlarmState.ACTIVE_UNACK;
        if (hidden(r)) {
            r.missedNotification |= baseState(r) == AlarmState.ACTIVE_UNACK;
        } else {
            r.missedNotification = false;
        }
        if (r.state == AlarmState.NORMAL) {
            reason += ": condition clear, episode ended";
        }
        return applied(r, event(r, t, ts, operator, comment, reason, notify));
    }

    // ----------------------------------------------------------------------------------------------- suppression

    /**
     * Suppresses the alarm by design (e.g. a child of a LINK_DOWN alarm). Shown SUPPRESSED unless out of service; the
     * state it came from is kept in {@code stateBeforeSuppression}. Ignored when already suppressed or ended.
     *
     * @param reason why, e.g. "E01:LINK_DOWN:1732262400000: link to enterprise E01 down"
     * @param ts when, epoch ms
     */
    public Step suppress(AlarmRecord current, String reason, long ts) {
        if (current.suppressed) {
            return ignored(current, current.alarmId + " is already " + suppressedText(current));
        }
        if (shown(current) == AlarmState.NORMAL) {
            return ignored(current, current.alarmId + " has ended");
        }
        AlarmRecord r = current.copy();
        r.suppressed = true;
        r.suppressionReason = reason;
        r.stateBeforeSuppression = r.state;
        r.lastChangeAt = ts;
        r.state = shown(r);
        return applied(r, event(r, AlarmTransition.SUPPRESS, ts, SYSTEM, null,
                "suppressed by design (was " + r.stateBeforeSuppression + "): " + reason, false));
    }

    /**
     * The reason for suppression ended: back to the state the alarm is in now underneath (the condition went on being
     * tracked, acknowledgement kept), or the remaining layer; NORMAL ends the episode. Notifies when that is
     * ACTIVE_UNACK and either it was not ACTIVE_UNACK when suppressed or it returned or escalated meanwhile.
     *
     * @param reason why it ends, or null
     */
    public Step unsuppress(AlarmRecord current, String reason, long ts) {
        if (!current.suppressed) {
            return ignored(current, current.alarmId + " is not suppressed");
        }
        AlarmRecord r = current.copy();
        AlarmState before = r.stateBeforeSuppression;
        String was = r.suppressionReason;
        r.suppressed = false;
        r.suppressionReason = null;
        r.stateBeforeSuppression = null;
        r.lastChangeAt = ts;
        boolean neverAnnunciated = !r.conditionActive && !r.acknowledged && r.missedNotification;
        if (neverAnnunciated) {
            // raised and cleared while hidden by design: no one was ever asked to act on it, so nothing is latched
            r.acknowledged = true;
        }
        r.state = shown(r);
        boolean notify = r.state == AlarmState.ACTIVE_UNACK && (before != AlarmState.ACTIVE_UNACK || r.missedNotification);
        if (!hidden(r)) {
            r.missedNotification = false;
        }
        String why = "suppression ended" + (reason == null ? "" : ": " + reason) + " (was suppressed from " + before + ": "
                + was + ")" + (neverAnnunciated && r.state == AlarmState.NORMAL
                        ? "; raised and cleared while suppressed, never annunciated: nothing to acknowledge, episode ended"
                        : r.state == AlarmState.NORMAL ? "; condition clear and acknowledged, episode ended" : "");
        return applied(r, event(r, AlarmTransition.UNSUPPRESS, ts, SYSTEM, null, why, notify));
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** The condition state beneath the layers. */
    public static AlarmState baseState(AlarmRecord r) {
        if (r.conditionActive) {
            return r.acknowledged ? AlarmState.ACTIVE_ACK : AlarmState.ACTIVE_UNACK;
        }
        return r.acknowledged ? AlarmState.NORMAL : AlarmState.RTN_UNACK;
    }

    /** The state an operator sees: out of service, else suppressed, else shelved, else the condition state. */
    public static AlarmState shown(AlarmRecord r) {
        if (r.outOfService) {
            return AlarmState.OUT_OF_SERVICE;
        }
        if (r.suppressed) {
            return AlarmState.SUPPRESSED;
        }
        if (r.shelved) {
            return AlarmState.SHELVED;
        }
        return baseState(r);
    }

    private static boolean hidden(AlarmRecord r) {
        return r.outOfService || r.suppressed || r.shelved;
    }

    /** Why an operator cannot act on the alarm as it is shown, or null when nothing hides it. */
    private static String hiddenBy(AlarmRecord r) {
        if (r.outOfService) {
            return outOfServiceText(r);
        }
        if (r.suppressed) {
            return suppressedText(r);
        }
        if (r.shelved) {
            return shelvedText(r) + ": unshelve it first";
        }
        return null;
    }

    private static String outOfServiceText(AlarmRecord r) {
        return "sensor " + r.sensor + " out of service since " + time(r.outOfServiceSince) + " by " + r.outOfServiceBy
                + " (" + r.outOfServiceComment + ")";
    }

    private static String suppressedText(AlarmRecord r) {
        return "suppressed by design (" + r.suppressionReason + ")";
    }

    private static String shelvedText(AlarmRecord r) {
        return "shelved by " + r.shelvedBy + " until " + time(r.shelvedUntil) + " (" + r.shelveComment + ")";
    }

    /** A rejection when the command is not of this kind or not for this record, else null. */
    private static Step checkCommand(AlarmRecord r, OperatorCommand cmd, CommandType expected) {
        if (cmd.command() != expected) {
            throw new IllegalArgumentException("a " + cmd.command().code() + " command passed to " + expected.code());
        }
        if (expected.sensorLevel()) {
            if (cmd.sensor() != null ? !cmd.sensor().equals(r.sensor) : !cmd.alarmId().equals(r.alarmId)) {
                return rejected(r, cmd, "the command is for " + (cmd.sensor() != null ? "sensor '" + cmd.sensor() + "'"
                        : "the sensor of alarm '" + cmd.alarmId() + "'") + ", not sensor '" + r.sensor + "'");
            }
        } else {
            if (!cmd.alarmId().equals(r.alarmId)) {
                return rejected(r, cmd, "the command is for alarm '" + cmd.alarmId() + "', not '" + r.alarmId + "'");
            }
            if (cmd.sensor() != null && !cmd.sensor().equals(r.sensor)) {
                return rejected(r, cmd, "alarm '" + r.alarmId + "' is of sensor '" + r.sensor + "', not '" + cmd.sensor() + "'");
            }
        }
        return null;
    }

    private static LifecycleEvent event(AlarmRecord r, AlarmTransition t, long ts, String operator, String comment,
            String reason, boolean notify) {
        AlarmEvent e = new AlarmEvent(r.alarmId, r.sensor, r.enterprise, r.source, r.type, t, r.state, r.lastValue, r.limit,
                ts, ts, reason);
        return new LifecycleEvent(e, r.priority, baseState(r), operator, comment, reason, r.shelved ? r.shelvedUntil : null,
                notify);
    }

    private static Step applied(AlarmRecord r, LifecycleEvent e) {
        return new Step(Step.Outcome.APPLIED, r, List.of(e), e.reason());
    }

    private static Step rejected(AlarmRecord r, OperatorCommand cmd, String why) {
        String reason = cmd.command().code() + " rejected: " + why;
        return new Step(Step.Outcome.REJECTED, r,
                List.of(event(r, AlarmTransition.REJECTED, cmd.ts(), cmd.operator(), cmd.comment(), reason, false)), reason);
    }

    private static Step ignored(AlarmRecord r, String why) {
        return new Step(Step.Outcome.IGNORED, r, List.of(), why);
    }

    private static String valueText(double value, double limit, String limitName) {
        return "value " + value + ", " + limitName + " " + limit;
    }

    private static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
