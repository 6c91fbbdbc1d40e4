package com.hazardwatch.simulators;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Catalogues for tests: the demo district file, and a small hand-made one with awkward limits. */
final class TestCatalogues {
    /** The demo catalogue, relative to the simulators module (surefire's working directory). */
    static final Path DEMO = com.hazardwatch.testsupport.RepoFiles.demoCatalogue();

    private TestCatalogues() {}

    static Catalogue demo() throws Exception {
        if (!Files.exists(DEMO)) {
            throw new AssertionError("demo catalogue missing: " + DEMO.toAbsolutePath());
        }
        return CatalogueLoader.load(DEMO);
    }

    static Sensor sensor(String id, SensorKind kind, double min, double max, Limits limits, double deadband) {
        return new Sensor(id, id + " name", "E01", "T01", "E01-S1", 2, kind, kind.unit(), new Range(min, max), limits, deadband);
    }

    /** One tank like the demo's E01-LT101 (0..100 %, L 10, H 85, HH 95, deadband 1) and some awkward ones. */
    static Catalogue small() {
        List<Sensor> sensors = List.of(
                sensor("E01-LT101", SensorKind.TANK_LEVEL, 0, 100, new Limits(5.0, 10.0, 85.0, 95.0), 1),
                sensor("E01-LT102", SensorKind.TANK_LEVEL, 0, 20, new Limits(null, 2.0, 12.0, null), 0.5),
                sensor("E01-LT103", SensorKind.TANK_LEVEL, 0, 100, new Limits(null, null, 90.0, 99.5), 1),
                sensor("E01-TT101", SensorKind.TEMPERATURE, -20, 150, new Limits(-5.0, 0.0, 80.0, 95.0), 1),
                sensor("E01-TT102", SensorKind.TEMPERATURE, 0, 300, new Limits(null, 180.0, 190.0, null), 2),
                sensor("E01-PT101", SensorKind.PRESSURE, 0, 1.6, new Limits(0.1, 0.2, 1.2, 1.4), 0.02),
                sensor("E01-PT102", SensorKind.PRESSURE, 0, 2.5, new Limits(null, null, 1.8, 2.0), 0.05),
                sensor("E01-GT101", SensorKind.COMBUSTIBLE_GAS, 0, 100, new Limits(null, null, 20.0, 40.0), 1),
                sensor("E01-GT102", SensorKind.TOXIC_GAS, 0, 100, new Limits(null, null, 10.0, 20.0), 1),
                sensor("E01-GT103", SensorKind.TOXIC_GAS, 0, 50, new Limits(null, null, 1.0, 2.0), 0.2));
        return new Catalogue("small-test",
                List.of(new Town("T01", "Town 1")),
                List.of(new Enterprise("E01", "Enterprise 1", "T01", List.of(new Source("E01-S1", "Tank farm", 2)))),
                sensors);
    }
}
