package com.hazardwatch.jobs.rules;

/** Per-sensor state of {@link ForecastRule}, a Flink POJO. */
public class ForecastState {
    /** The standing forecast: 1 = FORECAST_HH, -1 = FORECAST_LL, 0 = none. */
    public int side;
    /** Id of the standing forecast alarm, else null. */
    public String alarmId;

    public ForecastState() {}
}
