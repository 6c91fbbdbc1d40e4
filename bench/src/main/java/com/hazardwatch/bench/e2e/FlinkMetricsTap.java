package com.hazardwatch.bench.e2e;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter for a job on the in-process MiniCluster: it keeps the Kafka source reader's
 * {@code currentOffset} gauges (the offset of the last record the source emitted, per partition), so that the
 * benchmark knows exactly how far the job has read, not only what it committed at its last checkpoint. Found by
 * Flink through META-INF/services; enabled per job with {@link #enable(Configuration)}.
 */
public final class FlinkMetricsTap implements MetricReporter {
    static final String NAME = "hwe2etap";
    private record Tapped(String topic, Gauge<?> gauge) {}

    private static final Map<String, Tapped> OFFSETS = new ConcurrentHashMap<>();
    private static final Map<String, Counter> OUT_OF_ORDER = new ConcurrentHashMap<>();

    /** Adds this reporter to a job's configuration. */
    public static Configuration enable(Configuration c) {
        c.set(ConfigOptions.key("metrics.reporter." + NAME + ".factory.class").stringType().noDefaultValue(),
                Factory.class.getName());
        return c;
    }

    /** Forgets the gauges of a previous job. */
    public static void reset() {
        OFFSETS.clear();
        OUT_OF_ORDER.clear();
    }

    /**
     * Readings the job's limit-alarm operator did not evaluate because they were not newer than the last one of their
     * sensor (its readingsOutOfOrder counter), or -1 before it registers.
     */
    public static long outOfOrder() {
        if (OUT_OF_ORDER.isEmpty()) {
            return -1;
        }
        return OUT_OF_ORDER.values().stream().mapToLong(Counter::getCount).sum();
    }

    /**
     * Records the source has emitted from {@code topic} (sum over partitions of last offset + 1), or -1 while the
     * source has not registered its gauges yet.
     */
    public static long consumed(String topic) {
        long sum = 0;
        boolean any = false;
        for (Tapped t : OFFSETS.values()) {
            if (!topic.equals(t.topic())) {
                continue;
            }
            any = true;
            Object v = t.gauge().getValue();
            if (v instanceof Number n && n.longValue() >= 0) {
                sum += n.longValue() + 1;
            }
        }
        return any ? sum : -1;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if ("readingsOutOfOrder".equals(metricName) && metric instanceof Counter c) {
            OUT_OF_ORDER.put(group.getMetricIdentifier(metricName), c);
        }
        if ("currentOffset".equals(metricName) && metric instanceof Gauge<?> g) {
            String id = group.getMetricIdentifier(metricName);
            String topic = group.getAllVariables().get("<topic>");
            if (id.contains("KafkaSourceReader") && topic != null) {
                OFFSETS.put(id, new Tapped(topic, g));
            }
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        if ("currentOffset".equals(metricName)) {
            OFFSETS.remove(group.getMetricIdentifier(metricName));
        }
        if ("readingsOutOfOrder".equals(metricName)) {
            OUT_OF_ORDER.remove(group.getMetricIdentifier(metricName));
        }
    }

    /** Creates the tap (listed in META-INF/services/org.apache.flink.metrics.reporter.MetricReporterFactory). */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new FlinkMetricsTap();
        }
    }
}
