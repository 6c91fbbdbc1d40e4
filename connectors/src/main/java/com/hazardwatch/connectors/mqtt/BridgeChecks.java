package com.hazardwatch.connectors.mqtt;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bridge's own checks, beyond the reading contract ({@link com.hazardwatch.model.json.ReadingCodec}):
 * <ul>
 *   <li>{@link #size}: a message over {@code mqtt.max-payload-bytes} is PAYLOAD_TOO_LARGE, before it is parsed;</li>
 *   <li>{@link #check}: a reading stamped more than {@code bridge.max-age} behind the bridge's clock is TOO_OLD, more
 *       than {@code job.max-future} ahead of it FUTURE_TIMESTAMP (as the job would say, so junk does not reach
 *       Kafka); one with the same ts and value as the last reading forwarded for its sensor is DUPLICATE.</li>
 * </ul>
 * The last forwarded (ts, value) per sensor is kept for at most {@link #DEFAULT_MAX_SENSORS} sensors (the least
 * recently seen is forgotten first). Thread-safe: the bridge's forwarder checks readings, and when Kafka refuses one, the
 * producer's thread {@link #forget forgets} it, so that it is not taken for a duplicate of itself when the broker
 * delivers it again.
 */
public final class BridgeChecks {
    /** Sensors whose last reading is remembered for the duplicate check: above the largest catalogue planned (440,000). */
    public static final int DEFAULT_MAX_SENSORS = 500_000;

    private record Last(long ts, double value) {}

    private final int maxPayloadBytes;
    private final long maxAgeMs;
    private final long maxFutureMs;
    private final Map<String, Last> last;

    public BridgeChecks(int maxPayloadBytes, Duration maxAge, Duration maxFuture, int maxSensors) {
        if (maxPayloadBytes <= 0 || maxSensors <= 0) {
            throw new IllegalArgumentException("mqtt.max-payload-bytes and the sensor bound must be positive");
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxAgeMs = maxAge.toMillis();
        this.maxFutureMs = maxFuture.toMillis();
        this.last = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Last> eldest) {
                return size() > maxSensors;
            }
        };
    }

    public static BridgeChecks of(Settings s) {
        return new BridgeChecks(s.get(HwOptions.MQTT_MAX_PAYLOAD_BYTES), s.get(HwOptions.BRIDGE_MAX_AGE),
                s.get(HwOptions.JOB_MAX_FUTURE), DEFAULT_MAX_SENSORS);
    }

    /** PAYLOAD_TOO_LARGE when the message is over the limit, else null. */
    public RejectedInputException size(byte[] payload) {
        int n = payload == null ? 0 : payload.length;
        if (n <= maxPayloadBytes) {
            return null;
        }
        return new RejectedInputException(RejectReason.PAYLOAD_TOO_LARGE, "payload is " + n + " bytes, more than the "
                + maxPayloadBytes + " accepted (mqtt.max-payload-bytes); not parsed");
    }

    /**
     * TOO_OLD, FUTURE_TIMESTAMP or DUPLICATE for a reading the bridge's clock reads {@code now} for, else null; a
     * reading that passes is remembered as its sensor's last one.
     */
    public synchronized RejectedInputException check(Reading r, long now) {
        if (r.ts() < now - maxAgeMs) {
            return new RejectedInputException(RejectReason.TOO_OLD, "sensor '" + r.sensor() + "': ts " + Instant.ofEpochMilli(r.ts())
                    + " is " + (now - r.ts()) / 1000 + " s behind the bridge's clock (at most " + maxAgeMs / 1000
                    + " s accepted, bridge.max-age)");
        }
        if (r.ts() > now + maxFutureMs) {
            return new RejectedInputException(RejectReason.FUTURE_TIMESTAMP, "sensor '" + r.sensor() + "': ts "
                    + Instant.ofEpochMilli(r.ts()) + " is " + (r.ts() - now) / 1000 + " s ahead of the bridge's clock (at most "
                    + maxFutureMs / 1000 + " s accepted, job.max-future)");
        }
        Last prev = last.get(r.sensor());
        if (prev != null && prev.ts == r.ts() && Double.compare(prev.value, r.value()) == 0) {
            return new RejectedInputException(RejectReason.DUPLICATE, "sensor '" + r.sensor() + "': same ts "
                    + Instant.ofEpochMilli(r.ts()) + " and value " + r.value() + " as its last reading forwarded");
        }
        last.put(r.sensor(), new Last(r.ts(), r.value()));
        return null;
    }

    /** Kafka refused r: if it is still its sensor's last reading, it is forgotten (a later one stays). */
    public synchronized void forget(Reading r) {
        Last held = last.get(r.sensor());
        if (held != null && held.ts == r.ts() && Double.compare(held.value, r.value()) == 0) {
            last.remove(r.sensor());
        }
    }

    /** Sensors whose last reading is held now. */
    public synchronized int remembered() {
        return last.size();
    }
}
