package com.hazardwatch.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.FaultFigures;
import com.hazardwatch.testsupport.InfluxProbe;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.ReadingStream;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.ServiceControl;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
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
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LEVEL = "E01-LT101";
    private static final List<String> SENSORS = List.of(LEVEL, "E01-LT102", "E01-TT101", "E01-PT101");
    private static final Duration PERIOD = Duration.ofMillis(100);
    private static final long STEP_MS = 100;
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
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        Sensor level = catalogue.sensor(LEVEL).orElseThrow();
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String url = s.get(HwOptions.INFLUX_URL);
        String db = s.get(HwOptions.INFLUX_DATABASE);
        long firstTs = System.currentTimeMillis() - 120_000;
        ReadingStream.Excursions values = new ReadingStream.Excursions(LEVEL, level.limits().h() + 5, 5);

        try (LocalPipeline p = LocalPipeline.start(s, catalogue, MonitoringJob.flinkConfiguration(s), "it-influx-outage")) {
            p.awaitRunning(WAIT);
            try (ReadingStream stream = ReadingStream.start(s.get(HwOptions.MQTT_URL), s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/faults/",
                    SENSORS, firstTs, STEP_MS, PERIOD, 10_000, values)) {
                // the fault comes once readings go all the way through and a checkpoint has completed
                FaultFigures.storedReadings(url, db, 1, WAIT);
                awaitCheckpointAfter(checkpoints, 0, WAIT);
                stream.awaitTicks(STOP_AT, WAIT);
                int stoppedAt;
                int startedAt;
                long down;
                long checkpointBefore;
                long checkpointDuring;
                try (ServiceControl.Outage outage = control.outage(ServiceControl.Service.INFLUXDB)) {
                    stoppedAt = stream.ticksDone();
                    values.at(stoppedAt + 3); // while InfluxDB is down
                    Thread.sleep(GRACE.toMillis());
                    checkpointBefore = lastCompletedCheckpoint(checkpoints);
                    Thread.sleep(DOWN.minus(GRACE).toMillis());
                    checkpointDuring = lastCompletedCheckpoint(checkpoints);
                    assertEquals(JobStatus.RUNNING, p.jobStatus(), "the job waits for InfluxDB instead of failing");
                    outage.end();
                    startedAt = stream.ticksDone();
                    down = outage.downMillis();
                }
                values.at(startedAt + 3); // once it is back
                stream.finishAt(startedAt + 30);
                stream.awaitEnd(WAIT);

                Set<String> published = stream.ids();
                long stored = FaultFigures.storedReadings(url, db, published.size(), WAIT);
                FaultFigures.Count onKafka = FaultFigures.readingsOnKafka(bootstrap, s.get(HwOptions.TOPIC_READINGS), published, WAIT);

                List<String> expected = FaultFigures.expectedUnackedTransitions(stream.sent(), LEVEL, "HI", level.limits().h(),
                        level.deadband());
                List<String> onAlarms = FaultFigures.alarmTransitions(KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_ALARMS),
                        r -> new LinkedHashSet<>(FaultFigures.alarmTransitions(r, LEVEL, "HIGH")).containsAll(expected), WAIT),
                        LEVEL, "HIGH");
                Set<String> distinctOnAlarms = new LinkedHashSet<>(onAlarms);
                // InfluxDB keeps one point per series and time: what it holds is already de-duplicated
                List<String> storedAlarms = InfluxProbe.await(url, db,
                        "SELECT alarm_id, transition FROM \"long\".alarm WHERE sensor = '" + LEVEL + "' AND type = 'HIGH'",
                        rows -> rows.size() >= expected.size(), WAIT).stream()
                        .map(r -> r.get("alarm_id") + " " + r.get("transition")).toList();
                long checkpointAfter = awaitCheckpointAfter(checkpoints, checkpointDuring, WAIT);

                System.out.printf("InfluxDB down %d ms (stopped to answering again), ticks %d to %d of %d, %d readings a tick;"
                                + " last completed checkpoint %d s after the stop: %d, at the restart: %d, afterwards: %d%n",
                        down, stoppedAt, startedAt, stream.ticksDone(), SENSORS.size(), GRACE.toSeconds(), checkpointBefore,
                        checkpointDuring, checkpointAfter);
                System.out.printf("hw.alarms %s HIGH: %d records, %d distinct; stored alarm points: %s%n", LEVEL, onAlarms.size(),
                        distinctOnAlarms.size(), storedAlarms);
                FaultFigures.print("influx-outage", published.size(), stored, onKafka.duplicates());
                FaultFigures.print("influx-outage alarms", expected.size(), storedAlarms.size(),
                        onAlarms.size() - distinctOnAlarms.size());

                assertEquals(4, expected.size(), "two excursions: " + expected);
                assertEquals(published.size(), stored, "every reading is stored in InfluxDB");
                assertEquals(Set.of(), FaultFigures.missing(published, onKafka.ids()), "readings published but not on hw.readings");
                assertEquals(published.size(), onKafka.distinct(), "hw.readings holds exactly the readings published");
                assertEquals(expected, List.copyOf(distinctOnAlarms), "each alarm transition once on hw.alarms, after de-duplication");
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
