package com.hazardwatch.console.health;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.LifecycleEvent;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weekly digest, as the district broadcasts it ("this week: N new, M due soon, K overdue"), per enterprise and
 * per town: alarms raised since Monday 00:00 (in the given zone), alarms still open (latest state not NORMAL), of them
 * unacknowledged (ACTIVE_UNACK or RTN_UNACK, also beneath a shelf), due soon (open, and their closing deadline of
 * {@link #CLOSE_WITHIN} after the raise falls within the next {@link #DUE_SOON}) and overdue (open past it).
 */
public final class WeeklyDigest {
    private WeeklyDigest() {}

    public static final Duration CLOSE_WITHIN = Duration.ofHours(24);
    public static final Duration DUE_SOON = Duration.ofHours(4);

    public record Row(String id, String name, String town, String townName, int newAlarms, int open, int unacknowledged,
                      int dueSoon, int overdue) {}

    public record Report(long now, long weekStart, String zone, int newAlarms, int open, int unacknowledged, int dueSoon,
                         int overdue, List<Row> enterprises, List<Row> towns) {}

    public static Report compute(List<LifecycleEvent> events, Catalogue catalogue, Clock clock, ZoneId zone) {
        long now = clock.millis();
        long weekStart = ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant().toEpochMilli();
        Map<String, LifecycleEvent> latest = new LinkedHashMap<>();
        Map<String, int[]> byEnterprise = new LinkedHashMap<>();
        for (Enterprise e : catalogue.enterprises()) {
            byEnterprise.put(e.id(), new int[5]);
        }
        for (LifecycleEvent e : events) {
            if (e.event().alarmId() == null || e.state() == null || e.transition() == AlarmTransition.REJECTED) {
                continue;
            }
            latest.put(e.event().alarmId(), e);
            if (e.transition() == AlarmTransition.RAISE && e.ts() >= weekStart && e.ts() <= now) {
                byEnterprise.computeIfAbsent(e.event().enterprise(), k -> new int[5])[0]++;
            }
        }
        for (LifecycleEvent e : latest.values()) {
            if (e.state() == AlarmState.NORMAL) {
                continue;
            }
            int[] c = byEnterprise.computeIfAbsent(e.event().enterprise(), k -> new int[5]);
            c[1]++;
            AlarmState cond = e.underlying() != null ? e.underlying() : e.state();
            if (cond == AlarmState.ACTIVE_UNACK || cond == AlarmState.RTN_UNACK) {
                c[2]++;
            }
            long due = AlarmKpis.raisedAt(e) + CLOSE_WITHIN.toMillis();
            if (due < now) {
                c[4]++;
            } else if (due - now <= DUE_SOON.toMillis()) {
                c[3]++;
            }
        }
        List<Row> enterprises = new ArrayList<>();
        Map<String, int[]> byTown = new LinkedHashMap<>();
        for (Town t : catalogue.towns()) {
            byTown.put(t.id(), new int[5]);
        }
        int[] total = new int[5];
        byEnterprise.forEach((id, c) -> {
            Enterprise en = catalogue.enterprise(id).orElse(null);
            String town = en == null ? null : en.town();
            enterprises.add(new Row(id, en == null ? id : en.name(), town, townName(catalogue, town), c[0], c[1], c[2], c[3], c[4]));
            int[] t = byTown.computeIfAbsent(town == null ? "?" : town, k -> new int[5]);
            for (int i = 0; i < 5; i++) {
                t[i] += c[i];
                total[i] += c[i];
            }
        });
        List<Row> towns = new ArrayList<>();
        byTown.forEach((id, c) -> towns.add(new Row(id, townName(catalogue, id), id, townName(catalogue, id), c[0], c[1], c[2], c[3], c[4])));
        return new Report(now, weekStart, zone.getId(), total[0], total[1], total[2], total[3], total[4], enterprises, towns);
    }

    /** The digest as CSV (UTF-8, RFC 4180 quoting): one line per enterprise, then one per town. */
    public static String toCsv(Report r) {
        StringBuilder b = new StringBuilder("scope,id,name,town,new_alarms,open,unacknowledged,due_soon,overdue\r\n");
        for (Row row : r.enterprises()) {
            line(b, "enterprise", row);
        }
        for (Row row : r.towns()) {
            line(b, "town", row);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String scope, Row r) {
        b.append(scope).append(',').append(csv(r.id())).append(',').append(csv(r.name())).append(',').append(csv(r.townName()))
                .append(',').append(r.newAlarms()).append(',').append(r.open()).append(',').append(r.unacknowledged())
                .append(',').append(r.dueSoon()).append(',').append(r.overdue()).append("\r\n");
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        // a leading = + - @ would be a formula in a spreadsheet
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String townName(Catalogue c, String id) {
        return id == null ? null : c.towns().stream().filter(t -> t.id().equals(id)).map(Town::name).findFirst().orElse(id);
    }
}
