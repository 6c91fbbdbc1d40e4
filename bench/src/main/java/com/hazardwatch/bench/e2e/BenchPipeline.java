package com.hazardwatch.bench.e2e;

import com.hazardwatch.connectors.mqtt.MqttKafkaBridge;
import com.hazardwatch.jobs.MonitoringJob;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The pipeline under test, in this JVM: the real {@link MqttKafkaBridge} and the real monitoring job
 * ({@link MonitoringJob#build}) on Flink's in-process MiniCluster, as {@code bin/hazardwatch run} runs them, plus the
 * metric tap that reads the job's source offsets.
 */
public final class BenchPipeline implements AutoCloseable {
    private final MqttKafkaBridge bridge;
    private final JobClient job;

    private BenchPipeline(MqttKafkaBridge bridge, JobClient job) {
        this.bridge = bridge;
        this.job = job;
    }

    public static BenchPipeline start(Settings s, Catalogue catalogue) throws Exception {
        FlinkMetricsTap.reset();
        MqttKafkaBridge bridge = new MqttKafkaBridge(s, catalogue);
        bridge.start();
        try {
            Configuration conf = FlinkMetricsTap.enable(MonitoringJob.flinkConfiguration(s));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            MonitoringJob.build(env, s, catalogue);
            JobClient job = env.executeAsync("HazardWatch monitoring, e2e benchmark (" + catalogue.sensorCount() + " sensors)");
            BenchPipeline p = new BenchPipeline(bridge, job);
            p.awaitRunning(Duration.ofSeconds(90));
            return p;
        } catch (Exception | Error e) {
            bridge.close();
            throw e;
        }
    }

    public MqttKafkaBridge bridge() {
        return bridge;
    }

    /** The job's status, or null when it cannot be had. */
    public JobStatus jobStatus() {
        try {
            return job.getJobStatus().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus st = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (st == JobStatus.RUNNING) {
                return;
            }
            if (st.isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
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
            System.err.println("bench e2e: stopping the job: " + e);
        }
        bridge.close();
    }
}
