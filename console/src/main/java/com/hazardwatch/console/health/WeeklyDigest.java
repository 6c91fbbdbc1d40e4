package com.hazardwatch.console.health;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The week's alarm digest per town and per enterprise, as the district's weekly broadcast reads it ("this week: 28 new,
 * 51 enterprises due soon, 64 overdue"): alarms raised since Monday 00:00 local time, and every alarm still waiting for an
 * acknowledgement or, acknowledged, for its condition to clear, each against the deadline of its priority
 * ({@link #ACK_DEADLINES}, {@link #CLOSE_DEADLINES}). Definitions: docs/alarm-health.md. Pure: the clock is {@code now}.
 * Times are epoch milliseconds, as everywhere in the project's JSON, so the record serializes as it is.
 *
 * @param weekStart Monday 00:00 of the week holding {@code now}, in {@code zone}
 * @param zone the zone id of the hall's clock
 * @param now the time the digest is for
 * @param newAlarms RAISEs since {@code weekStart}
 * @param towns every town of the catalogue in catalogue order, then one for alarms of enterprises not in it
 * @param enterprises the enterprises with anything to report (new, unacknowledged or unclosed), in catalogue order
 * @param openItems every unacknowledged or unclosed alarm, overdue first, then by deadline
 */
public record WeeklyDigest(
        long weekStart,
        long now,
        String zone,
        Counts total,
        int enterprisesDueSoon,
        int enterprisesOverdue,
        List<Row> towns,
        List<Row> enterprises,
        List<OpenItem> openItems) {

    /** Acknowledgement allowed after an alarm starts waiting for one, by priority 1..4. */
    public static final List<Duration> ACK_DEADLINES = List.of(
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(8));
    /** Time from the raise by which an acknowledged alarm's condition should have cleared, by priority 1..4. */
    public static final List<Duration> CLOSE_DEADLINES = List.of(
            Duration.ofHours(24), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14));
    /** "Due soon": the last quarter of the allowance has begun and the deadline has not passed. */
    public static final double DUE_SOON_FRACTION = 0.25;
    /** Town id of the row for alarms whose enterprise is not in the catalogue (e.g. removed since). */
    public static final String UNKNOWN_TOWN = "?";

    public enum Due {
        ON_TIME,
        DUE_SOON,
        OVERDUE
    }

    public enum Pending {
        /** Waiting for an acknowledgement (ACTIVE_UNACK or RTN_UNACK). */
        ACK,
        /** Acknowledged, condition still active (ACTIVE_ACK). */
        CLOSE
    }

    /** The figures of one town, one enterprise or the whole district. */
    public record Counts(int newAlarms, int unacknowledged, int unackDueSoon, int unackOverdue, int unclosed,
            int unclosedDueSoon, int unclosedOverdue) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

        public boolean anyDueSoon() {
            return unackDueSoon + unclosedDueSoon > 0;
        }

        public boolean anyOverdue() {
            return unackOverdue + unclosedOverdue > 0;
        }

        boolean isEmpty() {
            return newAlarms + unacknowledged + unclosed == 0;
        }

        Counts plus(Counts o) {
            return new Counts(newAlarms + o.newAlarms, unacknowledged + o.unacknowledged, unackDueSoon + o.unackDueSoon,
                    unackOverdue + o.unackOverdue, unclosed + o.unclosed, unclosedDueSoon + o.unclosedDueSoon,
                    unclosedOverdue + o.unclosedOverdue);
        }
    }

    /**
     * One town or enterprise. For a town row {@code enterpriseId} and {@code enterpriseName} are null and
     * {@code enterprisesDueSoon}/{@code enterprisesOverdue} count its enterprises with anything due soon/overdue; for an
     * enterprise row they are 0 or 1. In JSON the counts are fields of the row itself (one flat object per row).
     */
    public record Row(String townId, String townName, String enterpriseId, String enterpriseName,
            @JsonUnwrapped Counts counts, int enterprisesDueSoon, int enterprisesOverdue) {}

    /** An alarm waiting for an acknowledgement or to close: since when, its deadline and how that stands. */
    public record OpenItem(String alarmId, String sensor, String enterpriseId, String townId, AlarmType type,
            AlarmState state, int priority, Pending pending, long since, long deadline, Due due) {}

    public static WeeklyDigest compute(List<LifecycleEvent> events, Instant now, ZoneId zone, Catalogue catalogue) {
        long weekMs = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zone).toInstant().toEpochMilli();
        long nowMs = now.toEpochMilli();

        Map<String, Counts> byEnterprise = new LinkedHashMap<>();
        for (LifecycleEvent le : events) {
            AlarmEvent e = le.event();
            if (e != null && e.transition() == AlarmTransition.RAISE && e.ts() >= weekMs && e.ts() <= nowMs) {
                add(byEnterprise, e.enterprise(), new Counts(1, 0, 0, 0, 0, 0, 0));
            }
        }

        List<OpenItem> open = new ArrayList<>();
        for (AlarmHistory.Alarm a : new AlarmHistory(events).alarms()) {
            int p = a.priority >= 1 && a.priority <= 4 ? a.priority : 4;
            Pending pending;
            long since;
            Duration allowance;
            if (AlarmHistory.waitingForAck(a.state)) {
                pending = Pending.ACK;
                since = a.unackedSince;
                allowance = ACK_DEADLINES.get(p - 1);
            } else if (a.state == AlarmState.ACTIVE_ACK) {
                pending = Pending.CLOSE;
                since = a.raisedAt;
                allowance = CLOSE_DEADLINES.get(p - 1);
            } else {
                continue; // NORMAL, or taken off the operator's list (shelved, suppressed, out of service)
            }
            long deadline = since + allowance.toMillis();
            Due due = nowMs > deadline ? Due.OVERDUE
                    : nowMs >= deadline - (long) (allowance.toMillis() * DUE_SOON_FRACTION) ? Due.DUE_SOON : Due.ON_TIME;
            String town = catalogue.enterprise(a.enterprise()).map(Enterprise::town).orElse(UNKNOWN_TOWN);
            open.add(new OpenItem(a.alarmId, a.sensor(), a.enterprise(), town, a.last.type(), a.state, p, pending,
                    since, deadline, due));
            boolean ack = pending == Pending.ACK;
            add(byEnterprise, a.enterprise(), new Counts(0,
                    ack ? 1 : 0, ack && due == Due.DUE_SOON ? 1 : 0, ack && due == Due.OVERDUE ? 1 : 0,
                    ack ? 0 : 1, !ack && due == Due.DUE_SOON ? 1 : 0, !ack && due == Due.OVERDUE ? 1 : 0));
        }
        open.sort(Comparator.comparing((OpenItem o) -> o.due() != Due.OVERDUE)
                .thenComparingLong(OpenItem::deadline).thenComparing(OpenItem::alarmId));

        // enterprise rows: catalogue order, then enterprises unknown to the catalogue by id
        List<Row> enterpriseRows = new ArrayList<>();
        Map<String, List<Row>> rowsByTown = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (Enterprise e : catalogue.enterprises()) {
            ids.add(e.id());
        }
        byEnterprise.keySet().stream().filter(id -> catalogue.enterprise(id).isEmpty()).sorted().forEach(ids::add);
        for (String id : ids) {
            Counts c = byEnterprise.getOrDefault(id, Counts.ZERO);
            if (c.isEmpty()) {
                continue;
            }
            Enterprise e = catalogue.enterprise(id).orElse(null);
            String townId = e == null ? UNKNOWN_TOWN : e.town();
            Row row = new Row(townId, townName(catalogue, townId), id, e == null ? null : e.name(), c,
                    c.anyDueSoon() ? 1 : 0, c.anyOverdue() ? 1 : 0);
            enterpriseRows.add(row);
            rowsByTown.computeIfAbsent(townId, k -> new ArrayList<>()).add(row);
        }

        List<Row> townRows = new ArrayList<>();
        List<String> townIds = new ArrayList<>();
        catalogue.towns().forEach(t -> townIds.add(t.id()));
        if (rowsByTown.containsKey(UNKNOWN_TOWN)) {
            townIds.add(UNKNOWN_TOWN);
        }
        Counts total = Counts.ZERO;
        int dueSoon = 0;
        int overdue = 0;
        for (String townId : townIds) {
            Counts c = Counts.ZERO;
            int soon = 0;
            int late = 0;
            for (Row r : rowsByTown.getOrDefault(townId, List.of())) {
                c = c.plus(r.counts());
                soon += r.enterprisesDueSoon();
                late += r.enterprisesOverdue();
            }
            townRows.add(new Row(townId, townName(catalogue, townId), null, null, c, soon, late));
            total = total.plus(c);
            dueSoon += soon;
            overdue += late;
        }
        return new WeeklyDigest(weekMs, nowMs, zone.getId(), total, dueSoon, overdue, List.copyOf(townRows),
                List.copyOf(enterpriseRows), List.copyOf(open));
    }

    private static void add(Map<String, Counts> m, String enterprise, Counts c) {
        m.merge(enterprise == null ? "" : enterprise, c, Counts::plus);
    }

    private static String townName(Catalogue catalogue, String townId) {
        return catalogue.towns().stream().filter(t -> t.id().equals(townId)).map(Town::name).findFirst()
                .orElse(UNKNOWN_TOWN.equals(townId) ? "(not in the catalogue)" : townId);
    }

    /** The broadcast's sentence: "This week: 28 new alarms, 51 enterprises due soon, 64 overdue." */
    public String headline() {
        return String.format(Locale.ROOT, "This week: %d new alarms, %d unacknowledged, %d not closed; %d enterprises due soon, %d overdue.",
                total.newAlarms(), total.unacknowledged(), total.unclosed(), enterprisesDueSoon, enterprisesOverdue);
    }

    /** The same in Chinese, as the command hall broadcasts it. */
    public String headlineZh() {
        return String.format(Locale.ROOT, "本周新增报警%d条，未确认%d条，未闭环%d条；到期预警企业%d家，超期预警企业%d家。",
                total.newAlarms(), total.unacknowledged(), total.unclosed(), enterprisesDueSoon, enterprisesOverdue);
    }

    public static final String[] CSV_HEADER = {"level", "town_id", "town", "enterprise_id", "enterprise", "new_this_week",
        "unacknowledged", "unack_due_soon", "unack_overdue", "unclosed", "unclosed_due_soon", "unclosed_overdue",
        "enterprises_due_soon", "enterprises_overdue"};

    /**
     * The digest as CSV (RFC 4180: comma, CRLF, fields quoted when they hold a comma, quote or line break) in UTF-8 with
     * a byte order mark, so that Excel opens the Chinese names right: a header line, one line per town, then one per
     * enterprise with anything to report, then the district total. A text cell starting with {@code = + - @} is prefixed
     * with {@code '} so a spreadsheet never takes it for a formula.
     */
    public byte[] toCsv() {
        StringBuilder sb = new StringBuilder();
        line(sb, (Object[]) CSV_HEADER);
        for (Row r : towns) {
            row(sb, "town", r);
        }
        for (Row r : enterprises) {
            row(sb, "enterprise", r);
        }
        row(sb, "total", new Row(null, null, null, null, total, enterprisesDueSoon, enterprisesOverdue));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void row(StringBuilder sb, String level, Row r) {
        Counts c = r.counts();
        line(sb, level, r.townId(), r.townName(), r.enterpriseId(), r.enterpriseName(), c.newAlarms(), c.unacknowledged(),
                c.unackDueSoon(), c.unackOverdue(), c.unclosed(), c.unclosedDueSoon(), c.unclosedOverdue(),
                r.enterprisesDueSoon(), r.enterprisesOverdue());
    }

    private static void line(StringBuilder sb, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells[i]));
        }
        sb.append("\r\n");
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (v instanceof String && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
