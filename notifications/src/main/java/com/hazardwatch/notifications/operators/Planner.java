package com.hazardwatch.notifications.operators;

import com.hazardwatch.model.event.LifecycleEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * From alarm transitions and the passing of time to the notifications to send: the {@link Escalator} decides who and
 * when, {@link Messages} words it, the {@link FloodGrouper} holds back floods. Pure; the caller passes the time.
 */
public final class Planner {
    private final Escalator escalator;
    private final FloodGrouper grouper;
    private final Messages messages;

    public Planner(Escalator escalator, FloodGrouper grouper, Messages messages) {
        this.escalator = escalator;
        this.grouper = grouper;
        this.messages = messages;
    }

    public List<Notification> onEvent(LifecycleEvent e, long now) {
        return plan(escalator.onEvent(e, now), now);
    }

    /** Escalations that are due and flood groups whose window ended. */
    public List<Notification> tick(long now) {
        List<Notification> out = new ArrayList<>(plan(escalator.due(now), now));
        out.addAll(grouper.due(now));
        return out;
    }

    private List<Notification> plan(List<Escalator.Decision> decisions, long now) {
        List<Notification> out = new ArrayList<>();
        for (Escalator.Decision d : decisions) {
            Messages.Message m = d.kind() == Kind.ESCALATION
                    ? messages.escalation(d.event(), d.from(), d.level(), d.waitedMillis())
                    : messages.alarm(d.event(), d.level());
            for (String r : d.recipients()) {
                Notification n = new Notification(Notification.idOf(d.key(), r), r, d.level(), d.kind(),
                        List.of(d.event().event().alarmId()), d.event().event().enterprise(), d.event().priority(),
                        m.subject(), m.text(), now);
                out.addAll(grouper.offer(n, now));
            }
        }
        return out;
    }

    public Escalator escalator() {
        return escalator;
    }

    public FloodGrouper grouper() {
        return grouper;
    }
}
