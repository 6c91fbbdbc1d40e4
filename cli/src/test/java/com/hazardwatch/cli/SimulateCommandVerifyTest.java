package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.SilenceScenario;
import com.hazardwatch.simulators.SimulatorStats;
import com.hazardwatch.simulators.script.ExpectedAlarm;
import com.hazardwatch.simulators.script.ScenarioScript;
import com.hazardwatch.simulators.verify.ScriptVerifier;
import com.hazardwatch.simulators.verify.SeenAlarm;
import com.hazardwatch.simulators.verify.VerificationReport;
import com.hazardwatch.testsupport.RepoFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate --scenario SCRIPT and --verify: options, and the verdict printed at the end. */
class SimulateCommandVerifyTest {
    private static final String SCRIPT = """
            description: "E13-TT101 goes quiet for a minute and a half."
            length: 150s
            incidents:
              - {at: 30s, sensor: E13-TT101, action: silence, for: 90s}
            expect:
              - {type: STALE, sensor: E13-TT101, within: [91s, 110s]}
            """;

    private static Path scripts(Path dir) throws Exception {
        Files.writeString(dir.resolve("dropout.yaml"), SCRIPT);
        Files.writeString(dir.resolve("overfill.yaml"), SCRIPT.replace("E13-TT101", "E13-TT102"));
        return dir;
    }

    private static String usageError(String... args) {
        return assertThrows(SimulateCommand.UsageException.class, () -> SimulateCommand.parse(List.of(args))).getMessage();
    }

    @Test
    void aScriptIsNamedAloneAndABuiltInNameStaysTheBuiltInWithoutVerify(@TempDir Path dir) throws Exception {
        String d = scripts(dir).toString();
        SimulateCommand.Parsed p = SimulateCommand.parse(List.of("--scenarios", d, "--scenario", "dropout", "--scenario", "overfill"));
        assertEquals(List.of("dropout"), p.scripts);
        assertEquals(List.of(ScenarioSpec.of("overfill")), p.options.build().scenarios());
        assertFalse(p.verify);

        // with --verify the script of that name: the built-ins expect nothing
        SimulateCommand.Parsed v = SimulateCommand.parse(List.of("--scenario", "overfill", "--verify", "--grace", "5s",
                "--scenarios", d, "--kafka", "127.0.0.1:9093", "--alarms-topic", "x.alarms"));
        assertEquals(List.of("overfill"), v.scripts);
        assertTrue(v.options.build().scenarios().isEmpty());
        assertTrue(v.verify);
        assertEquals(Duration.ofSeconds(5), v.grace);
        assertEquals("127.0.0.1:9093", v.kafka);
        assertEquals("x.alarms", v.alarmsTopic);
        assertEquals(SimulateCommand.DEFAULT_GRACE, SimulateCommand.parse(List.of("--scenarios", d, "--scenario", "dropout",
                "--verify")).grace);
    }

    @Test
    void verifyOptionsAreChecked(@TempDir Path dir) throws Exception {
        String d = scripts(dir).toString();
        String noScript = usageError("--verify", "--scenarios", d);
        assertTrue(noScript.startsWith("--verify needs --scenario naming a scenario script") && noScript.contains("dropout, overfill"),
                noScript);
        String builtIn = usageError("--verify", "--scenario", "dead-sensor", "--scenarios", d);
        assertTrue(builtIn.startsWith("--verify needs --scenario naming a scenario script"), builtIn);
        String unknown = usageError("--scenario", "drop-out", "--scenarios", d);
        assertTrue(unknown.startsWith("--scenario: 'drop-out' is not a scenario") && unknown.contains("scripts in " + d + ": dropout, overfill"),
                unknown);
        assertEquals("--grace applies only with --verify", usageError("--scenario", "dropout", "--scenarios", d, "--grace", "5s"));
        assertEquals("--kafka applies only with --verify", usageError("--kafka", "h:1"));
        assertEquals("--verify takes no value", usageError("--verify=yes"));
        assertTrue(usageError("--scenario", "dropout@10s", "--scenarios", d).startsWith("--scenario: "));
        assertTrue(SimulateCommand.usage().contains("--verify"), SimulateCommand.usage());
    }

    @Test
    void helpListsTheScriptsWithTheirDescription(@TempDir Path dir) throws Exception {
        String help = SimulateCommand.scriptsHelp(scripts(dir), RepoFiles.demoCatalogue().toString());
        assertTrue(help.contains("dropout   2m30s  E13-TT101 goes quiet for a minute and a half."), help);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimulateCommand.run(List.of("--help", "--scenarios", dir.toString(), "--catalogue",
                RepoFiles.demoCatalogue().toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Scenario scripts in " + dir), out.toString(StandardCharsets.UTF_8));
    }

    private static SimulateCommand.Verification verification(List<SeenAlarm> seen) {
        Instant start = Instant.parse("2026-11-22T08:00:00Z");
        ScenarioScript s = new ScenarioScript("dropout", "E13-TT101 goes quiet", Duration.ofSeconds(150),
                new SilenceScenario("dropout", "E13-TT101", List.of("E13-TT101"), Duration.ofSeconds(30), Duration.ofSeconds(90)),
                List.of(new ExpectedAlarm(AlarmType.STALE, "E13-TT101", AlarmTransition.RAISE, Duration.ofSeconds(91),
                        Duration.ofSeconds(110))), List.of());
        List<VerificationReport> reports = ScriptVerifier.verifyAll(List.of(s), start, start.plusSeconds(150), seen, null);
        SimulatorStats stats = new SimulatorStats(start, Duration.ofSeconds(150), 17_475, 17_475, 0, 45, 0, Duration.ZERO,
                Map.of(), List.of());
        return new SimulateCommand.Verification(reports, stats, seen.size(), 0, false, Duration.ofSeconds(20));
    }

    @Test
    void theVerdictAndTheExitCode() {
        long t0 = Instant.parse("2026-11-22T08:00:00Z").toEpochMilli();
        SimulateCommand.Verification pass = verification(List.of(new SeenAlarm("E13-TT101:STALE:1", "E13-TT101", AlarmType.STALE,
                AlarmTransition.RAISE, com.hazardwatch.model.event.AlarmState.ACTIVE_UNACK, t0 + 96_000, t0 + 96_100)));
        assertEquals(0, pass.exitCode());
        String text = pass.render("hw.alarms");
        assertTrue(text.contains("STALE on E13-TT101 within [91s, 110s]  hit     +96.1s    66.1s"), text);
        assertTrue(text.contains("PASS dropout\nverify: every scenario passed"), text);

        SimulateCommand.Verification silent = verification(List.of());
        assertEquals(SimulateCommand.VERIFY_FAILED, silent.exitCode());
        String none = silent.render("hw.alarms");
        assertTrue(none.contains("No alarm transition at all appeared on hw.alarms during the run: the monitoring job seems not "
                + "to be running"), none);
        assertTrue(none.contains("bin/hazardwatch run"), none);
        assertTrue(none.contains("FAIL dropout: FAIL (1 missed)\nverify: 1 of 1 scenarios failed (exit 3)"), none);
    }
}
