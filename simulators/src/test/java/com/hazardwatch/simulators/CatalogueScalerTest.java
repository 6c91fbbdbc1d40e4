package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueScalerTest {
    @Test
    void scalesEveryLevelOfTheDemoCatalogue() throws Exception {
        Catalogue base = TestCatalogues.demo();
        Catalogue c = CatalogueScaler.scale(base, 3);
        assertEquals(3 * base.towns().size(), c.towns().size());
        assertEquals(3 * base.enterprises().size(), c.enterprises().size());
        assertEquals(3 * base.sensorCount(), c.sensorCount());
        assertEquals(3 * sourceCount(base), sourceCount(c));
        assertConsistent(c);
    }

    @Test
    void copyZeroKeepsIdsAndLaterCopiesAreSuffixed() throws Exception {
        Catalogue base = TestCatalogues.demo();
        Catalogue c = CatalogueScaler.scale(base, 3);

        Sensor original = base.sensor("E01-LT101").orElseThrow();
        assertEquals(original, c.sensor("E01-LT101").orElseThrow());

        Sensor copy = c.sensor("E01-LT101-C2").orElseThrow();
        assertEquals("E01-C2", copy.enterprise());
        assertEquals("E01-S1-C2", copy.source());
        assertEquals(original.town() + "-C2", copy.town());
        assertEquals(original.kind(), copy.kind());
        assertEquals(original.unit(), copy.unit());
        assertEquals(original.range(), copy.range());
        assertEquals(original.limits(), copy.limits());
        assertEquals(original.deadband(), copy.deadband());
        assertEquals(original.sourceGrade(), copy.sourceGrade());

        Enterprise e = c.enterprise("E01-C2").orElseThrow();
        assertEquals(base.enterprise("E01").orElseThrow().town() + "-C2", e.town());
        assertTrue(e.sources().stream().anyMatch(s -> s.id().equals("E01-S1-C2")));
        assertTrue(c.towns().stream().anyMatch(t -> t.id().equals("T01-C2")));
        assertTrue(c.sensor("E01-LT101-C3").isEmpty(), "copies are numbered 0..copies-1");
        assertEquals("E01-LT101-C1", CatalogueScaler.id("E01-LT101", 1));
        assertEquals("E01-LT101", CatalogueScaler.id("E01-LT101", 0));
    }

    @Test
    void oneCopyIsTheBase() throws Exception {
        Catalogue base = TestCatalogues.demo();
        Catalogue c = CatalogueScaler.scale(base, 1);
        assertEquals(base.name(), c.name());
        assertEquals(base.towns(), c.towns());
        assertEquals(base.enterprises(), c.enterprises());
        assertEquals(base.sensors(), c.sensors());
    }

    @Test
    void withAtLeastTakesTheFewestCopies() throws Exception {
        Catalogue base = TestCatalogues.demo();
        int per = base.sensorCount();
        Catalogue c = CatalogueScaler.withAtLeast(base, 10_000);
        assertTrue(c.sensorCount() >= 10_000);
        assertTrue(c.sensorCount() - per < 10_000, "one copy fewer would not do");
        assertEquals(0, c.sensorCount() % per);
        assertConsistent(c);

        assertEquals(per, CatalogueScaler.withAtLeast(base, 1).sensorCount());
        assertEquals(per, CatalogueScaler.withAtLeast(base, per).sensorCount());
        assertEquals(2 * per, CatalogueScaler.withAtLeast(base, per + 1).sensorCount());
        assertEquals(per, CatalogueScaler.withAtLeast(base, 0).sensorCount());
    }

    @Test
    void rejectsNonsense() throws Exception {
        Catalogue base = TestCatalogues.demo();
        assertThrows(IllegalArgumentException.class, () -> CatalogueScaler.scale(base, 0));
        Catalogue empty = new Catalogue("empty", List.of(), List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> CatalogueScaler.withAtLeast(empty, 10));
    }

    @Test
    void scaledIdsAreStillValidIds() throws Exception {
        Catalogue c = CatalogueScaler.scale(TestCatalogues.small(), 12);
        for (Sensor s : c.sensors()) {
            for (String id : List.of(s.id(), s.enterprise(), s.source(), s.town())) {
                assertTrue(CatalogueLoader.ID_PATTERN.matcher(id).matches(), id);
                assertTrue(id.length() <= CatalogueLoader.MAX_ID_LENGTH, id);
            }
        }
        assertConsistent(c);
    }

    /** Unique ids at every level, and every reference points at something of the same copy that exists. */
    private static void assertConsistent(Catalogue c) {
        Set<String> towns = new HashSet<>();
        for (Town t : c.towns()) {
            assertTrue(towns.add(t.id()), "duplicate town " + t.id());
        }
        Set<String> sources = new HashSet<>();
        for (Enterprise e : c.enterprises()) {
            assertTrue(towns.contains(e.town()), e.id() + " names unknown town " + e.town());
            for (Source s : e.sources()) {
                assertTrue(sources.add(s.id()), "duplicate source " + s.id());
            }
        }
        assertEquals(c.enterprises().size(), c.enterprises().stream().map(Enterprise::id).distinct().count());
        for (Sensor s : c.sensors()) {
            Enterprise e = c.enterprise(s.enterprise()).orElseThrow(() -> new AssertionError(s.id() + ": no enterprise " + s.enterprise()));
            assertEquals(e.town(), s.town(), s.id() + ": town differs from its enterprise's");
            assertTrue(e.sources().stream().anyMatch(src -> src.id().equals(s.source())),
                    s.id() + ": source " + s.source() + " is not one of " + e.id() + "'s");
            assertEquals(suffix(s.enterprise()), suffix(s.id()), s.id() + " and its enterprise are of different copies");
        }
    }

    private static String suffix(String id) {
        int i = id.lastIndexOf("-C");
        return i >= 0 && id.substring(i + 2).chars().allMatch(Character::isDigit) && i + 2 < id.length() ? id.substring(i) : "";
    }

    private static int sourceCount(Catalogue c) {
        return c.enterprises().stream().mapToInt(e -> e.sources().size()).sum();
    }
}
