package com.hazardwatch.notifications.operators;

import java.util.HashSet;
import java.util.Set;

/**
 * The deliveries already decided (their intent is on hw.notifications): a delivery id is claimed once; claiming it again,
 * after a restart replays the same alarms, says no.
 */
public final class Dedupe {
    private final Set<String> claimed = new HashSet<>();

    /** True the first time this delivery id is seen, false every later time. */
    public boolean claim(String deliveryId) {
        return claimed.add(deliveryId);
    }

    public boolean seen(String deliveryId) {
        return claimed.contains(deliveryId);
    }

    public int size() {
        return claimed.size();
    }
}
