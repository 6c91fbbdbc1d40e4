package com.hazardwatch.model.catalogue;

import static com.hazardwatch.model.catalogue.CatalogueLoaderTest.errors;
import static com.hazardwatch.model.catalogue.CatalogueLoaderTest.rulesOf;
import static com.hazardwatch.model.catalogue.CatalogueLoaderTest.withDefaults;
import static com.hazardwatch.model.catalogue.CatalogueLoaderTest.withRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The storage compression rule of the catalogue (docs/storage.md): in a sensor's rules and in per-kind defaults. */
class CompressionRuleTest {
    @Test
    void offByDefault() throws Exception {
        assertNull(rulesOf(CatalogueLoaderTest.BASE).compression());
    }

    @Test
    void aSensorsOwnRule() throws Exception {
        assertEquals(new Compression(Compression.Method.SWINGING_DOOR, 0.5),
                rulesOf(withRules("{compression: {method: swinging-door, deviation: 0.5}}")).compression());
        assertEquals(new Compression(Compression.Method.DEADBAND, 2.0),
                rulesOf(withRules("{compression: {method: deadband, deviation: 2}}")).compression());
    }

    @Test
    void fromTheKindsDefaultsUnlessTheSensorSaysOtherwise() throws Exception {
        String yaml = withDefaults("level: {compression: {method: deadband, deviation: 0.2}}");
        assertEquals(new Compression(Compression.Method.DEADBAND, 0.2), rulesOf(yaml).compression());
    }

    @Test
    void travelsOnTheCatalogueTopic() throws Exception {
        Catalogue c = CatalogueLoader.parse(withRules("{compression: {method: swinging-door, deviation: 0.5}}"), "t");
        assertEquals(c.sensors(), CatalogueJson.sensorsFromJson(CatalogueJson.toJson(c)));
    }

    @Test
    void wrongRulesAreErrorsWithTheirPlace() {
        for (String[] bad : List.of(
                new String[] {"{compression: {method: swinging-door, deviation: 0}}", "compression.deviation", "must be above 0"},
                new String[] {"{compression: {method: swinging-door, deviation: -1}}", "compression.deviation", "must be above 0"},
                new String[] {"{compression: {method: swinging-door}}", "compression.deviation", "needs a deviation"},
                new String[] {"{compression: {method: boxcar, deviation: 1}}", "compression.method", "unknown compression method 'boxcar'"},
                new String[] {"{compression: {deviation: 1}}", "compression.method", "deadband, swinging-door"},
                new String[] {"{compression: {method: deadband, deviation: 1, window: 3}}", "compression.window", ""},
                new String[] {"{compression: on}", "compression", "expected a mapping"})) {
            List<CatalogueError> errors = errors(withRules(bad[0]));
            assertEquals(1, errors.size(), bad[0] + ": " + errors);
            assertTrue(errors.get(0).field().endsWith(bad[1]) && errors.get(0).message().contains(bad[2]),
                    bad[0] + ": " + errors.get(0));
        }
    }
}
