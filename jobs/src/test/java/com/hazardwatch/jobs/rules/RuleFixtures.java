package com.hazardwatch.jobs.rules;

import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;

/** Sensors and readings the rule tests share. */
final class RuleFixtures {
    private RuleFixtures() {}

    static final long T0 = 1_732_262_400_000L;
    static final long SEC = 1000L;
    static final long MIN = 60_000L;

    static final Sensor LEVEL = new Sensor("E01-LT101", "tank 1 level", "E01", "T01", "E01-S1", 2, SensorKind.TANK_LEVEL, "%",
            new Range(0, 100), new Limits(5.0, 10.0, 85.0, 95.0), 1.0);
    static final Sensor PRESSURE = new Sensor("E01-PT101", "tank 1 pressure", "E01", "T01", "E01-S1", 2, SensorKind.PRESSURE, "MPa",
            new Range(0, 2.5), new Limits(null, null, 1.6, 1.8), 0.02);
    static final Sensor GAS1 = gas("E01-GT201");
    static final Sensor GAS2 = gas("E01-GT202");
    static final Sensor GAS3 = gas("E01-GT203");

    static Sensor gas(String id) {
        return new Sensor(id, "gas " + id, "E01", "T01", "E01-S1", 2, SensorKind.COMBUSTIBLE_GAS, "%LEL",
                new Range(0, 100), new Limits(null, null, 25.0, 50.0), 2.0);
    }

    static Reading reading(Sensor s, long ts, double value) {
        return reading(s, ts, value, Quality.GOOD);
    }

    static Reading reading(Sensor s, long ts, double value, Quality q) {
        return new Reading(s.id(), s.enterprise(), s.source(), s.kind().code(), ts, value, q, ts);
    }
}
