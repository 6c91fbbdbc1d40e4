package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.lifecycle.AlarmLifecycle;
import com.hazardwatch.jobs.lifecycle.AlarmRecord;
import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.jobs.lifecycle.Step;
import com.hazardwatch.jobs.risk.RiskCalculator;
import com.hazardwatch.jobs.risk.RiskInput;
import com.hazardwatch.jobs.rules.ChatteringDetector;
import com.hazardwatch.jobs.rules.RuleDefaults;
import com.hazardwatch.jobs.rules.RuleEvent;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.OperatorCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The ISA-18.2 alarm lifecycle in the job (docs/rules.md "Alarm lifecycle"), keyed by the alarm's owner (the sensor;
 * the enterprise for LINK_DOWN, the source for AREA; {@link LifecycleInput#owner}). It holds the Flink state and
 * timers; every transition is computed by {@link AlarmLifecycle} and {@link ChatteringDetector}.
 *
 * <h2>State, per owner</h2>
 * <ul>
 *   <li>{@code records}: the open {@link AlarmRecord} of each alarm class ({@code HI}, {@code LO}, {@code STALE},
 *       {@code CHAT:HI}, ...); a record is removed when its episode ends (state NORMAL).</li>
 *   <li>{@code out-of-service}: the out-of-service command standing for the owner, if any, so that an alarm raised
 *       later starts OUT_OF_SERVICE, not notified; in-service clears it.</li>
 *   <li>{@code suppressed}: the classes suppressed by design now, with the reason, so that an alarm of such a class
 *       raised later starts SUPPRESSED (one RAISE event in that state, not notified; lifting the suppression then
 *       notifies); unsuppress forgets the class.</li>
 *   <li>{@code chattering}: a {@link ChatteringDetector} per class that raised within the chattering window; removed
 *       once the class has raised nothing for the window and does not chatter.</li>
 * </ul>
 *
 * <h2>Inputs</h2>
 * <ul>
 *   <li>CONDITION: RAISE goes through {@link AlarmLifecycle#raise} (with the standing out-of-service command), other
 *       transitions through {@link AlarmLifecycle#onCondition}. The input's town is kept on the record; a non-null
 *       input priority (the catalogue's) replaces the record's and the events' priority, also after an escalation. Each
 *       applied RAISE (new episode or RETURN) of a class that is not itself {@code CHAT:*} is counted by the class's
 *       detector; the CHATTERING raise and clear it gives are processed as conditions of class {@code CHAT:{class}} (a
 *       record of their own, which can be acknowledged), and while the class chatters every event of that class is
 *       emitted with notify false, its reason ending "(chattering, not notified)".</li>
 *   <li>COMMAND: ack, shelve and unshelve act on the record whose alarmId the command names (none: the
 *       {@link AlarmLifecycle#unknownAlarm} rejection is emitted); out-of-service and in-service act on every open
 *       record of the owner, with the command resolved to the owner when it named only an alarmId. Out-of-service is
 *       also kept for later raises (with nothing open it emits nothing); in-service clears it, and is rejected only when
 *       the owner is not out of service. A shelve registers a processing-time timer at the shelf's expiry. Commands are
 *       applied at the processing time of the timer service.</li>
 *   <li>SUPPRESS / UNSUPPRESS: {@link AlarmLifecycle#suppress} / {@link AlarmLifecycle#unsuppress} on the open record
 *       of the class, if any; the class is remembered (forgotten) either way.</li>
 * </ul>
 *
 * <h2>Timers</h2>
 * Processing time: shelf expiry, {@link AlarmLifecycle#shelfExpired} for every record whose shelf is due. Event time
 * (the raise times): {@code lastRaise + window} of a class's detector, to clear CHATTERING and to drop the detector.
 *
 * <h2>Output</h2>
 * Every event is emitted {@link LifecycleEvent#withEmittedAt stamped} with the processing time; rejections are emitted
 * as they are, never dropped. For every emitted transition of a record with a town and a source, side output
 * {@link #RISK} carries a {@link RiskInput}: whether the alarm now stands ({@link RiskCalculator#stands} and the
 * episode not ended) with its priority and grade. Metrics: {@code alarmTransitionsEmitted}, {@code commandsRejected}.
 */
public final class LifecycleFunction extends KeyedProcessFunction<String, LifecycleInput, LifecycleEvent> {
    private static final long serialVersionUID = 1L;

    /** Side output for the risk map: one {@link RiskInput} per emitted transition of an alarm with a town and source. */
    public static final OutputTag<RiskInput> RISK = new OutputTag<>("risk", TypeInformation.of(RiskInput.class));

    /** The class of the chattering alarm of class {@code c} is {@code CHAT:c}, as in its alarmId. */
    public static final String CHAT_PREFIX = "CHAT:";

    /** What the reason of an event held back by chattering ends with. */
    public static final String HELD_BACK = "(chattering, not notified)";

    private final AlarmLifecycle lifecycle;
    private final int chatterMaxRaises;
    private final long chatterWindowMs;

    private transient MapState<String, AlarmRecord> records;
    private transient ValueState<OperatorCommand> outOfService;
    private transient MapState<String, String> suppressed;
    private transient MapState<String, ChatteringDetector> detectors;
    private transient Counter transitionsEmitted;
    private transient Counter commandsRejected;

    /** The default lifecycle (longest shelf 8 h) and chattering at more than 5 raises in 10 min. */
    public LifecycleFunction() {
        this(new AlarmLifecycle());
    }

    public LifecycleFunction(AlarmLifecycle lifecycle) {
        this(lifecycle, RuleDefaults.CHATTER_MAX_RAISES, Duration.ofMillis(RuleDefaults.CHATTER_WINDOW_MS));
    }

    /**
     * @param chatterMaxRaises raises of one class within the window above which it chatters
     * @param chatterWindow the counting window, and how long without a raise until chattering settles
     */
    public LifecycleFunction(AlarmLifecycle lifecycle, int chatterMaxRaises, Duration chatterWindow) {
        if (chatterMaxRaises < 1 || chatterWindow == null || chatterWindow.toMillis() <= 0) {
            throw new IllegalArgumentException("chattering needs maxRaises >= 1 and a positive window, found "
                    + chatterMaxRaises + " and " + chatterWindow);
        }
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.chatterMaxRaises = chatterMaxRaises;
        this.chatterWindowMs = chatterWindow.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        records = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("alarm-records", Types.STRING, TypeInformation.of(AlarmRecord.class)));
        outOfService = getRuntimeContext().getState(
                new ValueStateDescriptor<>("out-of-service", TypeInformation.of(OperatorCommand.class)));
        suppressed = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("suppressed-classes", Types.STRING, Types.STRING));
        detectors = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("chattering", Types.STRING, TypeInformation.of(ChatteringDetector.class)));
        transitionsEmitted = getRuntimeContext().getMetricGroup().counter("alarmTransitionsEmitted");
        commandsRejected = getRuntimeContext().getMetricGroup().counter("commandsRejected");
    }

    @Override
    public void processElement(LifecycleInput in, Context ctx, Collector<LifecycleEvent> out) throws Exception {
        switch (in.kind) {
            case CONDITION -> {
                String cls = in.alarmClass != null ? in.alarmClass : LifecycleInput.classOf(in.condition.alarmId());
                condition(cls, in.condition, in.town, in.sourceGrade, in.priority, ctx, out);
            }
            case COMMAND -> command(in.command, ctx, out);
            case SUPPRESS -> {
                String reason = in.reason != null ? in.reason : "suppressed by design";
                suppressed.put(in.alarmClass, reason);
                AlarmRecord r = records.get(in.alarmClass);
                if (r != null) {
                    apply(in.alarmClass, lifecycle.suppress(r, reason, in.ts), ctx, out);
                }
            }
            case UNSUPPRESS -> {
                suppressed.remove(in.alarmClass);
                AlarmRecord r = records.get(in.alarmClass);
                if (r != null) {
                    apply(in.alarmClass, lifecycle.unsuppress(r, in.reason, in.ts), ctx, out);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ conditions

    private void condition(String cls, AlarmEvent c, String town, Integer grade, Integer priority, Context ctx,
            Collector<LifecycleEvent> out) throws Exception {
        AlarmRecord current = records.get(cls);
        boolean raise = c.transition() == AlarmTransition.RAISE;
        Step step = raise ? lifecycle.raise(current, c, grade, outOfService.value()) : lifecycle.onCondition(current, c, grade);
        if (!step.applied()) {
            return; // a duplicate raise, a clear of a condition already clear: nothing changed
        }
        AlarmRecord r = step.record();
        if (town != null) {
            r.town = town;
        }
        // the rule's own words ("96.2 % >= HH 95 %", "HH in 12 min") are what a duty officer reads; reason says the rest
        List<LifecycleEvent> events = c.detail() == null ? step.events()
                : step.events().stream().map(e -> withDetail(e, c.detail())).toList();
        boolean chat = isChat(cls);
        if (priority != null && !chat) {
            r.priority = priority;
            events = events.stream().map(e -> rewrite(e, priority, e.shouldNotify(), e.reason(), e.state())).toList();
        }
        String suppression = suppressed.get(cls);
        if (suppression != null && !r.suppressed && events.size() == 1 && events.get(0).transition() == AlarmTransition.RAISE) {
            // a new episode of a class suppressed by design: one RAISE, shown SUPPRESSED, not notified
            Step s = lifecycle.suppress(r, suppression, c.ts());
            if (s.applied()) {
                LifecycleEvent raised = events.get(0);
                r = s.record();
                r.missedNotification |= raised.shouldNotify();
                String reason = raised.reason() + "; " + s.event().reason() + " (not notified)";
                events = List.of(rewrite(raised, r.priority, false, reason, r.state));
            }
        }
        Optional<RuleEvent> chatter = Optional.empty();
        if (raise && !chat) {
            ChatteringDetector d = detectors.get(cls);
            if (d == null) {
                d = new ChatteringDetector();
            }
            String owner = ctx.getCurrentKey();
            Sensor s = new Sensor(owner, null, c.enterprise(), town, c.source(), grade, null, null, null, null, 0);
            chatter = d.onRaise(s, cls, c.ts(), chatterMaxRaises, chatterWindowMs, ctx.timerService().currentProcessingTime());
            detectors.put(cls, d);
            ctx.timerService().registerEventTimeTimer(d.lastRaiseTs + d.windowMs);
        }
        commit(cls, r, events, ctx, out);
        if (chatter.isPresent()) {
            condition(CHAT_PREFIX + cls, chatter.get().event(), town, grade, null, ctx, out);
        }
    }

    // -------------------------------------------------------------------------------------------------- commands

    private void command(OperatorCommand cmd, Context ctx, Collector<LifecycleEvent> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        switch (cmd.command()) {
            case ACK, SHELVE, UNSHELVE -> {
                Map.Entry<String, AlarmRecord> open = null;
                for (Map.Entry<String, AlarmRecord> e : records.entries()) {
                    if (cmd.alarmId().equals(e.getValue().alarmId)) {
                        open = e;
                        break;
                    }
                }
                if (open == null) {
                    apply(null, AlarmLifecycle.unknownAlarm(cmd), ctx, out);
                    return;
                }
                String cls = open.getKey();
                Step step = lifecycle.apply(open.getValue(), cmd, now);
                apply(cls, step, ctx, out);
                if (step.applied() && step.record().shelved) {
                    ctx.timerService().registerProcessingTimeTimer(step.record().shelvedUntil);
                }
            }
            case OUT_OF_SERVICE -> {
                OperatorCommand c = cmd.sensor() != null ? cmd : cmd.withSensor(ctx.getCurrentKey());
                if (outOfService.value() == null) {
                    outOfService.update(c);
                }
                for (Map.Entry<String, AlarmRecord> e : openRecords()) {
                    apply(e.getKey(), lifecycle.outOfService(e.getValue(), c), ctx, out);
                }
            }
            case IN_SERVICE -> {
                OperatorCommand c = cmd.sensor() != null ? cmd : cmd.withSensor(ctx.getCurrentKey());
                List<Map.Entry<String, AlarmRecord>> open = openRecords();
                boolean anyOut = open.stream().anyMatch(e -> e.getValue().outOfService);
                if (outOfService.value() == null && !anyOut) {
                    apply(null, notOutOfService(c), ctx, out);
                    return;
                }
                outOfService.clear();
                for (Map.Entry<String, AlarmRecord> e : open) {
                    if (e.getValue().outOfService) {
                        apply(e.getKey(), lifecycle.inService(e.getValue(), c), ctx, out);
                    }
                }
            }
        }
    }

    /** The answer to in-service for an owner that is not out of service. */
    private static Step notOutOfService(OperatorCommand cmd) {
        String why = cmd.command().code() + " rejected: sensor '" + cmd.sensor() + "' is not out of service";
        AlarmEvent e = new AlarmEvent(cmd.alarmId(), cmd.sensor(), null, null, null, AlarmTransition.REJECTED, null,
                Double.NaN, Double.NaN, cmd.ts(), cmd.ts(), why);
        return new Step(Step.Outcome.REJECTED, null,
                List.of(new LifecycleEvent(e, 0, null, cmd.operator(), cmd.comment(), why, null, false)), why);
    }

    // ---------------------------------------------------------------------------------------------------- timers

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LifecycleEvent> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            for (Map.Entry<String, AlarmRecord> e : openRecords()) {
                AlarmRecord r = e.getValue();
                if (r.shelved && r.shelvedUntil <= timestamp) {
                    apply(e.getKey(), lifecycle.shelfExpired(r, timestamp), ctx, out);
                }
            }
            return;
        }
        List<Map.Entry<String, ChatteringDetector>> due = new ArrayList<>();
        for (Map.Entry<String, ChatteringDetector> e : detectors.entries()) {
            due.add(Map.entry(e.getKey(), e.getValue()));
        }
        long now = ctx.timerService().currentProcessingTime();
        for (Map.Entry<String, ChatteringDetector> e : due) {
            String cls = e.getKey();
            ChatteringDetector d = e.getValue();
            Optional<RuleEvent> settled = d.onTimer(timestamp, now);
            if (!d.chattering && timestamp >= d.lastRaiseTs + d.windowMs) {
                detectors.remove(cls); // quiet for a whole window: nothing left to count
            } else {
                detectors.put(cls, d);
            }
            if (settled.isPresent()) {
                String chatClass = CHAT_PREFIX + cls;
                AlarmRecord chatRecord = records.get(chatClass);
                condition(chatClass, settled.get().event(), chatRecord == null ? null : chatRecord.town,
                        chatRecord == null ? null : chatRecord.sourceGrade, null, ctx, out);
            }
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** Stores and emits what a step did: a rejection as it is, an applied step through {@link #commit}. */
    private void apply(String cls, Step step, Context ctx, Collector<LifecycleEvent> out) throws Exception {
        if (step.rejected()) {
            long now = ctx.timerService().currentProcessingTime();
            for (LifecycleEvent e : step.events()) {
                commandsRejected.inc();
                out.collect(e.withEmittedAt(now));
            }
        } else if (step.applied()) {
            commit(cls, step.record(), step.events(), ctx, out);
        }
    }

    /** Keeps the record (or removes it when its episode ended) and emits its events, held back while the class chatters. */
    private void commit(String cls, AlarmRecord r, List<LifecycleEvent> events, Context ctx, Collector<LifecycleEvent> out)
            throws Exception {
        boolean ended = r.state == AlarmState.NORMAL;
        if (ended) {
            records.remove(cls);
        } else {
            records.put(cls, r);
        }
        boolean holdBack = !isChat(cls) && chattering(cls);
        long now = ctx.timerService().currentProcessingTime();
        boolean toRisk = r.town != null && r.source != null;
        for (LifecycleEvent e : events) {
            if (holdBack) {
                e = rewrite(e, e.priority(), false, e.reason() + " " + HELD_BACK, e.state());
            }
            out.collect(e.withEmittedAt(now));
            transitionsEmitted.inc();
            if (toRisk) {
                ctx.output(RISK, new RiskInput(r.town, r.enterprise, r.source, r.alarmId, r.sourceGrade, r.priority,
                        !ended && RiskCalculator.stands(r.state), e.ts()));
            }
        }
    }

    private boolean chattering(String cls) throws Exception {
        ChatteringDetector d = detectors.get(cls);
        return d != null && d.chattering;
    }

    private static boolean isChat(String cls) {
        return cls.startsWith(CHAT_PREFIX);
    }

    private List<Map.Entry<String, AlarmRecord>> openRecords() throws Exception {
        List<Map.Entry<String, AlarmRecord>> open = new ArrayList<>();
        for (Map.Entry<String, AlarmRecord> e : records.entries()) {
            open.add(Map.entry(e.getKey(), e.getValue()));
        }
        return open;
    }

    private static LifecycleEvent withDetail(LifecycleEvent e, String detail) {
        AlarmEvent a = e.event();
        return new LifecycleEvent(new AlarmEvent(a.alarmId(), a.sensor(), a.enterprise(), a.source(), a.type(), a.transition(),
                a.state(), a.value(), a.limit(), a.ts(), a.emittedAt(), detail), e.priority(), e.underlying(), e.operator(),
                e.comment(), e.reason(), e.shelvedUntil(), e.shouldNotify());
    }

    /** The same event with another priority, notify, reason (and detail, when it was the reason) and state. */
    private static LifecycleEvent rewrite(LifecycleEvent e, int priority, boolean notify, String reason, AlarmState state) {
        AlarmEvent a = e.event();
        String detail = Objects.equals(a.detail(), e.reason()) ? reason : a.detail();
        AlarmEvent changed = new AlarmEvent(a.alarmId(), a.sensor(), a.enterprise(), a.source(), a.type(), a.transition(),
                state, a.value(), a.limit(), a.ts(), a.emittedAt(), detail);
        return new LifecycleEvent(changed, priority, e.underlying(), e.operator(), e.comment(), reason, e.shelvedUntil(),
                notify);
    }
}
