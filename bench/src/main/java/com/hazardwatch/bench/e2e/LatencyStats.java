package com.hazardwatch.bench.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.json.Json;
import java.util.Arrays;
import java.util.Collection;

/**
 * Summary of latency samples in milliseconds: count, p50, p99, max (nearest-rank percentiles, so every figure is a
 * latency that was really measured). Empty when there were no samples.
 */
public record LatencyStats(int count, long p50, long p99, long max, double mean) {
    public static final LatencyStats EMPTY = new LatencyStats(0, -1, -1, -1, Double.NaN);

    public static LatencyStats of(Collection<Long> samplesMs) {
        if (samplesMs.isEmpty()) {
            return EMPTY;
        }
        long[] a = samplesMs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        double sum = 0;
        for (long v : a) {
            sum += v;
        }
        return new LatencyStats(a.length, rank(a, 0.50), rank(a, 0.99), a[a.length - 1], sum / a.length);
    }

    /** Nearest-rank percentile: the smallest sample with at least q of the samples at or below it. */
    static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("count", count);
        if (count > 0) {
            n.put("p50Ms", p50);
            n.put("p99Ms", p99);
            n.put("maxMs", max);
            n.put("meanMs", Math.round(mean * 10) / 10.0);
        }
        return n;
    }

    /** "p50/p99/max" in ms, or "-" without samples. */
    public String cells() {
        return count == 0 ? "- | - | -" : p50 + " | " + p99 + " | " + max;
    }
}
