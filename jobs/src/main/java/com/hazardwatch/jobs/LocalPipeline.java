package com.hazardwatch.jobs;

import com.hazardwatch.connectors.mqtt.MqttKafkaBridge;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bridge and the monitoring job on Flink's in-process MiniCluster, running together in this JVM, as
 * {@code bin/hazardwatch run}, the demo and the end-to-end benchmark run them; close stops both. Needs Flink on the
 * classpath (the cli and bench modules bring it; on a cluster the job runs through {@link MonitoringJob#main}).
 */
public final class LocalPipeline implements AutoCloseable {
    private final MqttKafkaBridge bridge;
    private final JobClient job;

    private LocalPipeline(MqttKafkaBridge bridge, JobClient job) {
        this.bridge = bridge;
        this.job = job;
    }

    public static LocalPipeline start(Settings s, Catalogue catalogue) throws Exception {
        return start(s, catalogue, MonitoringJob.flinkConfiguration(s),
                "HazardWatch monitoring (" + catalogue.sensorCount() + " sensors)");
    }

    /** As {@link #start(Settings, Catalogue)} with a Flink configuration and job name of the caller's. */
    public static LocalPipeline start(Settings s, Catalogue catalogue, Configuration flink, String jobName) throws Exception {
        return start(s, catalogue, flink, jobName, true);
    }

    /**
     * As {@link #start(Settings, Catalogue, Configuration, String)}; without the bridge when withBridge is false (the
     * job alone, bridges running as processes of their own: {@code bin/hazardwatch bridge}); {@link #bridge()} is then null.
     */
    public static LocalPipeline start(Settings s, Catalogue catalogue, Configuration flink, String jobName, boolean withBridge)
            throws Exception {
        MqttKafkaBridge bridge = withBridge ? new MqttKafkaBridge(s, catalogue) : null;
        if (bridge != null) {
            bridge.start();
        }
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
            MonitoringJob.build(env, s, catalogue);
            return new LocalPipeline(bridge, env.executeAsync(jobName));
        } catch (Exception | Error e) {
            if (bridge != null) {
                bridge.close();
            }
            throw e;
        }
    }

    /** The in-process bridge, or null when started without it. */
    public MqttKafkaBridge bridge() {
        return bridge;
    }

    public JobClient job() {
        return job;
    }

    /** The job's status, or null when it cannot be had. */
    public JobStatus jobStatus() {
        try {
            return job.getJobStatus().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    /** Waits until the job has its tasks running (or fails), so that timing from here is fair. */
    public void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus st = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (st == JobStatus.RUNNING) {
                return;
            }
            if (st.isGloballyTerminalState()) {
                job.getJobExecutionResult().get(); // throws the job's failure
                throw new IllegalStateException("the monitoring job ended at start: " + st);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the monitoring job did not start within " + timeout);
    }

    @Override
    public void close() {
        try {
            JobStatus st = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (!st.isGloballyTerminalState()) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("hazardwatch: stopping the job: " + e);
        }
        if (bridge != null) {
            bridge.close();
        }
    }
}
