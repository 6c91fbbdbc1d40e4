package com.hazardwatch.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The silences' timelines, pure functions of the offset, and their construction against a catalogue. */
class SilenceScenarioTest {
    @Test
    void gatewayOutageSilencesEverySensorOfTheEnterpriseForItsLength() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        Scenario s = Scenarios.create(ScenarioSpec.parse("gateway-outage:E14@10s+100s"), demo, Duration.ZERO);
        assertEquals("gateway-outage", s.name());
        assertEquals("E14", s.target());
        assertEquals(List.of("E14-PT101", "E14-GT101", "E14-GT102"), List.copyOf(s.sensors()));
        assertEquals(Duration.ofSeconds(10), s.start());
        for (String id : s.sensors()) {
            assertFalse(s.silent(id, 0));
            assertFalse(s.silent(id, 9_999), "reports until the start");
            assertTrue(s.silent(id, 10_000), "silent from the start");
            assertTrue(s.silent(id, 60_000));
            assertTrue(s.silent(id, 109_999));
            assertFalse(s.silent(id, 110_000), "reports again at the end");
            assertTrue(s.override(id, 60_000, 1.0).isEmpty(), "values are left alone");
        }
        assertFalse(s.silent("E05-TT101", 60_000), "other enterprises report");
        assertFalse(s.silent("E20-PT101", 60_000));
        assertEquals(SilenceScenario.WAITING, s.phase(9_999));
        assertEquals(SilenceScenario.SILENT, s.phase(10_000));
        assertEquals(SilenceScenario.DONE, s.phase(110_000));
        assertFalse(s.active(9_999));
        assertTrue(s.active(10_000));
        assertFalse(s.finished(109_999));
        assertTrue(s.finished(110_000));
        assertTrue(s.reportInterval().isEmpty(), "the sensors keep their schedule");
        assertEquals("gateway-outage: E14 (3 sensors: E14-PT101, E14-GT101, E14-GT102) silent from +10s for 1m40s (until +1m50s)",
                s.describe());
    }

    @Test
    void deadSensorSilencesOneSensorOnly() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        SilenceScenario s = (SilenceScenario) Scenarios.create("dead-sensor", demo, "E05-TT101", Duration.ofSeconds(10));
        assertEquals(List.of("E05-TT101"), List.copyOf(s.sensors()));
        assertEquals(Scenarios.DEFAULT_SILENCE, s.length());
        assertEquals(Duration.ofSeconds(110), s.end());
        assertTrue(s.silent("E05-TT101", 10_000));
        assertFalse(s.silent("E05-TT101", 110_000));
        assertFalse(s.silent("E05-LT101", 50_000), "its neighbours report");
        assertEquals("dead-sensor: E05-TT101 silent from +10s for 1m40s (until +1m50s)", s.describe());
        // starting at 0 it is silent from the first slot
        Scenario atZero = Scenarios.create(ScenarioSpec.parse("dead-sensor:E05-TT101@0s+5s"), demo, Duration.ofSeconds(10));
        assertTrue(atZero.silent("E05-TT101", 0));
        assertEquals(SilenceScenario.SILENT, atZero.phase(0));
        assertFalse(atZero.silent("E05-TT101", 5_000));
    }

    /** What the demo silences: an enterprise readable in an outage, a sensor whose neighbours keep reporting. */
    @Test
    void theDefaultsSuitTheDemoCatalogue() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        Enterprise e14 = demo.enterprise(Scenarios.DEFAULT_OUTAGE_ENTERPRISE).orElseThrow();
        assertFalse(e14.hasMajorHazard(), "no major hazard source");
        List<Sensor> e14Sensors = demo.sensors().stream().filter(s -> s.enterprise().equals("E14")).toList();
        assertEquals(3, e14Sensors.size());
        assertEquals(2, e14Sensors.stream().map(Sensor::kind).distinct().count(), "pressure and combustible gas");
        assertEquals("E14", Scenarios.suggestOutageEnterprise(demo).orElseThrow().id(), "the rule picks the same one");

        Sensor dead = demo.sensor(Scenarios.DEFAULT_DEAD_SENSOR).orElseThrow();
        assertTrue(dead.kind() == SensorKind.TEMPERATURE || dead.kind() == SensorKind.TANK_LEVEL, dead.kind().code());
        assertFalse(List.of("E01", "E14").contains(dead.enterprise()), "not the overfill's nor the outage's enterprise");
        assertTrue(demo.sensors().stream().filter(s -> s.enterprise().equals(dead.enterprise())).count() > 1,
                "its enterprise keeps reporting: a STALE, not a LINK_DOWN");

        Scenario outage = Scenarios.create(ScenarioSpec.of("gateway-outage"), demo, Duration.ofSeconds(10));
        assertEquals("E14", outage.target());
        assertEquals("E05-TT101", Scenarios.create(ScenarioSpec.of("dead-sensor"), demo, Duration.ofSeconds(10)).target());
        assertEquals("E01-LT101", Scenarios.create(ScenarioSpec.of("overfill"), demo, Duration.ofSeconds(10)).target());
    }

    @Test
    void unsuitableTargetsAreClearErrors() throws Exception {
        Catalogue demo = TestCatalogues.demo();
        String noEnterprise = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.create("gateway-outage", demo, "E99", Duration.ZERO)).getMessage();
        assertTrue(noEnterprise.startsWith("scenario enterprise 'E99' is not an enterprise of catalogue")
                && noEnterprise.contains("every sensor of one enterprise, e.g. E14"), noEnterprise);
        String sensorForEnterprise = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.create("gateway-outage", demo, "E14-PT101", Duration.ZERO)).getMessage();
        assertTrue(sensorForEnterprise.contains("'E14-PT101' is not an enterprise"), sensorForEnterprise);
        String noSensor = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.create("dead-sensor", demo, "E14", Duration.ZERO)).getMessage();
        assertTrue(noSensor.startsWith("scenario sensor 'E14' is not in catalogue") && noSensor.contains("e.g. E05-TT101"),
                noSensor);
        // a catalogue without E14: the default is not there, the message suggests one that is
        Catalogue small = TestCatalogues.small();
        String suggestion = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.create(ScenarioSpec.of("gateway-outage"), small, Duration.ZERO)).getMessage();
        assertTrue(suggestion.contains("'E14'") && suggestion.contains("e.g. E01"), suggestion);
        assertThrows(IllegalArgumentException.class,
                () -> new SilenceScenario("dead-sensor", "X", List.of("X"), Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new SilenceScenario("dead-sensor", "X", List.of(), Duration.ZERO, Duration.ofSeconds(1)));
    }

    @Test
    void specsReadAndWriteTheirTextForm() {
        ScenarioSpec full = ScenarioSpec.parse("gateway-outage:E14@10s+100s");
        assertEquals(new ScenarioSpec("gateway-outage", "E14", Duration.ofSeconds(10), Duration.ofSeconds(100)), full);
        assertEquals("gateway-outage:E14@10s+1m40s", full.toString());
        assertEquals(full, ScenarioSpec.parse(full.toString()));
        ScenarioSpec bare = ScenarioSpec.parse("Dead-Sensor");
        assertEquals("dead-sensor", bare.name());
        assertNull(bare.target());
        assertNull(bare.start());
        assertNull(bare.length());
        assertEquals(new ScenarioSpec("dead-sensor", "E05-TT101", null, Duration.ofMinutes(2)),
                ScenarioSpec.parse("dead-sensor:E05-TT101+2m"));
        assertEquals(new ScenarioSpec("overfill", null, Duration.ofSeconds(30), null), ScenarioSpec.parse("overfill@30s"));

        String unknown = assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("flood:E01")).getMessage();
        assertTrue(unknown.contains("NAME[:TARGET][@START][+LENGTH]") && unknown.contains("gateway-outage"), unknown);
        String badStart = assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("dead-sensor:X@soon")).getMessage();
        assertTrue(badStart.contains("@START 'soon' is not a duration"), badStart);
        String fixed = assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("overfill+100s")).getMessage();
        assertTrue(fixed.contains("fixed length (1m5s)"), fixed);
        assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("dead-sensor:"));
        assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse("dead-sensor+0s"));
    }
}
