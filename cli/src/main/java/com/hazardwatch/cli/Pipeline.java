package com.hazardwatch.cli;

import com.hazardwatch.connectors.mqtt.MqttKafkaBridge;
import com.hazardwatch.jobs.MonitoringJob;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The bridge and the monitoring job (on Flink's in-process MiniCluster) running together; close stops both. */
final class Pipeline implements AutoCloseable {
    private final MqttKafkaBridge bridge;
    private final JobClient job;

    private Pipeline(MqttKafkaBridge bridge, JobClient job) {
        this.bridge = bridge;
        this.job = job;
    }

    static Pipeline start(Settings s, Catalogue catalogue) throws Exception {
        MqttKafkaBridge bridge = new MqttKafkaBridge(s, catalogue);
        bridge.start();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(MonitoringJob.flinkConfiguration(s));
            MonitoringJob.build(env, s, catalogue);
            JobClient job = env.executeAsync("HazardWatch monitoring (" + catalogue.sensorCount() + " sensors)");
            return new Pipeline(bridge, job);
        } catch (Exception | Error e) {
            bridge.close();
            throw e;
        }
    }

    MqttKafkaBridge bridge() {
        return bridge;
    }

    JobClient job() {
        return job;
    }

    /** Waits until the job has its tasks running (or fails), so that timing the demo from here is fair. */
    void awaitRunning(Duration timeout) throws Exception {
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
            Thread.sleep(200);
        }
        throw new IllegalStateException("the monitoring job did not start within " + timeout);
    }

    @Override
    public void close() {
        try {
            JobStatus st = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (!st.isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("hazardwatch: stopping the job: " + e);
        }
        bridge.close();
    }
}
