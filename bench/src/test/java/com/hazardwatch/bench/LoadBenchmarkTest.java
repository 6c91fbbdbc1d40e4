package com.hazardwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bench load's options (the run itself needs Mosquitto: LoadBenchmarkIT). */
class LoadBenchmarkTest {
    @Test
    void defaultsAreTwentyThousandReadingsASecondForAMinuteInPacksOfFifty() {
        LoadBenchmark.Options o = LoadBenchmark.Options.parse(List.of());
        assertEquals(20_000, o.rate());
        assertEquals(Duration.ofSeconds(60), o.duration());
        assertEquals(50, o.pack());
        assertEquals(1, o.qos());
        assertEquals(1, o.connections());
    }

    @Test
    void optionsAreTakenAndCheckedAsTheSimulatorChecksThem() {
        LoadBenchmark.Options o = LoadBenchmark.Options.parse(List.of("--rate", "5000", "--for", "10s", "--pack", "100", "--qos", "0",
                "--connections", "4"));
        assertEquals(5000, o.rate());
        assertEquals(Duration.ofSeconds(10), o.duration());
        assertEquals(4, o.simulatorOptions("abc").connections());
        assertEquals("hwload/abc", o.simulatorOptions("abc").topicRoot());
        for (List<String> bad : List.of(List.of("--rate", "x"), List.of("--connections", "0"), List.of("--qos", "2"),
                List.of("--pack", "0"), List.of("--for", "0s"), List.of("--what", "1"), List.of("--rate"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadBenchmark.Options.parse(bad), bad.toString());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad.toString());
        }
    }

    @Test
    void usageIsListedByBenchMain() {
        assertTrue(BenchMain.USAGE.contains("load"));
        assertTrue(LoadBenchmark.USAGE.contains("--connections"));
    }
}
