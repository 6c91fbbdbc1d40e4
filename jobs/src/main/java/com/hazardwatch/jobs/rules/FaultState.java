package com.hazardwatch.jobs.rules;

/** Per-sensor state of {@link FaultRule}, a Flink POJO. */
public class FaultState {
    /** Whether a FAULT alarm stands. */
    public boolean active;
    /** Id of the standing FAULT alarm, else null. */
    public String alarmId;
    /** The limit reported on the raise, repeated on the clear. */
    public double limit;
    /** Event time of the newest reading evaluated; older or equal ones do not move the state. */
    public long lastTs = Long.MIN_VALUE;

    public FaultState() {}
}
