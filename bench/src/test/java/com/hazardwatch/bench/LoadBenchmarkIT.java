package com.hazardwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of bench load on the local Mosquitto, short and slow, so the benchmark cannot rot: every reading
 * published is drained, none failed, the rate is met. It checks what was done, and that a low rate is met, never how
 * fast the machine is.
 */
@ExtendWith(ServicesExtension.class)
class LoadBenchmarkIT {
    @Test
    void aShortPackedRunOverTwoConnectionsDrainsEveryReadingPublished(Services services, @TempDir Path out) throws Exception {
        Catalogue demo = CatalogueLoader.load(RepoFiles.demoCatalogue());
        LoadBenchmark.Options o = LoadBenchmark.Options.parse(List.of("--rate", "1000", "--for", "4s", "--pack", "20",
                "--connections", "2", "--report-every", "1s", "--mqtt", services.mqttUrl(), "--out", out.toString()));
        List<String> lines = new ArrayList<>();
        LoadBenchmark.Result r = LoadBenchmark.execute(demo, o, "bench load (test)", lines::add);

        assertTrue(r.passed(), r.problems() + "\n" + String.join("\n", lines));
        assertEquals(r.published(), r.drainedReadings(), "drained == published");
        assertEquals(0, r.failed());
        assertTrue(r.ratio() >= 0.95, "achieved / target " + r.ratio());
        assertTrue(r.published() >= 3_800, "about 4,000 readings: " + r.published());
        assertTrue(r.messages() < r.published(), "packed: fewer messages than readings");
        assertTrue(r.simulatorCpuPercent() > 0, "the simulator's CPU is measured");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("+") && l.contains("readings/s")), "progress lines:\n" + String.join("\n", lines));

        JsonNode json = Json.mapper().readTree(out.resolve("load-latest.json").toFile());
        assertEquals("load", json.path("benchmark").asText());
        assertTrue(json.path("checks").path("passed").asBoolean());
        assertEquals(r.published(), json.path("result").path("drainedReadings").asLong());
        assertEquals(2, json.path("config").path("connections").asInt());
        assertTrue(json.has("machine"));
        assertTrue(Files.readString(out.resolve("load-latest.md")).contains("| 1,000 |"));
    }

    @Test
    void oneReadingPerMessageIsDrainedToo(Services services, @TempDir Path out) throws Exception {
        Catalogue demo = CatalogueLoader.load(RepoFiles.demoCatalogue());
        LoadBenchmark.Options o = LoadBenchmark.Options.parse(List.of("--rate", "500", "--for", "3s", "--pack", "1", "--qos", "1",
                "--mqtt", services.mqttUrl(), "--out", out.toString()));
        LoadBenchmark.Result r = LoadBenchmark.execute(demo, o, "bench load (test)", line -> { });
        assertTrue(r.passed(), r.problems().toString());
        assertEquals(r.published(), r.drainedReadings());
        assertEquals(r.published(), r.messages(), "one reading per message");
        assertTrue(r.ratio() >= 0.95, "achieved / target " + r.ratio());
    }
}
