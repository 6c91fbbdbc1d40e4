package com.hazardwatch.connectors.mqtt;

import com.hazardwatch.model.event.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

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
    final AtomicLong acked = new AtomicLong();
    final AtomicLong ackDropped = new AtomicLong();
    final AtomicLong resumes = new AtomicLong();
    /** Gauges of the running bridge (0 until it starts). */
    volatile IntSupplier unacked = () -> 0;
    volatile IntSupplier backlog = () -> 0;
    volatile BooleanSupplier connected = () -> false;
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

    /**
     * Records Kafka did not acknowledge after its retries (logged with the record), and messages the bridge could not
     * hand to Kafka at all; the MQTT message they came from is not acknowledged (see {@link #resumes()}).
     */
    public long sendFailures() {
        return sendFailures.get();
    }

    /** Reconnections to the MQTT broker after the connection was lost. */
    public long reconnects() {
        return reconnects.get();
    }

    /** MQTT messages acknowledged to the broker (QoS 1 and 2), each once Kafka had every record it produced. */
    public long acked() {
        return acked.get();
    }

    /**
     * Messages of an earlier MQTT connection left unacknowledged after a reconnect: the broker delivers them again
     * (what Kafka already had from them arrives twice).
     */
    public long ackDropped() {
        return ackDropped.get();
    }

    /** Times the bridge disconnected and reconnected on purpose because Kafka refused a record, so the broker redelivers. */
    public long resumes() {
        return resumes.get();
    }

    /** MQTT messages taken and not yet acknowledged (in the bridge's queue or awaiting Kafka). */
    public int unacked() {
        return unacked.getAsInt();
    }

    /** MQTT messages received and not yet handed to Kafka. */
    public int backlog() {
        return backlog.getAsInt();
    }

    /** Whether the MQTT connection is up. */
    public boolean connected() {
        return connected.getAsBoolean();
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
                + " send-failures=" + sendFailures() + " reconnects=" + reconnects() + " acked=" + acked() + " unacked=" + unacked()
                + " resumes=" + resumes();
    }
}
