package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.simulators.SensorModel;
import com.hazardwatch.testsupport.RepoFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No storms from normal operation: an hour of the simulator's normal traffic for every sensor of the demo district,
 * through every per-sensor rule the job runs, raises no alarm at all. A drill must raise only what its scenario causes.
 */
class NormalTrafficRaisesNothingTest {
    @Test
    void anHourOfNormalTrafficOfTheDemoDistrictRaisesNoAlarm() throws Exception {
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        List<AlarmEvent> alarms = new ArrayList<>();
        for (long seed : new long[] {42, 7, 1, 2024, 20261122}) {
            for (Sensor s : catalogue.sensors()) {
                SensorModel model = SensorModel.create(s, seed);
                SensorState st = new SensorState();
                for (int i = 0; i < 1800; i++) { // every 2 s for an hour
                    double t = i * 2.0;
                    Reading r = new Reading(s.id(), s.enterprise(), s.source(), s.kind().code(), 1_700_000_000_000L + i * 2000L,
                            model.next(t), Quality.GOOD, 0);
                    SensorRules.apply(s, st, r, 0, alarms::add);
                }
            }
        }
        assertEquals(List.of(), alarms.stream().limit(10).map(e -> e.type() + " " + e.sensor() + " " + e.detail()).toList(),
                alarms.size() + " alarms from normal traffic");
    }
}
