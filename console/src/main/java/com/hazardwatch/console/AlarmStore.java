package com.hazardwatch.console;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.LifecycleEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the console knows of the alarms, built from every transition on hw.alarms (read from the beginning at start):
 * the standing alarms (every alarm whose latest state is not NORMAL, with all its transitions) and the history of
 * every transition of the last {@link #HISTORY} (at most {@link #MAX_HISTORY}), for the health and digest pages and
 * the audit trail of ended alarms. Thread-safe; listeners hear each applied transition (the live stream).
 */
public final class AlarmStore {
    public static final Duration HISTORY = Duration.ofDays(8);
    public static final int MAX_HISTORY = 1_000_000;

    /** Highest priority first (1; 0 = unknown last), then the most recently raised first, then by id. */
    public static final Comparator<AlarmView> ORDER = Comparator
            .comparingInt((AlarmView a) -> a.priority() < 1 ? Integer.MAX_VALUE : a.priority())
            .thenComparing(Comparator.comparingLong(AlarmView::raisedAt).reversed())
            .thenComparing(AlarmView::alarmId);

    /** One applied transition: the event, the alarm as it now stands (null for a REJECTED answer) and whether it stands. */
    public record Update(LifecycleEvent event, AlarmView alarm, boolean standing) {}

    private record Pending(String operator, long ts, CompletableFuture<LifecycleEvent> answer) {}

    private final Catalogue catalogue;
    private final Clock clock;
    private final Map<String, AlarmView> standing = new LinkedHashMap<>();
    private final Map<String, List<LifecycleEvent>> standingTransitions = new HashMap<>();
    private final Deque<LifecycleEvent> history = new ArrayDeque<>();
    private final List<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();
    private final List<Pending> pending = new CopyOnWriteArrayList<>();

    public AlarmStore(Catalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    public void addListener(Consumer<Update> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<Update> l) {
        listeners.remove(l);
    }

    /** Takes one transition read from hw.alarms. */
    public Update apply(LifecycleEvent e) {
        Update u;
        synchronized (this) {
            history.addLast(e);
            prune();
            String id = e.event().alarmId();
            if (e.transition() == AlarmTransition.REJECTED || id == null || e.state() == null) {
                u = new Update(e, standing.get(id), id != null && standing.containsKey(id));
                if (id != null && standing.containsKey(id)) {
                    standingTransitions.get(id).add(e);
                }
            } else if (e.state() == AlarmState.NORMAL) {
                standing.remove(id);
                standingTransitions.remove(id);
                u = new Update(e, AlarmView.of(e, catalogue), false);
            } else {
                AlarmView v = AlarmView.of(e, catalogue);
                standing.put(id, v);
                standingTransitions.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                u = new Update(e, v, true);
            }
        }
        for (Pending p : pending) {
            if (p.ts() == e.ts() && p.operator().equals(e.operator())) {
                p.answer().complete(e);
                pending.remove(p);
            }
        }
        for (Consumer<Update> l : listeners) {
            l.accept(u);
        }
        return u;
    }

    /** The standing alarms that pass the filter, in {@link #ORDER}. */
    public synchronized List<AlarmView> standing(AlarmFilter filter) {
        return standing.values().stream().filter(filter::test).sorted(ORDER).toList();
    }

    public synchronized Optional<AlarmView> standingAlarm(String alarmId) {
        return Optional.ofNullable(standing.get(alarmId));
    }

    /** Every transition held (last {@link #HISTORY}), oldest first: the input of the health and digest pages. */
    public synchronized List<LifecycleEvent> history() {
        prune();
        return List.copyOf(history);
    }

    /**
     * The transitions of one alarm, oldest first: all of them while it stands, else those within the history; REJECTED
     * answers to commands on it included.
     */
    public synchronized List<LifecycleEvent> transitions(String alarmId) {
        List<LifecycleEvent> s = standingTransitions.get(alarmId);
        if (s != null) {
            return List.copyOf(s);
        }
        return history.stream().filter(e -> alarmId.equals(e.event().alarmId())).toList();
    }

    /** The latest state of an alarm, standing or not, or empty when it is not known. */
    public synchronized Optional<AlarmView> alarm(String alarmId) {
        AlarmView v = standing.get(alarmId);
        if (v != null) {
            return Optional.of(v);
        }
        List<LifecycleEvent> t = transitions(alarmId);
        for (int i = t.size() - 1; i >= 0; i--) {
            if (t.get(i).state() != null && t.get(i).transition() != AlarmTransition.REJECTED) {
                return Optional.of(AlarmView.of(t.get(i), catalogue));
            }
        }
        return Optional.empty();
    }

    /** Standing alarms per town id. */
    public synchronized Map<String, Integer> standingByTown() {
        Map<String, Integer> m = new HashMap<>();
        standing.values().forEach(a -> { if (a.town() != null) { m.merge(a.town(), 1, Integer::sum); } });
        return m;
    }

    /** Standing alarms per enterprise id. */
    public synchronized Map<String, Integer> standingByEnterprise() {
        Map<String, Integer> m = new HashMap<>();
        standing.values().forEach(a -> { if (a.enterprise() != null) { m.merge(a.enterprise(), 1, Integer::sum); } });
        return m;
    }

    /**
     * The engine's answer to a command: the first transition with the command's operator and ts (the job stamps the
     * transitions a command causes, and a REJECTED answer, with the command's ts). Register before publishing.
     */
    public CompletableFuture<LifecycleEvent> answerTo(String operator, long ts) {
        CompletableFuture<LifecycleEvent> f = new CompletableFuture<>();
        Pending p = new Pending(operator, ts, f);
        pending.add(p);
        f.whenComplete((v, t) -> pending.remove(p));
        return f;
    }

    private void prune() {
        long oldest = clock.millis() - HISTORY.toMillis();
        Iterator<LifecycleEvent> it = history.iterator();
        while (it.hasNext()) {
            LifecycleEvent e = it.next();
            if (history.size() > MAX_HISTORY || e.ts() < oldest) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
