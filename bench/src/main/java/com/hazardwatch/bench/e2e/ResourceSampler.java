package com.hazardwatch.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * CPU and memory per component, from /proc: utime + stime of /proc/PID/stat (clock ticks) and VmRSS of
 * /proc/PID/status, for each process given (services, this JVM, the load generator); the whole machine's busy time
 * from /proc/stat; and, inside this JVM, CPU per group of threads (bridge, job, load when in process, harness) from
 * the ThreadMXBean. A background thread samples every second to track peak RSS; {@link #snapshot()} takes the CPU
 * counters at any moment, and two snapshots give the CPU use in between.
 */
public final class ResourceSampler implements AutoCloseable {
    /** CPU counters at one moment. */
    public record Snapshot(long nanos, Map<String, Long> processTicks, long machineBusy, long machineTotal,
            Map<String, Long> threadGroupNanos, Map<Long, Map.Entry<String, Long>> threadNanos) {}

    /** CPU % (100 = one core) and RSS per component between two snapshots. */
    public record Usage(double seconds, Map<String, Double> cpuPercent, Map<String, Long> peakRssMb, double machineBusyPercent,
            int cores, Map<String, Double> jvmThreadCpuPercent, Map<String, Double> topThreads) {}

    private static final long TICKS_PER_SECOND = clockTicks();

    private final Map<String, LongSupplier> pids;
    private final Function<String, String> threadGroup;
    private final Map<String, Long> peakRssKb = new ConcurrentHashMap<>();
    private final Map<Long, Long> threadBase = new HashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private volatile boolean running = true;
    private final Thread thread;

    /**
     * @param pids component name -> its pid (re-read at every sample; a negative pid means not measured)
     * @param threadGroup thread name -> group name, for the threads of this JVM
     */
    public ResourceSampler(Map<String, LongSupplier> pids, Function<String, String> threadGroup) {
        this.pids = new LinkedHashMap<>(pids);
        this.threadGroup = threadGroup;
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        this.thread = new Thread(this::loop, "e2e-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            sampleRss();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleRss() {
        pids.forEach((name, pid) -> {
            long p = pid.getAsLong();
            if (p > 0) {
                long kb = rssKb(p);
                if (kb > 0) {
                    peakRssKb.merge(name, kb, Math::max);
                }
            }
        });
    }

    /** Forgets peak RSS so far (call at the start of a measurement window). */
    public void resetPeaks() {
        peakRssKb.clear();
        sampleRss();
    }

    public synchronized Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long p = pid.getAsLong();
            long t = p > 0 ? cpuTicks(p) : -1;
            ticks.put(name, t);
        });
        long[] machine = machineTicks();
        Map<String, Long> groups = new LinkedHashMap<>();
        Map<Long, Map.Entry<String, Long>> perThread = new HashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0) {
                continue;
            }
            groups.merge(threadGroup.apply(infos[i].getThreadName()), cpu, Long::sum);
            perThread.put(ids[i], Map.entry(infos[i].getThreadName(), cpu));
        }
        return new Snapshot(System.nanoTime(), ticks, machine[0], machine[1], groups, perThread);
    }

    /** Usage between two snapshots; RSS is the peak since {@link #resetPeaks()}. */
    public Usage between(Snapshot a, Snapshot b) {
        double secs = (b.nanos() - a.nanos()) / 1e9;
        Map<String, Double> cpu = new LinkedHashMap<>();
        a.processTicks().forEach((name, t0) -> {
            Long t1 = b.processTicks().get(name);
            if (t0 >= 0 && t1 != null && t1 >= t0 && secs > 0) {
                cpu.put(name, 100.0 * (t1 - t0) / TICKS_PER_SECOND / secs);
            }
        });
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String name : pids.keySet()) {
            Long kb = peakRssKb.get(name);
            if (kb != null) {
                rss.put(name, Math.round(kb / 1024.0));
            }
        }
        double machine = b.machineTotal() > a.machineTotal()
                ? 100.0 * cores * (b.machineBusy() - a.machineBusy()) / (b.machineTotal() - a.machineTotal()) : Double.NaN;
        Map<String, Double> groups = new LinkedHashMap<>();
        b.threadGroupNanos().forEach((g, n1) -> {
            // a group's threads may have ended in between: their time is lost, never negative
            long n0 = a.threadGroupNanos().getOrDefault(g, 0L);
            groups.put(g, secs > 0 ? Math.max(0, 100.0 * (n1 - n0) / 1e9 / secs) : Double.NaN);
        });
        List<Map.Entry<String, Double>> threadUse = new java.util.ArrayList<>();
        b.threadNanos().forEach((id, e1) -> {
            Map.Entry<String, Long> e0 = a.threadNanos().get(id);
            long d = e1.getValue() - (e0 == null ? 0 : e0.getValue());
            if (secs > 0 && d > 0) {
                threadUse.add(Map.entry(e1.getKey(), 100.0 * d / 1e9 / secs));
            }
        });
        threadUse.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        Map<String, Double> top = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : threadUse.subList(0, Math.min(10, threadUse.size()))) {
            top.merge(e.getKey(), e.getValue(), Double::sum);
        }
        return new Usage(secs, cpu, rss, machine, cores, groups, top);
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state); utime is field 14, stime field 15
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long rssKb(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            for (String l : lines) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** {busy, total} jiffies of all CPUs. */
    static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v; // idle, iowait
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** A pid read from a launcher pid file ($HAZARDWATCH_HOME/run/NAME.pid), or -1 when absent or not running. */
    public static long pidFromFile(Path file) {
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return Files.exists(Path.of("/proc/" + pid + "/stat")) ? pid : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(3000);
    }
}
