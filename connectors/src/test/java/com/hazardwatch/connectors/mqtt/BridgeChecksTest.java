package com.hazardwatch.connectors.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeChecksTest {
    private static final long NOW = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    private final BridgeChecks checks = new BridgeChecks(100, Duration.ofDays(7), Duration.ofMinutes(5), 3);

    private static Reading reading(String sensor, long ts, double value) {
        return new Reading(sensor, "E01", "E01-S1", "level", ts, value, Quality.GOOD, NOW);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Settings s = Settings.of(Map.of());
        assertEquals(262_144, s.get(HwOptions.MQTT_MAX_PAYLOAD_BYTES));
        assertEquals(Duration.ofDays(7), s.get(HwOptions.BRIDGE_MAX_AGE));
        BridgeChecks d = BridgeChecks.of(s);
        assertNull(d.size(new byte[262_144]));
        RejectedInputException e = d.size(new byte[262_145]);
        assertEquals(RejectReason.PAYLOAD_TOO_LARGE, e.reason());
        assertEquals("payload is 262145 bytes, more than the 262144 accepted (mqtt.max-payload-bytes); not parsed", e.getMessage());
    }

    @Test
    void payloadOverTheLimitIsTooLarge() {
        assertNull(checks.size(new byte[100]));
        assertNull(checks.size(new byte[0]));
        assertNull(checks.size(null));
        RejectedInputException e = checks.size(new byte[101]);
        assertEquals(RejectReason.PAYLOAD_TOO_LARGE, e.reason());
        assertEquals("payload is 101 bytes, more than the 100 accepted (mqtt.max-payload-bytes); not parsed", e.getMessage());
    }

    @Test
    void readingOlderThanMaxAgeIsTooOld() {
        long edge = NOW - Duration.ofDays(7).toMillis();
        assertNull(checks.check(reading("A", edge, 1), NOW));
        RejectedInputException e = checks.check(reading("B", edge - 1000, 1), NOW);
        assertEquals(RejectReason.TOO_OLD, e.reason());
        assertEquals("sensor 'B': ts 2026-11-15T09:59:59Z is 604801 s behind the bridge's clock (at most 604800 s accepted, "
                + "bridge.max-age)", e.getMessage());
        RejectedInputException epoch = checks.check(reading("B", 1000, 1), NOW);
        assertEquals(RejectReason.TOO_OLD, epoch.reason());
    }

    @Test
    void readingFurtherAheadThanMaxFutureIsFutureTimestamp() {
        assertNull(checks.check(reading("A", NOW + 300_000, 1), NOW));
        RejectedInputException e = checks.check(reading("B", NOW + 301_000, 1), NOW);
        assertEquals(RejectReason.FUTURE_TIMESTAMP, e.reason());
        assertEquals("sensor 'B': ts 2026-11-22T10:05:01Z is 301 s ahead of the bridge's clock (at most 300 s accepted, "
                + "job.max-future)", e.getMessage());
    }

    @Test
    void sameTsAndValueAsTheLastForwardedIsDuplicate() {
        assertNull(checks.check(reading("A", NOW, 1.5), NOW));
        RejectedInputException e = checks.check(reading("A", NOW, 1.5), NOW);
        assertEquals(RejectReason.DUPLICATE, e.reason());
        assertEquals("sensor 'A': same ts 2026-11-22T10:00:00Z and value 1.5 as its last reading forwarded", e.getMessage());
        assertNull(checks.check(reading("B", NOW, 1.5), NOW), "another sensor");
        assertNull(checks.check(reading("A", NOW, 1.6), NOW), "same ts, another value");
        assertNull(checks.check(reading("A", NOW + 1, 1.6), NOW), "same value, another ts");
        assertNull(checks.check(reading("A", NOW, 1.5), NOW), "only the last reading counts, not the one before");
    }

    @Test
    void rejectedReadingsAreNotRemembered() {
        assertNull(checks.check(reading("A", NOW, 1), NOW));
        assertEquals(RejectReason.TOO_OLD, checks.check(reading("A", 1000, 2), NOW).reason());
        assertEquals(RejectReason.DUPLICATE, checks.check(reading("A", NOW, 1), NOW).reason());
    }

    @Test
    void theLastReadingsAreBoundedLeastRecentlySeenForgottenFirst() {
        assertNull(checks.check(reading("A", NOW, 1), NOW));
        assertNull(checks.check(reading("B", NOW, 1), NOW));
        assertNull(checks.check(reading("C", NOW, 1), NOW));
        assertEquals(RejectReason.DUPLICATE, checks.check(reading("A", NOW, 1), NOW).reason()); // A seen again
        assertNull(checks.check(reading("D", NOW, 1), NOW)); // B forgotten
        assertEquals(3, checks.remembered());
        assertNull(checks.check(reading("B", NOW, 1), NOW));
        assertEquals(RejectReason.DUPLICATE, checks.check(reading("A", NOW, 1), NOW).reason());
    }

    @Test
    void aReadingKafkaRefusedIsForgottenUnlessALaterOneTookItsPlace() {
        assertNull(checks.check(reading("A", NOW, 1), NOW));
        checks.forget(reading("A", NOW, 1)); // Kafka refused it
        assertNull(checks.check(reading("A", NOW, 1), NOW), "delivered again, it is no duplicate of itself");
        assertNull(checks.check(reading("A", NOW + 1, 2), NOW));
        checks.forget(reading("A", NOW, 1)); // refused, but a later reading of A is the last one now
        assertEquals(RejectReason.DUPLICATE, checks.check(reading("A", NOW + 1, 2), NOW).reason());
    }
}
