package com.hazardwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.bench.e2e.E2eOptions;
import com.hazardwatch.bench.e2e.E2eReport;
import com.hazardwatch.bench.e2e.LatencyStats;
import com.hazardwatch.bench.e2e.StepResult;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke run of bench e2e on the real services, tiny so that it takes seconds: one step of 500 readings/s for 5 s on
 * the demo catalogue, the load generator in its own JVM, packed. Checks that the harness measures what it says; it
 * asserts no timing target (benchmarks print figures, tests never assert timings).
 */
@ExtendWith(ServicesExtension.class)
class E2eBenchmarkIT {

    @Test
    void oneTinyStepMeasuresEveryInjectedAlarmAndCountsEveryReading(Services services, @TempDir Path out) throws Exception {
        Settings settings = services.isolatedSettings("e2e-bench");
        Catalogue demo = CatalogueLoader.load(RepoFiles.demoCatalogue());
        E2eOptions o = E2eOptions.builder()
                .rates(List.of(500))
                .stepDuration(Duration.ofSeconds(5))
                .warmup(Duration.ofSeconds(2))
                .pack(10)
                .sensors(demo.sensorCount())
                .injectEvery(Duration.ofSeconds(1))
                .drainTimeout(Duration.ofSeconds(60))
                .progressEvery(Duration.ofSeconds(2))
                .outDir(out)
                .build();

        E2eReport report = E2eBenchmark.execute(settings, demo, o, "E2eBenchmarkIT", System.out::println);

        assertEquals(1, report.steps().size(), "one rate, one step");
        StepResult r = report.steps().get(0);
        assertNull(r.error, "the step ran without error");
        assertTrue(r.injected >= 5, "about two readings injected per second of the window, got " + r.injected);
        assertEquals(0, r.alarmsMissing, "every injected alarm arrived on the alarm topic");
        assertEquals(r.injected, r.alarmsSeen);
        assertEquals(0, r.otherAlarms, "the load's normal traffic raises no alarm");
        assertOrdered("alarm latency", r.alarmLatency, r.injected);
        assertEquals(0, r.influxMissing, "every sampled injected reading became queryable in InfluxDB");
        assertOrdered("InfluxDB latency", r.influxLatency, r.influxSampled);

        assertTrue(r.loadPublished > 0, "the load generator published");
        // expected counts what the broker acknowledged (load and injector): exactly that must be stored
        assertEquals(r.loadPublished + r.injectedAcked, r.expectedReadings);
        assertEquals(r.expectedReadings, r.storedReadings, "InfluxDB holds exactly the readings published in this run");
        assertEquals(0, r.deadLetters, "nothing was rejected");
        assertTrue(r.offeredRate > 0 && r.achievedRate > 0 && r.messageRate > 0);

        for (Path p : List.of(report.jsonFile, report.markdownFile, report.pngFile, out.resolve("e2e-latest.json"),
                out.resolve("e2e-latest.md"), out.resolve("e2e-latest.png"))) {
            assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, p + " written");
        }
        assertNotNull(ImageIO.read(report.pngFile.toFile()), "the plot is a readable PNG");
        JsonNode json = Json.mapper().readTree(report.jsonFile.toFile());
        assertEquals(1, json.get("steps").size());
        assertTrue(json.has("machine"));
        String md = Files.readString(report.markdownFile);
        assertTrue(md.contains("| 500 |"), md);
    }

    private static void assertOrdered(String what, LatencyStats l, int expected) {
        assertEquals(expected, l.count(), what + ": one sample per injected reading");
        assertTrue(l.p50() >= 0, what + " p50 " + l.p50() + " is not negative");
        assertTrue(l.p50() <= l.p99() && l.p99() <= l.max(), what + ": p50 <= p99 <= max, got " + l);
    }
}
