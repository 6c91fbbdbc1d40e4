package com.hazardwatch.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueError;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.TestCatalogues;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterTest {
    static final String SMALL = """
            name: test roster
            timeZone: Asia/Shanghai
            people:
              - {id: cc1, name: 王伟, mqtt: true, webhook: "http://127.0.0.1:1/x", email: cc1@example.cn}
              - {id: cc2, name: 李娜, mqtt: true}
              - {id: t1, name: 陈浩, email: t1@example.cn}
              - {id: e1, name: 赵杰, mqtt: true}
              - {id: e2, name: 黄平, mqtt: true}
            district:
              - {who: cc1, days: daily, from: "08:00", to: "20:00"}
              - {who: [cc2], days: daily, from: "20:00", to: "08:00"}
            towns:
              T01:
                - {who: t1, days: daily, from: "00:00", to: "00:00"}
            enterprises:
              E01:
                - {who: e1, days: MON-FRI, from: "08:00", to: "17:00"}
                - {who: e2, days: MON-FRI, from: "17:00", to: "08:00"}
                - {who: e2, days: SAT-SUN, from: "08:00", to: "08:00"}
            """;

    static long at(String isoLocal) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(isoLocal), ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
    }

    @Test
    void demoRosterCoversTheDemoCatalogue() throws Exception {
        Catalogue c = CatalogueLoader.load(RepoFiles.demoCatalogue());
        Roster r = Roster.load(RepoFiles.root().resolve("config/roster/demo-roster.yaml"), c);
        assertEquals(List.of(), r.check(c));
        assertEquals(5, r.scopes(Level.TOWN).size());
        assertEquals(c.enterprises().size(), r.scopes(Level.ENTERPRISE).size());
        for (var e : c.enterprises()) {
            assertTrue(!r.onDuty(Level.ENTERPRISE, e.id(), at("2026-11-22T03:00:00")).isEmpty(), e.id());
        }
    }

    @Test
    void whoIsOnDutyFollowsWeeklyAndOvernightShifts() throws Exception {
        Roster r = Roster.parse(SMALL, "test");
        assertEquals(List.of(), r.check(TestCatalogues.threeSensors()));
        // 2026-11-20 is a Friday
        assertEquals("e1", r.onDuty(Level.ENTERPRISE, "E01", at("2026-11-20T09:00:00")).get(0).id());
        assertEquals("e2", r.onDuty(Level.ENTERPRISE, "E01", at("2026-11-20T23:00:00")).get(0).id());
        assertEquals("e2", r.onDuty(Level.ENTERPRISE, "E01", at("2026-11-21T07:59:00")).get(0).id()); // Fri night into Sat
        assertEquals("e2", r.onDuty(Level.ENTERPRISE, "E01", at("2026-11-23T07:00:00")).get(0).id()); // Sun 08:00 + 24 h
        assertEquals("e1", r.onDuty(Level.ENTERPRISE, "E01", at("2026-11-23T08:00:00")).get(0).id()); // Monday
        assertEquals("cc2", r.onDuty(Level.DISTRICT, "anything", at("2026-11-23T02:00:00")).get(0).id());
        assertEquals("cc1", r.onDuty(Level.DISTRICT, Roster.DISTRICT, at("2026-11-23T12:00:00")).get(0).id());
        assertEquals("t1", r.onDuty(Level.TOWN, "T01", at("2026-11-23T12:00:00")).get(0).id());
        assertTrue(r.onDuty(Level.TOWN, "T09", at("2026-11-23T12:00:00")).isEmpty());
    }

    @Test
    void everyErrorOfTheFileIsListedWithItsPlace() {
        String bad = """
                name: bad
                timeZone: Mars/Olympus
                people:
                  - {id: cc1, name: 王伟, mqtt: yes please}
                  - {id: cc1, name: 重复, mqtt: true}
                  - {id: "bad id", mqtt: true}
                  - {id: nochannel, name: 无渠道}
                  - {id: w, webhook: "ftp://x", email: "not-an-address"}
                district:
                  - {who: [cc1, ccl], days: MON-FRY, from: "8am", to: 20}
                towns:
                  T01:
                    - {who: cc1, from: "00:00", to: "00:00", shift: night}
                """;
        RosterException e = assertThrows(RosterException.class, () -> Roster.parse(bad, "bad.yaml"));
        String m = e.getMessage();
        assertTrue(m.startsWith("roster bad.yaml has " + e.errors().size() + " errors"), m);
        for (String expected : List.of("roster: timeZone: 'Mars/Olympus' is not a time zone",
                "cc1: mqtt: expected true or false", "cc1: id: duplicate person id",
                "people[2]: id: 'bad id' is not usable", "nochannel: channels: no way to reach this person",
                "w: webhook: 'ftp://x' is not an http:// or https:// URL", "w: email: 'not-an-address' is not an e-mail address",
                "district.shifts[0]: who: unknown person 'ccl'; did you mean \"cc1\"?", "district.shifts[0]: days: 'MON-FRY'",
                "district.shifts[0]: from: '8am' is not a time of day", "district.shifts[0]: to: '20' is not a time of day",
                "towns.T01.shifts[0]: shift: unknown field")) {
            assertTrue(m.contains(expected), "missing <" + expected + "> in\n" + m);
        }
    }

    @Test
    void checkAgainstTheCatalogueNamesUnknownScopesAndGaps() throws Exception {
        Roster r = Roster.parse(SMALL.replace("E01:", "E99:").replace("to: \"08:00\"}\ntowns:\n", "to: \"07:00\"}\ntowns:\n"
                + "  T02:\n    - {who: t1, days: daily, from: \"00:00\", to: \"00:00\"}\n"), "test");
        List<CatalogueError> errors = r.check(TestCatalogues.threeSensors());
        String all = errors.toString();
        assertTrue(all.contains("enterprises.E99: id: enterprise 'E99' is not in catalogue"), all);
        assertTrue(all.contains("towns.T02: id: town 'T02' is not in catalogue"), all);
        assertTrue(all.contains("district: shifts: nobody on duty MON 07:00-MON 08:00, TUE 07:00-TUE 08:00"), all);
        assertTrue(all.contains("enterprises.E01 (澜涛石化仓储有限公司): shifts: nobody is on duty at any time"), all);
        assertEquals(4, errors.size(), all);
        assertEquals(2, r.errors(TestCatalogues.threeSensors()).size(), "unknown scopes: fatal for the service");
        assertEquals(2, r.gaps(TestCatalogues.threeSensors()).size(), "gaps: reported, alarms go to the next level");
        RosterException e = assertThrows(RosterException.class, () -> r.validate(TestCatalogues.threeSensors(), "r.yaml"));
        assertEquals(4, e.errors().size());
    }
}
