package com.hazardwatch.simulators.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.testsupport.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped scripts against the demo catalogue, and how the loader reports what is wrong in one. */
class ScriptLoaderTest {
    static Catalogue demo;

    @BeforeAll
    static void load() throws Exception {
        demo = CatalogueLoader.load(RepoFiles.demoCatalogue());
    }

    static List<ScenarioScript> shipped() throws ScriptException {
        List<ScenarioScript> out = new ArrayList<>();
        for (String name : ScriptLoader.list(ScriptLoader.defaultDir())) {
            out.add(ScriptLoader.load(ScriptLoader.defaultDir(), name, demo));
        }
        return out;
    }

    @Test
    void theDefaultDirIsTheRepositorysScenarioFolder() {
        assertEquals(RepoFiles.root().resolve("simulators/scenarios"), ScriptLoader.defaultDir());
    }

    @Test
    void everyShippedScriptLoadsAgainstTheDemoCatalogue() throws Exception {
        List<String> names = ScriptLoader.list(ScriptLoader.defaultDir());
        assertTrue(names.size() >= 10, names.toString());
        assertEquals(names.size(), new HashSet<>(names).size(), "names are unique");
        assertTrue(names.containsAll(List.of("overfill", "gas-leak", "pressure-runaway", "sensor-dropout", "gateway-outage",
                "stuck-sensor", "flapping", "instrument-faults", "delivery-faults", "benign-gas-spike", "night-shift")), names.toString());
        for (ScenarioScript s : shipped()) {
            assertTrue(ScriptLoader.NAME.matcher(s.name()).matches(), s.name());
            assertFalse(s.description().isBlank(), s.name());
            assertTrue(s.length().compareTo(Duration.ofSeconds(240)) <= 0, s.name() + " runs at most 240 s: " + s.length());
            assertTrue(!s.expected().isEmpty() || !s.forbidden().isEmpty(), s.name() + " says what it must or must not cause");
            ScriptScenario sc = (ScriptScenario) s.scenario();
            assertEquals(s.name(), sc.name());
            assertTrue(sc.end().compareTo(s.length()) <= 0, s.name() + ": incidents end within the length");
            for (ExpectedAlarm e : s.expected()) {
                assertTrue(e.to().compareTo(s.length()) <= 0, s.name() + ": " + e);
                assertTrue(e.from().compareTo(sc.start()) >= 0, s.name() + ": nothing is expected before the first incident: " + e);
            }
        }
    }

    @Test
    void theShippedScriptsCanAllBePlayedAtOnce() throws Exception {
        List<ScenarioScript> all = shipped();
        assertEquals(List.of(), ScriptLoader.conflicts(all, demo));
        // and none plays on what the demo drives (E01-LT101, E05, E14)
        for (ScenarioScript s : all) {
            for (String id : ScriptLoader.touched(s, demo)) {
                Sensor sensor = demo.sensor(id).orElseThrow();
                assertFalse(id.equals("E01-LT101") || sensor.enterprise().equals("E05") || sensor.enterprise().equals("E14"),
                        s.name() + " touches " + id + ", which the demo drives");
            }
        }
    }

    @Test
    void expectationsNameOwnersAsOnHwAlarms() throws Exception {
        ScenarioScript gas = ScriptLoader.load(ScriptLoader.defaultDir(), "gas-leak", demo);
        assertTrue(gas.expected().contains(new ExpectedAlarm(AlarmType.AREA_GAS, "E02-S2", AlarmTransition.RAISE,
                Duration.ofSeconds(58), Duration.ofSeconds(78))), gas.expected().toString());
        assertTrue(gas.expected().contains(new ExpectedAlarm(AlarmType.AREA_GAS, "E02-S2", AlarmTransition.CLEAR,
                Duration.ofSeconds(101), Duration.ofSeconds(120))), gas.expected().toString());
        // sensors: [..] in a forbid item is one forbidden alarm per sensor
        assertEquals(List.of("E02-GT201", "E02-GT202", "E02-GT203"), gas.forbidden().stream().map(ForbiddenAlarm::owner).toList());
        assertNull(gas.forbidden().get(2).type(), "no type: any alarm");
        ScenarioScript outage = ScriptLoader.load(ScriptLoader.defaultDir(), "gateway-outage", demo);
        assertEquals(List.of("E22"), outage.expected().stream().map(ExpectedAlarm::owner).distinct().toList());
        assertEquals(Set.of("E22-LT101", "E22-TT101", "E22-GT101", "E22-GT102"), outage.scenario().sensors());
        ScenarioScript stuck = ScriptLoader.load(ScriptLoader.defaultDir(), "stuck-sensor", demo);
        assertEquals(120_000L, demo.sensor("E21-PT101").orElseThrow().rules().flatlineMs(),
                "the stuck-sensor drill needs the short flatline period of the demo catalogue");
        assertEquals(AlarmType.FLATLINE, stuck.expected().get(0).type());
    }

    @Test
    void touchedCoversIncidentsAndOwners() throws Exception {
        ScenarioScript spike = ScriptLoader.load(ScriptLoader.defaultDir(), "benign-gas-spike", demo);
        // the forbidden AREA_GAS on E16-S1 stands for every sensor of the source
        assertEquals(Set.of("E16-LT101", "E16-TT101", "E16-GT101", "E16-GT102"), ScriptLoader.touched(spike, demo));
        ScenarioScript other = ScriptLoader.parse("""
                description: another drill on E16
                length: 60s
                incidents:
                  - {at: 10s, sensor: E16-TT101, action: step, to: 30, for: 5s}
                """, "other", "other", demo);
        assertEquals(List.of("benign-gas-spike and other both touch E16-TT101"), ScriptLoader.conflicts(List.of(spike, other), demo));
    }

    @Test
    void listAndUnknownNames(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), ScriptLoader.list(dir.resolve("missing")));
        Files.writeString(dir.resolve("b-drill.yaml"), "x: 1\n");
        Files.writeString(dir.resolve("a-drill.yaml"), "x: 1\n");
        Files.writeString(dir.resolve("notes.txt"), "not a script\n");
        assertEquals(List.of("a-drill", "b-drill"), ScriptLoader.list(dir));
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(dir, "a-dril", demo));
        assertEquals("no scenario \"a-dril\": there is no file " + dir.resolve("a-dril.yaml")
                + "; did you mean \"a-drill\"? (known: a-drill, b-drill)", e.errors().get(0).message());
    }

    @Test
    void everyErrorOfAFileIsReportedAtOnceWithItsLineAndTheFix() {
        String text = """
                descripton: Tank 2 overfills
                length: 2 minutes
                incidents:
                  - {at: 10s, sensor: E01-LT1O2, action: ramp, to: 97, over: 35s}
                  - {at: 10s, sensor: E01-LT102, action: rmp, to: 97, over: 35s}
                  - {at: 10s, sensor: E01-LT102, action: hold, over: 10s}
                  - {at: 1x, sensor: E01-LT102, action: ramp, to: 120, over: 0s}
                  - {sensor: E01-LT102, enterprise: E01, action: silence, for: 10s}
                expect:
                  - {type: HIGH_HIHG, sensor: E01-LT102, within: [60s, 30s]}
                  - {type: LINK_DOWN, sensor: E01-LT102, within: [30s, 60s]}
                  - {type: HIGH, enterprise: E01, within: [30s, 60s]}
                  - {type: HIGH, sensor: E01-LT102, within: [30s, 600s]}
                forbid:
                  - {type: FAULT, why: no owner}
                  - {sensor: E01-LT102, why: late, reordered and repeated readings are no alarm}
                """;
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.parse(text, "drill.yaml", "drill", demo));
        List<String> got = e.errors().stream().map(ScriptError::toString).toList();
        assertEquals(List.of(
                "drill.yaml:1: unknown key \"descripton\" in the top level; did you mean \"description\"? (keys here: description, length, incidents, expect, forbid)",
                "drill.yaml:1: description is missing; add one or two sentences for the drill's instructor, e.g. description: \"Tank 2 overfills while its inlet stays open.\"",
                "drill.yaml:2: length: \"2 minutes\" is not a duration; write a duration such as 90s, 2m, 1h, 1m30s, 500ms or plain seconds (90)",
                "drill.yaml:4: incidents[0]: unknown sensor \"E01-LT1O2\" in catalogue 示范区危化品重大危险源监测目录; did you mean \"E01-LT102\"? (233 sensors; bin/hazardwatch catalogue show lists them)",
                "drill.yaml:5: incidents[1]: unknown action \"rmp\"; did you mean \"ramp\"? (actions: ramp, hold, step, spike, stuck, flap, silence, out-of-range, bad-quality, late, out-of-order, duplicate)",
                "drill.yaml:6: incidents[2]: \"over\" is not a parameter of hold (hold takes for); remove it",
                "drill.yaml:6: incidents[2]: hold needs for (hold takes for)",
                "drill.yaml:7: incidents[3]: at: \"1x\" is not a duration; write a duration such as 90s, 2m, 1h, 1m30s, 500ms or plain seconds (90)",
                "drill.yaml:7: incidents[3]: over must be more than 0s",
                "drill.yaml:7: incidents[3]: to 120 lies outside the instrument range [0, 100] of E01-LT102 (%); values are in the sensor's unit: use out-of-range for a value outside it",
                "drill.yaml:8: incidents[4]: at is missing; say when it begins, as an offset from the simulator's start, e.g. at: 10s",
                "drill.yaml:8: incidents[4]: give one target, found sensor and enterprise; split it into one incident per target",
                "drill.yaml:10: expect item at line 10: unknown alarm type \"HIGH_HIHG\"; did you mean \"HIGH_HIGH\"? (types: HIGH_HIGH, HIGH, LOW, LOW_LOW, RATE_OF_CHANGE, FORECAST_HH, FORECAST_LL, STALE, LINK_DOWN, FLATLINE, FAULT, CHATTERING, AREA_GAS)",
                "drill.yaml:10: expect item at line 10: the window ends (30s) before it opens (1m); write within: [30s, 1m]",
                "drill.yaml:11: expect item at line 11: a LINK_DOWN alarm is owned by an enterprise; write enterprise: E01 instead of sensor",
                "drill.yaml:12: expect item at line 12: a HIGH alarm is owned by a sensor; write sensor: ID (or sensors: [..]) instead of enterprise (only LINK_DOWN is owned by an enterprise, AREA_GAS by a source)",
                "drill.yaml:15: forbid item at line 15: no owner; give the alarm's owner as on hw.alarms \"sensor\": sensor: ID (or sensors: [..]), enterprise: ID for LINK_DOWN, source: ID for AREA_GAS; a forbid on every owner would catch the alarms of scenarios played at the same time",
                "drill.yaml:16: unknown key \"reordered and repeated readings are no alarm\" in a forbid item (keys here: type, sensor, sensors, enterprise, source, within, why); in a {...} item a comma ends the text: quote a text holding a comma, e.g. why: \"late, reordered and repeated readings are no alarm\""),
                got);
        assertTrue(e.getMessage().startsWith("scenario script drill.yaml has 18 errors:\n  drill.yaml:1: unknown key"), e.getMessage());
    }

    @Test
    void windowsAndIncidentsMustFitTheLength() {
        String text = """
                description: "Too long: the ramp and the window end after the script"
                length: 60s
                incidents:
                  - {at: 30s, sensor: E01-LT103, action: ramp, to: 97, over: 40s}
                  - {at: 30s, sensor: E01-LT102, action: ramp, to: 97, over: 20s}
                  - {at: 40s, sensor: E01-LT102, action: step, to: 50}
                expect:
                  - {type: HIGH, sensor: E01-LT102, within: [30s, 90s]}
                """;
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.parse(text, "t.yaml", "t", demo));
        assertEquals(List.of(
                "t.yaml:4: incidents[0]: ramp ends at +1m10s, after the script's length 1m; lengthen the script or shorten the incident",
                "t.yaml:6: incidents at lines 5 (ramp +30s to +50s) and 6 (step +40s to +1m) overlap on E01-LT102; let the second begin at +50s or later",
                "t.yaml:8: expect item at line 8: the window ends at +1m30s, after the script's length 1m (the simulator stops there); end it at +1m at most or lengthen the script"),
                e.errors().stream().map(ScriptError::toString).toList());
    }

    @Test
    void yamlSyntaxErrorsNameTheLineAndTheUsualFix() {
        ScriptException e = assertThrows(ScriptException.class,
                () -> ScriptLoader.parse("description: Tank 2 overfills: the level climbs\nlength: 60s\n", "t.yaml", "t", demo));
        assertEquals(1, e.errors().size());
        ScriptError err = e.errors().get(0);
        assertEquals(1, err.line());
        assertTrue(err.message().startsWith("YAML syntax error at column 30: mapping values are not allowed here")
                && err.message().endsWith("; a text holding ': ' must be quoted, e.g. description: \"Tank 2 overfills: ...\""),
                err.message());
        ScriptException empty = assertThrows(ScriptException.class, () -> ScriptLoader.parse("# nothing\n", "t.yaml", "t", demo));
        assertEquals("t.yaml: the file holds no scenario (it is empty or only comments); expected the keys description, length,"
                + " incidents, expect, forbid", empty.errors().get(0).toString());
    }

    @Test
    void targetsSelectTheirSensors() throws Exception {
        ScenarioScript s = ScriptLoader.parse("""
                description: targets
                length: 100s
                incidents:
                  - {at: 10s, enterprise: E22, action: silence, for: 10s}
                  - {at: 10s, source: E04-S2, action: bad-quality, for: 10s}
                  - {at: 10s, sensors: [E01-LT102, E01-LT103], action: step, to: 50, for: 10s}
                  - {at: 10s, sensor: E01-PT102, action: out-of-range, for: 10s}
                """, "t", "t", demo);
        ScriptScenario sc = (ScriptScenario) s.scenario();
        assertEquals(List.of("E22-LT101", "E22-TT101", "E22-GT101", "E22-GT102"), sc.incidents().get(0).sensors());
        assertEquals(12, sc.incidents().get(1).sensors().size());
        assertEquals(List.of("E01-LT102", "E01-LT103"), sc.incidents().get(2).sensors());
        // out-of-range without a value: range max + 10 % of the span (0..2.5 MPa)
        assertEquals(2.75, sc.incidents().get(3).value());
        assertEquals(2.75, sc.rawValue("E01-PT102", 15_000).getAsDouble());
    }
}
