package com.hazardwatch.notifications.operators;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.notifications.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who must hear of an alarm, and when it goes up a level. Pure: the caller passes the time, so tests drive it with a
 * fake clock.
 *
 * <ul>
 *   <li>A transition with {@code notify} true that leaves the alarm ACTIVE_UNACK (RAISE, ESCALATE, RETURN, and an
 *   UNSHELVE / IN_SERVICE / UNSUPPRESS that brings it back) notifies the ENTERPRISE level on duty (the first level
 *   with somebody on duty, if the enterprise has nobody) and starts its escalation clock: the alarm's priority's time.
 *   A later such transition of the same alarm (H escalating to HH) notifies the level the alarm has reached and
 *   shortens the clock if its new priority's time is shorter.</li>
 *   <li>When the clock runs out and the alarm is still ACTIVE_UNACK, the next level (TOWN, then DISTRICT) is notified
 *   and the clock starts again. After the DISTRICT there is nothing above: the escalation ends.</li>
 *   <li>Any transition that leaves the alarm in another state (ACK, CLEAR to RTN_UNACK, NORMAL, SHELVED,
 *   OUT_OF_SERVICE, SUPPRESSED) stops it.</li>
 *   <li>A transition with {@code notify} false (chattering, shelved, suppressed) notifies nobody.</li>
 * </ul>
 */
public final class Escalator {
    /** Who is on duty at a level for an enterprise's alarm at a moment (person ids; empty when nobody). */
    @FunctionalInterface
    public interface Directory {
        List<String> recipients(Level level, String enterprise, long at);
    }

    /**
     * Something to send: to these recipients, at this level.
     *
     * @param key deterministic: what caused it (alarm id, transition time and kind, level)
     * @param from for an ESCALATION, the level that did not acknowledge
     * @param waitedMillis for an ESCALATION, how long that level had
     */
    public record Decision(String key, Level level, Kind kind, List<String> recipients, LifecycleEvent event, Level from,
            long waitedMillis) {}

    /**
     * An alarm whose escalation clock runs.
     *
     * @param episode ts of the transition that started it (RAISE or RETURN)
     * @param since when the current level was notified
     * @param deadline when the next level is notified unless the alarm is acknowledged first
     */
    public record Pending(String alarmId, LifecycleEvent event, Level level, long episode, long since, long deadline) {}

    private final Duration[] timeouts;
    private final Directory directory;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    /** @param timeouts escalation time of priority 1, 2, 3 and 4 (also used for an unknown priority) */
    public Escalator(List<Duration> timeouts, Directory directory) {
        if (timeouts.size() != 4) {
            throw new IllegalArgumentException("need the escalation times of priorities 1 to 4");
        }
        this.timeouts = timeouts.toArray(new Duration[0]);
        this.directory = directory;
    }

    public long timeoutMillis(int priority) {
        return timeouts[priority >= 1 && priority <= 4 ? priority - 1 : 3].toMillis();
    }

    public List<Decision> onEvent(LifecycleEvent e, long now) {
        String id = e.event().alarmId();
        if (id == null || e.transition() == AlarmTransition.REJECTED) {
            return List.of();
        }
        Pending p = pending.get(id);
        if (e.state() != AlarmState.ACTIVE_UNACK) {
            pending.remove(id);
            return List.of();
        }
        if (!e.shouldNotify()) {
            if (p != null) {
                pending.put(id, new Pending(id, e, p.level(), p.episode(), p.since(), p.deadline()));
            }
            return List.of();
        }
        String enterprise = e.event().enterprise();
        if (p != null) {
            List<String> who = directory.recipients(p.level(), enterprise, now);
            long deadline = Math.min(p.deadline(), now + timeoutMillis(e.priority()));
            pending.put(id, new Pending(id, e, p.level(), p.episode(), p.since(), deadline));
            return who.isEmpty() ? List.of() : List.of(new Decision(key(id, e.ts(), e.transition().name(), p.level()),
                    p.level(), Kind.ALARM, who, e, null, 0));
        }
        for (Level l = Level.ENTERPRISE; l != null; l = l.next()) {
            List<String> who = directory.recipients(l, enterprise, now);
            if (!who.isEmpty()) {
                pending.put(id, new Pending(id, e, l, e.ts(), now, now + timeoutMillis(e.priority())));
                return List.of(new Decision(key(id, e.ts(), e.transition().name(), l), l, Kind.ALARM, who, e, null, 0));
            }
        }
        return List.of(); // nobody on duty at any level: the roster check at start rules this out for the catalogue
    }

    /** The escalations whose time has come; call it regularly. */
    public List<Decision> due(long now) {
        List<Decision> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Pending p = it.next().getValue();
            if (p.deadline() > now) {
                continue;
            }
            Level to = p.level().next();
            List<String> who = List.of();
            while (to != null && (who = directory.recipients(to, p.event().event().enterprise(), now)).isEmpty()) {
                to = to.next();
            }
            if (to == null) {
                it.remove(); // the district had its time: nothing above it
                continue;
            }
            out.add(new Decision(key(p.alarmId(), p.episode(), "ESCALATION", to), to, Kind.ESCALATION, who, p.event(),
                    p.level(), now - p.since()));
            pending.put(p.alarmId(), new Pending(p.alarmId(), p.event(), to, p.episode(), now,
                    now + timeoutMillis(p.event().priority())));
        }
        return out;
    }

    private static String key(String alarmId, long ts, String what, Level level) {
        return alarmId + "|" + ts + "|" + what + "|" + level;
    }

    public Collection<Pending> pending() {
        return List.copyOf(pending.values());
    }

    /** Puts back what a checkpoint held. */
    public void restore(Collection<Pending> saved) {
        pending.clear();
        saved.forEach(p -> pending.put(p.alarmId(), p));
    }
}
