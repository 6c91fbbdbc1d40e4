package com.hazardwatch.bench.engine;

import com.hazardwatch.connectors.influx.InfluxLines;
import com.hazardwatch.connectors.kafka.ReadingOrReject;
import com.hazardwatch.jobs.MonitoringJob;
import com.hazardwatch.jobs.lifecycle.AlarmLifecycle;
import com.hazardwatch.jobs.lifecycle.AlarmRecord;
import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.jobs.lifecycle.Step;
import com.hazardwatch.jobs.operators.LifecycleFunction;
import com.hazardwatch.jobs.operators.SensorRules;
import com.hazardwatch.jobs.operators.SensorState;
import com.hazardwatch.jobs.risk.RiskBoard;
import com.hazardwatch.jobs.risk.RiskCalculator;
import com.hazardwatch.jobs.risk.RiskInput;
import com.hazardwatch.jobs.rules.ChatteringDetector;
import com.hazardwatch.jobs.rules.GasCorrelation;
import com.hazardwatch.jobs.rules.RuleDefaults;
import com.hazardwatch.jobs.rules.RuleEvent;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.json.ReadingCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The monitoring job's graph ({@code MonitoringJob.defineWorkflow}) as plain single-threaded Java: the baseline the
 * engine is compared with. Every step calls the Flink-free code the job's operators call, so the two compute the same
 * thing:
 *
 * <ol>
 *   <li>source: the record through the job's Kafka deserializer ({@link RecordDecoder});</li>
 *   <li>route readings: a reject becomes a dead letter (as {@code RouteReadings});</li>
 *   <li>sensor rules, per sensor (as {@code SensorRulesFunction}): a sensor not in the catalogue, or a reading stamped
 *       too far ahead, becomes a dead letter; an accepted reading becomes a reading line ({@link InfluxLines#reading})
 *       and goes through {@link SensorRules#apply} with the sensor's {@link SensorState}; a gas detector's limit alarm
 *       raised or cleared goes to its source's correlation;</li>
 *   <li>gas correlation, per hazard source (as {@code CorrelationFunction}): {@link GasCorrelation#onAlarm}, AREA_GAS
 *       at priority {@link RuleDefaults#AREA_PRIORITY};</li>
 *   <li>alarm lifecycle, per owner (as {@code LifecycleFunction}): one {@link AlarmRecord} per owner and alarm class
 *       through {@link AlarmLifecycle}, a {@link ChatteringDetector} per owner and class (CHATTERING as class
 *       {@code CHAT:{class}}, settled by event-time timers), an alarm line ({@link InfluxLines#alarm(LifecycleEvent)}) per
 *       transition;</li>
 *   <li>risk roll-up, per town (as {@code RiskFunction}): a {@link RiskBoard} per town, contributions from
 *       {@link RiskCalculator}, a risk line ({@link InfluxLines#risk}) per level change.</li>
 * </ol>
 *
 * <p>Not modelled, because a benchmark run cannot produce them: STALE (processing time: the shortest stale period is
 * 30 s of wall clock, an engine run at the default sizes lasts about 10 s) and so LINK_DOWN and the suppression of
 * STALE children; FLATLINE needs 30 minutes of a bit-identical value, which the generated values (the simulator's
 * noise) never hold. Were a FLATLINE raised, it would go to the lifecycle like any condition: the enterprise's
 * {@code LinkFunction} holds one back only while every other sensor of its source is STALE. No operator commands
 * and no catalogue changes are fed, so nothing is acknowledged, shelved, suppressed or taken out of service: a
 * cleared alarm stays latched (RTN_UNACK) and its next raise is a RETURN.
 *
 * <p>Event time, for the chattering timers, follows the job's watermark strategy: the highest reading ts seen (a
 * reject has no event time) less the out-of-orderness; timers fire as it rises past them,
 * and all remaining ones at the end of the input ({@link #finish}), as the end of a bounded source does in Flink.
 *
 * <p><b>Keep this in step with the job.</b> When {@code defineWorkflow} gains an operator or a rule, add its step here
 * (calling the operator's Flink-free code), so that the reference keeps doing the same work and the engine-vs-reference
 * checks (same dead letters, alarm transitions and risk map; see {@code EngineBenchmark.check}) keep holding.
 */
public final class ReferencePipeline {
    private final Catalogue catalogue;
    private final long maxFutureMs;
    private final long outOfOrdernessMs;
    private final AlarmLifecycle lifecycle;
    private final RecordDecoder decoder = new RecordDecoder(0);
    /** Sensor rules' keyed state, by sensor. */
    private final Map<String, SensorState> states = new HashMap<>();
    /** Gas correlation's keyed state, by source. */
    private final Map<String, GasCorrelation> correlations = new HashMap<>();
    /** The lifecycle's keyed state, by owner. */
    private final Map<String, Owner> owners = new HashMap<>();
    /** The risk roll-up's keyed state, by town. */
    private final Map<String, RiskBoard> boards = new HashMap<>();
    /** The lifecycle's event-time timers, one per owner and time (as Flink's timer service keeps them). */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Set<Timer> timerSet = new HashSet<>();
    private final Consumer<AlarmEvent> conditionOut = this::sensorCondition;
    /** The risk levels as the changes leave them, as the benchmark's sink follows them. */
    private final RiskMap riskMap = new RiskMap();

    /** The sensor whose reading is being evaluated. */
    private Sensor current;
    /** Processing time of the record being processed. */
    private long now;
    /** Highest event timestamp assigned so far. */
    private long maxTimestamp = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;

    private long readings;
    private long deadLetters;
    private long readingLines;
    private long alarmEvents;
    private long alarmLines;
    private long areaEvents;
    private long riskChanges;
    private long riskLines;
    private long lineChars;

    /** The lifecycle's state of one owner: open records and chattering detectors by alarm class. */
    private static final class Owner {
        final Map<String, AlarmRecord> records = new HashMap<>();
        final Map<String, ChatteringDetector> detectors = new HashMap<>();
    }

    private record Timer(long time, String owner) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return Long.compare(time, o.time);
        }
    }

    /**
     * A reference of the job built with these parameters (catalogue, out-of-orderness, max future, longest shelf). The
     * reorder window must be zero, as it is by default: readings are evaluated as they arrive.
     */
    public ReferencePipeline(MonitoringJob.Params params) {
        if (!params.reorderWindow().isZero()) {
            throw new IllegalArgumentException("the reference evaluates readings as they arrive; a reorder window of "
                    + params.reorderWindow() + " is not modelled");
        }
        this.catalogue = params.catalogue();
        this.maxFutureMs = params.maxFuture().toMillis();
        this.outOfOrdernessMs = params.outOfOrderness().toMillis();
        this.lifecycle = new AlarmLifecycle(params.maxShelve());
    }

    /** One hw.readings record (the value bytes), as read at this offset. */
    public void accept(byte[] record, long offset) {
        readings++;
        now = System.currentTimeMillis();
        ReadingOrReject in = decoder.decode(record, offset);
        if (in.rejected() != null) {
            deadLetter(in.rejected()); // RouteReadings; a reject has no event time and moves no watermark
            return;
        }
        Reading r = in.reading();
        sensorRules(r);
        advance(r.ts());
    }

    /** The end of the input: event time to the end, every pending timer fires. */
    public void finish() {
        fireTimers(Long.MAX_VALUE);
    }

    // ------------------------------------------------------------------------------ sensor rules (by sensor)

    private void sensorRules(Reading r) {
        Sensor sensor = catalogue.sensor(r.sensor()).orElse(null);
        if (sensor == null) {
            deadLetter(new DeadLetter(RejectReason.UNKNOWN_SENSOR, "sensor '" + r.sensor() + "' is not in the job's catalogue",
                    "job", now, new String(ReadingCodec.toJson(r), StandardCharsets.UTF_8), null, "job"));
            return;
        }
        if (r.ts() > now + maxFutureMs) {
            deadLetter(new DeadLetter(RejectReason.FUTURE_TIMESTAMP, "ts " + r.ts() + " is ahead of the engine's clock",
                    "job", now, new String(ReadingCodec.toJson(r), StandardCharsets.UTF_8), null, "job"));
            return;
        }
        // the accepted reading is stored
        line(InfluxLines.reading(r));
        readingLines++;
        SensorState st = states.get(r.sensor());
        if (st == null) {
            st = new SensorState();
            states.put(r.sensor(), st);
        }
        current = sensor;
        SensorRules.apply(sensor, st, r, now, conditionOut);
    }

    /** A condition of the current sensor: to its lifecycle, and a gas detector's limit alarm to its source's correlation. */
    private void sensorCondition(AlarmEvent e) {
        Sensor s = current;
        lifecycle(LifecycleInput.condition(e, s.town(), s.sourceGrade(), s.rules().priority()));
        if (RuleDefaults.isGas(s.kind()) && (e.type() == AlarmType.HIGH || e.type() == AlarmType.HIGH_HIGH)) {
            if (e.transition() == AlarmTransition.RAISE) {
                correlation(s, true, e.ts());
            } else if (e.transition() == AlarmTransition.CLEAR) {
                correlation(s, false, e.ts());
            }
        }
    }

    // ------------------------------------------------------------------------------ gas correlation (by source)

    private void correlation(Sensor s, boolean inAlarm, long ts) {
        GasCorrelation c = correlations.get(s.source());
        if (c == null) {
            c = new GasCorrelation();
        }
        Optional<RuleEvent> area = c.onAlarm(s, inAlarm, ts, now);
        if (c.inAlarm() == 0 && !c.active) {
            correlations.remove(s.source());
        } else {
            correlations.put(s.source(), c);
        }
        area.ifPresent(e -> lifecycle(LifecycleInput.condition(e.event(), s.town(), s.sourceGrade(), RuleDefaults.AREA_PRIORITY)));
    }

    // ------------------------------------------------------------------------------ alarm lifecycle (by owner)

    private void lifecycle(LifecycleInput in) {
        Owner o = owners.get(in.owner);
        if (o == null) {
            o = new Owner();
            owners.put(in.owner, o);
        }
        condition(in.owner, o, in.alarmClass, in.condition, in.town, in.sourceGrade, in.priority);
    }

    /** A condition of one owner's alarm class, as LifecycleFunction applies it (no commands, nothing suppressed here). */
    private void condition(String owner, Owner o, String cls, AlarmEvent c, String town, Integer grade, Integer priority) {
        AlarmRecord current = o.records.get(cls);
        boolean raise = c.transition() == AlarmTransition.RAISE;
        Step step = raise ? lifecycle.raise(current, c, grade, null) : lifecycle.onCondition(current, c, grade);
        if (!step.applied()) {
            return;
        }
        AlarmRecord r = step.record();
        if (town != null) {
            r.town = town;
        }
        boolean chat = cls.startsWith(LifecycleFunction.CHAT_PREFIX);
        if (priority != null && !chat) {
            r.priority = priority; // the catalogue's priority replaces the default, on the record and its events
        }
        Optional<RuleEvent> chatter = Optional.empty();
        if (raise && !chat) {
            ChatteringDetector d = o.detectors.get(cls);
            if (d == null) {
                d = new ChatteringDetector();
                o.detectors.put(cls, d);
            }
            Sensor s = new Sensor(owner, null, c.enterprise(), town, c.source(), grade, null, null, null, null, 0);
            chatter = d.onRaise(s, cls, c.ts(), RuleDefaults.CHATTER_MAX_RAISES, RuleDefaults.CHATTER_WINDOW_MS, now);
            timer(owner, d.lastRaiseTs + d.windowMs);
        }
        commit(o, cls, r, step.events(), c.detail(), priority != null && !chat ? priority : null);
        if (chatter.isPresent()) {
            condition(owner, o, LifecycleFunction.CHAT_PREFIX + cls, chatter.get().event(), town, grade, null);
        }
    }

    /** Keeps the record (or drops it when its episode ended), emits its transitions and tells the risk roll-up. */
    private void commit(Owner o, String cls, AlarmRecord r, List<LifecycleEvent> events, String detail, Integer priority) {
        boolean ended = r.state == AlarmState.NORMAL;
        if (ended) {
            o.records.remove(cls);
        } else {
            o.records.put(cls, r);
        }
        ChatteringDetector d = cls.startsWith(LifecycleFunction.CHAT_PREFIX) ? null : o.detectors.get(cls);
        boolean heldBack = d != null && d.chattering;
        boolean toRisk = r.town != null && r.source != null;
        for (LifecycleEvent e : events) {
            alarm(e, detail, priority, heldBack);
            if (toRisk) {
                risk(new RiskInput(r.town, r.enterprise, r.source, r.alarmId, r.sourceGrade, r.priority,
                        !ended && RiskCalculator.stands(r.state), e.ts()));
            }
        }
    }

    /**
     * One transition as the lifecycle operator emits it (the rule's own words as detail where the condition had them,
     * the catalogue's priority where it set one, not notified while the class chatters, stamped with the processing
     * time), and its alarm line.
     */
    private void alarm(LifecycleEvent e, String detail, Integer priority, boolean heldBack) {
        alarmEvents++;
        AlarmEvent a = e.event();
        if (CountingSink.isArea(a.alarmId())) {
            areaEvents++;
        }
        String eventDetail = detail != null ? detail : a.detail();
        String reason = e.reason();
        boolean notify = e.shouldNotify();
        if (heldBack) {
            reason = e.reason() + " " + LifecycleFunction.HELD_BACK;
            notify = false;
            if (detail == null && java.util.Objects.equals(a.detail(), e.reason())) {
                eventDetail = reason;
            }
        }
        LifecycleEvent emitted = new LifecycleEvent(new AlarmEvent(a.alarmId(), a.sensor(), a.enterprise(), a.source(), a.type(),
                a.transition(), a.state(), a.value(), a.limit(), a.ts(), now, eventDetail), priority != null ? priority : e.priority(),
                e.underlying(), e.operator(), e.comment(), reason, e.shelvedUntil(), notify);
        line(InfluxLines.alarm(emitted));
        alarmLines++;
    }

    // ------------------------------------------------------------------------------ event time and timers

    /** The watermark after a record stamped ts (bounded out-of-orderness); timers at or before it fire. */
    private void advance(long ts) {
        if (ts <= maxTimestamp) {
            return;
        }
        maxTimestamp = ts;
        long wm = ts - outOfOrdernessMs - 1;
        if (wm > watermark) {
            watermark = wm;
            fireTimers(wm);
        }
    }

    private void timer(String owner, long time) {
        Timer t = new Timer(time, owner);
        if (timerSet.add(t)) {
            timers.add(t);
        }
    }

    private void fireTimers(long upTo) {
        while (!timers.isEmpty() && timers.peek().time() <= upTo) {
            Timer t = timers.poll();
            timerSet.remove(t);
            onTimer(t.owner(), t.time());
        }
    }

    /** An owner's event-time timer, as LifecycleFunction handles it: settle chattering, drop quiet detectors. */
    private void onTimer(String owner, long time) {
        Owner o = owners.get(owner);
        if (o == null) {
            return;
        }
        for (Map.Entry<String, ChatteringDetector> e : new ArrayList<>(o.detectors.entrySet())) {
            String cls = e.getKey();
            ChatteringDetector d = e.getValue();
            Optional<RuleEvent> settled = d.onTimer(time, now);
            if (!d.chattering && time >= d.lastRaiseTs + d.windowMs) {
                o.detectors.remove(cls);
            }
            if (settled.isPresent()) {
                String chatClass = LifecycleFunction.CHAT_PREFIX + cls;
                AlarmRecord chatRecord = o.records.get(chatClass);
                condition(owner, o, chatClass, settled.get().event(), chatRecord == null ? null : chatRecord.town,
                        chatRecord == null ? null : chatRecord.sourceGrade, null);
            }
        }
    }

    // ------------------------------------------------------------------------------ risk roll-up (by town)

    private void risk(RiskInput in) {
        if (in.source == null || in.alarmId == null) {
            return;
        }
        String town = in.town;
        RiskBoard b = boards.get(town);
        if (b == null) {
            if (!in.stands) {
                return;
            }
            b = new RiskBoard();
            boards.put(town, b);
        }
        List<RiskBoard.Change> changes = b.take(in, town);
        if (b.alarmSource.isEmpty()) {
            boards.remove(town);
        }
        for (RiskBoard.Change c : changes) {
            riskChanges++;
            RiskChange change = new RiskChange(scope(c.scope()), c.id(), town, c.to(), c.from(), c.score(), in.ts, now);
            riskMap.accept(change);
            line(InfluxLines.risk(change));
            riskLines++;
        }
    }

    private static String scope(RiskBoard.Scope s) {
        return switch (s) {
            case SOURCE -> RiskChange.SOURCE;
            case ENTERPRISE -> RiskChange.ENTERPRISE;
            case TOWN -> RiskChange.TOWN;
        };
    }

    // ------------------------------------------------------------------------------ outputs

    private void deadLetter(DeadLetter d) {
        deadLetters++;
        lineChars += d.reason().ordinal();
    }

    private void line(String s) {
        lineChars += s.length(); // consume the line so it cannot be optimised away
    }

    public long readings() {
        return readings;
    }

    public long deadLetters() {
        return deadLetters;
    }

    public long readingLines() {
        return readingLines;
    }

    /** Alarm transitions emitted by the lifecycle (what hw.alarms receives). */
    public long alarmEvents() {
        return alarmEvents;
    }

    public long alarmLines() {
        return alarmLines;
    }

    /** Alarm transitions of AREA alarms and their chattering (a subset of {@link #alarmEvents}). */
    public long areaEvents() {
        return areaEvents;
    }

    /** Risk level changes (what hw.risk receives). */
    public long riskChanges() {
        return riskChanges;
    }

    public long riskLines() {
        return riskLines;
    }

    /** Risk levels not blue after the last change, by scope:id. */
    public Map<String, String> riskLevels() {
        return riskMap.notBlue();
    }

    /** Risk changes that did not continue from the level last reported for their scope and id (none, by construction). */
    public long riskBreaks() {
        return riskMap.breaks();
    }

    /** Total length of the lines formatted (a blackhole). */
    public long lineChars() {
        return lineChars;
    }

    /** Sensors with rule state. */
    public int stateEntries() {
        return states.size();
    }
}
