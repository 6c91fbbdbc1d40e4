package com.hazardwatch.jobs.operators;

/**
 * Per-sensor limit state, a Flink POJO. Levels: 0 = normal, 1 = H (or L), 2 = HH (or LL).
 * Alarm ids are kept while the alarm stands so escalation and clear carry the id of the raise.
 */
public class LimitState {
    public int high;
    public int low;
    public String highAlarmId;
    public String lowAlarmId;

    public LimitState() {}

    public boolean isNormal() {
        return high == 0 && low == 0;
    }
}
