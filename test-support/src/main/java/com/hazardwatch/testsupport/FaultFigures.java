package com.hazardwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a fault-injection test counts after the fault: readings on hw.readings and in InfluxDB by their identity
 * (sensor and ts), alarm transitions by alarm id and transition, and the one line each test prints:
 * {@code FAULT name: published=N stored=N lost=N duplicates=N}.
 */
public final class FaultFigures {
    private FaultFigures() {}

    /** Records read from a topic: how many, and how many distinct. */
    public record Count(long total, long distinct, Set<String> ids) {
        public long duplicates() {
            return total - distinct;
        }
    }

    /** The id sensor@ts of a reading record (the JSON of hw.readings). */
    public static String readingId(String json) {
        JsonNode n = TestJson.json(json);
        return n.get("sensor").asText() + "@" + n.get("ts").asLong();
    }

    /** Reads hw.readings until every expected id is there (or the timeout passes); counts what it read. */
    public static Count readingsOnKafka(String bootstrap, String topic, Set<String> expected, Duration timeout) {
        List<KafkaProbe.Record> records = KafkaProbe.awaitRecords(bootstrap, topic, r -> {
            if (r.size() < expected.size()) {
                return false;
            }
            Set<String> ids = new HashSet<>();
            r.forEach(x -> ids.add(readingId(x.value())));
            return ids.containsAll(expected);
        }, timeout);
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(x -> ids.add(readingId(x.value())));
        return new Count(records.size(), ids.size(), ids);
    }

    /**
     * Points of measurement {@code reading} in the database (InfluxDB keeps one point per series and time, so this is
     * the count of distinct readings), waiting until there are at least {@code expected}.
     */
    public static long storedReadings(String url, String db, long expected, Duration timeout) throws InterruptedException {
        List<Map<String, Object>> rows = InfluxProbe.await(url, db, "SELECT count(value) FROM reading",
                r -> count(r) >= expected, timeout);
        return count(rows);
    }

    private static long count(List<Map<String, Object>> rows) {
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
    }

    /**
     * "alarmId transition ts" of each record of hw.alarms for the sensor whose type starts with typePrefix, in order:
     * the key on which consumers de-duplicate transitions emitted again after a restore (docs/rules.md).
     */
    public static List<String> alarmTransitions(List<KafkaProbe.Record> records, String sensor, String typePrefix) {
        List<String> out = new ArrayList<>();
        for (KafkaProbe.Record r : records) {
            JsonNode n = TestJson.json(r.value());
            if (sensor.equals(n.path("sensor").asText()) && n.path("type").asText().startsWith(typePrefix)) {
                out.add(n.get("alarmId").asText() + " " + n.get("transition").asText() + " " + n.get("ts").asLong());
            }
        }
        return out;
    }

    /**
     * The transitions the alarm lifecycle makes of one sensor's readings against an upper limit when nobody
     * acknowledges: RAISE at the first reading at or above it, CLEAR at the first back below limit - deadband (the
     * alarm stays latched, RTN_UNACK), RETURN under the same id at the next reading at or above it, and so on.
     */
    public static List<String> expectedUnackedTransitions(List<ReadingStream.Sent> sent, String sensor, String idClass,
                                                          double limit, double deadband) {
        List<String> out = new ArrayList<>();
        String id = null;
        boolean active = false;
        for (ReadingStream.Sent r : sent) {
            if (!r.sensor().equals(sensor)) {
                continue;
            }
            if (!active && r.value() >= limit) {
                active = true;
                if (id == null) {
                    id = sensor + ":" + idClass + ":" + r.ts();
                    out.add(id + " RAISE " + r.ts());
                } else {
                    out.add(id + " RETURN " + r.ts());
                }
            } else if (active && r.value() <= limit - deadband) {
                active = false;
                out.add(id + " CLEAR " + r.ts());
            }
        }
        return out;
    }

    /** The first 20 of the expected ids that are not among those seen (an assertion message stays readable). */
    public static Set<String> missing(Set<String> expected, Set<String> seen) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : expected) {
            if (!seen.contains(id) && out.size() < 20) {
                out.add(id);
            }
        }
        return out;
    }

    /** Prints and returns the figures line; lost = published - stored. */
    public static String print(String name, long published, long stored, long duplicates) {
        String line = "FAULT " + name + ": published=" + published + " stored=" + stored + " lost=" + (published - stored)
                + " duplicates=" + duplicates;
        System.out.println(line);
        return line;
    }
}
