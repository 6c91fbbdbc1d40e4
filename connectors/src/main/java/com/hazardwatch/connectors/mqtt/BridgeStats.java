package com.hazardwatch.connectors.mqtt;

import com.hazardwatch.model.event.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of the bridge; thread-safe.
 *
 * <p>Units: {@link #received()} counts MQTT messages; {@link #forwarded()} counts readings and {@link #rejected()}
 * dead letters, and a SenML pack gives one reading per accepted record and one dead letter per rejected record (or
 * one for a pack rejected as a whole). For single-reading messages the three are the same unit: every message is
 * either forwarded or rejected, so {@code received = forwarded + rejected} once Kafka acknowledged everything (plus
 * {@link #sendFailures()}). With packs, {@code forwarded + rejected} counts readings and rejected records, usually many
 * more than {@code received}.
 */
public final class BridgeStats {
    final AtomicLong received = new AtomicLong();
    final AtomicLong packs = new AtomicLong();
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    private final AtomicLongArray byReason = new AtomicLongArray(RejectReason.values().length);

    void reject(RejectReason r) {
        rejected.incrementAndGet();
        byReason.incrementAndGet(r.ordinal());
    }

    /** MQTT messages taken from the broker (a SenML pack counts once). */
    public long received() {
        return received.get();
    }

    /** Of {@link #received()}, the messages that were SenML packs (first non-blank character '['), accepted or not. */
    public long packs() {
        return packs.get();
    }

    /** Readings Kafka acknowledged on hw.readings (a SenML pack counts once per accepted record). */
    public long forwarded() {
        return forwarded.get();
    }

    /** Dead letters Kafka acknowledged on hw.dlq: one per rejected single message, per rejected SenML record, per rejected pack. */
    public long rejected() {
        return rejected.get();
    }

    /** Records Kafka did not acknowledge after its retries (logged with the record). */
    public long sendFailures() {
        return sendFailures.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public Map<RejectReason, Long> rejectedByReason() {
        Map<RejectReason, Long> m = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            long n = byReason.get(r.ordinal());
            if (n > 0) {
                m.put(r, n);
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "received=" + received() + " (packs " + packs() + ") forwarded=" + forwarded() + " rejected=" + rejected() + " " + rejectedByReason()
                + " send-failures=" + sendFailures() + " reconnects=" + reconnects();
    }
}
