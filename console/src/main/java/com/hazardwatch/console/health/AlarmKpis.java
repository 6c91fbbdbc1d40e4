package com.hazardwatch.console.health;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.LifecycleEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alarm-system health after ISA-18.2 / EEMUA 191, from the transitions on hw.alarms: alarms raised per 10 minutes,
 * flood periods (more than {@link #FLOOD} raised in a 10-minute period), the ten most frequent alarms ("bad actors"),
 * chattering alarms (more than {@link #CHATTER} raises of one sensor and type within 10 minutes, the job's own
 * CHATTERING rule) and alarms standing longer than 24 h. Counts are over the {@link #WINDOW} before now.
 */
public final class AlarmKpis {
    private AlarmKpis() {}

    public static final Duration PERIOD = Duration.ofMinutes(10);
    public static final Duration WINDOW = Duration.ofDays(7);
    public static final Duration LONG_STANDING = Duration.ofHours(24);
    public static final int FLOOD = 10;
    public static final int CHATTER = 5;

    public record Period(long start, int raised) {}

    public record Frequent(String sensor, String type, int raised) {}

    public record Standing(String alarmId, String sensor, String enterprise, String type, String state, long raisedAt, double hours) {}

    /**
     * @param raised alarms raised in the window
     * @param perTenMinutes average raised per 10-minute period of the window
     * @param floodPercent share of the window's 10-minute periods that were floods
     * @param last24h raised per 10-minute period over the last 24 h, oldest first
     */
    public record Report(long now, long windowStart, int raised, double perTenMinutes, int periods, List<Period> floods,
                         double floodPercent, List<Frequent> top10, List<Frequent> chattering, List<Standing> standingOver24h,
                         List<Period> last24h) {}

    public static Report compute(List<LifecycleEvent> events, Clock clock) {
        long now = clock.millis();
        long start = now - WINDOW.toMillis();
        long period = PERIOD.toMillis();
        Map<Long, Integer> perPeriod = new HashMap<>();
        Map<String, List<Long>> raisesByClass = new LinkedHashMap<>();
        Map<String, LifecycleEvent> latest = new LinkedHashMap<>();
        int raised = 0;
        for (LifecycleEvent e : events) {
            if (e.event().alarmId() != null && e.state() != null && e.transition() != AlarmTransition.REJECTED) {
                latest.put(e.event().alarmId(), e);
            }
            if (e.transition() != AlarmTransition.RAISE || e.ts() < start || e.ts() > now) {
                continue;
            }
            raised++;
            perPeriod.merge(Math.floorDiv(e.ts(), period) * period, 1, Integer::sum);
            raisesByClass.computeIfAbsent(e.event().sensor() + "|" + e.event().type(), k -> new ArrayList<>()).add(e.ts());
        }
        int periods = (int) Math.max(1, WINDOW.toMillis() / period);
        List<Period> floods = perPeriod.entrySet().stream().filter(en -> en.getValue() > FLOOD)
                .map(en -> new Period(en.getKey(), en.getValue())).sorted(Comparator.comparingLong(Period::start)).toList();
        List<Frequent> frequent = new ArrayList<>();
        List<Frequent> chattering = new ArrayList<>();
        raisesByClass.forEach((k, ts) -> {
            String[] p = k.split("\\|", 2);
            frequent.add(new Frequent(p[0], p[1], ts.size()));
            List<Long> sorted = ts.stream().sorted().toList();
            int most = 0;
            for (int i = 0, j = 0; i < sorted.size(); i++) {
                while (sorted.get(i) - sorted.get(j) >= period) {
                    j++;
                }
                most = Math.max(most, i - j + 1);
            }
            if (most > CHATTER) {
                chattering.add(new Frequent(p[0], p[1], most));
            }
        });
        frequent.sort(Comparator.comparingInt(Frequent::raised).reversed().thenComparing(Frequent::sensor));
        chattering.sort(Comparator.comparingInt(Frequent::raised).reversed().thenComparing(Frequent::sensor));
        List<Standing> standing = new ArrayList<>();
        for (LifecycleEvent e : latest.values()) {
            long raisedAt = raisedAt(e);
            if (e.state() != AlarmState.NORMAL && now - raisedAt > LONG_STANDING.toMillis()) {
                standing.add(new Standing(e.event().alarmId(), e.event().sensor(), e.event().enterprise(),
                        String.valueOf(e.event().type()), e.state().name(), raisedAt, (now - raisedAt) / 3_600_000.0));
            }
        }
        standing.sort(Comparator.comparingLong(Standing::raisedAt));
        List<Period> last24h = new ArrayList<>();
        long first = Math.floorDiv(now - Duration.ofHours(24).toMillis(), period) * period + period;
        for (long t = first; t <= now; t += period) {
            last24h.add(new Period(t, perPeriod.getOrDefault(t, 0)));
        }
        return new Report(now, start, raised, raised / (double) periods, periods, floods,
                100.0 * floods.size() / periods, frequent.subList(0, Math.min(10, frequent.size())), chattering, standing, last24h);
    }

    /** The raise time in the alarm id ({owner}:{class}:{ts}), else the transition's ts. */
    static long raisedAt(LifecycleEvent e) {
        String id = e.event().alarmId();
        int i = id.lastIndexOf(':');
        try {
            return i < 0 ? e.ts() : Long.parseLong(id.substring(i + 1));
        } catch (NumberFormatException ex) {
            return e.ts();
        }
    }
}
