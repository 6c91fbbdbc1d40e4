package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** simulate's --scenario: repeatable, NAME[:TARGET][@START][+LENGTH], with --sensor and --start-after as before. */
class SimulateCommandScenariosTest {
    private static SimulatorOptions parse(String... args) throws Exception {
        return SimulateCommand.parse(List.of(args)).options.build();
    }

    private static String usageError(String... args) {
        return assertThrows(SimulateCommand.UsageException.class, () -> SimulateCommand.parse(List.of(args))).getMessage();
    }

    @Test
    void severalScenariosWithTheirTargets() throws Exception {
        SimulatorOptions o = parse("--scenario", "overfill", "--scenario", "gateway-outage:E14@10s+100s",
                "--scenario=dead-sensor:E05-TT101@10s+100s");
        assertEquals(List.of(ScenarioSpec.of("overfill"),
                new ScenarioSpec("gateway-outage", "E14", Duration.ofSeconds(10), Duration.ofSeconds(100)),
                new ScenarioSpec("dead-sensor", "E05-TT101", Duration.ofSeconds(10), Duration.ofSeconds(100))), o.scenarios());
    }

    @Test
    void sensorAndStartAfterWorkAsBefore() throws Exception {
        SimulatorOptions o = parse("--scenario", "overfill", "--sensor", "E01-LT102", "--start-after", "30s");
        assertEquals(List.of(ScenarioSpec.of("overfill").withTarget("E01-LT102")), o.scenarios());
        assertEquals(Duration.ofSeconds(30), o.scenarioStartAfter());
        // --sensor goes to the one sensor scenario that names none
        SimulatorOptions two = parse("--scenario", "gateway-outage", "--scenario", "dead-sensor", "--sensor", "E05-LT101");
        assertEquals("E05-LT101", two.scenarios().get(1).target());
        assertEquals(null, two.scenarios().get(0).target());
    }

    @Test
    void unclearOrWrongScenariosAreUsageErrors() {
        String both = usageError("--scenario", "overfill", "--scenario", "dead-sensor", "--sensor", "E01-LT101");
        assertTrue(both.contains("it could be the sensor of 2 scenarios") && both.contains("NAME[:TARGET][@START][+LENGTH]"), both);
        String enterprise = usageError("--scenario", "gateway-outage", "--sensor", "E14");
        assertTrue(enterprise.contains("silences an enterprise, not a sensor") && enterprise.contains("gateway-outage:E14"),
                enterprise);
        String unknown = usageError("--scenario", "flood");
        assertTrue(unknown.startsWith("--scenario: 'flood' is not a scenario") && unknown.contains("dead-sensor"), unknown);
        assertTrue(usageError("--sensor", "E01-LT101").contains("needs --scenario"));
        assertTrue(SimulateCommand.usage().contains("gateway-outage[:ENTERPRISE][+LENGTH]"), SimulateCommand.usage());
    }
}
