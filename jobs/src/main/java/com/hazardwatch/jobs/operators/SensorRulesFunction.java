package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.jobs.rules.RuleDefaults;
import com.hazardwatch.jobs.rules.RuleEvent;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.CommandType;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.json.ReadingCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import com.hazardwatch.jobs.storage.StorageCompressor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by sensor, two inputs: the sensor's readings, and its catalogue entries (the job's catalogue file as revision
 * 0 when the job starts, then whatever {@code catalogue push} publishes on hw.catalogue). Per reading it runs every
 * per-sensor rule ({@link SensorRules}) with the sensor's current definition; it watches for silence on a
 * processing-time timer (STALE); it turns catalogue changes into effect without a restart.
 *
 * <p>Outputs: conditions of the sensor's own alarms for the lifecycle (main output); STALE and FLATLINE conditions to
 * the enterprise's {@link LinkFunction} ({@link #LINK}, so that LINK_DOWN can stand for silent children and a
 * stuck value is judged against its neighbours); every accepted reading, for storage ({@link #ACCEPTED}); gas limit alarms to the source's {@link CorrelationFunction}
 * ({@link #GAS}); readings of unknown or removed sensors and readings stamped too far ahead to hw.dlq
 * ({@link #DEAD_LETTERS}).
 *
 * <p>State per sensor: {@link SensorState} (rule state and liveness) and the newest catalogue entry (null until one
 * arrives: the catalogue the job was built with stands in). When a sensor leaves the catalogue its standing conditions
 * are cleared ("sensor removed from the catalogue"), its rule state is deleted and only the removal is kept, for
 * {@link #REMOVAL_RETENTION_MS}, so that the older file entry cannot bring it back.
 */
public final class SensorRulesFunction extends KeyedCoProcessFunction<String, Reading, CatalogueEntry, LifecycleInput> {
    public static final OutputTag<LinkInput> LINK = new OutputTag<>("link") {};
    public static final OutputTag<GasSignal> GAS = new OutputTag<>("gas") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("sensor-dead-letters") {};
    /** Every reading accepted (a catalogue sensor, not from the future), late ones included: what is stored. */
    public static final OutputTag<Reading> ACCEPTED = new OutputTag<>("accepted-readings") {};
    /**
     * The accepted readings to store raw: all of them, or for a sensor with a compression rule those its
     * {@link StorageCompressor} keeps (docs/storage.md); the rules and rollups see every accepted reading.
     */
    public static final OutputTag<Reading> STORED = new OutputTag<>("stored-readings") {};

    /** How long the removal of a sensor is remembered before its last state entry goes too. */
    public static final long REMOVAL_RETENTION_MS = 24 * 3_600_000L;

    private final Catalogue catalogue;
    private final long maxFutureMs;
    private final long reorderWindowMs;
    private transient ValueState<SensorState> state;
    private transient ListState<Reading> reorderBuffer;
    private transient ValueState<CatalogueEntry> definition;
    private transient Counter outOfOrder;
    private transient Counter faulty;
    private transient Counter future;
    private transient Counter unknown;

    /**
     * @param catalogue the catalogue the job starts with; a sensor's entries from hw.catalogue override it
     * @param maxFutureMs a reading stamped more than this ahead of the engine's clock goes to hw.dlq
     */
    public SensorRulesFunction(Catalogue catalogue, long maxFutureMs) {
        this(catalogue, maxFutureMs, 0L);
    }

    /**
     * @param reorderWindowMs how long (processing time) a reading waits for older ones of its sensor that are still on
     *     their way: the readings that arrive within it are evaluated in timestamp order. 0 evaluates every reading
     *     as it arrives (no added latency); a reading older than the newest evaluated is then stored and counted but
     *     moves no alarm state.
     */
    public SensorRulesFunction(Catalogue catalogue, long maxFutureMs, long reorderWindowMs) {
        this.catalogue = catalogue;
        this.maxFutureMs = maxFutureMs;
        this.reorderWindowMs = reorderWindowMs;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("sensor-state", SensorState.class));
        definition = getRuntimeContext().getState(new ValueStateDescriptor<>("sensor-definition", CatalogueEntry.class));
        reorderBuffer = getRuntimeContext().getListState(new ListStateDescriptor<>("reorder-buffer", Reading.class));
        outOfOrder = getRuntimeContext().getMetricGroup().counter("readingsOutOfOrder");
        faulty = getRuntimeContext().getMetricGroup().counter("readingsFaulty");
        future = getRuntimeContext().getMetricGroup().counter("readingsFromTheFuture");
        unknown = getRuntimeContext().getMetricGroup().counter("readingsOfUnknownSensors");
    }

    /** The sensor's definition now: its newest entry, else the starting catalogue's; null when unknown or removed. */
    private Sensor current(String id) throws Exception {
        CatalogueEntry e = definition.value();
        if (e != null) {
            return e.sensor();
        }
        return catalogue.sensor(id).orElse(null);
    }

    @Override
    public void processElement1(Reading r, Context ctx, Collector<LifecycleInput> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        Sensor sensor = current(r.sensor());
        if (sensor == null) {
            unknown.inc();
            ctx.output(DEAD_LETTERS, deadLetter(RejectReason.UNKNOWN_SENSOR, "sensor '" + r.sensor() + "' is not in the job's "
                    + (definition.value() != null ? "catalogue any more (removed at revision " + definition.value().revision() + ")"
                    : "catalogue"), r, now));
            return;
        }
        if (r.ts() > now + maxFutureMs) {
            future.inc();
            ctx.output(DEAD_LETTERS, deadLetter(RejectReason.FUTURE_TIMESTAMP, "ts " + Instant.ofEpochMilli(r.ts()) + " is "
                    + (r.ts() - now) / 1000 + " s ahead of the engine's clock (at most " + maxFutureMs / 1000 + " s accepted)", r, now));
            return;
        }
        ctx.output(ACCEPTED, r);
        if (sensor.rules().compression() == null) {
            ctx.output(STORED, r);
        }
        SensorState st = state.value();
        if (st == null) {
            st = new SensorState();
        }
        // liveness first: a late or duplicate reading still shows the sensor is alive
        st.lastArrival = now;
        st.heard = true;
        if (st.staleAlarmId != null) {
            ctx.output(LINK, LinkInput.condition(staleEvent(sensor, st.staleAlarmId, AlarmTransition.CLEAR, 0, r.ts(), now,
                    "data again: reading at " + Instant.ofEpochMilli(r.ts())), sensor.town(), sensor.sourceGrade(),
                    sensor.rules().priority()));
            st.staleAlarmId = null;
        }
        if (st.staleTimerAt == Long.MIN_VALUE) {
            st.staleTimerAt = now + RuleDefaults.staleAfterMs(sensor);
            ctx.timerService().registerProcessingTimeTimer(st.staleTimerAt);
        }
        if (reorderWindowMs > 0) {
            reorderBuffer.add(r);
            if (st.flushAt == Long.MIN_VALUE) {
                st.flushAt = now + reorderWindowMs;
                ctx.timerService().registerProcessingTimeTimer(st.flushAt);
            }
        } else {
            evaluate(sensor, st, r, now, ctx, out);
        }
        state.update(st);
    }

    private void evaluate(Sensor s, SensorState st, Reading r, long now, Context ctx, Collector<LifecycleInput> out) {
        boolean[] transition = {false};
        switch (SensorRules.apply(s, st, r, now, e -> {
            transition[0] = true;
            emit(s, e, ctx, out);
        })) {
            case FAULTY -> faulty.inc();
            case OUT_OF_ORDER -> outOfOrder.inc();
            default -> { }
        }
        // storage sees the reading after the rules, so an alarm transition on it keeps it and the point before it
        if (s.rules().compression() != null) {
            StorageCompressor.offer(s.rules().compression(), RuleDefaults.staleAfterMs(s), st.storage, r, transition[0],
                    x -> ctx.output(STORED, x));
        } else if (st.storage.held) {
            StorageCompressor.flush(st.storage, r, x -> ctx.output(STORED, x)); // compression was just turned off
        }
    }

    /** The reorder window ended: the readings that came within it, in timestamp order. */
    private void flush(Sensor sensor, SensorState st, long now, Context ctx, Collector<LifecycleInput> out) throws Exception {
        List<Reading> buffered = new ArrayList<>();
        for (Reading r : reorderBuffer.get()) {
            buffered.add(r);
        }
        reorderBuffer.clear();
        buffered.sort(java.util.Comparator.comparingLong(Reading::ts));
        for (Reading r : buffered) {
            evaluate(sensor, st, r, now, ctx, out);
        }
    }

    private void emit(Sensor s, AlarmEvent e, Context ctx, Collector<LifecycleInput> out) {
        if (e.type() == AlarmType.FLATLINE) {
            ctx.output(LINK, LinkInput.condition(e, s.town(), s.sourceGrade(), s.rules().priority()));
            return;
        }
        out.collect(LifecycleInput.condition(e, s.town(), s.sourceGrade(), s.rules().priority()));
        if (RuleDefaults.isGas(s.kind()) && (e.type() == AlarmType.HIGH || e.type() == AlarmType.HIGH_HIGH)) {
            if (e.transition() == AlarmTransition.RAISE) {
                ctx.output(GAS, new GasSignal(s, true, e.ts()));
            } else if (e.transition() == AlarmTransition.CLEAR) {
                ctx.output(GAS, new GasSignal(s, false, e.ts()));
            }
        }
    }

    @Override
    public void processElement2(CatalogueEntry entry, Context ctx, Collector<LifecycleInput> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        CatalogueEntry held = definition.value();
        if (held != null && held.revision() > entry.revision()) {
            return; // an older revision (the job's file after a push) changes nothing
        }
        Sensor before = held != null ? held.sensor() : catalogue.sensor(entry.sensorId()).orElse(null);
        definition.update(entry);
        SensorState st = state.value();
        if (entry.removed()) {
            if (st != null && before != null) {
                for (AlarmEvent clear : standingCleared(before, st, now, "sensor removed from the catalogue at revision "
                        + entry.revision())) {
                    if (clear.type() == AlarmType.STALE || clear.type() == AlarmType.FLATLINE) {
                        ctx.output(LINK, LinkInput.condition(clear, before.town(), before.sourceGrade(), before.rules().priority()));
                    } else {
                        out.collect(LifecycleInput.condition(clear, before.town(), before.sourceGrade(), before.rules().priority()));
                    }
                }
            }
            if (st != null && st.staleTimerAt != Long.MIN_VALUE) {
                ctx.timerService().deleteProcessingTimeTimer(st.staleTimerAt);
            }
            if (st != null && st.flushAt != Long.MIN_VALUE) {
                ctx.timerService().deleteProcessingTimeTimer(st.flushAt);
            }
            state.clear();
            reorderBuffer.clear(); // stored already; a removed sensor's readings move nothing
            ctx.timerService().registerProcessingTimeTimer(now + REMOVAL_RETENTION_MS);
            return;
        }
        Sensor after = entry.sensor();
        boolean wasOut = before != null && before.rules().outOfService();
        if (after.rules().outOfService() != wasOut) {
            out.collect(LifecycleInput.command(new OperatorCommand(
                    after.rules().outOfService() ? CommandType.OUT_OF_SERVICE : CommandType.IN_SERVICE, null, after.id(),
                    "catalogue", "catalogue revision " + entry.revision(), null, now)));
        }
        if (st == null) {
            st = new SensorState();
        }
        if (st.staleTimerAt == Long.MIN_VALUE && st.staleAlarmId == null) {
            // a sensor known but never heard from is watched too: it is STALE after its period of silence
            if (st.lastArrival == Long.MIN_VALUE) {
                st.lastArrival = now;
            }
            st.staleTimerAt = Math.max(now, st.lastArrival + RuleDefaults.staleAfterMs(after));
            ctx.timerService().registerProcessingTimeTimer(st.staleTimerAt);
        }
        state.update(st);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<LifecycleInput> out) throws Exception {
        CatalogueEntry held = definition.value();
        SensorState st = state.value();
        if (held != null && held.removed()) {
            if (st == null) {
                definition.clear(); // the retention timer: the removal has been remembered long enough
            }
            return;
        }
        if (st == null) {
            return;
        }
        Sensor sensor = current(ctx.getCurrentKey());
        long now = ctx.timerService().currentProcessingTime();
        if (st.flushAt == time) {
            st.flushAt = Long.MIN_VALUE;
            if (sensor != null) {
                flush(sensor, st, now, ctx, out);
            }
        }
        if (st.staleTimerAt != time) {
            state.update(st);
            return; // not the silence timer, or one of an earlier state (sensor removed and re-added)
        }
        st.staleTimerAt = Long.MIN_VALUE;
        if (sensor == null) {
            state.update(st);
            return;
        }
        long after = RuleDefaults.staleAfterMs(sensor);
        long due = st.lastArrival + after;
        if (now < due) {
            st.staleTimerAt = due; // a reading came since this timer was set
            ctx.timerService().registerProcessingTimeTimer(due);
        } else if (st.staleAlarmId == null) {
            long silentMs = now - st.lastArrival;
            st.staleAlarmId = sensor.id() + ":STALE:" + (st.heard ? st.lastTs : st.lastArrival);
            String detail = st.heard
                    ? "no data for " + RuleEvent.duration(silentMs) + " (stale after " + RuleEvent.duration(after) + ")"
                    : "never heard from in " + RuleEvent.duration(silentMs) + " (stale after " + RuleEvent.duration(after) + ")";
            ctx.output(LINK, LinkInput.condition(staleEvent(sensor, st.staleAlarmId, AlarmTransition.RAISE, silentMs, now, now,
                    detail), sensor.town(), sensor.sourceGrade(), sensor.rules().priority()));
        }
        state.update(st);
    }

    /** A STALE event: value = seconds of silence, limit = the stale period in seconds, ts = processing time. */
    private static AlarmEvent staleEvent(Sensor s, String id, AlarmTransition t, long silentMs, long ts, long now, String detail) {
        return new AlarmEvent(id, s.id(), s.enterprise(), s.source(), AlarmType.STALE, t,
                t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK, silentMs / 1000.0,
                RuleDefaults.staleAfterMs(s) / 1000.0, ts, now, detail);
    }

    /** CLEAR events for every condition standing in a sensor's state, when the sensor leaves the catalogue. */
    static List<AlarmEvent> standingCleared(Sensor s, SensorState st, long now, String why) {
        List<AlarmEvent> out = new ArrayList<>();
        if (st.limits.high.alarmId != null) {
            out.add(cleared(s, st.limits.high.alarmId, st.limits.high.level == 2 ? AlarmType.HIGH_HIGH : AlarmType.HIGH, now, why));
        }
        if (st.limits.low.alarmId != null) {
            out.add(cleared(s, st.limits.low.alarmId, st.limits.low.level == 2 ? AlarmType.LOW_LOW : AlarmType.LOW, now, why));
        }
        if (st.roc.alarmId != null) {
            out.add(cleared(s, st.roc.alarmId, AlarmType.RATE_OF_CHANGE, now, why));
        }
        if (st.forecast.alarmId != null) {
            out.add(cleared(s, st.forecast.alarmId, st.forecast.side > 0 ? AlarmType.FORECAST_HH : AlarmType.FORECAST_LL, now, why));
        }
        if (st.fault.alarmId != null) {
            out.add(cleared(s, st.fault.alarmId, AlarmType.FAULT, now, why));
        }
        if (st.flatline.alarmId != null) {
            out.add(cleared(s, st.flatline.alarmId, AlarmType.FLATLINE, now, why));
        }
        if (st.staleAlarmId != null) {
            out.add(cleared(s, st.staleAlarmId, AlarmType.STALE, now, why));
        }
        return out;
    }

    private static AlarmEvent cleared(Sensor s, String id, AlarmType type, long now, String why) {
        return new AlarmEvent(id, s.id(), s.enterprise(), s.source(), type, AlarmTransition.CLEAR, AlarmState.RTN_UNACK,
                0.0, 0.0, now, now, why);
    }

    private static DeadLetter deadLetter(RejectReason reason, String detail, Reading r, long now) {
        return new DeadLetter(reason, detail, "job", now, new String(ReadingCodec.toJson(r), StandardCharsets.UTF_8), null, "job");
    }
}
