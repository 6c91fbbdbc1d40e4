package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmType;
import java.util.Objects;

/**
 * The lifecycle state of one alarm episode, kept by the job in keyed state. A Flink POJO (public class, public no-arg
 * constructor, public fields of POJO-serializable types), so Flink serializes it without Kryo. {@link AlarmLifecycle}
 * never modifies a record it is given: it returns a modified {@link #copy()}.
 *
 * <p>The state is layered: the ISA-18.2 condition state ({@link #conditionActive} x {@link #acknowledged}: ACTIVE_UNACK,
 * ACTIVE_ACK, RTN_UNACK, NORMAL) runs underneath, and on top of it, in order of precedence, out of service, suppressed by
 * design, shelved. {@link #state} is what an operator sees: the topmost layer present, else the condition state.
 */
public class AlarmRecord {
    /** Deterministic id of the episode, {sensor}:{class}:{ts of the raising reading}. */
    public String alarmId;
    public String sensor;
    public String enterprise;
    public String source;
    /** The town the owner lies in (from the catalogue, via the condition that raised the alarm), for the risk map. */
    public String town;
    /** GB 18218 grade of the source (1 most severe .. 4), null when it is not a major hazard source. */
    public Integer sourceGrade;
    /** The type the alarm stands at now (HIGH or HIGH_HIGH for the high side; the last one after a clear). */
    public AlarmType type;
    /** 1 (highest) .. 4, from {@link Priorities#defaultFor}; follows escalation. */
    public int priority;

    /** Whether the condition (value beyond the limit, no data, ...) is present now. */
    public boolean conditionActive;
    /** Whether the current activation has been acknowledged. */
    public boolean acknowledged;
    /** What an operator sees; derived from the fields here, kept in step by {@link AlarmLifecycle}. */
    public AlarmState state;

    public String acknowledgedBy;
    public long acknowledgedAt;

    public boolean shelved;
    /** Epoch ms at which the shelf expires (valid while {@link #shelved}). */
    public long shelvedUntil;
    public long shelvedAt;
    public String shelvedBy;
    public String shelveComment;

    public boolean suppressed;
    public String suppressionReason;
    /** The state shown when suppression began (cleared when it ends). */
    public AlarmState stateBeforeSuppression;

    public boolean outOfService;
    public long outOfServiceSince;
    public String outOfServiceBy;
    public String outOfServiceComment;

    /**
     * A notification-worthy change (return, escalation, shelf expiry onto an active condition) happened while hidden
     * by suppression, so lifting the suppression notifies even when the alarm was ACTIVE_UNACK before it.
     */
    public boolean missedNotification;

    /** The value of the newest reading that moved the condition. */
    public double lastValue = Double.NaN;
    /** The limit of that event (for a clear, the clear threshold). */
    public double limit = Double.NaN;
    /** Event time of the raise. */
    public long raisedAt;
    /** Time of the newest applied transition. */
    public long lastChangeAt;

    public AlarmRecord() {}

    /** A field-by-field copy. */
    public AlarmRecord copy() {
        AlarmRecord r = new AlarmRecord();
        r.alarmId = alarmId;
        r.sensor = sensor;
        r.enterprise = enterprise;
        r.source = source;
        r.town = town;
        r.sourceGrade = sourceGrade;
        r.type = type;
        r.priority = priority;
        r.conditionActive = conditionActive;
        r.acknowledged = acknowledged;
        r.state = state;
        r.acknowledgedBy = acknowledgedBy;
        r.acknowledgedAt = acknowledgedAt;
        r.shelved = shelved;
        r.shelvedUntil = shelvedUntil;
        r.shelvedAt = shelvedAt;
        r.shelvedBy = shelvedBy;
        r.shelveComment = shelveComment;
        r.suppressed = suppressed;
        r.suppressionReason = suppressionReason;
        r.stateBeforeSuppression = stateBeforeSuppression;
        r.outOfService = outOfService;
        r.outOfServiceSince = outOfServiceSince;
        r.outOfServiceBy = outOfServiceBy;
        r.outOfServiceComment = outOfServiceComment;
        r.missedNotification = missedNotification;
        r.lastValue = lastValue;
        r.limit = limit;
        r.raisedAt = raisedAt;
        r.lastChangeAt = lastChangeAt;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AlarmRecord r)) {
            return false;
        }
        return priority == r.priority && conditionActive == r.conditionActive && acknowledged == r.acknowledged
                && acknowledgedAt == r.acknowledgedAt && shelved == r.shelved && shelvedUntil == r.shelvedUntil
                && shelvedAt == r.shelvedAt && suppressed == r.suppressed && outOfService == r.outOfService
                && outOfServiceSince == r.outOfServiceSince && missedNotification == r.missedNotification
                && Double.compare(lastValue, r.lastValue) == 0 && Double.compare(limit, r.limit) == 0
                && raisedAt == r.raisedAt && lastChangeAt == r.lastChangeAt
                && Objects.equals(alarmId, r.alarmId) && Objects.equals(sensor, r.sensor)
                && Objects.equals(enterprise, r.enterprise) && Objects.equals(source, r.source)
                && Objects.equals(town, r.town)
                && Objects.equals(sourceGrade, r.sourceGrade) && type == r.type && state == r.state
                && Objects.equals(acknowledgedBy, r.acknowledgedBy) && Objects.equals(shelvedBy, r.shelvedBy)
                && Objects.equals(shelveComment, r.shelveComment) && Objects.equals(suppressionReason, r.suppressionReason)
                && stateBeforeSuppression == r.stateBeforeSuppression && Objects.equals(outOfServiceBy, r.outOfServiceBy)
                && Objects.equals(outOfServiceComment, r.outOfServiceComment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alarmId, type, state, conditionActive, acknowledged, shelved, suppressed, outOfService, lastChangeAt);
    }

    @Override
    public String toString() {
        return "AlarmRecord{" + alarmId + (town == null ? "" : " in " + town) + " " + type + " p" + priority + " " + state
                + " (condition " + (conditionActive ? "active" : "clear") + (acknowledged ? ", acked by " + acknowledgedBy : ", unacked")
                + (shelved ? ", shelved by " + shelvedBy + " until " + shelvedUntil : "")
                + (suppressed ? ", suppressed: " + suppressionReason + " (was " + stateBeforeSuppression + ")" : "")
                + (outOfService ? ", out of service by " + outOfServiceBy + " since " + outOfServiceSince : "")
                + ", value " + lastValue + ", limit " + limit + ", raised " + raisedAt + ", changed " + lastChangeAt + "}";
    }
}
