package com.hazardwatch.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void defaultsApply() {
        Settings s = Settings.defaults();
        assertEquals("hw.readings", s.get(HwOptions.TOPIC_READINGS));
        assertEquals(10000, s.get(HwOptions.INFLUX_BATCH_SIZE));
        assertEquals(Duration.ofSeconds(10), s.get(HwOptions.JOB_CHECKPOINT_INTERVAL));
    }

    @Test
    void misspeltKeyFailsNamingTheNearestKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(Map.of("kafka.topic.alarm", "x")));
        assertTrue(e.getMessage().contains("kafka.topic.alarm (did you mean kafka.topic.alarms?)"), e.getMessage());
    }

    @Test
    void badValueFailsAtLoadNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(Map.of("influx.batch-size", "lots")));
        assertTrue(e.getMessage().contains("influx.batch-size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("job.checkpoint-interval", "soon")));
    }

    @Test
    void fileThenOverrides(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("hw.properties");
        Files.writeString(f, "influx.database = fromfile\nkafka.group-id = g1\n");
        Settings s = Settings.load(f, Map.of("kafka.group-id", "g2"));
        assertEquals("fromfile", s.get(HwOptions.INFLUX_DATABASE));
        assertEquals("g2", s.get(HwOptions.KAFKA_GROUP));
    }

    @Test
    void shippedPropertiesFileDocumentsEverySetting() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("config/hazardwatch.properties"))) {
            root = root.getParent();
        }
        String text = Files.readString(root.resolve("config/hazardwatch.properties"));
        for (Option<?> o : HwOptions.ALL) {
            assertTrue(text.contains("# " + o.key() + " ="), "config/hazardwatch.properties does not document " + o.key());
        }
        Settings.load(root.resolve("config/hazardwatch.properties"), Map.of()); // and every active line is a known key
    }
}
