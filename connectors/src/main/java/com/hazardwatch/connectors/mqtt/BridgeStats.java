package com.hazardwatch.connectors.mqtt;

import com.hazardwatch.model.event.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters of the bridge; thread-safe. */
public final class BridgeStats {
    final AtomicLong received = new AtomicLong();
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    private final AtomicLongArray byReason = new AtomicLongArray(RejectReason.values().length);

    void reject(RejectReason r) {
        rejected.incrementAndGet();
        byReason.incrementAndGet(r.ordinal());
    }

    public long received() {
        return received.get();
    }

    /** Readings Kafka acknowledged on hw.readings. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Messages Kafka acknowledged on hw.dlq. */
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
        return "received=" + received() + " forwarded=" + forwarded() + " rejected=" + rejected() + " " + rejectedByReason()
                + " send-failures=" + sendFailures() + " reconnects=" + reconnects();
    }
}
