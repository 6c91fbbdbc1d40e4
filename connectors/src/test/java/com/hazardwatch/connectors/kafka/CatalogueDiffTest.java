package com.hazardwatch.connectors.kafka;

import com.hazardwatch.testsupport.TestCatalogues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.CatalogueJson;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Sensor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CatalogueDiffTest {
    private static final long R1 = 1_732_262_400_000L;
    private static final long R2 = R1 + 60_000;

    /** The topic after a push of every sensor of c at revision r, each entry read back from its JSON as a reader would. */
    private static Map<String, CatalogueEntry> pushed(Catalogue c, long r) {
        Map<String, CatalogueEntry> topic = new TreeMap<>();
        for (Sensor s : c.sensors()) {
            topic.put(s.id(), CatalogueJson.entryFromJson(CatalogueJson.entryToJson(CatalogueEntry.of(s, r))));
        }
        return topic;
    }

    @Test
    void firstPushAddsEverySensor() {
        Catalogue c = TestCatalogues.threeSensors();
        CatalogueDiff d = CatalogueDiff.between(Map.of(), c, R1);
        assertEquals("3 added, 0 changed, 0 removed, 0 unchanged", d.counts());
        assertEquals(List.of("E01-LT101 added", "E01-TT101 added", "E01-PT101 added"), d.lines());
        assertEquals(3, d.entries().size());
        assertTrue(d.entries().stream().allMatch(e -> e.revision() == R1 && !e.removed()));
        assertEquals(c.sensor("E01-LT101").orElseThrow(), d.added().get(0).sensor());
    }

    @Test
    void theSameCatalogueAgainChangesNothing() {
        Catalogue c = TestCatalogues.threeSensors();
        CatalogueDiff d = CatalogueDiff.between(pushed(c, R1), c, R2);
        assertTrue(d.isEmpty());
        assertEquals("0 added, 0 changed, 0 removed, 3 unchanged", d.counts());
        assertEquals(List.of(), d.entries());
    }

    @Test
    void aChangedLimitPublishesThatSensorOnlyAndSaysWhatChanged() {
        Catalogue before = TestCatalogues.threeSensors();
        Catalogue after = TestCatalogues.parse(TestCatalogues.THREE_SENSORS.replace("h: 85, hh: 95", "h: 85, hh: 90"));
        CatalogueDiff d = CatalogueDiff.between(pushed(before, R1), after, R2);
        assertEquals("0 added, 1 changed, 0 removed, 2 unchanged", d.counts());
        assertEquals(List.of("E01-LT101 limits.hh 95 -> 90"), d.lines());
        CatalogueEntry e = d.entries().get(0);
        assertEquals("E01-LT101", e.sensorId());
        assertEquals(R2, e.revision());
        assertEquals(90.0, e.sensor().limits().hh());
    }

    @Test
    void everyChangedFieldIsNamedAndUnsetShowsAsDash() {
        Sensor lt = TestCatalogues.threeSensors().sensor("E01-LT101").orElseThrow();
        Sensor changed = new Sensor(lt.id(), "新名字", lt.enterprise(), lt.town(), lt.source(), lt.sourceGrade(), lt.kind(),
                lt.unit(), new com.hazardwatch.model.catalogue.Range(0, 120), new Limits(null, 10.0, 85.0, 95.0), 0.5,
                lt.rules().withOutOfService(true));
        assertEquals(List.of("name \"1号球罐液位\" -> \"新名字\"", "range.max 100 -> 120", "deadband 1 -> 0.5",
                "rules.outOfService - -> true", "limits.ll 5 -> -"), CatalogueDiff.changes(lt, changed));
        assertEquals(List.of(), CatalogueDiff.changes(lt, lt));
        assertTrue(CatalogueDiff.sameDefinition(lt, lt.withLimits(lt.limits())));
        assertFalse(CatalogueDiff.sameDefinition(lt, changed));
    }

    @Test
    void aSensorNoLongerInTheFileGetsARemovalWithItsEnterprise() {
        Catalogue before = TestCatalogues.threeSensors();
        Catalogue after = TestCatalogues.parse(TestCatalogues.THREE_SENSORS.replaceAll("(?m)^.*E01-TT101.*\n", ""));
        CatalogueDiff d = CatalogueDiff.between(pushed(before, R1), after, R2);
        assertEquals("0 added, 0 changed, 1 removed, 2 unchanged", d.counts());
        assertEquals(List.of("E01-TT101 removed"), d.lines());
        CatalogueEntry removal = d.entries().get(0);
        assertTrue(removal.removed());
        assertNull(removal.sensor());
        assertEquals("E01", removal.enterprise());
        assertEquals(R2, removal.revision());
    }

    @Test
    void aRemovedSensorStaysRemovedAndComesBackAsAdded() {
        Catalogue full = TestCatalogues.threeSensors();
        Catalogue without = TestCatalogues.parse(TestCatalogues.THREE_SENSORS.replaceAll("(?m)^.*E01-TT101.*\n", ""));
        Map<String, CatalogueEntry> topic = pushed(full, R1);
        topic.put("E01-TT101", CatalogueEntry.removal("E01-TT101", "E01", R2));

        CatalogueDiff again = CatalogueDiff.between(topic, without, R2 + 1);
        assertTrue(again.isEmpty(), "a sensor removed on the topic is not removed a second time: " + again.lines());
        assertEquals(2, again.unchanged());

        CatalogueDiff back = CatalogueDiff.between(topic, full, R2 + 1);
        assertEquals(List.of("E01-TT101 added"), back.lines());
        assertEquals(full.sensor("E01-TT101").orElseThrow(), back.entries().get(0).sensor());
    }

    @Test
    void addedChangedAndRemovedTogether() {
        Catalogue before = TestCatalogues.threeSensors();
        Catalogue after = TestCatalogues.parse(TestCatalogues.THREE_SENSORS
                .replaceAll("(?m)^.*E01-PT101.*\n", "")
                .replace("limits: {h: 40, hh: 50}}", "limits: {h: 45, hh: 50}}\n"
                        + "          - {id: E01-LT102, name: 2号球罐液位, kind: level, unit: \"%\", range: [0, 100], limits: {h: 85, hh: 95}}"));
        CatalogueDiff d = CatalogueDiff.between(pushed(before, R1), after, R2);
        assertEquals("1 added, 1 changed, 1 removed, 1 unchanged", d.counts());
        assertEquals(List.of("E01-LT102 added", "E01-TT101 limits.h 40 -> 45", "E01-PT101 removed"), d.lines());
        assertEquals(List.of("E01-LT102", "E01-TT101", "E01-PT101"), d.entries().stream().map(CatalogueEntry::sensorId).toList());
    }

    @Test
    void theNextRevisionIsNowUnlessTheTopicIsAhead() {
        Map<String, CatalogueEntry> topic = pushed(TestCatalogues.threeSensors(), R2);
        assertEquals(R2 + 5, CatalogueDiff.nextRevision(topic, R2 + 5));
        assertEquals(R2 + 1, CatalogueDiff.nextRevision(topic, R1), "a clock behind the topic still gives a higher revision");
        assertEquals(R2 + 1, CatalogueDiff.nextRevision(topic, R2), "never the same revision twice");
        assertEquals(R1, CatalogueDiff.nextRevision(Map.of(), R1));
    }
}
