package com.hazardwatch.simulators;

import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes simulated sensor readings of a catalogue to MQTT, paced against the wall clock, with optional scenarios
 * played over the normal traffic (several at once).
 *
 * <p>With {@link SimulatorOptions#pack()} k above 1, readings go out as SenML packs of up to k readings of one
 * enterprise ({@link Packer}, {@link SenmlPayload}); otherwise one single-reading object per message
 * ({@link ReadingPayload}). Either way the schedule, the event times and the values are the same for a seed: a
 * reading's {@code ts} is its scheduled sampling time ({@link TrafficPlan#epochMillis(long)}), not the time it was
 * published, so a sensor's event times strictly increase however late publishing runs; lateness shows downstream as
 * latency.
 *
 * <p>A slot a scenario silences ({@link Scenario#silent}: a dead transmitter, a gateway outage) is skipped when its
 * time comes: nothing is published for it, and it is counted as silenced, apart from published and failed (it is no
 * failure). The sensor's other readings keep their scheduled times.
 *
 * <p>Scenarios may also change how a reading is delivered ({@link Scenario#delivery}): published late with its true
 * (older) {@code ts}, swapped with the sensor's next reading, or twice; and what it carries: quality {@code bad}
 * ({@link Scenario#badQuality}) or a value outside the instrument range ({@link Scenario#rawValue}). Such readings go
 * out as single-reading messages, also when packing; the delivery faults are counted ({@link SimulatorStats#late()},
 * {@link SimulatorStats#reordered()}, {@link SimulatorStats#duplicated()}) and shown in the progress lines and the
 * timeline. Normal traffic keeps its scheduled, strictly increasing event times.
 *
 * <p>{@link #run()} blocks on the calling thread, which is the only one that publishes (never a Paho callback
 * thread). It returns when the duration has elapsed, or, with no duration, when {@link #stop()} is called from
 * another thread (for instance a shutdown hook). A progress line goes out every 5 s, a summary at the end.
 *
 * <p>Nothing is dropped because the publisher's own window is full: it waits for room (back-pressure, which shows as
 * "behind schedule" in the progress lines) and retries; while the connection is down it waits for the automatic
 * reconnect, and messages that were handed over but not acknowledged when the connection went down are sent again
 * (at least once: a reader may see such a reading twice, with the same time and value). A reading counts as failed
 * only when the broker refused it (a PUBACK reason code of 0x80 or more), when the message was invalid, or when it
 * could not be sent (or sent again, at most {@link #MAX_ATTEMPTS} times) before {@link #END_GRACE} after the end of the
 * run. That delivery is the {@link Publisher}'s, shared with the replay.
 */
public final class Simulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    /** How often a progress line is written: {@link Publisher#PROGRESS_EVERY}. */
    public static final Duration PROGRESS_EVERY = Publisher.PROGRESS_EVERY;
    /** The in-flight window, {@link Publisher#MAX_IN_FLIGHT}: also asked of the broker as Receive Maximum. */
    public static final int MAX_IN_FLIGHT = Publisher.MAX_IN_FLIGHT;
    /** How long the end of a run (the duration reached, or {@link #stop()}) may take: {@link Publisher#END_GRACE}. */
    public static final Duration END_GRACE = Publisher.END_GRACE;
    /** How many times one message is handed over at most: {@link Publisher#MAX_ATTEMPTS}. */
    public static final int MAX_ATTEMPTS = Publisher.MAX_ATTEMPTS;
    /**
     * Without packing, how long the readings due before the end but not out yet are still sent after the end (with
     * packing every reading due goes out: the packs carry them fast).
     */
    public static final Duration END_FLUSH = Duration.ofMillis(100);
    /** The shortest event-time step a sensor can take: timestamps are epoch milliseconds. */
    public static final Duration MIN_SENSOR_INTERVAL = Duration.ofMillis(1);

    /** Lag below this is not worth a mention in the progress lines. */
    private static final long REPORT_LAG_NANOS = 100_000_000L;
    private static final long NONE = Long.MIN_VALUE;

    private final Catalogue catalogue;
    private final SimulatorOptions options;
    private final List<Scenario> scenarios;
    private final Consumer<String> out;
    private final List<Sensor> sensors;
    private final SimClock clock;
    private final Publisher publisher;

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Slots a scenario silenced: nothing was published for them, on purpose. */
    private final AtomicLong silenced = new AtomicLong();
    /** Readings a scenario had published late (with their true ts), published after a newer one, published twice. */
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    /** Late readings waiting for their release (publisher thread only), by release time. */
    private final PriorityQueue<Held> heldLate = new PriorityQueue<>((a, b) -> a.releaseNanos != b.releaseNanos
            ? Long.compare(a.releaseNanos, b.releaseNanos) : Long.compare(a.seq, b.seq));
    /** Per sensor index, a reading held back until the sensor's next one has gone out (publisher thread only). */
    private final Map<Integer, Held> heldSwap = new HashMap<>();
    /** Sensor ids some scenario affects, and the delivery faults already named in the timeline. */
    private final Set<String> affectedIds = new HashSet<>();
    private final Set<String> faultsNoted = new HashSet<>();
    private long heldSeq;
    private final List<ScenarioEvent> scenarioEvents = new ArrayList<>();
    private final Map<String, Double> scenarioValues = new ConcurrentHashMap<>();
    private volatile long startNanos;
    /** Worst lag over the run (publisher thread only). */
    private long maxLagNanos;
    /** Worst lag since the last progress line. */
    private final AtomicLong intervalLagNanos = new AtomicLong();
    /** Due offset of the reading or pack being sent now, or NONE: for the lag while the publisher waits. */
    private volatile long sendingDueNanos = NONE;
    /** Readings due within the run that the single-reading loop had not reached when the run ended. */
    private long notReached;
    /** Schedule offset of the last reading handed out: the scenario status follows it. */
    private volatile long scheduleNanos;

    private long lastProgressNanos;
    private long lastProgressPublished;
    private long lastProgressMessages;
    private long lastProgressWaited;

    /** A reading held back by a delivery fault, with what it carries. */
    private record Held(long releaseNanos, long seq, TrafficPlan.Reading reading, double value, boolean bad) {}

    /** A simulator that writes progress and summary lines to its SLF4J logger. */
    public Simulator(Catalogue catalogue, SimulatorOptions options) {
        this(catalogue, options, null);
    }

    /**
     * @param progressSink where progress lines, scenario events and the summary go; null for the SLF4J logger
     * @throws IllegalArgumentException when a scenario cannot be played on this catalogue (unknown sensor or
     *     enterprise, an overfill on a sensor that is not a level sensor or has no H/HH limit), the catalogue has no sensors, or the rate would have a sensor report more
     *     than once a millisecond
     */
    public Simulator(Catalogue catalogue, SimulatorOptions options, Consumer<String> progressSink) {
        this(catalogue, options, List.of(), progressSink, SimClock.SYSTEM, null);
    }

    /**
     * A simulator that plays, besides the scenarios of the options, scenarios built elsewhere, such as a scenario
     * script's ({@code ScriptLoader.load(...).scenario()}).
     *
     * @param extraScenarios played after those of the options, at once with them
     * @param progressSink where progress lines, scenario events and the summary go; null for the SLF4J logger
     */
    public Simulator(Catalogue catalogue, SimulatorOptions options, List<? extends Scenario> extraScenarios,
            Consumer<String> progressSink) {
        this(catalogue, options, extraScenarios, progressSink, SimClock.SYSTEM, null);
    }

    /** With the clocks and the transport given: for tests. A null transport is the Paho one. */
    Simulator(Catalogue catalogue, SimulatorOptions options, Consumer<String> progressSink, SimClock clock,
            Transport transport) {
        this(catalogue, options, List.of(), progressSink, clock, transport);
    }

    /** With extra scenarios, the clocks and the transport given: for tests. A null transport is the Paho one. */
    Simulator(Catalogue catalogue, SimulatorOptions options, List<? extends Scenario> extraScenarios,
            Consumer<String> progressSink, SimClock clock, Transport transport) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sensors = catalogue.sensors();
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("catalogue " + catalogue.name() + " has no sensors to simulate");
        }
        Duration interval = options.effectiveInterval(sensors.size());
        if (interval.compareTo(MIN_SENSOR_INTERVAL) < 0) {
            long most = (long) sensors.size() * 1000L;
            throw new IllegalArgumentException(String.format(
                    "rate %s/s is too high for the %d sensors of %s: each would report every %.3f ms, but event times are "
                            + "milliseconds and a sensor's must increase; use a rate of at most %d/s with this catalogue",
                    options.rate() == null ? "?" : TrafficPlan.fmt(options.rate()), sensors.size(), catalogue.name(),
                    interval.toNanos() / 1e6, most));
        }
        List<Scenario> all = new ArrayList<>(Scenarios.createAll(options, catalogue));
        all.addAll(extraScenarios);
        this.scenarios = List.copyOf(all);
        for (Scenario sc : scenarios) {
            affectedIds.addAll(sc.sensors());
        }
        this.out = progressSink != null ? progressSink : LOG::info;
        this.publisher = new Publisher(transport != null ? transport : MqttTransport.of(options), clock, options.qos(), sensors.size(), out, "run");
    }

    public SimulatorOptions options() {
        return options;
    }

    /** The first scenario being played, or null; all of them: {@link #scenarios()}. */
    public Scenario scenario() {
        return scenarios.isEmpty() ? null : scenarios.get(0);
    }

    /** The scenarios being played, in the order given; empty for normal traffic only. */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    /**
     * Connects, publishes until the duration has elapsed or {@link #stop()} is called, then sends what is due and
     * waits for the acknowledgements (up to {@link #END_GRACE}), disconnects and returns what happened. Runs once.
     *
     * @throws SimulatorException when the broker cannot be reached at the start
     */
    public SimulatorStats run() throws SimulatorException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a Simulator runs once; create a new one");
        }
        try {
            long startWall = clock.epochMillis();
            long elapsedNanos = 0;
            try {
                publisher.connect();
                startNanos = clock.nanoTime();
                startWall = clock.epochMillis();
                if (options.duration() != null) {
                    publisher.endAt(Publisher.plus(startNanos, options.duration().toNanos()));
                }
                TrafficPlan plan = TrafficPlan.of(catalogue, options, scenarios, startWall);
                out.accept(startLine(plan));
                lastProgressNanos = startNanos;
                publisher.startProgress("hw-sim-progress", this::progressLine);
                if (options.pack() > 1) {
                    publishPacks(plan);
                } else {
                    publishLoop(plan);
                }
                elapsedNanos = clock.nanoTime() - startNanos;
                publisher.stopProgress();
                publisher.finish();
            } finally {
                close();
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 0; i < sensors.size(); i++) {
                counts.put(sensors.get(i).id(), publisher.deliveredAt(i));
            }
            if (notReached > 0) {
                out.accept(String.format("not sent: %d readings due within the run that the publisher had not reached when "
                        + "it ended (it was behind schedule)", notReached));
            }
            publisher.tellResent();
            SimulatorStats stats;
            Publisher.Counts c = publisher.counts();
            synchronized (scenarioEvents) {
                stats = new SimulatorStats(Instant.ofEpochMilli(startWall), Duration.ofNanos(elapsedNanos),
                        c.published(), c.messages(), c.failed(), silenced.get(), late.get(),
                        reordered.get(), duplicated.get(), c.unconfirmed(), Duration.ofNanos(maxLagNanos),
                        counts, scenarioEvents);
            }
            out.accept(stats.summary());
            return stats;
        } finally {
            finished.countDown(); // after the summary, so that a shutdown hook waiting for it lets it be printed
        }
    }

    /** Offset from the start where the duration ends (Long.MAX_VALUE: none). */
    private long limitOffset() {
        return options.duration() == null ? Long.MAX_VALUE : options.duration().toNanos();
    }

    /** What {@link #awaitDue} found: the next message is due now, not yet (woken early or for a late reading), or time is up. */
    private enum Due { NOW, LATER, OVER }

    /**
     * One step toward the next message due at {@code dueNanos} (offset from the start): releases the late readings whose
     * time has come and parks until the earlier of the message and the next late release. The duration is wall-clock
     * time, also when the publisher fell behind schedule.
     */
    private Due awaitDue(long dueNanos, long now, long limit, TrafficPlan plan) {
        if (now >= limit) {
            return Due.OVER;
        }
        releaseLate(now, plan);
        long wait = Math.min(dueNanos, nextLateRelease()) - now;
        if (wait > 0) {
            clock.park(Math.min(wait, limit - now));
            publisher.checkInterrupt();
            return Due.LATER;
        }
        return dueNanos > now ? Due.LATER : Due.NOW;
    }

    private void publishLoop(TrafficPlan plan) {
        long limit = limitOffset();
        TrafficPlan.Reading r = plan.next();
        takeEvents(plan);
        while (!publisher.stopRequested()) {
            long now = clock.nanoTime() - startNanos;
            Due due = awaitDue(r.dueNanos(), now, limit, plan);
            if (due == Due.OVER) {
                break;
            }
            if (due == Due.LATER) {
                continue;
            }
            if (r.silenced()) {
                skip(r, plan);
            } else {
                noteLag(now - r.dueNanos());
                deliver(r, plan);
            }
            r = plan.next();
        }
        // the readings due before the end that are not out yet (waking up late, or behind schedule) still go, for
        // up to END_FLUSH; what is left then, the publisher had not reached (it fell behind): not sent, which the
        // summary says, and not failed, as nothing refused them
        long stopAt = publisher.stopAtNanos();
        long end = Math.min(limit, stopAt == Long.MAX_VALUE ? Long.MAX_VALUE : stopAt - startNanos);
        long flushUntil = clock.nanoTime() + END_FLUSH.toNanos();
        while (end != Long.MAX_VALUE && r.dueNanos() < end && clock.nanoTime() - flushUntil < 0) {
            if (r.silenced()) {
                skip(r, plan);
            } else {
                noteLag(clock.nanoTime() - startNanos - r.dueNanos());
                deliver(r, plan);
            }
            r = plan.next();
        }
        releaseAllHeld(plan);
        long n = 0;
        while (end != Long.MAX_VALUE && r.dueNanos() < end) {
            if (r.silenced()) {
                silenced.incrementAndGet();
            } else {
                n++;
            }
            r = plan.next();
        }
        notReached = n;
    }

    /** A slot a scenario silenced: nothing goes out, the schedule moves on. */
    private void skip(TrafficPlan.Reading r, TrafficPlan plan) {
        silenced.incrementAndGet();
        scheduleNanos = r.dueNanos();
        takeEvents(plan);
    }

    private void publishReading(TrafficPlan.Reading r, TrafficPlan plan) {
        publishReading(r, r.value(), false, plan);
    }

    private void publishReading(TrafficPlan.Reading r, double value, boolean bad, TrafficPlan plan) {
        sendingDueNanos = r.dueNanos();
        // ts: the scheduled sampling time, whenever it goes out
        byte[] payload = bad ? badPayload(r.sensor().id(), plan.epochMillis(r), value)
                : ReadingPayload.encode(r.sensor().id(), plan.epochMillis(r), value);
        publisher.send(r.topic(), payload, new int[] {r.index()});
        sendingDueNanos = NONE;
        scheduleNanos = Math.max(scheduleNanos, r.dueNanos());
        if (affected(r.sensor().id())) {
            scenarioValues.put(r.sensor().id(), value);
            takeEvents(plan);
        }
    }

    /** A single reading with quality bad: {@code {"sensor":..,"ts":..,"value":..,"quality":"bad"}}. */
    private static byte[] badPayload(String sensorId, long ts, double value) {
        String json = new String(ReadingPayload.encode(sensorId, ts, value), java.nio.charset.StandardCharsets.UTF_8);
        return (json.substring(0, json.length() - 1) + ",\"quality\":\"bad\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean affected(String sensorId) {
        return affectedIds.contains(sensorId);
    }

    /** Whether a scenario changes what the reading carries or how it is delivered: then it goes out on its own. */
    private boolean special(TrafficPlan.Reading r) {
        if (!affected(r.sensor().id())) {
            return false;
        }
        String id = r.sensor().id();
        long ms = r.offsetMillis();
        for (Scenario sc : scenarios) {
            if (sc.affects(id) && (sc.rawValue(id, ms).isPresent() || sc.badQuality(id, ms)
                    || sc.delivery(id, ms).kind() != Scenario.Delivery.Kind.ON_TIME)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Publishes a reading due now, as its scenarios say: the value (raw, out of range), the quality and the delivery
     * (on time, late, swapped with the next, twice). A reading held back for a swap goes out after this one.
     */
    private void deliver(TrafficPlan.Reading r, TrafficPlan plan) {
        String id = r.sensor().id();
        if (!affected(id)) {
            publishReading(r, plan);
            return;
        }
        long ms = r.offsetMillis();
        double value = r.value();
        boolean bad = false;
        Scenario.Delivery delivery = Scenario.Delivery.ON_TIME;
        Scenario by = null;
        for (Scenario sc : scenarios) {
            if (!sc.affects(id)) {
                continue;
            }
            OptionalDouble raw = sc.rawValue(id, ms);
            if (raw.isPresent()) {
                value = raw.getAsDouble();
            }
            bad |= sc.badQuality(id, ms);
            Scenario.Delivery d = sc.delivery(id, ms);
            if (d.kind() != Scenario.Delivery.Kind.ON_TIME && by == null) {
                delivery = d;
                by = sc;
            }
        }
        switch (delivery.kind()) {
            case LATE -> {
                late.incrementAndGet();
                heldLate.add(new Held(r.dueNanos() + delivery.delay().toNanos(), heldSeq++, r, value, bad));
                noteFault(by, r, plan, "late", "readings published " + Durations.format(delivery.delay())
                        + " late from here, with their true timestamps");
                scheduleNanos = Math.max(scheduleNanos, r.dueNanos());
                takeEvents(plan);
            }
            case SWAPPED -> {
                Held before = heldSwap.remove(r.index());
                if (before == null) {
                    heldSwap.put(r.index(), new Held(r.dueNanos(), heldSeq++, r, value, bad));
                    noteFault(by, r, plan, "out-of-order", "consecutive readings published swapped from here");
                    scheduleNanos = Math.max(scheduleNanos, r.dueNanos());
                    takeEvents(plan);
                } else {
                    publishReading(r, value, bad, plan);
                    releaseSwapped(before, plan);
                }
            }
            case TWICE -> {
                publishReading(r, value, bad, plan);
                publishReading(r, value, bad, plan);
                duplicated.incrementAndGet();
                noteFault(by, r, plan, "duplicate", "every reading published twice from here");
                afterPublished(r, plan);
            }
            default -> {
                publishReading(r, value, bad, plan);
                afterPublished(r, plan);
            }
        }
    }

    /** After a reading of a sensor went out: the one held back for a swap follows it. */
    private void afterPublished(TrafficPlan.Reading r, TrafficPlan plan) {
        Held h = heldSwap.remove(r.index());
        if (h != null) {
            releaseSwapped(h, plan);
        }
    }

    private void releaseSwapped(Held h, TrafficPlan plan) {
        publishReading(h.reading(), h.value(), h.bad(), plan);
        reordered.incrementAndGet();
    }

    /** Publishes the late readings whose release time (an offset) has come. */
    private void releaseLate(long nowOffset, TrafficPlan plan) {
        while (!heldLate.isEmpty() && heldLate.peek().releaseNanos() <= nowOffset) {
            Held h = heldLate.poll();
            publishReading(h.reading(), h.value(), h.bad(), plan);
        }
    }

    private long nextLateRelease() {
        return heldLate.isEmpty() ? Long.MAX_VALUE : heldLate.peek().releaseNanos();
    }

    /** At the end of the run: whatever a delivery fault still holds goes out now. */
    private void releaseAllHeld(TrafficPlan plan) {
        releaseLate(Long.MAX_VALUE, plan);
        for (Held h : List.copyOf(heldSwap.values())) {
            publishReading(h.reading(), h.value(), h.bad(), plan);
        }
        heldSwap.clear();
    }

    /** The first delivery fault of a kind on a sensor goes into the timeline. */
    private void noteFault(Scenario sc, TrafficPlan.Reading r, TrafficPlan plan, String kind, String what) {
        if (sc == null || !faultsNoted.add(sc.name() + "/" + kind + "/" + r.sensor().id())) {
            return;
        }
        long ms = r.offsetMillis();
        ScenarioEvent e = new ScenarioEvent(Duration.ofMillis(ms), Instant.ofEpochMilli(plan.epochMillis(r)), sc.name(),
                sc.phase(ms), r.sensor().id() + ": " + what);
        synchronized (scenarioEvents) {
            scenarioEvents.add(e);
        }
        out.accept("scenario " + e);
    }

    /**
     * The loop with packing: each pack goes out at its due time ({@link Packer}). At the end (duration reached or
     * stopped) the readings already due that are still held are published at once, so that every reading due within
     * the duration goes out, as without packing.
     */
    private void publishPacks(TrafficPlan plan) {
        long limit = limitOffset();
        Packer packer = new Packer(plan, options.topicRoot(), options.pack(), limit);
        Packer.Pack p = packer.next();
        takeEvents(plan);
        while (!publisher.stopRequested() && p != null) {
            silenced.set(packer.silencedCount());
            long now = clock.nanoTime() - startNanos;
            Due due = awaitDue(p.dueNanos(), now, limit, plan);
            if (due == Due.OVER) {
                break;
            }
            if (due == Due.LATER) {
                continue;
            }
            noteLag(now - p.dueNanos());
            publishPack(p, plan);
            p = packer.next();
        }
        long upto = clock.nanoTime() - startNanos;
        Packer.Pack due = p == null ? null : p.upTo(upto);
        if (due != null) {
            publishPack(due, plan);
        }
        for (Packer.Pack rest : packer.flush(upto)) {
            publishPack(rest, plan);
        }
        releaseAllHeld(plan);
        silenced.set(packer.silencedCount());
        takeEvents(plan);
    }

    private void publishPack(Packer.Pack p, TrafficPlan plan) {
        List<TrafficPlan.Reading> rs = p.readings();
        if (!affectedIds.isEmpty()) {
            // readings whose scenario changes their quality, value or delivery go out on their own, after the pack
            List<TrafficPlan.Reading> plain = new ArrayList<>(rs.size());
            List<TrafficPlan.Reading> own = new ArrayList<>();
            for (TrafficPlan.Reading r : rs) {
                (special(r) ? own : plain).add(r);
            }
            if (!plain.isEmpty()) {
                publishPlainPack(p.topic(), plain, p.dueNanos(), plan);
                for (TrafficPlan.Reading r : plain) {
                    afterPublished(r, plan);
                }
            }
            for (TrafficPlan.Reading r : own) {
                deliver(r, plan);
            }
            return;
        }
        publishPlainPack(p.topic(), rs, p.dueNanos(), plan);
    }

    private void publishPlainPack(String topic, List<TrafficPlan.Reading> rs, long dueNanos, TrafficPlan plan) {
        int n = rs.size();
        List<String> ids = new ArrayList<>(n);
        long[] times = new long[n];
        double[] values = new double[n];
        int[] indexes = new int[n];
        for (int i = 0; i < n; i++) {
            TrafficPlan.Reading r = rs.get(i);
            ids.add(r.sensor().id());
            times[i] = plan.epochMillis(r); // the scheduled sampling time, whenever the pack goes out
            values[i] = r.value();
            indexes[i] = r.index();
        }
        sendingDueNanos = dueNanos;
        publisher.send(topic, SenmlPayload.encode(ids, times, values), indexes);
        sendingDueNanos = NONE;
        scheduleNanos = Math.max(scheduleNanos, rs.get(n - 1).dueNanos());
        if (!scenarios.isEmpty()) {
            for (TrafficPlan.Reading r : rs) {
                if (affected(r.sensor().id())) {
                    scenarioValues.put(r.sensor().id(), r.value());
                }
            }
            takeEvents(plan);
        }
    }

    private void noteLag(long lag) {
        maxLagNanos = Math.max(maxLagNanos, lag);
        if (lag > intervalLagNanos.get()) {
            intervalLagNanos.accumulateAndGet(lag, Math::max);
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
        if (scenarios.size() == 1) {
            sb.append("; scenario ").append(scenarios.get(0).describe());
        } else if (!scenarios.isEmpty()) {
            sb.append("; scenarios ");
            for (int i = 0; i < scenarios.size(); i++) {
                sb.append(i == 0 ? "" : "; ").append(scenarios.get(i).describe());
            }
        }
        return sb.toString();
    }

    /** The progress line of the interval since the previous one. */
    String progressLine() {
        long now = clock.nanoTime();
        long pub = publisher.published();
        long msgs = publisher.messages();
        double secs = (now - lastProgressNanos) / 1e9;
        double rate = secs > 0 ? (pub - lastProgressPublished) / secs : 0;
        double msgRate = secs > 0 ? (msgs - lastProgressMessages) / secs : 0;
        lastProgressNanos = now;
        lastProgressPublished = pub;
        lastProgressMessages = msgs;
        int inFlightNow = publisher.inFlight();
        long quiet = silenced.get();
        String silencedPart = (quiet > 0 ? String.format(", silenced %d by scenarios", quiet) : "") + deliveryFaults();
        StringBuilder sb = new StringBuilder(options.pack() > 1
                ? String.format("published %d readings in %d messages (%.1f readings/s, %.1f messages/s over the last %.1f s)%s, "
                        + "failed %d readings, in flight %d messages", pub, msgs, rate, msgRate, secs, silencedPart, publisher.failed(),
                        inFlightNow)
                : String.format("published %d (%.1f/s over the last %.1f s)%s, failed %d, in flight %d",
                        pub, rate, secs, silencedPart, publisher.failed(), inFlightNow));
        // behind schedule: the worst lag since the last line, or the lag of what is being sent now
        long sendingDue = sendingDueNanos;
        long lag = Math.max(intervalLagNanos.getAndSet(0), sendingDue == NONE ? 0 : now - startNanos - sendingDue);
        long waited = publisher.waitedNanos(now);
        long waitedInInterval = Math.max(0, waited - lastProgressWaited);
        lastProgressWaited = waited;
        if (lag >= REPORT_LAG_NANOS) {
            sb.append(String.format(", behind schedule by up to %.1f s", lag / 1e9));
        }
        if (waitedInInterval >= REPORT_LAG_NANOS) {
            sb.append(String.format(", waited %.1f s for room in the in-flight window or for the connection (back-pressure)",
                    waitedInInterval / 1e9));
        }
        publisher.appendState(sb);
        String status = scenarioStatus(scheduleNanos / 1_000_000L);
        if (status != null) {
            sb.append("; ").append(status);
        }
        return sb.toString();
    }

    /**
     * E.g. {@code overfill: rising, E01-LT101=91.2 %; dead-sensor: silent, E05-TT101} at a schedule offset; null
     * without a scenario. A silence names what it silences while it lasts; an override gives the values.
     */
    String scenarioStatus(long offsetMillis) {
        if (scenarios.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Scenario scenario : scenarios) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(scenario.name()).append(": ").append(scenario.phase(offsetMillis));
            if (scenario.reportInterval().isEmpty()) {
                if (scenario.active(offsetMillis)) {
                    sb.append(", ").append(scenario.target());
                }
                continue;
            }
            for (String id : scenario.sensors()) {
                Double v = scenarioValues.get(id);
                if (v != null) {
                    String unit = catalogue.sensor(id).map(Sensor::unit).orElse("");
                    sb.append(", ").append(id).append('=').append(TrafficPlan.fmt(v)).append(unit.isEmpty() ? "" : " " + unit);
                }
            }
        }
        return sb.toString();
    }

    /** E.g. {@code , delivered by scenarios: 12 late, 4 out of order, 10 twice}; empty when none. */
    private String deliveryFaults() {
        long l = late.get();
        long o = reordered.get();
        long d = duplicated.get();
        if (l + o + d == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (l > 0) {
            parts.add(l + " late");
        }
        if (o > 0) {
            parts.add(o + " out of order");
        }
        if (d > 0) {
            parts.add(d + " twice");
        }
        return ", delivered by scenarios: " + String.join(", ", parts);
    }

    /** Asks {@link #run()} to finish; safe from any thread, returns at once. */
    public void stop() {
        publisher.stop();
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
        return publisher.published();
    }

    /** Failed readings so far. */
    public long failedCount() {
        return publisher.failed();
    }

    /** Slots silenced by scenarios so far (nothing published for them, on purpose). */
    public long silencedCount() {
        return silenced.get();
    }

    /** Published MQTT messages so far (equal to {@link #publishedCount()} without packing). */
    public long publishedMessages() {
        return publisher.messages();
    }

    /** Disconnects and releases the client; idempotent. Does not wait for {@link #run()}: call {@link #stop()} first. */
    @Override
    public void close() {
        publisher.close();
    }


}
