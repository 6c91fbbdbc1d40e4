package com.hazardwatch.connectors.kafka;

import com.hazardwatch.testsupport.TestCatalogues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.CatalogueJson;
import com.hazardwatch.model.catalogue.Sensor;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class CatalogueTopicTest {
    private static final Sensor LT101 = TestCatalogues.threeSensors().sensor("E01-LT101").orElseThrow();

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("hw.catalogue", 0, 7L, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void aRecordHoldsTheEntryOfItsKey() {
        CatalogueEntry e = CatalogueEntry.of(LT101, 42);
        assertEquals(e, CatalogueTopic.decode(record("E01-LT101", CatalogueJson.entryToJson(e))));
        CatalogueEntry removal = CatalogueEntry.removal("E01-LT101", "E01", 43);
        assertEquals(removal, CatalogueTopic.decode(record("E01-LT101", CatalogueJson.entryToJson(removal))));
    }

    @Test
    void recordsThatAreNotEntriesSayWhy() {
        byte[] entry = CatalogueJson.entryToJson(CatalogueEntry.of(LT101, 42));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogueTopic.decode(record("E01-TT101", entry)))
                .getMessage().contains("key \"E01-TT101\" is not the entry's sensorId \"E01-LT101\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogueTopic.decode(record(null, entry)))
                .getMessage().contains("key (none)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogueTopic.decode(record("E01-LT101", null)))
                .getMessage().contains("no value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CatalogueTopic.decode(record("E01-LT101", "{\"sensorId\":".getBytes(StandardCharsets.UTF_8))))
                .getMessage().contains("not JSON"));
        assertEquals(null, CatalogueTopic.decodeOrReport(record("E01-LT101", "[]".getBytes(StandardCharsets.UTF_8))),
                "reported and skipped, not thrown");
    }

    @Test
    void onlyAHigherRevisionReplaces() {
        CatalogueEntry r5 = CatalogueEntry.of(LT101, 5);
        assertTrue(CatalogueTopic.replaces(r5, null));
        assertTrue(CatalogueTopic.replaces(CatalogueEntry.removal("E01-LT101", "E01", 6), r5));
        assertFalse(CatalogueTopic.replaces(CatalogueEntry.removal("E01-LT101", "E01", 5), r5), "the same revision does not");
        assertFalse(CatalogueTopic.replaces(CatalogueEntry.of(LT101, 4), r5));
    }
}
