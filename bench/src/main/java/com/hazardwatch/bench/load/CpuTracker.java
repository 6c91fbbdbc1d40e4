package com.hazardwatch.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of this JVM's threads, by group (a thread belongs to the first group whose name test it passes). The time of
 * every thread seen is remembered at its last sample, so a thread that ends between two samples keeps what it had used
 * at the earlier one: sample often, and once more just before a thread of interest ends.
 */
public final class CpuTracker {
    /** The CPU counters at one moment: per thread id its name and CPU nanoseconds, and the whole process's. */
    public record Snapshot(long nanos, Map<Long, Map.Entry<String, Long>> threads, long processNanos) {}

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<String, Predicate<String>> groups = new LinkedHashMap<>();
    /** Every thread seen: its name and CPU time at its last sample. */
    private final Map<Long, Map.Entry<String, Long>> seen = new HashMap<>();

    public CpuTracker() {
        if (mx.isThreadCpuTimeSupported() && !mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
    }

    /** Adds a group of threads, by name. */
    public void group(String name, Predicate<String> member) {
        groups.put(name, member);
    }

    /** Samples every live thread; the snapshot also holds threads that ended since earlier samples. */
    public synchronized Snapshot sample() {
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long t = mx.getThreadCpuTime(ids[i]);
            if (infos[i] != null && t >= 0) {
                seen.put(ids[i], Map.entry(infos[i].getThreadName(), t));
            }
        }
        return new Snapshot(System.nanoTime(), Map.copyOf(seen), processCpuNanos());
    }

    /** CPU nanoseconds the group's threads used between two snapshots. */
    public long groupNanos(String group, Snapshot a, Snapshot b) {
        Predicate<String> member = groups.get(group);
        long sum = 0;
        for (Map.Entry<Long, Map.Entry<String, Long>> e : b.threads().entrySet()) {
            if (member.test(e.getValue().getKey())) {
                Map.Entry<String, Long> before = a.threads().get(e.getKey());
                sum += Math.max(0, e.getValue().getValue() - (before == null ? 0 : before.getValue()));
            }
        }
        return sum;
    }

    /** The ten busiest threads between two snapshots, "name 12.3 %" of one core. */
    public List<String> topThreads(Snapshot a, Snapshot b, double seconds) {
        List<Map.Entry<String, Double>> use = new ArrayList<>();
        for (Map.Entry<Long, Map.Entry<String, Long>> e : b.threads().entrySet()) {
            Map.Entry<String, Long> before = a.threads().get(e.getKey());
            long d = e.getValue().getValue() - (before == null ? 0 : before.getValue());
            if (d > 0 && seconds > 0) {
                use.add(Map.entry(e.getValue().getKey(), 100.0 * d / 1e9 / seconds));
            }
        }
        use.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : use.subList(0, Math.min(10, use.size()))) {
            out.add(String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), e.getValue()));
        }
        return out;
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }
}
