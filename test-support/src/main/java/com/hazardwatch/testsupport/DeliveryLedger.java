package com.hazardwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What of a known set of published readings reached a Kafka readings topic: read from the topic's beginning until
 * every published id is there or the timeout passes. At-least-once delivery may store a reading twice, so the verdict
 * is on distinct ids ({@code lost} must be 0) and {@code duplicates} (records beyond the first of an id) is reported.
 */
public final class DeliveryLedger {
    private DeliveryLedger() {}

    /**
     * Figures of one fault test. {@code stored}: distinct readings on the topic; {@code records}: all of them;
     * {@code lost}: published and not stored (some ids in {@code lostSample}).
     */
    public record Report(String name, int published, int stored, long records, int lost, long duplicates, List<String> lostSample) {
        /** The fixed one-line summary: {@code FAULT name: published=N stored=N lost=N duplicates=N}. */
        public String line() {
            return "FAULT " + name + ": published=" + published + " stored=" + stored + " lost=" + lost + " duplicates=" + duplicates;
        }
    }

    /**
     * Reads topic until it holds every id of published (a snapshot is taken now) and a poll brings nothing more, or
     * until timeout; then counts.
     */
    public static Report await(String name, String bootstrap, String topic, Set<String> published, Duration timeout) {
        Set<String> expected = Set.copyOf(published);
        Set<String> seen = new HashSet<>();
        Set<String> missing = new HashSet<>(expected);
        long[] records = {0, -1}; // read so far, read at the previous poll
        KafkaProbe.consume(bootstrap, topic, r -> {
            JsonNode v = TestJson.json(r.value());
            String id = ReadingStream.id(v.get("sensor").asText(), v.get("ts").asLong());
            records[0]++;
            seen.add(id);
            missing.remove(id);
        }, () -> {
            // all there, and a poll brought nothing more: the topic is read to its end, late duplicates included
            boolean done = missing.isEmpty() && records[0] == records[1];
            records[1] = records[0];
            return done;
        }, timeout);
        List<String> sample = new ArrayList<>(missing).subList(0, Math.min(10, missing.size()));
        return new Report(name, expected.size(), seen.size(), records[0], missing.size(), records[0] - seen.size(), List.copyOf(sample));
    }
}
