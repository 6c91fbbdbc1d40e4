package com.hazardwatch.simulators;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The delivery of MQTT messages for the {@link Simulator} and the replay: hands messages (single readings or SenML
 * packs) to a {@link Transport} from one publishing thread and counts their outcomes, which come from the transport's
 * threads.
 *
 * <p>Nothing is dropped because the publisher's own window is full: it waits for room (back-pressure) and retries;
 * while the connection is down it waits for the automatic reconnect, and messages that were handed over but not
 * acknowledged when the connection went down are sent again (at least once: a reader may see such a reading twice,
 * with the same time and value). A reading counts as failed only when the broker refused it (a PUBACK reason code of
 * 0x80 or more), when the message was invalid, or when it could not be sent (or sent again, at most
 * {@link #MAX_ATTEMPTS} times) before {@link #END_GRACE} after the end given by the owner.
 *
 * <p>Each message carries the indexes of the readings in it (a catalogue's sensor, a recording's column): the
 * readings the broker accepted are counted per index ({@link #deliveredAt(int)}).
 */
public final class Publisher {
    /**
     * The in-flight window: at most this many messages (single readings or packs) handed to the client and not yet
     * acknowledged (QoS 1) or written (QoS 0); the publisher waits beyond it. Also asked of the broker as Receive
     * Maximum; the broker's own Receive Maximum (Mosquitto: max_inflight_messages, default 20) caps what is really
     * unacknowledged on the wire: beyond it Paho refuses a publish (REASON_CODE_MAX_INFLIGHT) and the publisher
     * waits and retries.
     *
     * <p>Except for the first message on a topic since the connection was made: Paho 1.2.5 gives a topic a topic
     * alias (when the broker allows aliases: Mosquitto 10) before it checks its window, and keeps the alias when it
     * refuses the publish; the next message on that topic then goes out with an alias the broker never saw, and the
     * broker disconnects with a protocol error (reason code 130). So a topic's first message waits until fewer
     * messages than the broker's Receive Maximum are in flight, when Paho cannot refuse it.
     */
    public static final int MAX_IN_FLIGHT = 1000;
    /**
     * How long the end (of a run, a replay, or a stop) may take: messages still to send get this long for room in the
     * window or for a reconnect, and messages in flight this long for their acknowledgement.
     */
    public static final Duration END_GRACE = Duration.ofSeconds(5);
    /** How many times one message is handed over at most (the first time, then again after connections were lost). */
    public static final int MAX_ATTEMPTS = 5;

    /** How long the publisher sleeps between looks while it waits for room in the window or for the connection. */
    private static final long BACK_OFF_NANOS = 100_000L;

    /** What the owner tells the publisher: its end, and what to do when the publishing thread is interrupted. */
    public interface Owner {
        /** Clock time of the end (duration reached, last row sent, or stopped), or Long.MAX_VALUE while none is in sight. */
        long endAtNanos();

        /** Whether the owner was asked to stop: a lost connection then goes unmentioned. */
        boolean stopRequested();

        /** Whether the owner is closing: connection changes then go unmentioned. */
        boolean closing();

        /** The publishing thread was interrupted. */
        void interrupted();
    }

    private final Transport transport;
    private final SimClock clock;
    private final int qos;
    private final Consumer<String> out;
    private final Owner owner;
    /** "run", "replay": in the failures at the end. */
    private final String what;

    // outcomes, counted under outcomeLock so that the end takes a consistent snapshot
    private final Object outcomeLock = new Object();
    private boolean finalized;
    /** Messages the broker accepted. */
    private final AtomicLong ackedMessages = new AtomicLong();
    /** Messages handed over again after a lost connection. */
    private final AtomicLong resentMessages = new AtomicLong();
    /** Readings the broker accepted. */
    private final AtomicLong published = new AtomicLong();
    /** Readings refused by the broker or not sent before the end. */
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLongArray perIndex;
    private long unconfirmed;
    /** Attempts handed to the transport whose outcome is not known yet. */
    private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();
    /** Messages whose connection went down before they were acknowledged: sent again by the publisher. */
    private final ConcurrentLinkedQueue<Outgoing> toResend = new ConcurrentLinkedQueue<>();

    /**
     * 0 on the first connection, bumped when a connection goes down and when one comes back: a topic's first message
     * in an epoch waits for the broker's window (see {@link #MAX_IN_FLIGHT}).
     */
    private final AtomicInteger connectionEpoch = new AtomicInteger();
    /** Epoch after the last connection loss: attempts made before it belong to a dead connection. */
    private volatile int lastLossEpoch;
    /** Per topic, the connection epoch in which the client first accepted a message on it. */
    private final Map<String, Integer> topicEpoch = new ConcurrentHashMap<>();
    /** The broker's Receive Maximum (from its CONNACK), at most {@link #MAX_IN_FLIGHT}. */
    private volatile int brokerWindow = MAX_IN_FLIGHT;
    private volatile String lastFailure;

    /** Time spent waiting for room in the window or for the connection, and since when it waits now. */
    private final AtomicLong waitedNanos = new AtomicLong();
    private volatile long waitingSince;
    private volatile boolean isWaiting;

    /** What the broker accepted, refused and left unconfirmed, taken at once. */
    public record Counts(long published, long messages, long failed, long unconfirmed) {}

    /** One MQTT message: single reading or pack. */
    private static final class Outgoing {
        final String topic;
        final byte[] payload;
        /** Indexes of the readings it carries. */
        final int[] indexes;
        /** Times handed over (publisher thread only). */
        int attempts;
        volatile String lastLoss;

        Outgoing(String topic, byte[] payload, int[] indexes) {
            this.topic = topic;
            this.payload = payload;
            this.indexes = indexes;
        }
    }

    /** One handing over of a message; its outcome is taken once (the flag). */
    private static final class Attempt extends AtomicBoolean {
        final Outgoing message;
        final int epoch;

        Attempt(Outgoing message, int epoch) {
            this.message = message;
            this.epoch = epoch;
        }

        boolean settle() {
            return compareAndSet(false, true);
        }
    }

    /**
     * @param qos the QoS of every message
     * @param indexes how many reading indexes the messages carry (readings are counted per index)
     * @param out where failures and connection changes are told
     * @param what what ends ("run", "replay"), for the failures at the end
     */
    public Publisher(Transport transport, SimClock clock, int qos, int indexes, Consumer<String> out, String what,
            Owner owner) {
        this.transport = transport;
        this.clock = clock;
        this.qos = qos;
        this.perIndex = new AtomicLongArray(indexes);
        this.out = out;
        this.what = what;
        this.owner = owner;
    }

    /**
     * Connects the transport and takes the broker's Receive Maximum as window for a topic's first message.
     *
     * @throws SimulatorException when the broker cannot be reached
     */
    public void connect() throws SimulatorException {
        int receiveMaximum = transport.connect(new Outcomes());
        if (receiveMaximum > 0) {
            brokerWindow = Math.min(MAX_IN_FLIGHT, receiveMaximum);
        }
    }

    /** Sends a message: first the messages to send again after a lost connection, then this one. */
    public void send(String topic, byte[] payload, int[] indexes) {
        resendLost();
        dispatch(new Outgoing(topic, payload, indexes));
    }

    private void resendLost() {
        Outgoing m;
        while ((m = toResend.poll()) != null) {
            if (m.attempts >= MAX_ATTEMPTS) {
                fail(m, "not acknowledged in " + m.attempts + " attempts (last: " + m.lastLoss + ")");
                continue;
            }
            resentMessages.incrementAndGet();
            dispatch(m);
        }
    }

    /**
     * Clock time after which messages not handed over yet are given up: {@link #END_GRACE} after the end;
     * Long.MAX_VALUE while there is no end in sight.
     */
    private long giveUpAtNanos() {
        long end = owner.endAtNanos();
        return end == Long.MAX_VALUE ? Long.MAX_VALUE : plus(end, END_GRACE.toNanos());
    }

    private static boolean reached(long nowNanos, long atNanos) {
        return atNanos != Long.MAX_VALUE && nowNanos - atNanos >= 0;
    }

    /** a + b, or Long.MAX_VALUE on overflow. */
    public static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void checkInterrupt() {
        if (Thread.interrupted()) {
            owner.interrupted();
        }
    }

    /**
     * Hands one message over, waiting as long as needed for room in the window and for the connection, and retrying
     * when the client refuses it for want of room. Gives up (counts it failed) only when it would have to wait past
     * {@link #END_GRACE} after the end; a message that can go now goes, whatever the time.
     */
    private void dispatch(Outgoing m) {
        boolean waiting = false;
        long waitStart = 0;
        try {
            while (true) {
                boolean connected = transport.isConnected();
                int epoch = connectionEpoch.get();
                Integer seen = topicEpoch.get(m.topic);
                int window = seen != null && seen == epoch ? MAX_IN_FLIGHT : brokerWindow;
                if (connected && inFlight.size() < window) {
                    Attempt a = new Attempt(m, epoch);
                    inFlight.add(a); // before publishing: the outcome may come before publish() returns
                    m.attempts++;
                    try {
                        transport.publish(m.topic, m.payload, qos, a);
                        if (seen == null || seen != epoch) {
                            topicEpoch.put(m.topic, epoch);
                        }
                        return;
                    } catch (MqttException e) {
                        m.attempts--;
                        if (a.settle()) {
                            inFlight.remove(a);
                        }
                        if (!waitAndRetry(e.getReasonCode())) {
                            fail(m, e.getMessage() != null ? e.getMessage() : "reason code " + e.getReasonCode());
                            return;
                        }
                    } catch (RuntimeException e) {
                        m.attempts--;
                        if (a.settle()) {
                            inFlight.remove(a);
                        }
                        fail(m, e.toString());
                        return;
                    }
                }
                // back-pressure: the window is full or the connection is down; wait, then look again
                long now = clock.nanoTime();
                if (reached(now, giveUpAtNanos())) {
                    fail(m, transport.isConnected() ? "no room in the in-flight window before the end of the " + what
                            : "not connected again before the end of the " + what);
                    return;
                }
                if (!waiting) {
                    waiting = true;
                    waitStart = now;
                    waitingSince = now;
                    isWaiting = true;
                }
                clock.park(BACK_OFF_NANOS);
                checkInterrupt();
            }
        } finally {
            if (waiting) {
                isWaiting = false;
                waitedNanos.addAndGet(clock.nanoTime() - waitStart);
            }
        }
    }

    /** Whether a publish the client refused is worth retrying: no room in its window, or not connected just now. */
    private static boolean waitAndRetry(int reasonCode) {
        return reasonCode == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || reasonCode == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE
                || reasonCode == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
                || reasonCode == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS
                || reasonCode == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
                || reasonCode == MqttClientException.REASON_CODE_CONNECTION_LOST;
    }

    private void fail(Outgoing m, String why) {
        synchronized (outcomeLock) {
            if (finalized) {
                return;
            }
            failed.addAndGet(m.indexes.length);
        }
        noteFailure(why);
    }

    private void noteFailure(String msg) {
        if (lastFailure == null) {
            out.accept("publish failed: " + msg + " (further failures are counted in the progress lines)");
        }
        lastFailure = msg;
    }

    /**
     * The end: sends again what the connection lost, waits for the acknowledgements, up to {@link #END_GRACE} after
     * the end; then what is still to send counts as failed, what is in flight as unconfirmed, and outcomes arriving
     * later are not counted.
     */
    public void finish() {
        while (true) {
            resendLost();
            if (inFlight.isEmpty() && toResend.isEmpty()) {
                break;
            }
            if (reached(clock.nanoTime(), giveUpAtNanos())) {
                break;
            }
            clock.park(1_000_000L);
        }
        synchronized (outcomeLock) {
            for (Outgoing m; (m = toResend.poll()) != null; ) {
                failed.addAndGet(m.indexes.length);
                noteFailure("not sent again before the end of the " + what + " (last: " + m.lastLoss + ")");
            }
            long n = 0;
            for (Attempt a : inFlight) {
                n += a.message.indexes.length;
            }
            unconfirmed = n;
            finalized = true;
        }
    }

    /** The counts, consistent with each other (after {@link #finish()}: final). */
    public Counts counts() {
        synchronized (outcomeLock) {
            return new Counts(published.get(), ackedMessages.get(), failed.get(), unconfirmed);
        }
    }

    /** Readings the broker accepted so far. */
    public long published() {
        return published.get();
    }

    /** Messages the broker accepted so far. */
    public long messages() {
        return ackedMessages.get();
    }

    /** Readings failed so far. */
    public long failed() {
        return failed.get();
    }

    /** Messages handed over again after lost connections so far. */
    public long resent() {
        return resentMessages.get();
    }

    /** Messages handed over and not settled yet. */
    public int inFlight() {
        return inFlight.size();
    }

    /** The last failure told, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Readings with this index the broker accepted. */
    public long deliveredAt(int index) {
        return perIndex.get(index);
    }

    /** Time spent waiting for room in the window or for the connection, up to clock time {@code now}. */
    public long waitedNanos(long now) {
        return waitedNanos.get() + (isWaiting ? now - waitingSince : 0);
    }

    /** Outcomes of messages and connection changes, from the transport's threads: counts, never publishes. */
    private final class Outcomes implements Transport.Listener {
        @Override
        public void delivered(Object context, int reasonCode) {
            Attempt a = (Attempt) context;
            if (!a.settle()) {
                return;
            }
            inFlight.remove(a);
            int[] indexes = a.message.indexes;
            synchronized (outcomeLock) {
                if (finalized) {
                    return;
                }
                if (reasonCode >= 0x80) {
                    failed.addAndGet(indexes.length);
                } else {
                    for (int i : indexes) {
                        perIndex.incrementAndGet(i);
                    }
                    published.addAndGet(indexes.length);
                    ackedMessages.incrementAndGet();
                }
            }
            if (reasonCode >= 0x80) {
                noteFailure(String.format("the broker refused a message on %s (reason code 0x%02x)", a.message.topic, reasonCode));
            }
        }

        @Override
        public void lost(Object context, Throwable cause) {
            Attempt a = (Attempt) context;
            if (!a.settle()) {
                return;
            }
            inFlight.remove(a);
            a.message.lastLoss = cause == null ? "connection lost"
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            toResend.add(a.message); // the publisher sends it again
        }

        @Override
        public void connectionLost(String why) {
            lastLossEpoch = connectionEpoch.incrementAndGet(); // topic aliases start afresh on the next connection
            if (!owner.stopRequested() && !owner.closing()) {
                out.accept("MQTT connection lost (" + why + "); reconnecting automatically, unacknowledged messages will be "
                        + "sent again");
            }
        }

        @Override
        public void connected(boolean reconnect, String serverUri) {
            if (!reconnect) {
                return; // the first connection: epoch 0, which the publisher may already be using
            }
            connectionEpoch.incrementAndGet();
            // whatever was handed over on a connection that is gone and not heard of since is sent again
            int dead = lastLossEpoch;
            for (Attempt a : inFlight) {
                if (a.epoch < dead) {
                    lost(a, null);
                }
            }
            if (!owner.closing()) {
                out.accept("MQTT reconnected to " + serverUri);
            }
        }

        @Override
        public void error(String message) {
            if (!owner.closing()) {
                out.accept(message);
            }
        }
    }
}
