package com.hazardwatch.jobs.operators;

/**
 * Per-sensor limit state, a Flink POJO. Levels: 0 = normal, 1 = H (or L), 2 = HH (or LL).
 * Alarm ids are kept while the alarm stands so escalation and clear carry the id of the raise.
 * {@code high}/{@code low} are the levels raised (what was emitted), {@code highRaw}/{@code lowRaw} where the value
 * is with the deadband applied; they differ while an on-delay or off-delay runs, which started at
 * {@code highSince}/{@code lowSince} (event time; Long.MIN_VALUE when none runs).
 */
public class LimitState {
    public int high;
    public int low;
    public int highRaw;
    public int lowRaw;
    public long highSince = Long.MIN_VALUE;
    public long lowSince = Long.MIN_VALUE;
    public String highAlarmId;
    public String lowAlarmId;

    public LimitState() {}

    public boolean isNormal() {
        return high == 0 && low == 0 && highRaw == 0 && lowRaw == 0;
    }
}
