package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.rules.FaultState;
import com.hazardwatch.jobs.rules.ForecastState;
import com.hazardwatch.jobs.rules.RocState;

/** Everything the per-sensor rules keep about one sensor, as one Flink POJO (one state entry per sensor). */
public class SensorState {
    /** Event time of the newest reading evaluated; an older or equal one does not move any rule. */
    public long lastTs = Long.MIN_VALUE;
    public LimitState limits = new LimitState();
    public FaultState fault = new FaultState();
    public RocState roc = new RocState();
    public ForecastState forecast = new ForecastState();

    public SensorState() {}
}
