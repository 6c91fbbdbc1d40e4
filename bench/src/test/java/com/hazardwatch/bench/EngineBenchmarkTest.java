package com.hazardwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.bench.engine.ReadingData;
import com.hazardwatch.bench.engine.ReadingGenerator;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.model.json.ReadingCodec;
import com.hazardwatch.simulators.CatalogueScaler;
import com.hazardwatch.testsupport.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of bench engine at tiny sizes, so the benchmark cannot rot. It checks what was done (every reading
 * accounted for in every mode, the engine and the reference emitting the same alarm transitions, dead letters and risk
 * changes), never how fast.
 */
class EngineBenchmarkTest {
    static final int SENSORS = 200;
    static final int READINGS = 20_000;

    @Test
    void smokeRunProcessesEveryReadingAndMatchesTheReference(@TempDir Path out) throws Exception {
        int exit = EngineBenchmark.run(List.of("--sensors", "" + SENSORS, "--readings", "" + READINGS, "--warmup", "0",
                "--reps", "1", "--parallelism", "1,2", "--catalogue", RepoFiles.demoCatalogue().toString(), "--out", out.toString()));
        assertEquals(0, exit, "bench engine exit code");

        JsonNode result = Json.mapper().readTree(out.resolve("engine-latest.json").toFile());
        assertTrue(Files.exists(out.resolve("engine-latest.md")));
        assertEquals("engine", result.path("benchmark").asText());
        assertTrue(result.path("checks").path("passed").asBoolean(), result.path("checks").toString());
        assertEquals(READINGS, result.path("config").path("readings").asLong());
        assertFalse(result.path("config").path("checkpointing").asBoolean());
        assertTrue(result.path("config").path("objectReuse").asBoolean(), "production settings: object reuse, as defineWorkflow sets");
        for (String field : List.of("machine", "data", "target")) {
            assertTrue(result.has(field), "result has " + field);
        }
        assertTrue(result.path("target").has("met"));
        assertEquals(2, result.path("target").path("parallelism").asInt());

        Map<String, JsonNode> modes = new HashMap<>();
        for (JsonNode m : result.path("modes")) {
            modes.put(m.path("label").asText(), m);
        }
        assertEquals(Set.of("parse-only", "reference", "engine p=1", "engine p=2"), modes.keySet());

        JsonNode reference = run(modes.get("reference"));
        long alarms = reference.path("alarmEvents").asLong();
        long area = reference.path("areaAlarmEvents").asLong();
        long deadLetters = reference.path("deadLetters").asLong();
        long riskLevels = reference.path("riskLevelsNotBlueAtEnd").asLong();
        assertTrue(alarms > 0, "the readings cross limits: some alarms are raised");
        assertTrue(area > 0, "gas detectors of one source in alarm together: the correlation raises AREA");
        assertTrue(reference.path("riskChanges").asLong() > 0, "standing alarms move some risk levels");
        assertTrue(riskLevels > 0, "some alarms stand at the end: some risk levels are not blue");
        assertTrue(deadLetters > 0, "the readings include some that are dead letters");

        for (JsonNode m : modes.values()) {
            String label = m.path("label").asText();
            for (String field : List.of("readingsPerSecond", "ratioToReference", "ratioToParseOnly", "runs")) {
                assertTrue(m.has(field), label + " has " + field);
            }
            for (String field : List.of("min", "median", "max")) {
                assertTrue(m.path("readingsPerSecond").path(field).asDouble() > 0, label + " " + field);
            }
            JsonNode r = run(m);
            assertEquals(READINGS, r.path("readingsFed").asLong());
            assertEquals(READINGS, r.path("readingsAccounted").asLong(), label + " accounted for every reading");
            if (m.path("mode").asText().equals("parse-only")) {
                continue;
            }
            assertEquals(deadLetters, r.path("deadLetters").asLong(), label + ": same dead letters");
            assertEquals(READINGS - deadLetters, r.path("readingLines").asLong(), label + ": one line per accepted reading");
            assertEquals(alarms - area, r.path("alarmEvents").asLong() - r.path("areaAlarmEvents").asLong(),
                    label + ": same transitions of the sensors' own alarms as the reference");
            if (m.path("parallelism").asInt() == 1) {
                assertEquals(area, r.path("areaAlarmEvents").asLong(), label + ": same AREA transitions as the reference");
            }
            assertEquals(r.path("alarmEvents").asLong(), r.path("alarmLines").asLong(), label + ": one InfluxDB line per alarm transition");
            assertEquals(r.path("riskChanges").asLong(), r.path("riskLines").asLong(), label + ": one InfluxDB line per risk change");
            assertEquals(0, r.path("riskChangeBreaks").asLong(), label + ": every risk change follows the level last reported");
            assertEquals(riskLevels, r.path("riskLevelsNotBlueAtEnd").asLong(), label + ": the same risk map at the end");
            assertEquals(0, r.path("otherLines").asLong(), label + ": no line of another measurement");
        }
        assertTrue(modes.get("engine p=2").has("readingsPerSecondByNetRuntime"));
    }

    @Test
    void generatedReadingsAreDeterministicOrderedPerSensorAndSplitByParallelism() throws Exception {
        Catalogue catalogue = CatalogueScaler.withAtLeast(CatalogueLoader.load(RepoFiles.demoCatalogue()), SENSORS);
        ReadingData a = ReadingGenerator.generate(catalogue, SENSORS, READINGS, 7);
        ReadingData b = ReadingGenerator.generate(catalogue, SENSORS, READINGS, 7);
        assertEquals(READINGS, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Arrays.equals(a.record(i), b.record(i)), "record " + i + " differs between two generations");
        }
        assertNotEquals(new String(a.record(0)), new String(ReadingGenerator.generate(catalogue, SENSORS, SENSORS, 8).record(0)));

        for (int p : List.of(1, 2, 4)) {
            // each of the p equal index ranges a source splits into holds whole sensors, each in time order
            int perSplit = a.size() / p;
            Set<Integer> seen = new HashSet<>();
            Map<String, Integer> splitOfSensor = new HashMap<>();
            Map<String, Long> lastTs = new HashMap<>();
            List<String> problems = new ArrayList<>();
            for (long i = 0; i < a.size(); i++) {
                int d = a.recordFor(i, p);
                assertTrue(seen.add(d), "record " + d + " handed out twice at p=" + p);
                String sensor;
                long ts;
                try {
                    var r = ReadingCodec.fromJson(a.record(d));
                    sensor = r.sensor().startsWith("ZZ-") ? r.sensor().substring(3) : r.sensor();
                    ts = r.ts();
                } catch (Exception e) {
                    continue; // a malformed record
                }
                int split = (int) (i / perSplit);
                Integer before = splitOfSensor.putIfAbsent(sensor, split);
                if (before != null && before != split) {
                    problems.add(sensor + " in splits " + before + " and " + split + " at p=" + p);
                }
                Long last = lastTs.put(sensor, ts);
                if (last != null && last >= ts) {
                    problems.add(sensor + " goes back in time at index " + i + " at p=" + p);
                }
            }
            assertEquals(a.size(), seen.size());
            assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())));
        }
    }

    @Test
    void badOptionsAreRejectedAndHelpWorks() throws Exception {
        assertEquals(0, EngineBenchmark.run(List.of("--help")));
        assertEquals(2, EngineBenchmark.run(List.of("--sensors", "201", "--parallelism", "2")));
        assertEquals(2, EngineBenchmark.run(List.of("--bogus")));
        assertEquals(2, EngineBenchmark.run(List.of("--readings")));
    }

    private static JsonNode run(JsonNode mode) {
        JsonNode runs = mode.path("runs");
        assertEquals(1, runs.size(), mode.path("label").asText() + ": one repetition");
        return runs.get(0);
    }
}
