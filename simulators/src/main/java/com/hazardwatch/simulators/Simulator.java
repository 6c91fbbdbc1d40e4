package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes simulated sensor readings of a catalogue to MQTT, paced against the wall clock, with an optional
 * scenario played over the normal traffic.
 *
 * <p>With {@link SimulatorOptions#pack()} k above 1, readings go out as SenML packs of up to k readings of one
 * enterprise ({@link Packer}, {@link SenmlPayload}); otherwise one single-reading object per message
 * ({@link ReadingPayload}). Either way the schedule and the values are the same for a seed.
 *
 * <p>{@link #run()} blocks on the calling thread, which is the only one that publishes (never a Paho callback
 * thread). It returns when the duration has elapsed, or, with no duration, when {@link #stop()} is called from
 * another thread (for instance a shutdown hook). A progress line goes out every 5 s, a summary at the end.
 */
public final class Simulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    /** How often a progress line is written. */
    public static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /**
     * The in-flight window: at most this many messages (single readings or packs) handed to the client and not yet
     * acknowledged (QoS 1) or written (QoS 0); the publisher waits beyond it. Also asked of the broker as Receive
     * Maximum; the broker's own Receive Maximum (Mosquitto: max_inflight_messages, default 20) caps what is really
     * unacknowledged on the wire: beyond it Paho refuses a publish (REASON_CODE_MAX_INFLIGHT) and the publisher
     * retries.
     *
     * <p>Except for the first message on a topic since the connection was made: Paho 1.2.5 gives a topic a topic
     * alias (when the broker allows aliases: Mosquitto 10) before it checks its window, and keeps the alias when it
     * refuses the publish; the next message on that topic then goes out with an alias the broker never saw, and the
     * broker disconnects with a protocol error (reason code 130). So a topic's first message waits until fewer
     * messages than the broker's Receive Maximum are in flight, when Paho cannot refuse it.
     */
    public static final int MAX_IN_FLIGHT = 1000;
    private static final long DRAIN_TIMEOUT_MS = 5000;

    private final Catalogue catalogue;
    private final SimulatorOptions options;
    private final Scenario scenario;
    private final Consumer<String> out;
    private final List<Sensor> sensors;

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Thread runner;

    // messages handed to the client, and their outcome (the in-flight window counts messages)
    private final AtomicLong sentMessages = new AtomicLong();
    private final AtomicLong ackedMessages = new AtomicLong();
    private final AtomicLong nackedMessages = new AtomicLong();
    // readings: handed to the client in those messages, accepted by the broker, failed (not sent or not accepted)
    private final AtomicLong sentReadings = new AtomicLong();
    private final AtomicLong nackedReadings = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLongArray perSensor;
    private final List<ScenarioEvent> scenarioEvents = new ArrayList<>();
    private final Map<String, Double> scenarioValues = new ConcurrentHashMap<>();
    private volatile String lastFailure;
    private volatile long lagNanos;
    private long maxLagNanos;
    private volatile long startNanos;

    private volatile MqttAsyncClient client;
    /** The broker's Receive Maximum (from its CONNACK), at most {@link #MAX_IN_FLIGHT}. */
    private volatile int brokerWindow = MAX_IN_FLIGHT;
    /** Topics that have had a message accepted by the client on this connection (see {@link #MAX_IN_FLIGHT}). */
    private final Set<String> topicsInUse = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService progressExecutor;
    private long lastProgressNanos;
    private long lastProgressPublished;
    private long lastProgressMessages;

    /** User context of a publish: the catalogue indexes of the sensors whose readings the message carries. */
    private final MqttActionListener deliveryListener = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            int[] sensorIndexes = (int[]) token.getUserContext();
            for (int i : sensorIndexes) {
                perSensor.incrementAndGet(i);
            }
            published.addAndGet(sensorIndexes.length);
            ackedMessages.incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            int n = ((int[]) token.getUserContext()).length;
            failed.addAndGet(n);
            nackedReadings.addAndGet(n);
            nackedMessages.incrementAndGet();
            noteFailure(e);
        }
    };

    /** A simulator that writes progress and summary lines to its SLF4J logger. */
    public Simulator(Catalogue catalogue, SimulatorOptions options) {
        this(catalogue, options, null);
    }

    /**
     * @param progressSink where progress lines, scenario events and the summary go; null for the SLF4J logger
     * @throws IllegalArgumentException when the scenario cannot be played on this catalogue (unknown sensor, not a
     *     level sensor, no H/HH limit) or the catalogue has no sensors
     */
    public Simulator(Catalogue catalogue, SimulatorOptions options, Consumer<String> progressSink) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.options = Objects.requireNonNull(options, "options");
        this.sensors = catalogue.sensors();
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("catalogue " + catalogue.name() + " has no sensors to simulate");
        }
        this.scenario = options.scenario() == null ? null
                : Scenarios.create(options.scenario(), catalogue, options.scenarioSensor(), options.scenarioStartAfter());
        this.out = progressSink != null ? progressSink : LOG::info;
        this.perSensor = new AtomicLongArray(sensors.size());
    }

    public SimulatorOptions options() {
        return options;
    }

    /** The scenario being played, or null. */
    public Scenario scenario() {
        return scenario;
    }

    /**
     * Connects, publishes until the duration has elapsed or {@link #stop()} is called, then drains in-flight
     * messages (up to 5 s), disconnects and returns what happened. Runs once.
     *
     * @throws SimulatorException when the broker cannot be reached at the start
     */
    public SimulatorStats run() throws SimulatorException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a Simulator runs once; create a new one");
        }
        runner = Thread.currentThread();
        try {
            long startWall = System.currentTimeMillis();
            long elapsedNanos = 0;
            try {
                connect();
                startNanos = System.nanoTime();
                startWall = System.currentTimeMillis();
                TrafficPlan plan = new TrafficPlan(catalogue, options, scenario, startWall);
                out.accept(startLine(plan));
                lastProgressNanos = startNanos;
                progressExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "hw-sim-progress");
                    t.setDaemon(true);
                    return t;
                });
                long every = PROGRESS_EVERY.toNanos();
                progressExecutor.scheduleAtFixedRate(this::progress, every, every, TimeUnit.NANOSECONDS);
                if (options.pack() > 1) {
                    publishPacks(plan);
                } else {
                    publishLoop(plan);
                }
                elapsedNanos = System.nanoTime() - startNanos;
                progressExecutor.shutdownNow();
                drain();
            } finally {
                close();
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 0; i < sensors.size(); i++) {
                counts.put(sensors.get(i).id(), perSensor.get(i));
            }
            long unconfirmed = Math.max(0, sentReadings.get() - published.get() - nackedReadings.get());
            SimulatorStats stats;
            synchronized (scenarioEvents) {
                stats = new SimulatorStats(Instant.ofEpochMilli(startWall), Duration.ofNanos(elapsedNanos),
                        published.get(), ackedMessages.get(), failed.get(), unconfirmed, Duration.ofNanos(maxLagNanos), counts,
                        scenarioEvents);
            }
            out.accept(stats.summary());
            return stats;
        } finally {
            finished.countDown(); // after the summary, so that a shutdown hook waiting for it lets it be printed
        }
    }

    private void publishLoop(TrafficPlan plan) {
        long limit = options.duration() == null ? Long.MAX_VALUE : options.duration().toNanos();
        TrafficPlan.Reading r = plan.next();
        takeEvents(plan);
        while (!stopRequested) {
            if (System.nanoTime() - startNanos >= limit) {
                break; // the duration is wall-clock time, also when the publisher fell behind schedule
            }
            long target = Math.min(r.dueNanos(), limit);
            long wait = startNanos + target - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                if (Thread.interrupted()) {
                    stopRequested = true;
                }
                continue;
            }
            if (r.dueNanos() >= limit) {
                break;
            }
            lagNanos = -wait;
            maxLagNanos = Math.max(maxLagNanos, -wait);
            publish(r);
            if (scenario != null && scenario.affects(r.sensor().id())) {
                scenarioValues.put(r.sensor().id(), r.value());
                takeEvents(plan);
            }
            r = plan.next();
        }
    }

    /**
     * The loop with packing: each pack goes out at its due time ({@link Packer}). At the end (duration reached or
     * stopped) the readings already due that are still held are published at once, so that, the publisher keeping up,
     * every reading due within the duration goes out, as without packing.
     */
    private void publishPacks(TrafficPlan plan) {
        long limit = options.duration() == null ? Long.MAX_VALUE : options.duration().toNanos();
        Packer packer = new Packer(plan, options.topicRoot(), options.pack(), limit);
        Packer.Pack p = packer.next();
        takeEvents(plan);
        while (!stopRequested && p != null) {
            long now = System.nanoTime() - startNanos;
            if (now >= limit) {
                break; // the duration is wall-clock time, also when the publisher fell behind schedule
            }
            long wait = p.dueNanos() - now;
            if (wait > 0) {
                LockSupport.parkNanos(this, Math.min(wait, limit - now));
                if (Thread.interrupted()) {
                    stopRequested = true;
                }
                continue;
            }
            lagNanos = -wait;
            maxLagNanos = Math.max(maxLagNanos, -wait);
            publishPack(p, p.dueNanos(), plan);
            p = packer.next();
        }
        long upto = System.nanoTime() - startNanos;
        Packer.Pack due = p == null ? null : p.upTo(upto);
        if (due != null) {
            publishPack(due, upto, plan);
        }
        for (Packer.Pack rest : packer.flush(upto)) {
            publishPack(rest, upto, plan);
        }
    }

    /**
     * @param anchorNanos the schedule offset that stands for the wall clock now: the pack's due time, or the time
     *     reached when the run ends
     */
    private void publishPack(Packer.Pack p, long anchorNanos, TrafficPlan plan) {
        List<TrafficPlan.Reading> rs = p.readings();
        int n = rs.size();
        List<String> ids = new ArrayList<>(n);
        long[] times = new long[n];
        double[] values = new double[n];
        int[] indexes = new int[n];
        // event times: the planned spacing, anchored at the wall clock now (as ts is for single readings)
        long nowMillis = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            TrafficPlan.Reading r = rs.get(i);
            ids.add(r.sensor().id());
            times[i] = nowMillis - Math.max(0, anchorNanos - r.dueNanos()) / 1_000_000L;
            values[i] = r.value();
            indexes[i] = r.index();
        }
        send(p.topic(), SenmlPayload.encode(ids, times, values), indexes);
        if (scenario != null) {
            for (TrafficPlan.Reading r : rs) {
                if (scenario.affects(r.sensor().id())) {
                    scenarioValues.put(r.sensor().id(), r.value());
                }
            }
            takeEvents(plan);
        }
    }

    private void takeEvents(TrafficPlan plan) {
        for (ScenarioEvent e : plan.takeNewEvents()) {
            synchronized (scenarioEvents) {
                scenarioEvents.add(e);
            }
            out.accept("scenario " + e);
        }
    }

    private void publish(TrafficPlan.Reading r) {
        byte[] payload = ReadingPayload.encode(r.sensor().id(), System.currentTimeMillis(), r.value());
        send(r.topic(), payload, new int[] {r.index()});
    }

    /** Messages handed to the client whose outcome is not known yet. */
    private long inFlight() {
        return sentMessages.get() - ackedMessages.get() - nackedMessages.get();
    }

    /** Publishes one message carrying the readings of the sensors with these catalogue indexes. */
    private void send(String topic, byte[] payload, int[] sensorIndexes) {
        MqttAsyncClient c = client;
        if (c == null) {
            failed.addAndGet(sensorIndexes.length);
            return;
        }
        int window = topicsInUse.contains(topic) ? MAX_IN_FLIGHT : brokerWindow;
        while (true) {
            // back-pressure: wait while the window is full (not while disconnected: then publish fails fast)
            while (!stopRequested && inFlight() >= window && c.isConnected()) {
                LockSupport.parkNanos(100_000);
            }
            try {
                // counted before the call: the delivery listener may run before publish() returns
                sentMessages.incrementAndGet();
                sentReadings.addAndGet(sensorIndexes.length);
                c.publish(topic, payload, options.qos(), false, sensorIndexes, deliveryListener);
                topicsInUse.add(topic);
                return;
            } catch (MqttException e) {
                sentMessages.decrementAndGet();
                sentReadings.addAndGet(-sensorIndexes.length);
                int code = e.getReasonCode();
                if ((code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                        || code == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE) && !stopRequested) {
                    // the broker's window is full: wait for acknowledgements, then retry
                    LockSupport.parkNanos(200_000);
                    continue;
                }
                failed.addAndGet(sensorIndexes.length);
                noteFailure(e);
                return;
            }
        }
    }

    private void noteFailure(Throwable e) {
        String msg = e == null ? "unknown" : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (lastFailure == null) {
            out.accept("publish failed: " + msg + " (further failures are counted in the progress lines)");
        }
        lastFailure = msg;
    }

    private void connect() throws SimulatorException {
        try {
            client = new MqttAsyncClient(options.mqttUrl(), options.clientId(), new MemoryPersistence());
            client.setCallback(new ConnectionWatcher());
            MqttConnectionOptions co = new MqttConnectionOptions();
            co.setCleanStart(true);
            co.setAutomaticReconnect(true);
            co.setAutomaticReconnectDelay(1, 30);
            co.setReceiveMaximum(MAX_IN_FLIGHT);
            co.setConnectionTimeout(10);
            co.setKeepAliveInterval(30);
            IMqttToken connected = client.connect(co);
            connected.waitForCompletion(15_000);
            Integer receiveMaximum = connected.getResponseProperties() == null ? null
                    : connected.getResponseProperties().getReceiveMaximum();
            if (receiveMaximum != null && receiveMaximum > 0) {
                brokerWindow = Math.min(MAX_IN_FLIGHT, receiveMaximum);
            }
        } catch (MqttException | IllegalArgumentException e) {
            String cause = e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null
                    ? " (" + e.getCause().getMessage() + ")" : "";
            throw new SimulatorException("cannot connect to MQTT broker " + options.mqttUrl() + ": " + e.getMessage() + cause, e);
        }
    }

    private String startLine(TrafficPlan plan) {
        Duration interval = plan.interval();
        double rate = sensors.size() / (interval.toNanos() / 1e9);
        String topics = options.pack() > 1
                ? String.format("SenML packs of up to %d readings (held at most %s) on %s/{enterprise}/pack", options.pack(),
                        Durations.format(Packer.MAX_WAIT), options.topicRoot())
                : "topics " + options.topicRoot() + "/{enterprise}/{source}/{sensor}";
        StringBuilder sb = new StringBuilder(String.format(
                "simulating %d sensors of %s -> %s as %s, %s, QoS %d, each every %s (%.1f readings/s), %s, seed %d",
                sensors.size(), catalogue.name(), options.mqttUrl(), options.clientId(), topics,
                options.qos(), Durations.format(interval), rate,
                options.duration() == null ? "until stopped" : "for " + Durations.format(options.duration()),
                options.seed()));
        if (scenario != null) {
            sb.append(String.format("; scenario %s on %s from +%s", scenario.name(), String.join(", ", scenario.sensors()),
                    Durations.format(scenario.start())));
        }
        return sb.toString();
    }

    private void progress() {
        try {
            long now = System.nanoTime();
            long pub = published.get();
            long msgs = ackedMessages.get();
            double secs = (now - lastProgressNanos) / 1e9;
            double rate = secs > 0 ? (pub - lastProgressPublished) / secs : 0;
            double msgRate = secs > 0 ? (msgs - lastProgressMessages) / secs : 0;
            lastProgressNanos = now;
            lastProgressPublished = pub;
            lastProgressMessages = msgs;
            long inFlight = Math.max(0, inFlight());
            StringBuilder sb = new StringBuilder(options.pack() > 1
                    ? String.format("published %d readings in %d messages (%.1f readings/s, %.1f messages/s over the last %.1f s), "
                            + "failed %d readings, in flight %d messages", pub, msgs, rate, msgRate, secs, failed.get(), inFlight)
                    : String.format("published %d (%.1f/s over the last %.1f s), failed %d, in flight %d",
                            pub, rate, secs, failed.get(), inFlight));
            if (lagNanos > 1_000_000_000L) {
                sb.append(String.format(", behind schedule by %.1f s", lagNanos / 1e9));
            }
            if (client != null && !client.isConnected()) {
                sb.append(", DISCONNECTED (reconnecting)");
            }
            if (failed.get() > 0 && lastFailure != null) {
                sb.append(" (last failure: ").append(lastFailure).append(')');
            }
            String status = scenarioStatus((now - startNanos) / 1_000_000L);
            if (status != null) {
                sb.append("; ").append(status);
            }
            out.accept(sb.toString());
        } catch (RuntimeException e) {
            LOG.warn("progress line failed", e);
        }
    }

    /** E.g. {@code overfill: rising, E01-LT101=91.2 %}; null without a scenario. */
    String scenarioStatus(long offsetMillis) {
        if (scenario == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(scenario.name()).append(": ").append(scenario.phase(offsetMillis));
        for (String id : scenario.sensors()) {
            Double v = scenarioValues.get(id);
            if (v != null) {
                String unit = catalogue.sensor(id).map(Sensor::unit).orElse("");
                sb.append(", ").append(id).append('=').append(TrafficPlan.fmt(v)).append(unit.isEmpty() ? "" : " " + unit);
            }
        }
        return sb.toString();
    }

    private void drain() {
        long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        while (inFlight() > 0 && System.currentTimeMillis() < deadline
                && client != null && client.isConnected()) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** Asks {@link #run()} to finish; safe from any thread, returns at once. */
    public void stop() {
        stopRequested = true;
        Thread t = runner;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Waits until {@link #run()} has finished (for a shutdown hook); true if it did within the timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        if (!started.get()) {
            return true;
        }
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Published readings so far. */
    public long publishedCount() {
        return published.get();
    }

    /** Failed readings so far. */
    public long failedCount() {
        return failed.get();
    }

    /** Published MQTT messages so far (equal to {@link #publishedCount()} without packing). */
    public long publishedMessages() {
        return ackedMessages.get();
    }

    /** Disconnects and releases the client; idempotent. Does not wait for {@link #run()}: call {@link #stop()} first. */
    @Override
    public synchronized void close() {
        if (progressExecutor != null) {
            progressExecutor.shutdownNow();
        }
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        client = null;
        try {
            if (c.isConnected()) {
                c.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect failed", e);
        }
        try {
            c.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.debug("forced disconnect failed", e);
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("close failed", e);
        }
    }

    /** Logs connection changes; never publishes (Paho callbacks must not). */
    private final class ConnectionWatcher implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!stopRequested) {
                String why = response.getReasonString() != null ? response.getReasonString()
                        : response.getException() != null ? response.getException().getMessage()
                        : "reason code " + response.getReturnCode();
                out.accept("MQTT connection lost (" + why + "); reconnecting automatically, readings meanwhile count as failed");
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            out.accept("MQTT error: " + exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // the simulator subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // counted by the per-publish listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            topicsInUse.clear(); // topic aliases start afresh on a new connection
            if (reconnect) {
                out.accept("MQTT reconnected to " + serverURI);
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
