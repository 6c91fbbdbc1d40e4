package com.hazardwatch.jobs.rules;

/**
 * Per-sensor state of {@link RateOfChangeRule}, a Flink POJO. Its {@link #trend} is the window the forecast
 * ({@link ForecastRule}) reads too.
 */
public class RocState {
    /** The readings of the last window and their slope. */
    public TrendWindow trend = new TrendWindow();
    /** Whether a RATE_OF_CHANGE alarm stands. */
    public boolean active;
    /** Id of the standing alarm, else null. */
    public String alarmId;

    public RocState() {}
}
