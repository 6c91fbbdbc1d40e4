package com.hazardwatch.notifications.operators;

import com.hazardwatch.notifications.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * No storms: per recipient, a window opens with the first notification; the first {@code threshold} notifications of the
 * window go out one by one, every later one is held, and when the window ends the held ones go out as one GROUP
 * notification. Pure: the caller passes the time.
 */
public final class FloodGrouper {
    /** One recipient's current window. */
    public record Window(String recipient, long start, int count, List<Notification> held) {}

    private final int threshold;
    private final long windowMillis;
    private final Messages messages;
    private final Map<String, Window> windows = new LinkedHashMap<>();

    public FloodGrouper(int threshold, long windowMillis, Messages messages) {
        this.threshold = threshold;
        this.windowMillis = windowMillis;
        this.messages = messages;
    }

    /** What to send now for this notification: itself, nothing (held), and any group of the window it closes. */
    public List<Notification> offer(Notification n, long now) {
        List<Notification> out = new ArrayList<>();
        Window w = windows.get(n.recipient());
        if (w != null && now >= w.start() + windowMillis) {
            group(w).ifPresent(out::add);
            w = null;
        }
        if (w == null) {
            w = new Window(n.recipient(), now, 0, List.of());
        }
        int count = w.count() + 1;
        List<Notification> held = w.held();
        if (count <= threshold) {
            out.add(n);
        } else {
            held = new ArrayList<>(held);
            held.add(n);
        }
        windows.put(n.recipient(), new Window(n.recipient(), w.start(), count, List.copyOf(held)));
        return out;
    }

    /** The groups of windows that have ended; call it regularly. */
    public List<Notification> due(long now) {
        List<Notification> out = new ArrayList<>();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (now >= w.start() + windowMillis) {
                group(w).ifPresent(out::add);
                it.remove();
            }
        }
        return out;
    }

    private java.util.Optional<Notification> group(Window w) {
        if (w.held().isEmpty()) {
            return java.util.Optional.empty();
        }
        LinkedHashSet<String> alarmIds = new LinkedHashSet<>();
        LinkedHashSet<String> enterprises = new LinkedHashSet<>();
        Level level = Level.ENTERPRISE;
        int priority = 4;
        for (Notification h : w.held()) {
            alarmIds.addAll(h.alarmIds());
            enterprises.add(String.valueOf(h.enterprise()));
            level = h.level().compareTo(level) > 0 ? h.level() : level;
            priority = Math.min(priority, h.priority() <= 0 ? 4 : h.priority());
        }
        long end = w.start() + windowMillis;
        Messages.Message m = messages.group(w.held(), w.start(), end);
        return java.util.Optional.of(new Notification(Notification.idOf("GROUP", w.recipient(), Long.toString(w.start())),
                w.recipient(), level, Kind.GROUP, List.copyOf(alarmIds), enterprises.size() == 1 ? w.held().get(0).enterprise() : null,
                priority, m.subject(), m.text(), end));
    }

    public Collection<Window> windows() {
        return List.copyOf(windows.values());
    }

    public void restore(Collection<Window> saved) {
        windows.clear();
        saved.forEach(w -> windows.put(w.recipient(), w));
    }
}
