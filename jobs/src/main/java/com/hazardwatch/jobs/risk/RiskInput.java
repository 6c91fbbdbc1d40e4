package com.hazardwatch.jobs.risk;

import java.util.Objects;

/**
 * What the lifecycle operator tells the risk operator about one alarm after each of its transitions (side output
 * {@code LifecycleFunction.RISK}, keyed by {@link #town}): whether the alarm now stands and so contributes
 * {@code RiskCalculator.contribution(priority, sourceGrade)} to its source, or no longer does. A Flink POJO.
 */
public class RiskInput {
    public String town;
    public String enterprise;
    public String source;
    public String alarmId;
    /** GB 18218 grade of the source, null when it is not a major hazard source. */
    public Integer sourceGrade;
    /** The alarm's priority now, 1 (highest) .. 4. */
    public int priority;
    /** Whether the alarm stands ({@link RiskCalculator#stands}: active and not hidden) and its episode goes on. */
    public boolean stands;
    /** Event time of the transition, epoch ms. */
    public long ts;

    public RiskInput() {}

    public RiskInput(String town, String enterprise, String source, String alarmId, Integer sourceGrade, int priority,
            boolean stands, long ts) {
        this.town = town;
        this.enterprise = enterprise;
        this.source = source;
        this.alarmId = alarmId;
        this.sourceGrade = sourceGrade;
        this.priority = priority;
        this.stands = stands;
        this.ts = ts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RiskInput r && priority == r.priority && stands == r.stands && ts == r.ts
                && Objects.equals(town, r.town) && Objects.equals(enterprise, r.enterprise)
                && Objects.equals(source, r.source) && Objects.equals(alarmId, r.alarmId)
                && Objects.equals(sourceGrade, r.sourceGrade);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alarmId, stands, ts);
    }

    @Override
    public String toString() {
        return "RiskInput{" + alarmId + " " + (stands ? "stands" : "does not stand") + " p" + priority + " on " + source
                + " (grade " + sourceGrade + ") of " + enterprise + " in " + town + " at " + ts + "}";
    }
}
