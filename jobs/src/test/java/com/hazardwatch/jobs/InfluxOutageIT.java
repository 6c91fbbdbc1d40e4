package com.hazardwatch.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.FaultFigures;
import com.hazardwatch.testsupport.InfluxProbe;
import com.hazardwatch.testsupport.ReadingStream;
import com.hazardwatch.testsupport.ServiceControl;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB is stopped for 30 s in the middle of a stream of readings through the bridge and the monitoring job. The
 * InfluxDB sink retries and holds the job back meanwhile: no checkpoint completes while InfluxDB is down (the sink's
 * flush on the checkpoint barrier waits for its writes), the job does not fail, and once InfluxDB is back every
 * reading and every alarm transition (one excursion of E01-LT101 during the outage, one after) is stored.
 */
@ExtendWith(ServicesExtension.class)
class InfluxOutageIT {
    private static final int STOP_AT = 40;
    private static final Duration DOWN = Duration.ofSeconds(30);
    /** A checkpoint under way when InfluxDB stops may still complete with what was written before. */
    private static final Duration GRACE = Duration.ofSeconds(4);

    @Test
    void nothingIsLostWhileInfluxDbIsDownAndNoCheckpointCompletesMeanwhile(Services services, TestInfo info, @TempDir Path checkpoints)
            throws Exception {
        ServiceControl control = ServiceControl.of(services);
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName())
                .with(HwOptions.JOB_CHECKPOINT_DIR, checkpoints.toUri().toString());
        String url = s.get(HwOptions.INFLUX_URL);
        String db = s.get(HwOptions.INFLUX_DATABASE);
        FaultStream f = new FaultStream();
        Duration wait = FaultStream.WAIT;

        try (LocalPipeline p = LocalPipeline.start(s, f.catalogue, MonitoringJob.flinkConfiguration(s), "it-influx-outage")) {
            p.awaitRunning(wait);
            try (ReadingStream stream = f.start(s)) {
                // the fault comes once readings go all the way through and a checkpoint has completed
                FaultFigures.storedReadings(url, db, 1, wait);
                awaitCheckpointAfter(checkpoints, 0, wait);
                stream.awaitTicks(STOP_AT, wait);
                int stoppedAt;
                int startedAt;
                long down;
                long checkpointBefore;
                long checkpointDuring;
                try (ServiceControl.Outage outage = control.outage(ServiceControl.Service.INFLUXDB)) {
                    stoppedAt = stream.ticksDone();
                    f.values.at(stoppedAt + 3); // while InfluxDB is down
                    Thread.sleep(GRACE.toMillis());
                    checkpointBefore = lastCompletedCheckpoint(checkpoints);
                    Thread.sleep(DOWN.minus(GRACE).toMillis());
                    checkpointDuring = lastCompletedCheckpoint(checkpoints);
                    assertEquals(JobStatus.RUNNING, p.jobStatus(), "the job waits for InfluxDB instead of failing");
                    outage.end();
                    startedAt = stream.ticksDone();
                    down = outage.downMillis();
                }
                f.values.at(startedAt + 3); // once it is back
                stream.finishAt(startedAt + 30);
                stream.awaitEnd(wait);

                FaultStream.Outcome o = f.outcome(s, stream);
                Set<String> published = o.published();
                long stored = FaultFigures.storedReadings(url, db, published.size(), wait);
                List<String> expected = o.expected();
                // InfluxDB keeps one point per series and time: what it holds is already de-duplicated
                List<String> storedAlarms = InfluxProbe.await(url, db,
                        "SELECT alarm_id, transition FROM \"long\".alarm WHERE sensor = '" + FaultStream.LEVEL + "' AND type = 'HIGH'",
                        rows -> rows.size() >= expected.size(), wait).stream()
                        .map(r -> r.get("alarm_id") + " " + r.get("transition")).toList();
                long checkpointAfter = awaitCheckpointAfter(checkpoints, checkpointDuring, wait);

                System.out.printf("InfluxDB down %d ms (stopped to answering again), ticks %d to %d of %d, %d readings a tick;"
                                + " last completed checkpoint %d s after the stop: %d, at the restart: %d, afterwards: %d%n",
                        down, stoppedAt, startedAt, stream.ticksDone(), FaultStream.SENSORS.size(), GRACE.toSeconds(), checkpointBefore,
                        checkpointDuring, checkpointAfter);
                System.out.printf("hw.alarms %s HIGH: %d records, %d distinct; stored alarm points: %s%n", FaultStream.LEVEL,
                        o.alarms().size(), o.distinctAlarms().size(), storedAlarms);
                FaultFigures.print("influx-outage", published.size(), stored, o.onKafka().duplicates());
                FaultFigures.print("influx-outage alarms", expected.size(), storedAlarms.size(), o.alarmDuplicates());

                assertEquals(4, expected.size(), "two excursions: " + expected);
                assertEquals(published.size(), stored, "every reading is stored in InfluxDB");
                assertEquals(Set.of(), FaultFigures.missing(published, o.onKafka().ids()), "readings published but not on hw.readings");
                assertEquals(published.size(), o.onKafka().distinct(), "hw.readings holds exactly the readings published");
                assertEquals(expected, List.copyOf(o.distinctAlarms()), "each alarm transition once on hw.alarms, after de-duplication");
                assertEquals(expected.stream().map(t -> t.substring(0, t.lastIndexOf(' '))).toList(), storedAlarms,
                        "each alarm transition stored once");
                assertTrue(checkpointBefore >= 1, "a checkpoint completed before the outage");
                assertEquals(checkpointBefore, checkpointDuring, "no checkpoint completes while InfluxDB is down");
                assertTrue(checkpointAfter > checkpointDuring, "checkpoints complete again once InfluxDB is back");
                assertEquals(JobStatus.RUNNING, p.jobStatus());
            }
        }
    }

    /** The highest checkpoint number with its metadata written (Flink keeps chk-N/_metadata under the job's id). */
    private static long lastCompletedCheckpoint(Path dir) throws IOException {
        long max = 0;
        try (Stream<Path> jobs = Files.list(dir)) {
            for (Path job : jobs.toList()) {
                try (Stream<Path> chks = Files.list(job)) {
                    for (Path chk : chks.toList()) {
                        String n = chk.getFileName().toString();
                        if (n.startsWith("chk-") && Files.exists(chk.resolve("_metadata"))) {
                            max = Math.max(max, Long.parseLong(n.substring(4)));
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // a directory Flink removed meanwhile
                }
            }
        }
        return max;
    }

    private static long awaitCheckpointAfter(Path dir, long n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = lastCompletedCheckpoint(dir);
        while (last <= n && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = lastCompletedCheckpoint(dir);
        }
        return last;
    }
}
