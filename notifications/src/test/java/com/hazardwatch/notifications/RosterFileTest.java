package com.hazardwatch.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.testsupport.TestCatalogues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster file re-read when it changes: a good new version replaces the roster, a bad one is refused and kept out. */
class RosterFileTest {
    static final Catalogue CATALOGUE = TestCatalogues.threeSensors();
    /** Friday 10:00 in Shanghai: e1's weekday day shift. */
    static final long FRIDAY_10 = RosterTest.at("2026-11-20T10:00:00");

    static List<String> enterpriseOnDuty(Roster r) {
        return r.onDuty(Level.ENTERPRISE, "E01", FRIDAY_10).stream().map(Roster.Person::id).toList();
    }

    @Test
    void aChangedFileIsTakenAndABadOneKeepsTheRosterInUse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, RosterTest.SMALL, StandardCharsets.UTF_8);
        RosterFile rf = new RosterFile(file, CATALOGUE);
        Roster first = rf.load();
        assertEquals(List.of("e1"), enterpriseOnDuty(first));
        assertFalse(rf.refresh(), "nothing changed, nothing read");
        assertSame(first, rf.roster());

        // a new version, written as the console writes it: taken, the previous one kept as .bak
        String swapped = RosterTest.SMALL.replace("{who: e1, days: MON-FRI, from: \"08:00\"", "{who: e2, days: MON-FRI, from: \"08:00\"");
        Path bak = RosterFile.write(file, swapped);
        assertEquals(dir.resolve("roster.yaml.bak"), bak);
        assertEquals(RosterTest.SMALL, Files.readString(bak, StandardCharsets.UTF_8));
        assertEquals(swapped, Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(rf.refresh(), "the changed file is read");
        Roster second = rf.roster();
        assertEquals(List.of("e2"), enterpriseOnDuty(second));
        assertNull(rf.problem());

        // a bad file edited in place (unknown person, enterprise not in the catalogue): refused, the roster in use stays
        Files.writeString(file, swapped.replace("{who: e2, days: MON-FRI, from: \"08:00\"", "{who: e9, days: MON-FRI, from: \"08:00\"")
                .replace("  E01:", "  E99:"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 2_000));
        assertFalse(rf.refresh());
        assertSame(second, rf.roster(), "the previous roster stays in use");
        assertNotNull(rf.problem());
        assertTrue(rf.problem().getMessage().contains("unknown person 'e9'"), rf.problem().getMessage());
        assertFalse(rf.refresh(), "the same bad file is not read again");

        Files.writeString(file, swapped.replace("  E01:", "  E99:"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 4_000));
        assertFalse(rf.refresh());
        assertTrue(rf.problem().getMessage().contains("enterprise 'E99' is not in catalogue"), rf.problem().getMessage());
        assertSame(second, rf.roster());

        // not YAML at all
        Files.writeString(file, "people: [", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 6_000));
        assertFalse(rf.refresh());
        assertTrue(rf.problem().getMessage().contains("not valid YAML"), rf.problem().getMessage());
        assertSame(second, rf.roster());

        // fixed again: taken
        RosterFile.write(file, RosterTest.SMALL);
        assertTrue(rf.refresh());
        assertEquals(List.of("e1"), enterpriseOnDuty(rf.roster()));
        assertNull(rf.problem());
    }

    @Test
    void aMissingFileFailsToLoadWithItsName(@TempDir Path dir) {
        RosterFile rf = new RosterFile(dir.resolve("nope.yaml"), CATALOGUE);
        RosterException e = assertThrows(RosterException.class, rf::load);
        assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
        assertNull(rf.roster());
        assertFalse(rf.refresh(), "still missing: nothing new");
    }

    @Test
    void aFixedRosterIsNeverReread() throws Exception {
        Roster r = Roster.parse(RosterTest.SMALL, "test");
        RosterFile rf = RosterFile.fixed(r, CATALOGUE);
        assertFalse(rf.refresh());
        assertSame(r, rf.roster());
    }
}
