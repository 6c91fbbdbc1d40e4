package com.hazardwatch.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A known stream of QoS 1 readings for the bridge's fault tests, packed and fast (the job's fault tests use
 * {@link ReadingStream}, one reading per sensor and tick with values that raise alarms), published on a thread of its own at a steady rate while the test
 * kills things (its own Paho client, up to 16 publishes under way). Reading i is sensor {@code sensors[i % n]} at {@code firstTs + i} ms, so every reading has its own
 * {@link ReadingStream#id}; {@code perMessage} readings go in one message (a SenML pack when more than one). A reading counts as
 * published once the broker has acknowledged its message (PUBACK), and only then.
 */
public final class PackedReadingStream implements AutoCloseable {
    /** Publishes under way at once (Mosquitto grants 20 by default, max_inflight_messages). */
    private static final int WINDOW = 16;

    private final MqttAsyncClient client;
    private final Semaphore window = new Semaphore(WINDOW);
    private final String topic;
    private final List<String> sensors;
    private final long firstTs;
    private final int perMessage;
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile Thread thread;
    private volatile Exception lastFailure;

    public PackedReadingStream(String mqttUrl, String topic, List<String> sensors, long firstTs, int perMessage) throws Exception {
        if (sensors.isEmpty() || perMessage < 1) {
            throw new IllegalArgumentException("need at least one sensor and one reading per message");
        }
        this.client = new MqttAsyncClient(mqttUrl, "hw-it-stream-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(30_000);
        this.topic = topic;
        this.sensors = List.copyOf(sensors);
        this.firstTs = firstTs;
        this.perMessage = perMessage;
    }

    /**
     * Publishes the next {@code count} readings at about {@code perSecond} on a background thread; returns at once.
     * Numbering continues where the previous run of this stream stopped.
     */
    public synchronized void start(int count, int perSecond) {
        if (thread != null && thread.isAlive()) {
            throw new IllegalStateException("the stream is still publishing");
        }
        int from = next.get();
        Thread t = new Thread(() -> publish(from, from + count, perSecond), "reading-stream");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void publish(int from, int to, int perSecond) {
        long t0 = System.nanoTime();
        for (int i = from; i < to; i += perMessage) {
            int end = Math.min(to, i + perMessage);
            long due = t0 + (long) ((i - from) * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                window.acquire();
                publishOne(payload(i, end), i, end);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                window.release();
                failures.incrementAndGet();
                lastFailure = e;
            }
            next.set(end);
        }
        try {
            window.acquire(WINDOW); // every PUBACK is in
            window.release(WINDOW);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One message of readings [from, to), counted as published on its PUBACK. Paho can refuse a publish right after
     * an earlier one completed, its in-flight slot not yet released ("Too many publishes in progress", 32202): the
     * message was not sent, so it is tried again.
     */
    private void publishOne(String payload, int from, int to) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        MqttActionListener done = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                for (int k = from; k < to; k++) {
                    published.add(ReadingStream.id(sensor(k), firstTs + k));
                }
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failures.incrementAndGet();
                lastFailure = e instanceof Exception ex ? ex : new RuntimeException(e);
                window.release();
            }
        };
        for (int attempt = 0; ; attempt++) {
            try {
                client.publish(topic, m, null, done);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt >= 1000) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    private String sensor(int i) {
        return sensors.get(i % sensors.size());
    }

    private static double value(int i) {
        return 20 + (i % 50) * 0.1;
    }

    private String payload(int from, int to) {
        if (to - from == 1) {
            return TestJson.reading(sensor(from), firstTs + from, value(from));
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(',');
            }
            long ts = firstTs + i;
            b.append(String.format(Locale.ROOT, "{\"n\":\"%s\",\"t\":%d.%03d,\"v\":%.1f}", sensor(i), ts / 1000, ts % 1000, value(i)));
        }
        return b.append(']').toString();
    }

    /** Waits until the current run has published everything (or failed to). */
    public void awaitDone(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(timeout.toMillis());
            if (t.isAlive()) {
                throw new IllegalStateException("the stream did not finish within " + timeout);
            }
        }
    }

    /** Readings the broker acknowledged so far. */
    public int published() {
        return published.size();
    }

    /** Their ids (live view). */
    public Set<String> publishedIds() {
        return published;
    }

    /** Messages whose publication failed (not acknowledged by the broker: not counted as published). */
    public int failures() {
        return failures.get();
    }

    public Exception lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() throws Exception {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(5_000);
        }
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
