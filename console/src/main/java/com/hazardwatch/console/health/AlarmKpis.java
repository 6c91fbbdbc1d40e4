package com.hazardwatch.console.health;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health of the alarm system over the last 24 hours, measured against the ISA-18.2 / EEMUA 191 performance targets
 * (docs/alarm-health.md has every definition). Computed from hw.alarms transitions, in hw.alarms order; pure: the
 * clock is the {@code now} argument. Times are epoch milliseconds, as everywhere in the project's JSON, so the record
 * serializes as it is with the project's ObjectMapper.
 *
 * @param windowStart start of the first 10-minute bucket (local clock time, a multiple of 10 minutes)
 * @param windowEnd end of the last bucket, the one holding {@code now}
 * @param now the time the figures are for
 * @param buckets 144 ten-minute buckets, oldest first, the last one holding {@code now} (still filling)
 * @param alarms RAISE transitions in [windowStart, windowEnd)
 * @param averagePer10Min RAISEs per 10 minutes over the 143 complete buckets
 * @param maxPer10Min the most RAISEs in one bucket
 * @param floods runs of consecutive buckets holding more than {@link #FLOOD_THRESHOLD} RAISEs each, oldest first
 * @param floodPercent share of the complete buckets that are in flood, in percent
 * @param top10 the ten most frequent alarms (sensor and type of the RAISE), most frequent first
 * @param top10Percent the top ten's share of all RAISEs, in percent
 * @param chattering alarms that chattered in the window: flagged by the engine (CHATTERING) or at least
 *     {@link #CHATTER_RAISES} raises of one alarm class of one owner within {@link #CHATTER_WINDOW}
 * @param standing alarms whose condition has been active for more than 24 hours at {@code now}, oldest first
 * @param targets each figure against its ISA-18.2 target
 */
public record AlarmKpis(
        long windowStart,
        long windowEnd,
        long now,
        List<Bucket> buckets,
        int alarms,
        double averagePer10Min,
        int maxPer10Min,
        List<Flood> floods,
        double floodPercent,
        List<Frequent> top10,
        double top10Percent,
        List<Chattering> chattering,
        List<Standing> standing,
        List<Target> targets) {

    public static final Duration BUCKET = Duration.ofMinutes(10);
    public static final int BUCKETS = 144;
    /** ISA-18.2: a flood is more than 10 alarms in 10 minutes. */
    public static final int FLOOD_THRESHOLD = 10;
    /** EEMUA 191 / ISA-18.2 TR5 rule of thumb: 3 or more raises of one alarm within a minute is chattering. */
    public static final int CHATTER_RAISES = 3;
    public static final Duration CHATTER_WINDOW = Duration.ofMinutes(1);
    /** ISA-18.2 "stale" alarm: active for more than 24 hours. */
    public static final Duration STANDING_AFTER = Duration.ofHours(24);

    /** One 10-minute bucket: [start, start + 10 min) and the RAISEs in it; a flood when more than {@link #FLOOD_THRESHOLD}. */
    public record Bucket(long start, int alarms) {
        public boolean flood() {
            return alarms > FLOOD_THRESHOLD;
        }
    }

    /** Consecutive flood buckets: [start, end), the RAISEs in them and the busiest bucket's count. */
    public record Flood(long start, long end, int alarms, int peakPer10Min) {}

    /** One of the most frequent alarms: RAISEs of this type on this sensor (owner), share of all RAISEs in percent. */
    public record Frequent(String sensor, String enterprise, AlarmType type, int raises, double percent) {}

    /**
     * An alarm class of an owner that chattered: its RAISEs and RETURNs in the window, the most within one minute, whether
     * the engine raised CHATTERING for it, and the id of its latest alarm.
     */
    public record Chattering(String sensor, String enterprise, String alarmClass, int raises, int maxPerMinute,
            boolean flaggedByEngine, String lastAlarmId) {}

    /** An alarm whose condition has been active for more than 24 hours, for {@code hours} at {@code now}. */
    public record Standing(String alarmId, String sensor, String enterprise, AlarmType type, AlarmState state,
            int priority, long raisedAt, double hours) {}

    /** A figure against its target: what, the value, the target in words, and whether it is met. */
    public record Target(String name, String value, String target, boolean met) {}

    public static AlarmKpis compute(List<LifecycleEvent> events, Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime lastStart = local.truncatedTo(ChronoUnit.HOURS).plusMinutes(local.getMinute() / 10 * 10L);
        long bucketMs = BUCKET.toMillis();
        long toMs = lastStart.toInstant().toEpochMilli() + bucketMs;
        long fromMs = toMs - bucketMs * BUCKETS;

        int[] counts = new int[BUCKETS];
        Map<String, Frequent> frequent = new LinkedHashMap<>();
        Map<String, int[]> frequentCounts = new LinkedHashMap<>();
        Map<String, ChatterTrack> chatter = new LinkedHashMap<>();
        int total = 0;
        for (LifecycleEvent le : events) {
            AlarmEvent e = le.event();
            if (e == null || e.alarmId() == null || e.ts() < fromMs || e.ts() >= toMs || e.type() == null) {
                continue;
            }
            AlarmTransition t = e.transition();
            if (t == AlarmTransition.RAISE) {
                total++;
                counts[(int) ((e.ts() - fromMs) / bucketMs)]++;
                String key = e.sensor() + "\u0000" + e.type();
                frequent.putIfAbsent(key, new Frequent(e.sensor(), e.enterprise(), e.type(), 0, 0));
                frequentCounts.computeIfAbsent(key, k -> new int[1])[0]++;
            }
            if (t == AlarmTransition.RAISE || t == AlarmTransition.RETURN) {
                String cls = AlarmHistory.alarmClass(e);
                if (e.type() == AlarmType.CHATTERING) {
                    // CHAT:{class}: the engine found {class} of this owner chattering
                    String of = cls.startsWith("CHAT:") ? cls.substring(5) : cls;
                    chatter.computeIfAbsent(e.sensor() + "\u0000" + of, k -> new ChatterTrack(e.sensor(), e.enterprise(), of))
                            .flaggedByEngine = true;
                } else {
                    chatter.computeIfAbsent(e.sensor() + "\u0000" + cls, k -> new ChatterTrack(e.sensor(), e.enterprise(), cls))
                            .add(e);
                }
            }
        }

        List<Bucket> buckets = new ArrayList<>(BUCKETS);
        int max = 0;
        int complete = 0;
        int floodBuckets = 0;
        for (int i = 0; i < BUCKETS; i++) {
            boolean flood = counts[i] > FLOOD_THRESHOLD;
            buckets.add(new Bucket(fromMs + i * bucketMs, counts[i]));
            max = Math.max(max, counts[i]);
            if (i < BUCKETS - 1) {
                complete += counts[i];
                floodBuckets += flood ? 1 : 0;
            }
        }
        double average = complete / (double) (BUCKETS - 1);
        double floodPercent = 100.0 * floodBuckets / (BUCKETS - 1);

        List<Flood> floods = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            if (!buckets.get(i).flood()) {
                continue;
            }
            int j = i;
            int sum = 0;
            int peak = 0;
            while (j < BUCKETS && buckets.get(j).flood()) {
                sum += counts[j];
                peak = Math.max(peak, counts[j]);
                j++;
            }
            floods.add(new Flood(buckets.get(i).start(), buckets.get(j - 1).start() + bucketMs, sum, peak));
            i = j - 1;
        }

        final int all = total;
        List<Frequent> top = new ArrayList<>();
        frequent.forEach((k, f) -> {
            int n = frequentCounts.get(k)[0];
            top.add(new Frequent(f.sensor(), f.enterprise(), f.type(), n, all == 0 ? 0 : 100.0 * n / all));
        });
        top.sort(Comparator.comparingInt(Frequent::raises).reversed()
                .thenComparing(Frequent::sensor).thenComparing(f -> f.type().name()));
        List<Frequent> top10 = List.copyOf(top.subList(0, Math.min(10, top.size())));
        int topSum = top10.stream().mapToInt(Frequent::raises).sum();
        double top10Percent = total == 0 ? 0 : 100.0 * topSum / total;

        List<Chattering> chattering = new ArrayList<>();
        for (ChatterTrack c : chatter.values()) {
            if (c.flaggedByEngine || c.maxPerMinute >= CHATTER_RAISES) {
                chattering.add(new Chattering(c.sensor, c.enterprise, c.alarmClass, c.raises, c.maxPerMinute,
                        c.flaggedByEngine, c.lastAlarmId));
            }
        }
        chattering.sort(Comparator.comparingInt(Chattering::maxPerMinute).reversed()
                .thenComparing(Comparator.comparingInt(Chattering::raises).reversed())
                .thenComparing(Chattering::sensor).thenComparing(Chattering::alarmClass));

        List<Standing> standing = new ArrayList<>();
        long nowMs = now.toEpochMilli();
        for (AlarmHistory.Alarm a : new AlarmHistory(events).alarms()) {
            if (a.conditionActive() && nowMs - a.raisedAt > STANDING_AFTER.toMillis()) {
                standing.add(new Standing(a.alarmId, a.sensor(), a.enterprise(), a.last.type(), a.state, a.priority,
                        a.raisedAt, (nowMs - a.raisedAt) / 3_600_000.0));
            }
        }
        standing.sort(Comparator.comparingLong(Standing::raisedAt).thenComparing(Standing::alarmId));

        List<Target> targets = List.of(
                new Target("average alarms per 10 minutes", fmt(average), "about 1 (acceptable), at most 2 (manageable)",
                        average <= 2.0),
                new Target("most alarms in 10 minutes", Integer.toString(max), "at most " + FLOOD_THRESHOLD,
                        max <= FLOOD_THRESHOLD),
                new Target("10-minute periods in flood", fmt(floodPercent) + " %", "under 1 %", floodPercent < 1.0),
                new Target("share of the top 10 alarms", fmt(top10Percent) + " %", "about 1 % to 5 % at most",
                        top10Percent <= 5.0),
                new Target("chattering alarms", Integer.toString(chattering.size()), "none", chattering.isEmpty()),
                new Target("alarms standing over 24 h", Integer.toString(standing.size()), "fewer than 5",
                        standing.size() < 5));

        return new AlarmKpis(fromMs, toMs, nowMs, List.copyOf(buckets), total, average, max, List.copyOf(floods), floodPercent,
                top10, top10Percent, List.copyOf(chattering), List.copyOf(standing), targets);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** RAISEs and RETURNs of one alarm class of one owner, with the most that fell within one minute. */
    private static final class ChatterTrack {
        final String sensor;
        final String enterprise;
        final String alarmClass;
        final Deque<Long> lastMinute = new ArrayDeque<>();
        int raises;
        int maxPerMinute;
        boolean flaggedByEngine;
        String lastAlarmId;

        ChatterTrack(String sensor, String enterprise, String alarmClass) {
            this.sensor = sensor;
            this.enterprise = enterprise;
            this.alarmClass = alarmClass;
        }

        void add(AlarmEvent e) {
            raises++;
            lastAlarmId = e.alarmId();
            // hw.alarms order is per owner nearly event-time order; an older ts than the newest kept is counted in its
            // place by keeping the deque sorted.
            List<Long> sorted = new ArrayList<>(lastMinute);
            sorted.add(e.ts());
            sorted.sort(null);
            lastMinute.clear();
            long newest = sorted.get(sorted.size() - 1);
            for (long t : sorted) {
                if (t > newest - CHATTER_WINDOW.toMillis()) {
                    lastMinute.add(t);
                }
            }
            maxPerMinute = Math.max(maxPerMinute, lastMinute.size());
        }
    }
}
