package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.rules.FaultState;
import com.hazardwatch.jobs.rules.FlatlineState;
import com.hazardwatch.jobs.rules.ForecastState;
import com.hazardwatch.jobs.rules.RocState;
import com.hazardwatch.jobs.storage.CompressionState;

/** Everything the per-sensor rules keep about one sensor, as one Flink POJO (one state entry per sensor). */
public class SensorState {
    /** Event time of the newest reading evaluated; an older or equal one does not move any rule. */
    public long lastTs = Long.MIN_VALUE;
    public LimitState limits = new LimitState();
    public FaultState fault = new FaultState();
    public RocState roc = new RocState();
    public ForecastState forecast = new ForecastState();
    public FlatlineState flatline = new FlatlineState();

    /** No data: processing time of the newest reading, or of when the sensor became known while none came yet. */
    public long lastArrival = Long.MIN_VALUE;
    /** No data: whether any reading arrived since the sensor became known to this job. */
    public boolean heard;
    /** No data: the pending processing-time timer, Long.MIN_VALUE when none. */
    public long staleTimerAt = Long.MIN_VALUE;
    /** Reorder window: the pending flush timer, Long.MIN_VALUE when none. */
    public long flushAt = Long.MIN_VALUE;
    /** No data: id of the standing STALE alarm, else null. */
    public String staleAlarmId;
    /** Storage compression of the raw readings (docs/storage.md). */
    public CompressionState storage = new CompressionState();

    public SensorState() {}
}
