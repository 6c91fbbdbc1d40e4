package com.hazardwatch.simulators;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongConsumer;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A clock and a broker in one, for tests without a broker: time moves only when the simulator waits ({@link #park})
 * or publishes (each publish costs {@link #publishCostNanos}: an artificially slow publisher). Messages are
 * acknowledged {@link #ackLatencyNanos} after they were handed over; like Paho against Mosquitto, a publish is refused
 * with {@code REASON_CODE_MAX_INFLIGHT} while {@link #receiveMaximum} messages are unacknowledged. Outages take the
 * connection down (unacknowledged messages are reported lost, though the broker may have received them) and bring it
 * back. Single-threaded like the simulator's publisher; the progress thread only reads volatile fields.
 *
 * <p>Public, with what the replay's tests use ({@link #FakeBroker(long)}, {@link #receiveMaximum},
 * {@link #ackLatencyNanos}, {@link #received}, {@link #outage}, {@link #at}), so that they play against it as the
 * simulator's do; the rest stays package-private.
 */
public final class FakeBroker implements SimClock, Transport {
    /**
     * A message as the broker received it.
     *
     * @param atNanos the clock time it was handed over
     * @param topic the topic it was published on
     * @param payload its bytes, as published
     */
    public record Message(long atNanos, String topic, byte[] payload) {}

    private record Pending(long dueNanos, long seq, Object context, boolean refuse) {}

    private record Outage(long fromNanos, long toNanos) {}

    /** Epoch millis at clock time 0. */
    final long epochBase;
    long publishCostNanos;
    /** How long after it was handed over a message is acknowledged (1 ms unless set). */
    public long ackLatencyNanos = 1_000_000L;
    /**
     * The broker's Receive Maximum: what {@link #connect} returns, and how many messages may be unacknowledged before a
     * publish is refused (20 unless set).
     */
    public int receiveMaximum = 20;
    /** Topics whose messages the broker refuses (PUBACK reason code 0x87, not authorised). */
    final Set<String> refusedTopics = new HashSet<>();

    /** Every message the broker received, in order, those sent again after an outage included. */
    public final List<Message> received = new ArrayList<>();
    /** Publishes refused with REASON_CODE_MAX_INFLIGHT, and those of them on a topic that had no message accepted on the connection yet. */
    int windowRefusals;
    int firstOnTopicRefusals;
    int connections;

    private volatile long now;
    private volatile boolean connected;
    private Listener listener;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.seq, b.seq));
    private final List<Outage> outages = new ArrayList<>();
    private final Set<String> topicsThisConnection = new HashSet<>();
    private long seq;
    private long hookAt = Long.MAX_VALUE;
    private LongConsumer hook;

    /** A broker, connected to nobody yet, whose clock reads {@code epochBase} epoch millis at time 0. */
    public FakeBroker(long epochBase) {
        this.epochBase = epochBase;
    }

    /** The connection goes down at {@code fromNanos} and comes back at {@code toNanos} (Long.MAX_VALUE: never). */
    public FakeBroker outage(long fromNanos, long toNanos) {
        outages.add(new Outage(fromNanos, toNanos));
        return this;
    }

    /** Runs {@code action} once, with the clock time, when the clock passes {@code atNanos} (e.g. to call stop()). */
    public FakeBroker at(long atNanos, LongConsumer action) {
        hookAt = atNanos;
        hook = action;
        return this;
    }

    int unacknowledged() {
        return pending.size();
    }

    // --- SimClock

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long epochMillis() {
        return epochBase + now / 1_000_000L;
    }

    @Override
    public void park(long nanos) {
        advance(Math.max(1, nanos));
    }

    // --- Transport

    @Override
    public int connect(Listener l) {
        this.listener = l;
        connected = true;
        connections++;
        l.connected(false, "fake://broker");
        return receiveMaximum;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Object context) throws MqttException {
        if (!connected) {
            throw new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        if (pending.size() >= receiveMaximum) {
            windowRefusals++;
            if (!topicsThisConnection.contains(topic)) {
                firstOnTopicRefusals++; // with Paho 1.2.5 this would poison the topic alias
            }
            throw new MqttException(MqttClientException.REASON_CODE_MAX_INFLIGHT);
        }
        topicsThisConnection.add(topic);
        received.add(new Message(now, topic, payload));
        pending.add(new Pending(now + ackLatencyNanos, seq++, context, refusedTopics.contains(topic)));
        advance(publishCostNanos);
    }

    @Override
    public void close() {
        connected = false;
    }

    /** Moves the clock on, acknowledging, losing and reconnecting on the way, in time order. */
    private void advance(long nanos) {
        long target = now + nanos;
        while (true) {
            long next = target;
            Pending p = pending.peek();
            if (p != null && p.dueNanos < next && connected) {
                next = p.dueNanos;
            }
            for (Outage o : outages) {
                if (connected && o.fromNanos >= now && o.fromNanos < next) {
                    next = o.fromNanos;
                }
                if (!connected && o.toNanos >= now && o.toNanos < next) {
                    next = o.toNanos;
                }
            }
            if (hookAt >= now && hookAt < next) {
                next = hookAt;
            }
            now = next;
            if (hookAt == now) {
                hookAt = Long.MAX_VALUE;
                hook.accept(now);
            }
            boolean changed = false;
            for (Outage o : outages) {
                if (connected && o.fromNanos == now) {
                    connected = false;
                    List<Pending> gone = new ArrayList<>(pending);
                    pending.clear();
                    for (Pending g : gone) {
                        listener.lost(g.context, new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST));
                    }
                    listener.connectionLost("fake outage");
                    changed = true;
                } else if (!connected && o.toNanos == now && o.toNanos != Long.MAX_VALUE && o.fromNanos < now) {
                    connected = true;
                    connections++;
                    topicsThisConnection.clear();
                    listener.connected(true, "fake://broker");
                    changed = true;
                }
            }
            while (connected && !pending.isEmpty() && pending.peek().dueNanos <= now) {
                Pending d = pending.poll();
                listener.delivered(d.context, d.refuse ? 0x87 : 0);
                changed = true;
            }
            if (now >= target && !changed) {
                return;
            }
            if (now >= target) {
                target = now; // settle what happened at this instant, then return
            }
        }
    }
}
