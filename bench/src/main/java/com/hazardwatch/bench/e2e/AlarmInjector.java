package com.hazardwatch.bench.e2e;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.simulators.ReadingPayload;
import com.hazardwatch.simulators.SensorModel;
import com.hazardwatch.simulators.TrafficPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Injects alarm-triggering readings at known times: every period one reading of the dedicated sensor at or above HH
 * (raises a HIGH_HIGH alarm), half a period later one back at its operating point (clears it). Each is a single
 * reading in its own MQTT message, QoS 1, with {@code ts} = the wall clock when it is published (strictly
 * increasing), so that alarm latency = arrival on hw.alarms - ts.
 */
public final class AlarmInjector implements AutoCloseable {
    /** One injected reading. */
    public record Injected(long ts, boolean raise, double value) {}

    private final Sensor sensor;
    private final String topic;
    private final double raiseValue;
    private final double clearValue;
    private final Duration every;
    private final MqttAsyncClient client;
    private final List<Injected> injected = new ArrayList<>();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;
    private volatile java.util.function.Consumer<Injected> listener = i -> {};
    private Thread thread;
    private long lastTs;

    public AlarmInjector(String mqttUrl, String topicRoot, String clientId, Sensor sensor, Duration every) throws MqttException {
        Limits l = sensor.limits();
        if (l == null || l.hh() == null || l.h() == null) {
            throw new IllegalArgumentException("sensor " + sensor.id() + " has no H and HH limits to cross");
        }
        this.sensor = sensor;
        this.topic = TrafficPlan.topic(topicRoot, sensor);
        double max = sensor.range().max();
        this.raiseValue = max > l.hh() ? l.hh() + (max - l.hh()) / 2 : l.hh();
        this.clearValue = SensorModel.create(sensor, 1).operatingPoint();
        this.every = every;
        this.client = new MqttAsyncClient(mqttUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        client.connect(o).waitForCompletion(15_000);
    }

    /** A sensor of the catalogue the injector can drive: the first with both H and HH. */
    public static Sensor pickSensor(List<Sensor> sensors) {
        return sensors.stream()
                .filter(s -> s.limits() != null && s.limits().h() != null && s.limits().hh() != null
                        && s.range().max() >= s.limits().hh())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the catalogue has no sensor with H and HH limits to inject alarms on"));
    }

    public Sensor sensor() {
        return sensor;
    }

    /** Told of each injected reading just before it is published. */
    public void onInject(java.util.function.Consumer<Injected> l) {
        this.listener = l;
    }

    /** Starts injecting on its own thread, the first raise at once. */
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "e2e-injector");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long period = every.toNanos();
        long next = System.nanoTime();
        boolean raise = true;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            publish(raise);
            raise = !raise;
            next += period / 2;
        }
    }

    private void publish(boolean raise) {
        long ts = Math.max(System.currentTimeMillis(), lastTs + 1);
        lastTs = ts;
        double v = raise ? raiseValue : clearValue;
        Injected in = new Injected(ts, raise, v);
        synchronized (injected) {
            injected.add(in);
        }
        listener.accept(in);
        try {
            client.publish(topic, ReadingPayload.encode(sensor.id(), ts, v), 1, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    acked.incrementAndGet();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failed.incrementAndGet();
                }
            });
        } catch (MqttException e) {
            failed.incrementAndGet();
        }
    }

    /** Stops injecting (after the clear that follows a raise, so the sensor is left without an alarm) and waits. */
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5000);
        }
        synchronized (injected) {
            if (!injected.isEmpty() && injected.get(injected.size() - 1).raise()) {
                publish(false);
            }
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (acked.get() + failed.get() < injectedCount() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    public List<Injected> injected() {
        synchronized (injected) {
            return List.copyOf(injected);
        }
    }

    public int injectedCount() {
        synchronized (injected) {
            return injected.size();
        }
    }

    /** Injected readings the broker acknowledged. */
    public long acked() {
        return acked.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(3000);
            }
            client.close();
        } catch (MqttException ignored) {
            // closing anyway
        }
    }
}
