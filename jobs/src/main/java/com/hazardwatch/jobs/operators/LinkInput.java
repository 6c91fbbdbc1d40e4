package com.hazardwatch.jobs.operators;

import com.hazardwatch.model.event.AlarmEvent;

/**
 * What the per-enterprise {@link LinkFunction} receives, keyed by {@link #enterprise}: a sensor joining or leaving
 * the enterprise's roster (from the catalogue), or one of its sensors' STALE or FLATLINE conditions (from
 * {@link SensorRulesFunction}). A Flink POJO.
 */
public class LinkInput {
    public enum Kind { ROSTER, CONDITION }

    public Kind kind;
    public String enterprise;
    public String sensor;
    public String source;
    public String town;
    public Integer sourceGrade;
    /** ROSTER: the catalogue revision; a higher one wins. */
    public long revision;
    /** ROSTER: the sensor's stale period, ms (0 when unknown). */
    public long staleAfterMs;
    /** ROSTER: the sensor left the catalogue (or moved to another enterprise). */
    public boolean removed;
    /** CONDITION: the STALE or FLATLINE event. */
    public AlarmEvent condition;
    /** CONDITION: the catalogue's priority for the sensor, or null. */
    public Integer priority;

    public LinkInput() {}

    public static LinkInput roster(String enterprise, String sensor, String source, String town, Integer grade, long revision,
                                   boolean removed) {
        return roster(enterprise, sensor, source, town, grade, revision, removed, 0L);
    }

    public static LinkInput roster(String enterprise, String sensor, String source, String town, Integer grade, long revision,
                                   boolean removed, long staleAfterMs) {
        LinkInput in = new LinkInput();
        in.kind = Kind.ROSTER;
        in.enterprise = enterprise;
        in.sensor = sensor;
        in.source = source;
        in.town = town;
        in.sourceGrade = grade;
        in.revision = revision;
        in.removed = removed;
        in.staleAfterMs = staleAfterMs;
        return in;
    }

    public static LinkInput condition(AlarmEvent e, String town, Integer grade, Integer priority) {
        LinkInput in = new LinkInput();
        in.kind = Kind.CONDITION;
        in.enterprise = e.enterprise();
        in.sensor = e.sensor();
        in.source = e.source();
        in.town = town;
        in.sourceGrade = grade;
        in.condition = e;
        in.priority = priority;
        return in;
    }

    @Override
    public String toString() {
        return kind + " " + enterprise + "/" + sensor + (condition != null ? " " + condition.alarmId() + " "
                + condition.transition() : removed ? " removed" : " r" + revision);
    }
}
