package com.hazardwatch.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A steady stream of known readings over MQTT (QoS 1, each acknowledged by the broker) for fault-injection tests: at
 * every tick one reading of each sensor, ts = firstTs + tick * step, value from a function of sensor and tick, so every
 * reading is unique by sensor and ts and what must arrive is known. Runs on a thread of its own until its ticks are
 * done ({@link #finishAt} changes how many) or it is closed; the test meanwhile stops and starts services.
 */
public final class ReadingStream implements AutoCloseable {
    /** The value of a sensor's reading at a tick. */
    public interface Values {
        double at(String sensor, int tick);
    }

    /**
     * Values near a sensor kind's normal (level 50 %, temperature 20 C, pressure 1 MPa, by the id's letters after the
     * enterprise) with some movement, so no flatline; one sensor goes to {@code high} for {@code length} ticks from
     * each tick {@link #at(int)} adds (the test adds them as the fault unfolds).
     */
    public static final class Excursions implements Values {
        private final String sensor;
        private final double high;
        private final int length;
        private final java.util.concurrent.CopyOnWriteArrayList<Integer> starts = new java.util.concurrent.CopyOnWriteArrayList<>();

        public Excursions(String sensor, double high, int length) {
            this.sensor = sensor;
            this.high = high;
            this.length = length;
        }

        /** An excursion from this tick on. */
        public void at(int tick) {
            starts.add(tick);
        }

        @Override
        public double at(String id, int tick) {
            if (id.equals(sensor)) {
                for (int e : starts) {
                    if (tick >= e && tick < e + length) {
                        return high;
                    }
                }
            }
            double wobble = (tick % 7) * 0.1;
            String kind = id.length() > 5 ? id.substring(4, 6) : "";
            return switch (kind) {
                case "LT" -> 50 + wobble;
                case "TT" -> 20 + wobble;
                default -> 1.0 + wobble / 10;
            };
        }
    }

    /** The identity of a reading: sensor and event time. */
    public static String id(String sensor, long ts) {
        return sensor + "@" + ts;
    }

    /** A published reading. */
    public record Sent(String sensor, long ts, double value) {
        public String id() {
            return ReadingStream.id(sensor, ts);
        }
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private final MqttTestClient mqtt;
    private volatile int ticksDone;
    private volatile Throwable failure;
    private volatile boolean stop;
    private volatile int limit;

    private ReadingStream(MqttTestClient mqtt, String topicPrefix, List<String> sensors, long firstTs, long stepMs,
                          Duration period, int ticks, Values values) {
        this.mqtt = mqtt;
        this.limit = ticks;
        this.thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                for (int i = 0; i < limit && !stop; i++) {
                    long due = start + i * period.toNanos();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long ts = firstTs + i * stepMs;
                    for (String sensor : sensors) {
                        double v = values.at(sensor, i);
                        publish(topicPrefix + sensor, TestJson.reading(sensor, ts, v));
                        sent.add(new Sent(sensor, ts, v));
                    }
                    ticksDone = i + 1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
            }
        }, "reading-stream");
        thread.setDaemon(true);
    }

    /**
     * One QoS 1 publish. Paho counts an acknowledged publish out of its in-flight window only after the caller has
     * been told it is complete, so on a loaded machine the next publish can meet a full window (32202) although
     * nothing is outstanding: that publish was refused before it was sent, so sending it again a moment later is safe.
     */
    private void publish(String topic, String payload) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                mqtt.publish(topic, payload);
                return;
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt >= 100) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    /**
     * Starts publishing to topicPrefix + sensor id.
     *
     * @param firstTs the readings' ts at tick 0; later ticks add stepMs each
     * @param period wall-clock time between ticks
     */
    public static ReadingStream start(String mqttUrl, String topicPrefix, List<String> sensors, long firstTs, long stepMs,
                                      Duration period, int ticks, Values values) throws Exception {
        ReadingStream s = new ReadingStream(new MqttTestClient(mqttUrl), topicPrefix, sensors, firstTs, stepMs, period, ticks,
                values);
        s.thread.start();
        return s;
    }

    /** Ends the stream after this many ticks instead (at once if they are already published). */
    public void finishAt(int ticks) {
        limit = ticks;
    }

    /** Ticks whose readings are all published. */
    public int ticksDone() {
        return ticksDone;
    }

    /** Waits until at least n ticks are published. */
    public void awaitTicks(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ticksDone < n) {
            checkFailure();
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the reading stream published " + ticksDone + " ticks, not " + n + ", within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until every tick is published, or fails with the publisher's error. */
    public void awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        checkFailure();
        if (thread.isAlive()) {
            throw new AssertionError("the reading stream did not end within " + timeout + " (" + ticksDone + " ticks published)");
        }
    }

    private void checkFailure() {
        if (failure != null) {
            throw new AssertionError("publishing the reading stream failed after " + ticksDone + " ticks: " + failure, failure);
        }
    }

    /** Every reading published so far, in order. */
    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** The ids (sensor@ts) of every reading published so far. */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (Sent s : sent()) {
            ids.add(s.id());
        }
        return ids;
    }

    @Override
    public void close() throws Exception {
        stop = true;
        thread.join(10_000);
        mqtt.close();
    }
}
