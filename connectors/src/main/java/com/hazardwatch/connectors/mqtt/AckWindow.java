package com.hazardwatch.connectors.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT messages the bridge has taken and not yet acknowledged, in the order they arrived; thread-safe.
 *
 * <p>A message becomes complete when Kafka has acknowledged every record it produced (readings and dead letters
 * alike). {@link #drain} hands out the acknowledgements of the complete messages at the head, in arrival order (MQTT 5,
 * section 4.6: PUBACKs in the order the PUBLISH packets were received), and stops at the first message still under way,
 * so nothing behind a message is acknowledged before it. A message Kafka refused is never acknowledged: {@link #drain}
 * reports it, and the bridge reconnects so that the broker delivers again everything not acknowledged.
 *
 * <p>Every message carries the number of the MQTT connection that delivered it. A packet identifier means something
 * only on its own connection: after a reconnect the broker delivers the unacknowledged messages again, so a message of
 * an earlier connection is dropped from the window unacknowledged ({@link Drain#dropped()}), whatever its state.
 */
final class AckWindow {
    /** One MQTT message: its connection, packet identifier, QoS and the Kafka records still awaited. */
    static final class Entry {
        final long connection;
        final int messageId;
        final int qos;
        private int awaited;
        private boolean failed;

        private Entry(long connection, int messageId, int qos, int records) {
            this.connection = connection;
            this.messageId = messageId;
            this.qos = qos;
            this.awaited = records;
        }
    }

    /** An acknowledgement to send: packet identifier and QoS. */
    record Ack(int messageId, int qos) {}

    /**
     * What {@link #drain} took off the head: acknowledgements to send in this order, messages of earlier connections
     * dropped, and whether the head is now a message Kafka refused (of the current connection).
     */
    record Drain(List<Ack> acks, int dropped, boolean failedHead) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Something was answered or added since the last {@link #await}. */
    private boolean changed;

    /** Registers a message that produced {@code records} Kafka records (0: complete at once). */
    synchronized Entry add(long connection, int messageId, int qos, int records) {
        Entry e = new Entry(connection, messageId, qos, records);
        entries.addLast(e);
        if (records <= 0) {
            changed = true;
            notifyAll();
        }
        return e;
    }

    /** Kafka answered one record of the message: acknowledged (ok) or refused after its retries. */
    synchronized void recordDone(Entry e, boolean ok) {
        if (!ok) {
            e.failed = true;
        }
        e.awaited--;
        changed = true;
        notifyAll();
    }

    /** Takes the acknowledgements that are due off the head, for the connection now in use. */
    synchronized Drain drain(long connection) {
        List<Ack> acks = new ArrayList<>();
        int dropped = 0;
        while (!entries.isEmpty()) {
            Entry head = entries.peekFirst();
            if (head.connection != connection) {
                entries.pollFirst();
                dropped++;
            } else if (head.failed) {
                return new Drain(acks, dropped, true);
            } else if (head.awaited <= 0) {
                entries.pollFirst();
                if (head.qos > 0) {
                    acks.add(new Ack(head.messageId, head.qos));
                }
            } else {
                break;
            }
        }
        return new Drain(acks, dropped, false);
    }

    /** Waits up to millis until a record was answered (or a complete message added) since the last call. */
    synchronized void await(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!changed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        changed = false;
    }

    /** Messages taken and not yet acknowledged (nor dropped). */
    synchronized int size() {
        return entries.size();
    }
}
