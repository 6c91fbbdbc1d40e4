package com.hazardwatch.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.FaultFigures;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.ReadingStream;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.ServiceControl;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.time.Duration;
import java.util.LinkedHashSet;
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
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LEVEL = "E01-LT101";
    private static final List<String> SENSORS = List.of(LEVEL, "E01-LT102", "E01-TT101", "E01-PT101");
    private static final Duration PERIOD = Duration.ofMillis(100);
    private static final long STEP_MS = 100;
    private static final int STOP_AT = 50;
    private static final Duration DOWN = Duration.ofSeconds(7);

    @Test
    void everyReadingAndAlarmTransitionSurvivesABrokerRestart(Services services, TestInfo info) throws Exception {
        ServiceControl control = ServiceControl.of(services);
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        Sensor level = catalogue.sensor(LEVEL).orElseThrow();
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        long firstTs = System.currentTimeMillis() - 120_000;
        ReadingStream.Excursions values = new ReadingStream.Excursions(LEVEL, level.limits().h() + 5, 5);

        try (LocalPipeline p = LocalPipeline.start(s, catalogue, MonitoringJob.flinkConfiguration(s), "it-kafka-restart")) {
            p.awaitRunning(WAIT);
            try (ReadingStream stream = ReadingStream.start(s.get(HwOptions.MQTT_URL), s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/faults/",
                    SENSORS, firstTs, STEP_MS, PERIOD, 10_000, values)) {
                // the fault comes once readings go all the way through (the job's tasks are deployed and writing)
                FaultFigures.storedReadings(s.get(HwOptions.INFLUX_URL), s.get(HwOptions.INFLUX_DATABASE), 1, WAIT);
                stream.awaitTicks(STOP_AT, WAIT);
                int stoppedAt;
                int startedAt;
                long down;
                try (ServiceControl.Outage outage = control.outage(ServiceControl.Service.KAFKA)) {
                    stoppedAt = stream.ticksDone();
                    values.at(stoppedAt + 3); // while the broker is down
                    Thread.sleep(DOWN.toMillis());
                    outage.end();
                    startedAt = stream.ticksDone();
                    down = outage.downMillis();
                }
                values.at(startedAt + 3); // once it is back
                stream.finishAt(startedAt + 30);
                stream.awaitEnd(WAIT);

                Set<String> published = stream.ids();
                FaultFigures.Count onKafka = FaultFigures.readingsOnKafka(bootstrap, s.get(HwOptions.TOPIC_READINGS), published, WAIT);
                long stored = FaultFigures.storedReadings(s.get(HwOptions.INFLUX_URL), s.get(HwOptions.INFLUX_DATABASE),
                        published.size(), WAIT);

                List<String> expected = FaultFigures.expectedUnackedTransitions(stream.sent(), LEVEL, "HI", level.limits().h(),
                        level.deadband());
                List<String> alarms = FaultFigures.alarmTransitions(KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_ALARMS),
                        r -> new LinkedHashSet<>(FaultFigures.alarmTransitions(r, LEVEL, "HIGH")).containsAll(expected), WAIT),
                        LEVEL, "HIGH");
                Set<String> distinctAlarms = new LinkedHashSet<>(alarms);

                System.out.printf("Kafka down %d ms (stopped to answering again), ticks %d to %d of %d, %d readings a tick%n",
                        down, stoppedAt, startedAt, stream.ticksDone(), SENSORS.size());
                System.out.printf("hw.readings: %d records, %d distinct; hw.alarms %s HIGH: %d records, %d distinct: %s%n",
                        onKafka.total(), onKafka.distinct(), LEVEL, alarms.size(), distinctAlarms.size(), distinctAlarms);
                FaultFigures.print("kafka-restart", published.size(), stored, onKafka.duplicates());
                FaultFigures.print("kafka-restart alarms", expected.size(), distinctAlarms.size(), alarms.size() - distinctAlarms.size());

                assertEquals(4, expected.size(), "two excursions: " + expected);
                assertEquals(Set.of(), FaultFigures.missing(published, onKafka.ids()), "readings published but not on hw.readings");
                assertEquals(published.size(), onKafka.distinct(), "hw.readings holds exactly the readings published");
                assertEquals(published.size(), stored, "every reading is stored in InfluxDB");
                assertEquals(expected, List.copyOf(distinctAlarms), "each alarm transition once, in order, after de-duplication");
                assertEquals(published.size(), p.bridge().stats().forwarded());
                assertEquals(0, p.bridge().stats().sendFailures());
            }
        }
    }
}
