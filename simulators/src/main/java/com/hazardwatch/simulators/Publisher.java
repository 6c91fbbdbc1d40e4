package com.hazardwatch.simulators;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@link #MAX_ATTEMPTS} times) before {@link #END_GRACE} after the end ({@link #endAt(long)} or {@link #stop()}).
 *
 * <p>Each message carries the indexes of the readings in it (a catalogue's sensor, a recording's column): the
 * readings the broker accepted are counted per index ({@link #deliveredAt(int)}).
 *
 * <p>It also holds what the owner's run shares with it: the publishing thread ({@link #connect()}), the stop
 * ({@link #stop()}, safe from any thread), the end ({@link #endAt(long)}), the progress lines every
 * {@link #PROGRESS_EVERY} ({@link #startProgress}) and the closing ({@link #close()}).
 */
public final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    /** How often a progress line is written. */
    public static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
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

    private final Transport transport;
    private final SimClock clock;
    private final int qos;
    private final Consumer<String> out;
    /** "run", "replay": in the failures at the end. */
    private final String what;

    private volatile Thread runner;
    private volatile boolean stopRequested;
    /** Clock time when {@link #stop()} was first called, or Long.MAX_VALUE. */
    private volatile long stopAtNanos = Long.MAX_VALUE;
    /** Clock time of the end (the duration, the last row), or Long.MAX_VALUE while none is in sight. */
    private volatile long endAtNanos = Long.MAX_VALUE;
    private volatile boolean closing;
    private ScheduledExecutorService progressExecutor;

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
    public Publisher(Transport transport, SimClock clock, int qos, int indexes, Consumer<String> out, String what) {
        this.transport = transport;
        this.clock = clock;
        this.qos = qos;
        this.perIndex = new AtomicLongArray(indexes);
        this.out = out;
        this.what = what;
    }

    /**
     * Connects the transport and takes the broker's Receive Maximum as window for a topic's first message. The
     * calling thread is the publishing one: {@link #stop()} wakes it.
     *
     * @throws SimulatorException when the broker cannot be reached
     */
    public void connect() throws SimulatorException {
        runner = Thread.currentThread();
        int receiveMaximum = transport.connect(new Outcomes());
        if (receiveMaximum > 0) {
            brokerWindow = Math.min(MAX_IN_FLIGHT, receiveMaximum);
        }
    }

    /** The end of the owner's run at this clock time (the duration reached, the last row sent). */
    public void endAt(long nanos) {
        endAtNanos = nanos;
    }

    /** Asks the owner's run to finish; safe from any thread, returns at once. */
    public void stop() {
        if (stopAtNanos == Long.MAX_VALUE) {
            stopAtNanos = clock.nanoTime();
        }
        stopRequested = true;
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
        }
    }

    /** Whether {@link #stop()} was called (or the publishing thread interrupted). */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Clock time when {@link #stop()} was first called, or Long.MAX_VALUE. */
    public long stopAtNanos() {
        return stopAtNanos;
    }

    /** Stops when the calling thread was interrupted (the interrupt is taken). */
    public void checkInterrupt() {
        if (Thread.interrupted()) {
            stop();
        }
    }

    /** Writes {@code line} (the interval since the last one) every {@link #PROGRESS_EVERY} from a daemon thread. */
    public void startProgress(String threadName, Supplier<String> line) {
        progressExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long every = PROGRESS_EVERY.toNanos();
        progressExecutor.scheduleAtFixedRate(() -> {
            try {
                out.accept(line.get());
            } catch (RuntimeException e) {
                LOG.warn("progress line failed", e);
            }
        }, every, every, TimeUnit.NANOSECONDS);
    }

    /** No more progress lines. */
    public void stopProgress() {
        progressExecutor.shutdownNow();
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
        long end = Math.min(endAtNanos, stopAtNanos);
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
     * the end (now, when the run ended otherwise than by {@link #endAt(long)} or {@link #stop()}: interrupted); then
     * what is still to send counts as failed, what is in flight as unconfirmed, and outcomes arriving later are not
     * counted.
     */
    public void finish() {
        if (stopAtNanos == Long.MAX_VALUE && endAtNanos == Long.MAX_VALUE) {
            stopAtNanos = clock.nanoTime(); // ended otherwise (interrupted): the grace starts now
        }
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

    /** Messages handed over and not settled yet. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Readings with this index the broker accepted. */
    public long deliveredAt(int index) {
        return perIndex.get(index);
    }

    /** Time spent waiting for room in the window or for the connection, up to clock time {@code now}. */
    public long waitedNanos(long now) {
        return waitedNanos.get() + (isWaiting ? now - waitingSince : 0);
    }

    /** Tells how many messages were sent again after lost connections, if any: for the end of the run. */
    public void tellResent() {
        if (resentMessages.get() > 0) {
            out.accept(String.format("sent again after connections were lost: %d messages (a reader may see those "
                    + "readings twice, with the same time and value)", resentMessages.get()));
        }
    }

    /** The end of a progress line: messages sent again, a connection down, the last failure. */
    public void appendState(StringBuilder sb) {
        if (resentMessages.get() > 0) {
            sb.append(", sent again ").append(resentMessages.get()).append(" messages after lost connections");
        }
        if (!transport.isConnected() && !closing) {
            sb.append(", DISCONNECTED (reconnecting)");
        }
        String last = lastFailure;
        if (failed.get() > 0 && last != null) {
            sb.append(" (last failure: ").append(last).append(')');
        }
    }

    /** Stops the progress lines, disconnects and releases the client; idempotent. */
    public synchronized void close() {
        closing = true;
        if (progressExecutor != null) {
            progressExecutor.shutdownNow();
        }
        transport.close();
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
            if (!stopRequested && !closing) {
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
            if (!closing) {
                out.accept("MQTT reconnected to " + serverUri);
            }
        }

        @Override
        public void error(String message) {
            if (!closing) {
                out.accept(message);
            }
        }
    }
}
