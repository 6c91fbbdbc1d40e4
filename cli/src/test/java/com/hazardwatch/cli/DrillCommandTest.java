package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.simulators.drill.DrillPlan;
import com.hazardwatch.simulators.drill.DrillScenario;
import com.hazardwatch.simulators.script.ScriptException;
import com.hazardwatch.testsupport.RepoFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillCommandTest {
    static final String CATALOGUE = RepoFiles.demoCatalogue().toString();

    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    static String usageError(String... args) {
        return assertThrows(DrillCommand.UsageException.class, () -> DrillCommand.parse(List.of(args))).getMessage();
    }

    static DrillScenario scenario(String text) throws Exception {
        DrillCommand.Parsed p = DrillCommand.parse(List.of("--scenario", text));
        return DrillCommand.scenario(p, CatalogueLoader.load(Path.of(CATALOGUE)));
    }

    @Test
    void parsesTheOptions() throws Exception {
        DrillCommand.Parsed p = DrillCommand.parse(List.of("--scenario", "overfill", "--window", "45m", "--seed", "123", "--qos", "0"));
        assertEquals("overfill", p.scenario);
        assertEquals(Duration.ofMinutes(45), p.window);
        assertEquals(123L, p.seed);
        assertEquals(0, p.options.build().qos());
        assertEquals(List.of("--scenario", "overfill", "--window", "45m", "--seed", "123", "--qos", "0"), p.given);
        DrillCommand.Parsed d = DrillCommand.parse(List.of("--scenario=dead-sensor"));
        assertEquals(DrillPlan.DEFAULT_WINDOW, d.window);
        assertEquals(null, d.seed);
    }

    @Test
    void wrongOptionsAreUsageErrors() {
        assertTrue(usageError("--window", "30m").startsWith("--scenario is required: a built-in scenario NAME[:TARGET][+LENGTH]"));
        assertEquals("--scenario overfill@5m: a drill picks the start itself within --window; give no @START",
                usageError("--scenario", "overfill@5m"));
        assertEquals("--scenario: one scenario per drill (overfill and dead-sensor)",
                usageError("--scenario", "overfill", "--scenario", "dead-sensor"));
        assertEquals("--window: window 5s is too short: the scenario starts at least 10s in, after every sensor has reported; "
                + "give a window longer than that, e.g. 30m", usageError("--scenario", "overfill", "--window", "5s"));
        assertEquals("--seed: 'x' is not accepted; use a whole number, e.g. 42", usageError("--scenario", "overfill", "--seed", "x"));
        assertTrue(usageError("--scenario", "overfill", "--rate", "5").startsWith("unknown option --rate"));
    }

    @Test
    void builtInScenariosScriptsAndScriptsNamedLikeBuiltIns() throws Exception {
        assertEquals("overfill on E01-LT101 (1m5s)", scenario("overfill").describe());
        assertEquals("gateway-outage on E14 (3m)", scenario("gateway-outage:E14+3m").describe());
        assertEquals("dead-sensor on E05-TT101 (1m40s)", scenario("dead-sensor").describe());
        DrillScenario gas = scenario("gas-leak");
        assertTrue(gas.describe().startsWith("script gas-leak (3m): Hydrogen leak"), gas.describe());
        assertEquals(Duration.ofSeconds(180), gas.length());
        assertTrue(scenario("script:overfill").describe().startsWith("script overfill (2m30s): Tank 2"));
        ScriptException unknown = assertThrows(ScriptException.class, () -> scenario("flood"));
        assertTrue(unknown.getMessage().contains("no scenario \"flood\""), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scenario("overfill:E01-TT101"));
    }

    @Test
    void writesTheSealedLogBeforeTheTrafficAndSaysWhyItFailed(@TempDir Path dir) throws Exception {
        int rc = DrillCommand.run(List.of("--scenario", "overfill", "--window", "20s", "--seed", "9", "--catalogue", CATALOGUE,
                        "--mqtt", "tcp://127.0.0.1:1", "--log-dir", dir.toString()),
                new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8), false);
        assertEquals(1, rc);
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.startsWith("drill: cannot connect to MQTT broker tcp://127.0.0.1:1"), err);
        String out = outBytes.toString(StandardCharsets.UTF_8);
        String moment = com.hazardwatch.model.config.Durations.format(DrillPlan.chooseStart(9, Duration.ofSeconds(20)));
        assertTrue(out.contains("overfill on E01-LT101 (1m5s) starts at a moment within the first 20s that only the sealed log tells"), out);
        assertFalse(out.contains(moment), "the moment " + moment + " is not printed: " + out);
        List<Path> logs;
        try (Stream<Path> s = Files.list(dir)) {
            logs = s.toList();
        }
        assertEquals(1, logs.size());
        assertTrue(out.contains("drill log (sealed, for the debrief): " + logs.get(0)), out);
        String log = Files.readString(logs.get(0));
        assertTrue(log.contains("\nMOMENT      +" + moment + " after the start of publishing"), log);
        assertTrue(log.contains("\nreplay it   bin/hazardwatch drill --scenario overfill --window 20s --seed 9 --catalogue "), log);
    }

    @Test
    void helpNamesTheOptions() {
        int rc = DrillCommand.run(List.of("--help"), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), false);
        assertEquals(0, rc);
        String out = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("Usage: drill --scenario NAME [--window 30m] [--seed S] [OPTIONS]"), out);
        assertTrue(out.contains("--window DURATION") && out.contains("--seed N") && out.contains("script:NAME"), out);
    }
}
