package com.hazardwatch.jobs;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.FaultFigures;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.ReadingStream;
import com.hazardwatch.testsupport.RepoFiles;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stream the job's fault tests drive through the bridge and the monitoring job (KafkaRestartIT, InfluxOutageIT):
 * four sensors of E01 at 10 readings/s each on the demo catalogue, with HIGH excursions of the tank level
 * {@link #LEVEL} where the test places them, and what arrived of it once it ended.
 */
final class FaultStream {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String LEVEL = "E01-LT101";
    static final List<String> SENSORS = List.of(LEVEL, "E01-LT102", "E01-TT101", "E01-PT101");
    private static final Duration PERIOD = Duration.ofMillis(100);
    private static final long STEP_MS = 100;

    final Catalogue catalogue;
    final Sensor level;
    /** Where the level goes above its H limit: {@code values.at(tick)} starts an excursion there. */
    final ReadingStream.Excursions values;

    FaultStream() throws Exception {
        catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        level = catalogue.sensor(LEVEL).orElseThrow();
        values = new ReadingStream.Excursions(LEVEL, level.limits().h() + 5, 5);
    }

    /** Starts publishing to the settings' MQTT (stamped from two minutes ago on, so nothing is ahead of the clock). */
    ReadingStream start(Settings s) throws Exception {
        return ReadingStream.start(s.get(HwOptions.MQTT_URL), s.get(HwOptions.MQTT_TOPIC_ROOT) + "/E01/faults/", SENSORS,
                System.currentTimeMillis() - 120_000, STEP_MS, PERIOD, 10_000, values);
    }

    /**
     * What arrived of an ended stream: the readings published, those on hw.readings, the HIGH transitions of the
     * level the readings call for (unacknowledged: nobody acks in these tests) and those on hw.alarms, raw and
     * de-duplicated on (alarmId, transition, ts).
     */
    record Outcome(Set<String> published, FaultFigures.Count onKafka, List<String> expected, List<String> alarms,
            Set<String> distinctAlarms) {
        int alarmDuplicates() {
            return alarms.size() - distinctAlarms.size();
        }
    }

    Outcome outcome(Settings s, ReadingStream stream) throws Exception {
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        Set<String> published = stream.ids();
        FaultFigures.Count onKafka = FaultFigures.readingsOnKafka(bootstrap, s.get(HwOptions.TOPIC_READINGS), published, WAIT);
        List<String> expected = FaultFigures.expectedUnackedTransitions(stream.sent(), LEVEL, "HI", level.limits().h(),
                level.deadband());
        List<String> alarms = FaultFigures.alarmTransitions(KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_ALARMS),
                r -> new LinkedHashSet<>(FaultFigures.alarmTransitions(r, LEVEL, "HIGH")).containsAll(expected), WAIT),
                LEVEL, "HIGH");
        return new Outcome(published, onKafka, expected, alarms, new LinkedHashSet<>(alarms));
    }
}
