package com.hazardwatch.jobs.rules;

/** Per-sensor state of {@link FlatlineRule}, a Flink POJO. */
public class FlatlineState {
    /** Whether a run has started (a reading was taken). */
    public boolean hasRun;
    /** The first value of the current run of unchanged values. */
    public double runValue;
    /** Event time of the first reading of the current run. */
    public long runSince;
    /** Event time of the newest reading evaluated; older or equal ones do not move the state. */
    public long lastTs = Long.MIN_VALUE;
    /** Whether a FLATLINE alarm stands. */
    public boolean active;
    /** Id of the standing alarm, else null. */
    public String alarmId;

    public FlatlineState() {}
}
