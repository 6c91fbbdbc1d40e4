package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Compression;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.RuleSettings;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/** Compression thins only what is stored: the rules see every reading and raise exactly the same alarms. */
class StorageCompressionOperatorTest {
    private static Catalogue catalogue(Sensor s) {
        return new Catalogue("t", List.of(new Town("T01", "t")),
                List.of(new Enterprise("E01", "e", "T01", List.of(new Source("E01-S1", "s", 2)))), List.of(s));
    }

    private record Run(List<String> alarms, List<Reading> accepted, List<Reading> stored) {}

    private static Run run(Sensor s, List<Reading> readings) throws Exception {
        try (var h = new SensorRulesFunctionTest.Harness(catalogue(s))) {
            for (Reading r : readings) {
                h.clock(r.ts());
                h.processElement(r, r.ts());
            }
            List<String> alarms = h.extractOutputValues().stream()
                    .map(e -> e.alarmId() + " " + e.type() + " " + e.transition() + " " + e.ts() + " " + e.value()).toList();
            return new Run(alarms, values(h, SensorRulesFunction.ACCEPTED), values(h, SensorRulesFunction.STORED));
        }
    }

    private static List<Reading> values(SensorRulesFunctionTest.Harness h, org.apache.flink.util.OutputTag<Reading> tag) {
        var q = h.h.getSideOutput(tag);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    /** A tank filling through H and HH and draining again, with noise, one reading a second. */
    private static List<Reading> overfill() {
        Random r = new Random(7);
        List<Reading> out = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double v = 60 + 38 * Math.sin(Math.PI * i / 600.0) + r.nextGaussian() * 0.3;
            out.add(new Reading("E01-LT101", "E01", "E01-S1", "level", 1_000_000L + 1_000L * i, v, Quality.GOOD, 0));
        }
        return out;
    }

    @Test
    void alarmsAreTheSameWithAndWithoutCompressionAndOnlyStorageIsThinned() throws Exception {
        Sensor plain = LimitEvaluatorTest.LEVEL;
        for (Compression.Method m : Compression.Method.values()) {
            Sensor compressed = plain.withRules(RuleSettings.DEFAULTS.withCompression(new Compression(m, 2.0)));
            List<Reading> in = overfill();
            Run without = run(plain, in);
            Run with = run(compressed, in);

            assertFalse(without.alarms().isEmpty(), "the series raises alarms (H, HH, ...): " + without.alarms());
            assertEquals(without.alarms(), with.alarms(), m.code() + ": the rules saw every reading");
            assertEquals(in, with.accepted(), "every reading reaches the rollups");
            assertEquals(in, without.stored(), "without compression every reading is stored");
            assertTrue(with.stored().size() * 4 < in.size(), m.code() + ": stored " + with.stored().size() + " of " + in.size());
            Set<Long> storedAt = with.stored().stream().map(Reading::ts).collect(Collectors.toSet());
            for (String a : with.alarms()) {
                long ts = Long.parseLong(a.split(" ")[3]);
                assertTrue(storedAt.contains(ts), m.code() + ": the reading of alarm transition " + a + " is stored");
            }
            System.out.println("operator, overfill series, " + m.code() + " deviation 2 %: stored " + with.stored().size()
                    + " of " + in.size() + " readings, " + with.alarms().size() + " alarm transitions as without compression");
        }
    }
}
