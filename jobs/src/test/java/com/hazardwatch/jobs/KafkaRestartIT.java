package com.hazardwatch.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.FaultFigures;
import com.hazardwatch.testsupport.ReadingStream;
import com.hazardwatch.testsupport.ServiceControl;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka broker restarts in the middle of a stream of readings through the bridge and the monitoring job: every
 * reading published is on hw.readings and stored in InfluxDB, and every alarm transition of two HIGH excursions of
 * E01-LT101 (one while the broker is down, one after it is back) is on hw.alarms exactly once after de-duplication
 * on (alarmId, transition, ts).
 */
@ExtendWith(ServicesExtension.class)
class KafkaRestartIT {
    private static final int STOP_AT = 50;
    private static final Duration DOWN = Duration.ofSeconds(7);

    @Test
    void everyReadingAndAlarmTransitionSurvivesABrokerRestart(Services services, TestInfo info) throws Exception {
        ServiceControl control = ServiceControl.of(services);
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        FaultStream f = new FaultStream();

        try (LocalPipeline p = LocalPipeline.start(s, f.catalogue, MonitoringJob.flinkConfiguration(s), "it-kafka-restart")) {
            p.awaitRunning(FaultStream.WAIT);
            try (ReadingStream stream = f.start(s)) {
                // the fault comes once readings go all the way through (the job's tasks are deployed and writing)
                FaultFigures.storedReadings(s.get(HwOptions.INFLUX_URL), s.get(HwOptions.INFLUX_DATABASE), 1, FaultStream.WAIT);
                stream.awaitTicks(STOP_AT, FaultStream.WAIT);
                int stoppedAt;
                int startedAt;
                long down;
                try (ServiceControl.Outage outage = control.outage(ServiceControl.Service.KAFKA)) {
                    stoppedAt = stream.ticksDone();
                    f.values.at(stoppedAt + 3); // while the broker is down
                    Thread.sleep(DOWN.toMillis());
                    outage.end();
                    startedAt = stream.ticksDone();
                    down = outage.downMillis();
                }
                f.values.at(startedAt + 3); // once it is back
                stream.finishAt(startedAt + 30);
                stream.awaitEnd(FaultStream.WAIT);

                FaultStream.Outcome o = f.outcome(s, stream);
                long stored = FaultFigures.storedReadings(s.get(HwOptions.INFLUX_URL), s.get(HwOptions.INFLUX_DATABASE),
                        o.published().size(), FaultStream.WAIT);

                System.out.printf("Kafka down %d ms (stopped to answering again), ticks %d to %d of %d, %d readings a tick%n",
                        down, stoppedAt, startedAt, stream.ticksDone(), FaultStream.SENSORS.size());
                System.out.printf("hw.readings: %d records, %d distinct; hw.alarms %s HIGH: %d records, %d distinct: %s%n",
                        o.onKafka().total(), o.onKafka().distinct(), FaultStream.LEVEL, o.alarms().size(), o.distinctAlarms().size(),
                        o.distinctAlarms());
                FaultFigures.print("kafka-restart", o.published().size(), stored, o.onKafka().duplicates());
                FaultFigures.print("kafka-restart alarms", o.expected().size(), o.distinctAlarms().size(), o.alarmDuplicates());

                assertEquals(4, o.expected().size(), "two excursions: " + o.expected());
                assertEquals(Set.of(), FaultFigures.missing(o.published(), o.onKafka().ids()), "readings published but not on hw.readings");
                assertEquals(o.published().size(), o.onKafka().distinct(), "hw.readings holds exactly the readings published");
                assertEquals(o.published().size(), stored, "every reading is stored in InfluxDB");
                assertEquals(o.expected(), List.copyOf(o.distinctAlarms()), "each alarm transition once, in order, after de-duplication");
                assertEquals(o.published().size(), p.bridge().stats().forwarded());
                assertEquals(0, p.bridge().stats().sendFailures());
            }
        }
    }
}
