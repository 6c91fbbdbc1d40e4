package com.hazardwatch.simulators.replay;

import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.MqttTransport;
import com.hazardwatch.simulators.Packer;
import com.hazardwatch.simulators.Publisher;
import com.hazardwatch.simulators.ReadingPayload;
import com.hazardwatch.simulators.SenmlPayload;
import com.hazardwatch.simulators.SimClock;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorException;
import com.hazardwatch.simulators.TrafficPlan;
import com.hazardwatch.simulators.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link Recording} over MQTT as the simulator publishes its traffic: the same payloads
 * ({@link ReadingPayload}, or SenML packs per enterprise with {@link SenmlPayload}, held at most {@link Packer#MAX_WAIT}),
 * the same topics ({@link TrafficPlan#topic}, {@link Packer#topic}), the same transport ({@link MqttTransport}),
 * and the same delivery as {@link Simulator}, its {@link Publisher}: an in-flight window of
 * {@link Publisher#MAX_IN_FLIGHT} with back-pressure instead of loss, a topic's first message per connection within the
 * broker's Receive Maximum (Paho's topic-alias pitfall, see {@link Publisher#MAX_IN_FLIGHT}), messages lost with a
 * connection sent again (at most {@link Publisher#MAX_ATTEMPTS} times), and {@link Publisher#END_GRACE} at the end for
 * what is still under way.
 *
 * <p>Rows go out at their recorded spacing divided by the speed ({@link ReplayTiming}), each reading stamped with its
 * recorded time, shifted to now or not. {@link #run()} blocks on the calling thread, the only one that publishes; a
 * progress line goes out every {@link Publisher#PROGRESS_EVERY}, a summary at the end; {@link #stop()} ends it early.
 */
public final class Replayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final long REPORT_LAG_NANOS = 100_000_000L;

    private final Recording recording;
    private final ReplayOptions options;
    private final Consumer<String> out;
    private final SimClock clock;
    private final Publisher publisher;
    private final long maxWaitNanos = Packer.MAX_WAIT.toNanos();

    private final AtomicBoolean started = new AtomicBoolean();

    private volatile long startNanos;
    private volatile int rowsDone;
    private volatile int lineDone;
    private volatile long recordedDone;
    private long readingsHandedOut;
    private long firstEvent;
    private long lastEvent;
    private long maxLagNanos;
    private final AtomicLong intervalLagNanos = new AtomicLong();
    private long lastProgressNanos;
    private long lastProgressPublished;

    /** The readings of one enterprise waiting for their pack. */
    private static final class Pack {
        final String enterprise;
        final String topic;
        final long firstDueNanos;
        final List<String> ids = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        final List<Integer> columns = new ArrayList<>();

        Pack(String enterprise, String topic, long firstDueNanos) {
            this.enterprise = enterprise;
            this.topic = topic;
            this.firstDueNanos = firstDueNanos;
        }
    }

    /**
     * @param progressSink where the start line, progress lines and the summary go; null for the SLF4J logger
     */
    public Replayer(Recording recording, ReplayOptions options, Consumer<String> progressSink) {
        this(recording, options, progressSink, SimClock.SYSTEM, new MqttTransport(options.mqttUrl(), options.clientId()).withCredentials(options));
    }

    /** With the clock and the transport given: for tests. */
    public Replayer(Recording recording, ReplayOptions options, Consumer<String> progressSink, SimClock clock,
            Transport transport) {
        this.recording = Objects.requireNonNull(recording, "recording");
        this.options = Objects.requireNonNull(options, "options");
        if (recording.rows().isEmpty()) {
            throw new IllegalArgumentException(recording.name() + " has no rows to replay");
        }
        this.out = progressSink != null ? progressSink : LOG::info;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publisher = new Publisher(Objects.requireNonNull(transport, "transport"), clock, options.qos(), recording.columns().size(), out, "replay");
    }

    /** The timing of a replay starting at {@code startMillis} with these options. */
    public static ReplayTiming timing(Recording recording, ReplayOptions options, long startMillis) {
        return new ReplayTiming(recording.rows().get(0).recordedMillis(), options.speed(), options.shiftToNow(), startMillis);
    }

    /**
     * Connects, publishes every row at its time (or until {@link #stop()}), waits for the acknowledgements up to
     * {@link Publisher#END_GRACE}, disconnects and returns what happened. Runs once.
     *
     * @throws SimulatorException when the broker cannot be reached at the start
     */
    public ReplayStats run() throws SimulatorException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a Replayer runs once; create a new one");
        }
        long startWall;
        long elapsed;
        ReplayTiming timing;
        try {
            publisher.connect();
            startNanos = clock.nanoTime();
            startWall = clock.epochMillis();
            timing = timing(recording, options, startWall);
            out.accept(startLine(timing));
            lastProgressNanos = startNanos;
            publisher.startProgress("hw-replay-progress", this::progressLine);
            publishRows(timing);
            long end = clock.nanoTime();
            publisher.endAt(end);
            elapsed = end - startNanos;
            publisher.stopProgress();
            publisher.finish();
        } finally {
            close();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int c = 0; c < recording.columns().size(); c++) {
            counts.merge(recording.columns().get(c).sensor().id(), publisher.deliveredAt(c), Long::sum);
        }
        publisher.tellResent();
        Publisher.Counts c = publisher.counts();
        ReplayStats stats = new ReplayStats(recording.name(), Instant.ofEpochMilli(startWall), Duration.ofNanos(elapsed),
                recording.rows().size(), rowsDone, readingsHandedOut, c.published(), c.messages(), c.failed(),
                c.unconfirmed(), Duration.ofNanos(maxLagNanos), firstEvent, lastEvent, timing.shiftMillis(), counts);
        out.accept(stats.summary());
        return stats;
    }

    private void publishRows(ReplayTiming timing) {
        List<Recording.Row> rows = recording.rows();
        // enterprise -> its pack being filled, the one holding the oldest reading first
        LinkedHashMap<String, Pack> packs = new LinkedHashMap<>();
        int i = 0;
        while (!publisher.stopRequested()) {
            if (i >= rows.size()) {
                break;
            }
            long rowDue = timing.dueNanos(rows.get(i).recordedMillis());
            Pack oldest = packs.isEmpty() ? null : packs.values().iterator().next();
            long packDue = oldest == null ? Long.MAX_VALUE : oldest.firstDueNanos + maxWaitNanos;
            boolean packFirst = packDue <= rowDue;
            long due = packFirst ? packDue : rowDue;
            long now = clock.nanoTime() - startNanos;
            if (due > now) {
                clock.park(due - now);
                publisher.checkInterrupt();
                continue;
            }
            if (packFirst) {
                packs.remove(oldest.enterprise);
                sendPack(oldest);
                continue;
            }
            noteLag(now - rowDue);
            Recording.Row row = rows.get(i);
            replayRow(row, rowDue, timing, packs);
            i++;
            rowsDone = i;
            lineDone = row.line();
            recordedDone = row.recordedMillis();
        }
        // the end, or stopped: the readings already taken into packs go now
        for (Iterator<Pack> it = packs.values().iterator(); it.hasNext(); ) {
            sendPack(it.next());
            it.remove();
        }
    }

    private void replayRow(Recording.Row row, long dueNanos, ReplayTiming timing, LinkedHashMap<String, Pack> packs) {
        long ts = timing.eventMillis(row.recordedMillis());
        double[] values = row.values();
        for (int c = 0; c < values.length; c++) {
            double v = values[c];
            if (Double.isNaN(v)) {
                continue;
            }
            Sensor sensor = recording.columns().get(c).sensor();
            readingsHandedOut++;
            if (firstEvent == 0) {
                firstEvent = ts;
            }
            lastEvent = ts;
            if (options.pack() <= 1) {
                publisher.send(TrafficPlan.topic(options.topicRoot(), sensor), ReadingPayload.encode(sensor.id(), ts, v),
                        new int[] {c});
                continue;
            }
            String enterprise = sensor.enterprise();
            Pack p = packs.get(enterprise);
            if (p == null) {
                p = new Pack(enterprise, Packer.topic(options.topicRoot(), enterprise), dueNanos);
                packs.put(enterprise, p);
            }
            p.ids.add(sensor.id());
            p.times.add(ts);
            p.values.add(v);
            p.columns.add(c);
            if (p.ids.size() >= options.pack()) {
                packs.remove(enterprise);
                sendPack(p);
            }
        }
    }

    private void sendPack(Pack p) {
        int n = p.ids.size();
        long[] times = new long[n];
        double[] values = new double[n];
        int[] columns = new int[n];
        for (int k = 0; k < n; k++) {
            times[k] = p.times.get(k);
            values[k] = p.values.get(k);
            columns[k] = p.columns.get(k);
        }
        publisher.send(p.topic, SenmlPayload.encode(p.ids, times, values), columns);
    }

    private void noteLag(long lag) {
        maxLagNanos = Math.max(maxLagNanos, lag);
        intervalLagNanos.accumulateAndGet(lag, Math::max);
    }

    private String startLine(ReplayTiming timing) {
        List<Recording.Row> rows = recording.rows();
        long span = recording.spanMillis();
        String topics = options.pack() > 1
                ? String.format("SenML packs of up to %d readings on %s/{enterprise}/pack", options.pack(), options.topicRoot())
                : "topics " + options.topicRoot() + "/{enterprise}/{source}/{sensor}";
        String pace = options.speed().isMax() ? "as fast as the broker takes them (speed max)"
                : String.format("at %s: %s of recording in %s", options.speed(), Durations.format(Duration.ofMillis(span)),
                        Durations.format(Duration.ofNanos(ReplayTiming.wallNanos(span, options.speed())).withNanos(0)));
        String times = options.shiftToNow()
                ? String.format("event times shifted %s so that the first row is now", ReplayStats.shift(timing.shiftMillis()))
                : "event times as recorded";
        return String.format("replaying %s: %d rows (lines %d-%d), %d readings of %d sensors, %s %s .. %s -> %s as %s, %s, QoS %d, %s; %s",
                recording.name(), rows.size(), rows.get(0).line(), rows.get(rows.size() - 1).line(), recording.readings(),
                recording.columns().size(), "recorded", Instant.ofEpochMilli(rows.get(0).recordedMillis()),
                Instant.ofEpochMilli(rows.get(rows.size() - 1).recordedMillis()), options.mqttUrl(), options.clientId(), topics,
                options.qos(), pace, times);
    }

    /** The progress line of the interval since the previous one. */
    String progressLine() {
        long now = clock.nanoTime();
        long pub = publisher.published();
        double secs = (now - lastProgressNanos) / 1e9;
        double rate = secs > 0 ? (pub - lastProgressPublished) / secs : 0;
        lastProgressNanos = now;
        lastProgressPublished = pub;
        int done = rowsDone;
        List<Recording.Row> rows = recording.rows();
        long first = rows.get(0).recordedMillis();
        StringBuilder sb = new StringBuilder(String.format("replayed %d of %d rows", done, rows.size()));
        if (done > 0) {
            sb.append(String.format(" (to line %d, +%s of %s recorded)", lineDone,
                    Durations.format(Duration.ofMillis(recordedDone - first)), Durations.format(Duration.ofMillis(recording.spanMillis()))));
        }
        sb.append(options.pack() > 1
                ? String.format(", published %d readings in %d messages (%.1f readings/s over the last %.1f s)", pub, publisher.messages(), rate, secs)
                : String.format(", published %d readings (%.1f/s over the last %.1f s)", pub, rate, secs));
        sb.append(String.format(", failed %d, in flight %d", publisher.failed(), publisher.inFlight()));
        long lag = intervalLagNanos.getAndSet(0);
        if (options.speed().isMax()) {
            double wall = (now - startNanos) / 1e9;
            if (done > 0 && wall > 0) {
                sb.append(String.format(", %.1fx real time (speed max)", (recordedDone - first) / 1e3 / wall));
            }
        } else if (lag >= REPORT_LAG_NANOS) {
            sb.append(String.format(", behind schedule by up to %.1f s", lag / 1e9));
        } else {
            sb.append(", on schedule");
        }
        publisher.appendState(sb);
        return sb.toString();
    }

    /** Asks {@link #run()} to finish; safe from any thread, returns at once. */
    public void stop() {
        publisher.stop();
    }

    public long publishedCount() {
        return publisher.published();
    }

    /** Disconnects and releases the client; idempotent. */
    @Override
    public void close() {
        publisher.close();
    }


}
