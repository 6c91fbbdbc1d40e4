package com.hazardwatch.jobs.operators;

import com.hazardwatch.model.event.Reading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * 1-minute rollups per sensor (keyed by sensor), on the accepted readings: a tumbling event-time minute is emitted
 * once the watermark passes its end (an event-time timer at its last millisecond), then its state is cleared. The
 * watermark trails the newest reading by the job's out-of-orderness, which is therefore the allowed lateness: a
 * reading arriving after its minute was emitted is counted ({@code lateReadings} metric) and dropped, the minute's
 * point stays as written. State: one {@link RollupAggregate} per open minute of the sensor (usually one, two around a
 * minute boundary).
 */
public final class RollupFunction extends KeyedProcessFunction<String, Reading, RollupAggregate> {
    private transient MapState<Long, RollupAggregate> open;
    private transient Counter late;
    private transient long lateDropped;

    @Override
    public void open(OpenContext ctx) {
        open = getRuntimeContext().getMapState(new MapStateDescriptor<>("rollup-minutes", Types.LONG,
                TypeInformation.of(RollupAggregate.class)));
        late = getRuntimeContext().getMetricGroup().counter("lateReadings");
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<RollupAggregate> out) throws Exception {
        long minute = RollupAggregate.minuteOf(r.ts());
        long end = RollupAggregate.endOf(minute);
        if (end <= ctx.timerService().currentWatermark()) {
            lateDropped++;
            late.inc();
            return;
        }
        RollupAggregate a = open.get(minute);
        if (a == null) {
            open.put(minute, RollupAggregate.first(r));
            ctx.timerService().registerEventTimeTimer(end);
        } else {
            open.put(minute, a.add(r));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RollupAggregate> out) throws Exception {
        long minute = timestamp - RollupAggregate.MINUTE_MS + 1;
        RollupAggregate a = open.get(minute);
        if (a != null) {
            out.collect(a);
            open.remove(minute);
        }
    }

    /** Readings of this task dropped as too late since it started (also the {@code lateReadings} metric). */
    public long lateDropped() {
        return lateDropped;
    }
}
