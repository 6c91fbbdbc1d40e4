package com.hazardwatch.jobs.operators;

import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by enterprise: its roster of sensors (from the catalogue) and their STALE and FLATLINE conditions (docs/rules.md
 * sections 4 and 5). Everything it receives about a sensor's STALE alarm also leaves through here, so that a
 * suppression never overtakes the raise it suppresses.
 *
 * <ul>
 *   <li><b>No storm before LINK_DOWN</b>: a child's STALE raise is held back for {@link #LINK_GRACE_MS} plus the
 *       difference between the longest stale period on the roster and its own (a gas detector goes STALE after 30 s,
 *       a level sensor of the same gateway only after 60 s): if the whole enterprise goes silent meanwhile, the held
 *       raises go out already suppressed under LINK_DOWN and nobody is paged once per sensor; otherwise they go out
 *       when the hold ends. A STALE that clears within its hold is dropped (like an on-delay).</li>
 *   <li><b>LINK_DOWN</b>: when every sensor of the enterprise's roster (at least {@link #MIN_SENSORS}) is STALE, one
 *       LINK_DOWN alarm is raised for the enterprise (id {@code {enterprise}:LINK_DOWN:{processing time}}, value =
 *       sensors silent) and every child STALE alarm is SUPPRESSED; a child going STALE while the link is down is
 *       suppressed as it is raised. The first reading from any of them clears LINK_DOWN. Each child stays suppressed
 *       until its own STALE clears (its data came back), or, for a sensor still silent {@link #RELEASE_AFTER_MS} after the
 *       link came back, until then: that one is really dead and is shown on its own.</li>
 *   <li><b>FLATLINE</b> is raised only while some other sensor of the same hazard source is reporting (not STALE): a
 *       raise that arrives while all neighbours are silent is held and goes out when one of them reports again, unless
 *       its clear came first.</li>
 * </ul>
 */
public final class LinkFunction extends KeyedProcessFunction<String, LinkInput, LifecycleInput> {
    /** LINK_DOWN needs at least this many sensors: for a single sensor its own STALE says it all. */
    public static final int MIN_SENSORS = 2;
    /** After the link is back, children still silent this long are released from suppression. */
    public static final long RELEASE_AFTER_MS = 120_000L;
    static final String STALE_CLASS = "STALE";
    /** A child's STALE raise waits at least this long for its siblings before it is reported on its own. */
    public static final long LINK_GRACE_MS = 5_000L;

    private transient MapState<String, Member> roster;
    private transient ValueState<String> linkDown;
    private transient ValueState<Long> releaseAt;

    /** One sensor of the enterprise, a Flink POJO. */
    public static class Member {
        public String source;
        public String town;
        public Integer sourceGrade;
        public long revision;
        public boolean stale;
        public boolean suppressed;
        /** The sensor's stale period, ms (0 when unknown). */
        public long staleAfterMs;
        /** A STALE raise held back in case the whole enterprise is going silent, else null. */
        public AlarmEvent heldStale;
        /** Processing time at which {@link #heldStale} is reported on its own. */
        public long holdUntil;
        /** A FLATLINE raise held back while the neighbours are silent, else null. */
        public AlarmEvent heldFlat;
        public Integer priority;

        public Member() {}
    }

    @Override
    public void open(OpenContext ctx) {
        roster = getRuntimeContext().getMapState(new MapStateDescriptor<>("roster", Types.STRING, Types.POJO(Member.class)));
        linkDown = getRuntimeContext().getState(new ValueStateDescriptor<>("link-down", Types.STRING));
        releaseAt = getRuntimeContext().getState(new ValueStateDescriptor<>("release-at", Types.LONG));
    }

    @Override
    public void processElement(LinkInput in, Context ctx, Collector<LifecycleInput> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (in.kind == LinkInput.Kind.ROSTER) {
            roster(in, now, out);
            return;
        }
        AlarmEvent e = in.condition;
        Member m = roster.get(in.sensor);
        if (m == null && e.transition() != AlarmTransition.RAISE) {
            // a sensor that left the catalogue: SensorRulesFunction clears its standing STALE or FLATLINE, which may
            // come after the roster entry has gone. The clear goes on, but must not bring the sensor back onto the
            // roster as one that reports (LINK_DOWN could then never stand again) nor count as data from the link.
            out.collect(LifecycleInput.condition(e, in.town, in.sourceGrade, in.priority));
            if (e.type() == AlarmType.STALE) {
                // it may have been suppressed under a LINK_DOWN: the suppression must not outlive the sensor
                out.collect(LifecycleInput.unsuppress(in.sensor, STALE_CLASS, in.sensor + " left the catalogue", e.ts()));
            }
            return;
        }
        if (m == null) {
            m = new Member(); // a condition before the roster entry: the sensor is known from its own data
            m.source = in.source;
            m.town = in.town;
            m.sourceGrade = in.sourceGrade;
        }
        m.priority = in.priority;
        if (e.type() == AlarmType.FLATLINE) {
            flat(m, in, out);
            roster.put(in.sensor, m);
            return;
        }
        if (e.transition() == AlarmTransition.RAISE) {
            m.stale = true;
            String link = linkDown.value();
            if (link != null) {
                m.suppressed = true;
                roster.put(in.sensor, m);
                out.collect(LifecycleInput.suppress(in.sensor, STALE_CLASS, "link to enterprise " + ctx.getCurrentKey()
                        + " is down (" + link + ")", now));
                out.collect(LifecycleInput.condition(e, m.town, m.sourceGrade, m.priority));
                return;
            }
            int members = count(false);
            if (members >= MIN_SENSORS && roster.contains(in.sensor)) {
                m.heldStale = e;
                m.holdUntil = now + longestStalePeriod() - m.staleAfterMs + LINK_GRACE_MS;
                ctx.timerService().registerProcessingTimeTimer(m.holdUntil);
            } else {
                out.collect(LifecycleInput.condition(e, m.town, m.sourceGrade, m.priority));
            }
            roster.put(in.sensor, m);
            maybeLinkDown(ctx.getCurrentKey(), now, out);
        } else {
            m.stale = false;
            if (m.heldStale != null && m.heldStale.alarmId().equals(e.alarmId())) {
                m.heldStale = null; // back within its hold: nobody needs to hear of it
            } else {
                out.collect(LifecycleInput.condition(e, m.town, m.sourceGrade, m.priority));
            }
            if (m.suppressed) {
                m.suppressed = false;
                out.collect(LifecycleInput.unsuppress(in.sensor, STALE_CLASS, "data from " + in.sensor + " again", now));
            }
            roster.put(in.sensor, m);
            String link = linkDown.value();
            if (link != null) {
                out.collect(LifecycleInput.condition(linkEvent(link, ctx.getCurrentKey(), AlarmTransition.CLEAR, count(true), now,
                        "data again from " + in.sensor), m.town, null, null));
                linkDown.clear();
                long at = now + RELEASE_AFTER_MS;
                releaseAt.update(at);
                ctx.timerService().registerProcessingTimeTimer(at);
            }
            releaseHeldFlats(in.sensor, m.source, out);
        }
    }

    private void roster(LinkInput in, long now, Collector<LifecycleInput> out) throws Exception {
        Member m = roster.get(in.sensor);
        if (m != null && m.revision > in.revision) {
            return;
        }
        if (in.removed) {
            roster.remove(in.sensor); // its standing conditions are cleared by SensorRulesFunction
            return;
        }
        if (m == null) {
            m = new Member();
        }
        m.source = in.source;
        m.town = in.town;
        m.sourceGrade = in.sourceGrade;
        m.revision = in.revision;
        m.staleAfterMs = in.staleAfterMs;
        roster.put(in.sensor, m);
    }

    private long longestStalePeriod() throws Exception {
        long longest = 0;
        for (Map.Entry<String, Member> e : roster.entries()) {
            longest = Math.max(longest, e.getValue().staleAfterMs);
        }
        return longest;
    }

    private void maybeLinkDown(String enterprise, long now, Collector<LifecycleInput> out) throws Exception {
        int members = 0;
        int stale = 0;
        String town = null;
        Integer grade = null;
        for (Map.Entry<String, Member> e : roster.entries()) {
            members++;
            Member m = e.getValue();
            if (m.stale) {
                stale++;
            }
            town = m.town;
            if (m.sourceGrade != null && (grade == null || m.sourceGrade < grade)) {
                grade = m.sourceGrade; // the most severe grade of the enterprise's sources sets the priority
            }
        }
        if (members < MIN_SENSORS || stale < members) {
            return;
        }
        String id = enterprise + ":LINK_DOWN:" + now;
        linkDown.update(id);
        releaseAt.clear();
        out.collect(LifecycleInput.condition(linkEvent(id, enterprise, AlarmTransition.RAISE, stale, now,
                "all " + stale + " sensors of " + enterprise + " silent: gateway or link down"), town, grade, null));
        List<String> children = new ArrayList<>();
        for (Map.Entry<String, Member> e : roster.entries()) {
            if (e.getValue().stale && !e.getValue().suppressed) {
                children.add(e.getKey());
            }
        }
        for (String child : children) {
            Member m = roster.get(child);
            m.suppressed = true;
            out.collect(LifecycleInput.suppress(child, STALE_CLASS, "link to enterprise " + enterprise + " is down (" + id + ")", now));
            if (m.heldStale != null) {
                // suppressed before it is raised: it starts SUPPRESSED and pages nobody
                out.collect(LifecycleInput.condition(m.heldStale, m.town, m.sourceGrade, m.priority));
                m.heldStale = null;
            }
            roster.put(child, m);
        }
    }

    private void flat(Member m, LinkInput in, Collector<LifecycleInput> out) throws Exception {
        AlarmEvent e = in.condition;
        if (e.transition() == AlarmTransition.RAISE) {
            if (neighbourReporting(in.sensor, m.source)) {
                out.collect(LifecycleInput.condition(e, m.town, m.sourceGrade, m.priority));
            } else {
                m.heldFlat = e; // judged when a neighbour reports again
            }
        } else if (m.heldFlat != null && m.heldFlat.alarmId().equals(e.alarmId())) {
            m.heldFlat = null; // it cleared before anyone saw it: nothing to report
        } else {
            out.collect(LifecycleInput.condition(e, m.town, m.sourceGrade, m.priority));
        }
    }

    private boolean neighbourReporting(String sensor, String source) throws Exception {
        for (Map.Entry<String, Member> e : roster.entries()) {
            Member n = e.getValue();
            if (!e.getKey().equals(sensor) && source != null && source.equals(n.source) && !n.stale) {
                return true;
            }
        }
        return false;
    }

    /** A sensor reports again: FLATLINE raises its neighbours held back go out now. */
    private void releaseHeldFlats(String reporting, String source, Collector<LifecycleInput> out) throws Exception {
        if (source == null) {
            return;
        }
        List<String> held = new ArrayList<>();
        for (Map.Entry<String, Member> e : roster.entries()) {
            if (!e.getKey().equals(reporting) && e.getValue().heldFlat != null && source.equals(e.getValue().source)) {
                held.add(e.getKey());
            }
        }
        for (String id : held) {
            Member n = roster.get(id);
            out.collect(LifecycleInput.condition(n.heldFlat, n.town, n.sourceGrade, n.priority));
            n.heldFlat = null;
            roster.put(id, n);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<LifecycleInput> out) throws Exception {
        List<String> due = new ArrayList<>();
        for (Map.Entry<String, Member> e : roster.entries()) {
            if (e.getValue().heldStale != null && e.getValue().holdUntil <= time) {
                due.add(e.getKey());
            }
        }
        for (String id : due) {
            Member m = roster.get(id); // the enterprise did not go silent with it: reported on its own
            out.collect(LifecycleInput.condition(m.heldStale, m.town, m.sourceGrade, m.priority));
            m.heldStale = null;
            roster.put(id, m);
        }
        Long at = releaseAt.value();
        if (at == null || at != time || linkDown.value() != null) {
            return;
        }
        releaseAt.clear();
        List<String> release = new ArrayList<>();
        for (Map.Entry<String, Member> e : roster.entries()) {
            if (e.getValue().suppressed) {
                release.add(e.getKey());
            }
        }
        for (String id : release) {
            Member m = roster.get(id);
            m.suppressed = false;
            roster.put(id, m);
            out.collect(LifecycleInput.unsuppress(id, STALE_CLASS, "link to " + ctx.getCurrentKey() + " is back but "
                    + id + " is still silent", time));
        }
    }

    private int count(boolean onlyStale) throws Exception {
        int n = 0;
        for (Map.Entry<String, Member> e : roster.entries()) {
            if (!onlyStale || e.getValue().stale) {
                n++;
            }
        }
        return n;
    }

    private static AlarmEvent linkEvent(String id, String enterprise, AlarmTransition t, int sensors, long now, String detail) {
        return new AlarmEvent(id, enterprise, enterprise, null, AlarmType.LINK_DOWN, t,
                t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK, sensors, sensors, now, now, detail);
    }
}
