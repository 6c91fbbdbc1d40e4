package com.hazardwatch.console.health;

import static com.hazardwatch.console.health.HealthEvents.event;
import static com.hazardwatch.console.health.HealthEvents.raise;
import static com.hazardwatch.console.health.HealthEvents.then;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hazardwatch.console.health.WeeklyDigest.Counts;
import com.hazardwatch.console.health.WeeklyDigest.Due;
import com.hazardwatch.console.health.WeeklyDigest.OpenItem;
import com.hazardwatch.console.health.WeeklyDigest.Pending;
import com.hazardwatch.console.health.WeeklyDigest.Row;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.testsupport.TestCatalogues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyDigestTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Friday 2026-11-20 14:37:30 in Shanghai; the week began Monday 2026-11-16 00:00 local = 2026-11-15T16:00Z. */
    static final Instant NOW = Instant.parse("2026-11-20T06:37:30Z");

    static final Catalogue CATALOGUE = TestCatalogues.parse("""
            name: digest test
            towns:
              - {id: T01, name: 临港镇}
              - {id: T02, name: 江东街道}
            enterprises:
              - id: E01
                name: "澜涛石化仓储, 有限公司"
                town: T01
                sources:
                  - id: E01-S1
                    name: 球罐区
                    grade: 1
                    sensors:
                      - {id: E01-LT101, name: 1号球罐液位, kind: level, unit: "%", range: [0, 100], limits: {h: 85, hh: 95}}
              - id: E02
                name: 东港燃气
                town: T01
                sources:
                  - id: E02-S1
                    name: 储罐区
                    sensors:
                      - {id: E02-LT101, name: 储罐液位, kind: level, unit: "%", range: [0, 100], limits: {h: 85, hh: 95}}
              - id: E03
                name: 江东化工
                town: T02
                sources:
                  - id: E03-S1
                    name: 反应釜
                    sensors:
                      - {id: E03-TT101, name: 釜温, kind: temperature, unit: "C", range: [0, 200], limits: {h: 150, hh: 180}}
              - id: E04
                name: 安静的企业
                town: T02
                sources:
                  - id: E04-S1
                    name: 库房
                    sensors:
                      - {id: E04-TT101, name: 库温, kind: temperature, unit: "C", range: [0, 60], limits: {h: 40, hh: 50}}
            """);

    static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    static List<LifecycleEvent> week() {
        LifecycleEvent p1Fresh = raise("E01-LT101", "HI", AlarmType.HIGH_HIGH, 1, ago(Duration.ofMinutes(5)));
        LifecycleEvent p1Soon = raise("E01-LT102", "HI", AlarmType.HIGH_HIGH, 1, ago(Duration.ofMinutes(8)));
        LifecycleEvent p2Late = raise("E01-LT103", "HI", AlarmType.HIGH, 2, ago(Duration.ofMinutes(40)));
        LifecycleEvent escalated = raise("E01-LT104", "HI", AlarmType.HIGH, 2, ago(Duration.ofHours(2)));
        LifecycleEvent p1Acked = raise("E02-LT101", "HI", AlarmType.HIGH_HIGH, 1, ago(Duration.ofHours(20)));
        LifecycleEvent p3Old = raise("E02-LT102", "HI", AlarmType.HIGH, 3, ago(Duration.ofDays(8)));
        LifecycleEvent monday = raise("E03-TT101", "HI", AlarmType.HIGH, 2, Instant.parse("2026-11-15T16:00:00Z"));
        LifecycleEvent sunday = raise("E03-TT102", "HI", AlarmType.HIGH, 2, Instant.parse("2026-11-15T15:59:59Z"));
        LifecycleEvent shelved = raise("E03-TT103", "HI", AlarmType.HIGH, 2, ago(Duration.ofHours(3)));
        LifecycleEvent latched = raise("E03-TT104", "STALE", AlarmType.STALE, 4, ago(Duration.ofHours(9)));
        LifecycleEvent unknown = raise("E99-PT101", "HI", AlarmType.HIGH, 4, ago(Duration.ofHours(1)));
        return List.of(p3Old,
                then(p3Old, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, AlarmState.ACTIVE_ACK, ago(Duration.ofDays(7))),
                sunday, monday,
                then(monday, AlarmTransition.CLEAR, AlarmState.RTN_UNACK, AlarmState.RTN_UNACK, Instant.parse("2026-11-16T01:00:00Z")),
                then(monday, AlarmTransition.ACK, AlarmState.NORMAL, AlarmState.NORMAL, Instant.parse("2026-11-16T01:05:00Z")),
                then(sunday, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, AlarmState.ACTIVE_ACK, Instant.parse("2026-11-16T01:05:00Z")),
                then(sunday, AlarmTransition.CLEAR, AlarmState.NORMAL, AlarmState.NORMAL, Instant.parse("2026-11-16T02:05:00Z")),
                p1Acked,
                then(p1Acked, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, AlarmState.ACTIVE_ACK, ago(Duration.ofHours(19))),
                latched,
                then(latched, AlarmTransition.CLEAR, AlarmState.RTN_UNACK, AlarmState.RTN_UNACK, ago(Duration.ofHours(7))),
                escalated,
                then(escalated, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, AlarmState.ACTIVE_ACK, ago(Duration.ofMinutes(110))),
                shelved,
                then(shelved, AlarmTransition.SHELVE, AlarmState.SHELVED, AlarmState.ACTIVE_UNACK, ago(Duration.ofMinutes(170))),
                unknown,
                p2Late,
                // the acknowledged HIGH escalates to HIGH_HIGH at priority 1: unacknowledged again, a new clock
                event(escalated.event().alarmId(), "E01-LT104", "E01", AlarmType.HIGH_HIGH, AlarmTransition.ESCALATE,
                        AlarmState.ACTIVE_UNACK, AlarmState.ACTIVE_UNACK, 1, ago(Duration.ofMinutes(1))),
                p1Soon,
                p1Fresh,
                // a rejected command changes nothing
                event(p1Fresh.event().alarmId(), "E01-LT101", "E01", AlarmType.HIGH_HIGH, AlarmTransition.REJECTED,
                        AlarmState.NORMAL, AlarmState.NORMAL, 1, ago(Duration.ofMinutes(1))));
    }

    @Test
    void weekStartsMondayMidnightLocal() {
        WeeklyDigest d = WeeklyDigest.compute(List.of(), NOW, SHANGHAI, CATALOGUE);
        assertEquals(ms("2026-11-15T16:00:00Z"), d.weekStart());
        assertEquals("Asia/Shanghai", d.zone());
        WeeklyDigest monday = WeeklyDigest.compute(List.of(), Instant.parse("2026-11-15T16:00:00Z"), SHANGHAI, CATALOGUE);
        assertEquals(ms("2026-11-15T16:00:00Z"), monday.weekStart());
        WeeklyDigest sunday = WeeklyDigest.compute(List.of(), Instant.parse("2026-11-15T15:59:59Z"), SHANGHAI, CATALOGUE);
        assertEquals(ms("2026-11-08T16:00:00Z"), sunday.weekStart());
    }

    @Test
    void perEnterpriseNewUnacknowledgedAndUnclosedAgainstTheirDeadlines() {
        WeeklyDigest d = WeeklyDigest.compute(week(), NOW, SHANGHAI, CATALOGUE);
        assertEquals(List.of("E01", "E02", "E03", "E99"), d.enterprises().stream().map(Row::enterpriseId).toList(),
                "E04 has nothing to report; E99 is not in the catalogue and comes last");
        assertEquals(new Counts(4, 4, 1, 1, 0, 0, 0), row(d.enterprises(), "E01").counts());
        assertEquals(new Counts(1, 0, 0, 0, 2, 1, 1), row(d.enterprises(), "E02").counts());
        assertEquals(new Counts(3, 1, 0, 1, 0, 0, 0), row(d.enterprises(), "E03").counts());
        assertEquals(new Counts(1, 1, 0, 0, 0, 0, 0), row(d.enterprises(), "E99").counts());
        assertEquals("?", row(d.enterprises(), "E99").townId());
        assertNull(row(d.enterprises(), "E99").enterpriseName());
        assertEquals("东港燃气", row(d.enterprises(), "E02").enterpriseName());
    }

    @Test
    void perTownSumsItsEnterprisesAndCountsThoseDueSoonAndOverdue() {
        WeeklyDigest d = WeeklyDigest.compute(week(), NOW, SHANGHAI, CATALOGUE);
        assertEquals(List.of("T01", "T02", "?"), d.towns().stream().map(Row::townId).toList());
        Row t01 = d.towns().get(0);
        assertEquals("临港镇", t01.townName());
        assertEquals(new Counts(5, 4, 1, 1, 2, 1, 1), t01.counts());
        assertEquals(2, t01.enterprisesDueSoon());
        assertEquals(2, t01.enterprisesOverdue());
        Row t02 = d.towns().get(1);
        assertEquals(new Counts(3, 1, 0, 1, 0, 0, 0), t02.counts());
        assertEquals(0, t02.enterprisesDueSoon());
        assertEquals(1, t02.enterprisesOverdue());
        assertEquals(new Counts(9, 6, 1, 2, 2, 1, 1), d.total());
        assertEquals(2, d.enterprisesDueSoon());
        assertEquals(3, d.enterprisesOverdue());
        assertEquals("本周新增报警9条，未确认6条，未闭环2条；到期预警企业2家，超期预警企业3家。", d.headlineZh());
        assertEquals("This week: 9 new alarms, 6 unacknowledged, 2 not closed; 2 enterprises due soon, 3 overdue.", d.headline());
    }

    @Test
    void openItemsCarryTheirClockAndDeadlineOverdueFirst() {
        WeeklyDigest d = WeeklyDigest.compute(week(), NOW, SHANGHAI, CATALOGUE);
        List<OpenItem> open = d.openItems();
        assertEquals(List.of("E02-LT102", "E03-TT104", "E01-LT103", "E01-LT102", "E01-LT101", "E01-LT104", "E02-LT101",
                "E99-PT101"), open.stream().map(OpenItem::sensor).toList());
        assertEquals(List.of(Due.OVERDUE, Due.OVERDUE, Due.OVERDUE, Due.DUE_SOON, Due.ON_TIME, Due.ON_TIME, Due.DUE_SOON,
                Due.ON_TIME), open.stream().map(OpenItem::due).toList());
        OpenItem closing = open.get(0);
        assertEquals(Pending.CLOSE, closing.pending());
        assertEquals(agoMs(Duration.ofDays(8)), closing.since());
        assertEquals(agoMs(Duration.ofDays(1)), closing.deadline(), "P3 closes within 7 days of its raise");
        OpenItem latched = open.get(1);
        assertEquals(Pending.ACK, latched.pending());
        assertEquals(AlarmState.RTN_UNACK, latched.state());
        assertEquals(agoMs(Duration.ofHours(1)), latched.deadline(), "P4: acknowledged within 8 h of the raise, cleared or not");
        OpenItem escalated = open.get(5);
        assertEquals(1, escalated.priority());
        assertEquals(agoMs(Duration.ofMinutes(1)), escalated.since(), "the escalation needs a new acknowledgement");
        assertEquals(agoMs(Duration.ofMinutes(1)) + Duration.ofMinutes(10).toMillis(), escalated.deadline());
        assertEquals(Due.DUE_SOON, open.get(6).due(), "P1 acknowledged 20 h after its raise: 4 h of 24 left");
    }

    @Test
    void dueSoonIsTheLastQuarterOfTheAllowance() {
        for (long[] c : new long[][] {{449, 0}, {450, 1}, {600, 1}, {601, 2}}) { // seconds since raise of a P1 (600 s)
            LifecycleEvent r = raise("E01-LT101", "HI", AlarmType.HIGH_HIGH, 1, NOW.minusSeconds(c[0]));
            Due due = WeeklyDigest.compute(List.of(r), NOW, SHANGHAI, CATALOGUE).openItems().get(0).due();
            assertEquals(Due.values()[(int) c[1]], due, c[0] + " s after the raise");
        }
    }

    @Test
    void csvIsUtf8WithBomCrlfAndQuotedWhereNeeded() {
        WeeklyDigest d = WeeklyDigest.compute(week(), NOW, SHANGHAI, CATALOGUE);
        byte[] csv = d.toCsv();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv, 3));
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n", -1);
        assertEquals("", lines[lines.length - 1], "every line ends with CRLF");
        assertEquals(String.join(",", WeeklyDigest.CSV_HEADER), lines[0]);
        assertEquals("town,T01,临港镇,,,5,4,1,1,2,1,1,2,2", lines[1]);
        assertEquals("town,T02,江东街道,,,3,1,0,1,0,0,0,0,1", lines[2]);
        assertEquals("town,?,(not in the catalogue),,,1,1,0,0,0,0,0,0,0", lines[3]);
        assertEquals("enterprise,T01,临港镇,E01,\"澜涛石化仓储, 有限公司\",4,4,1,1,0,0,0,1,1", lines[4]);
        assertEquals("enterprise,?,(not in the catalogue),E99,,1,1,0,0,0,0,0,0,0", lines[7]);
        assertEquals("total,,,,,9,6,1,2,2,1,1,2,3", lines[8]);
        assertEquals(10, lines.length);
    }

    @Test
    void csvCellsNeverStartAFormula() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", WeeklyDigest.cell("=HYPERLINK(\"x\")"));
        assertEquals("'@SUM(A1)", WeeklyDigest.cell("@SUM(A1)"));
        assertEquals("-3", WeeklyDigest.cell(-3), "numbers are numbers");
        assertEquals("\"a \"\"b\"\"\"", WeeklyDigest.cell("a \"b\""));
    }

    @Test
    void serializesWithTheProjectsObjectMapper() {
        WeeklyDigest d = WeeklyDigest.compute(week(), NOW, SHANGHAI, CATALOGUE);
        com.fasterxml.jackson.databind.JsonNode n = com.hazardwatch.model.json.Json.mapper().valueToTree(d);
        assertEquals(d.weekStart(), n.get("weekStart").asLong());
        assertEquals(9, n.get("total").get("newAlarms").asInt());
        assertEquals("OVERDUE", n.get("openItems").get(0).get("due").asText());
        assertEquals(5, n.get("towns").get(0).get("newAlarms").asInt(), "a row is one flat object: " + n.get("towns").get(0));
        assertEquals(null, n.get("towns").get(0).get("counts"));
    }

    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static long agoMs(Duration d) {
        return ago(d).toEpochMilli();
    }

    static Row row(List<Row> rows, String enterprise) {
        return rows.stream().filter(r -> enterprise.equals(r.enterpriseId())).findFirst().orElseThrow();
    }
}
