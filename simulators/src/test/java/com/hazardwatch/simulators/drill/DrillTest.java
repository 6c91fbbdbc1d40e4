package com.hazardwatch.simulators.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.Scenario;
import com.hazardwatch.simulators.ScenarioEvent;
import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.SimulatorStats;
import com.hazardwatch.simulators.script.ScenarioScript;
import com.hazardwatch.simulators.script.ScriptLoader;
import com.hazardwatch.testsupport.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drill with a fake traffic that says what the simulator says: what reaches the room, what reaches the log. */
class DrillTest {
    static Catalogue demo;
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;
    final List<String> room = new CopyOnWriteArrayList<>();
    final AtomicReference<Scenario> played = new AtomicReference<>();
    final AtomicReference<SimulatorOptions> optionsSeen = new AtomicReference<>();

    @BeforeAll
    static void load() throws Exception {
        demo = CatalogueLoader.load(RepoFiles.demoCatalogue());
    }

    /** Says what the simulator would, with the scenario's phases and events, and runs {@code runFor}. */
    Drill.TrafficFactory fake(Duration runFor) {
        return (catalogue, options, scenario, sink) -> {
            played.set(scenario);
            optionsSeen.set(options);
            return new Drill.Traffic() {
                @Override
                public SimulatorStats run() {
                    long at = scenario.start().toMillis();
                    sink.accept("simulating 233 sensors of demo -> tcp://x as hw-sim-1, ...; scenario " + scenario.describe());
                    List<ScenarioEvent> events = new ArrayList<>();
                    for (int i = 1; i <= 12; i++) {
                        sink.accept("published " + i * 580 + " (116.5/s over the last 5.0 s), silenced 3 by scenarios, failed 0, "
                                + "in flight 0; " + scenario.name() + ": " + scenario.phase(i * 5_000L));
                    }
                    if (runFor.toMillis() > at) {
                        ScenarioEvent e = new ScenarioEvent(scenario.start(), T0.plus(scenario.start()), scenario.name(), "rising",
                                "E01-LT101 = 58 %");
                        events.add(e);
                        sink.accept("scenario " + e);
                    }
                    sink.accept("MQTT connection lost (broker gone); reconnecting automatically, unacknowledged messages will be sent again");
                    sink.accept("summary: published 6960 readings ... scenario overfill timeline: ...");
                    return new SimulatorStats(T0, runFor, 6960, 6960, 0, 0, 0, Duration.ZERO, Map.of("E01-LT101", 30L), events);
                }

                @Override
                public void stop() {}

                @Override
                public long published() {
                    return 6960;
                }

                @Override
                public long failed() {
                    return 0;
                }

                @Override
                public void close() {}
            };
        };
    }

    Drill drill(DrillScenario scenario, DrillPlan plan, Drill.TrafficFactory factory) {
        return new Drill(demo, SimulatorOptions.builder().mqttUrl("tcp://127.0.0.1:1").build(), scenario, plan, dir.resolve("drills"),
                "bin/hazardwatch drill --scenario overfill --window 30m --seed 77", room::add, factory, () -> T0);
    }

    @Test
    void theRoomSeesNothingOfTheMomentTheSealedLogHasItAllAndTheSummaryTellsIt() throws Exception {
        DrillScenario overfill = DrillScenario.builtIn(ScenarioSpec.parse("overfill"), demo);
        DrillPlan plan = DrillPlan.of(77, Duration.ofMinutes(30), overfill.length(), null);
        Drill.Result r = drill(overfill, plan, fake(plan.duration())).run();

        assertEquals(plan.start(), played.get().start(), "the scenario starts at the drawn moment");
        assertEquals(plan.duration(), optionsSeen.get().duration());
        assertEquals(77, optionsSeen.get().seed());
        assertEquals(List.of(), optionsSeen.get().scenarios(), "the drill's scenario only, none of the options'");

        String moment = Durations.format(plan.start());
        List<String> whileRunning = room.subList(0, room.size() - 1);
        for (String line : whileRunning) {
            assertFalse(line.contains(moment) || line.contains("rising") || line.contains("waiting") || line.contains("silenced")
                    || line.contains("scenario " + "+") || line.contains("timeline"), "gives the moment away: " + line);
        }
        assertTrue(room.get(0).startsWith("drill: normal traffic of 233 sensors of "), room.get(0));
        assertTrue(room.get(0).contains("overfill on E01-LT101 (1m5s) starts at a moment within the first 30m that only the "
                + "sealed log tells"), room.get(0));
        Path log = r.log();
        assertEquals("drill log (sealed, for the debrief): " + log, room.get(1));
        assertEquals(dir.resolve("drills").resolve("drill-20261122-100000.log"), log);
        assertEquals(List.of("drill running 0s of " + Durations.format(plan.duration()) + ": published 6960 readings, failed 0",
                        "drill running 0s of " + Durations.format(plan.duration()) + ": published 6960 readings, failed 0"),
                whileRunning.stream().filter(l -> l.startsWith("drill running")).toList(), "one line every 6 progress lines");
        assertTrue(whileRunning.stream().anyMatch(l -> l.startsWith("MQTT connection lost")), "connection lines pass");

        String summary = room.get(room.size() - 1);
        assertTrue(summary.startsWith("drill over after 32m5s: the scenario overfill on E01-LT101 (1m5s) started at "
                + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneOffset.UTC)
                        .format(T0.plus(plan.start())) + " UTC (+" + moment + " after the start of publishing; drawn within the "
                + "window of 30m from seed 77)"), summary);
        assertTrue(summary.contains("replay this drill: bin/hazardwatch drill --scenario overfill --window 30m --seed 77"), summary);
        assertTrue(summary.endsWith("sealed log: " + log), summary);
        assertEquals(T0.plus(plan.start()), r.scenarioStart());
        assertTrue(r.started());

        String text = Files.readString(log);
        assertTrue(text.startsWith("HazardWatch drill log. SEALED"), text);
        assertTrue(text.contains("\nMOMENT      +" + moment + " after the start of publishing"), text);
        assertTrue(text.contains("\nseed        77 "), text);
        assertTrue(text.contains("10:00:00.000 published 580 (116.5/s over the last 5.0 s), silenced 3 by scenarios"), text);
        assertTrue(text.contains("10:00:00.000 scenario +" + moment + " overfill rising: E01-LT101 = 58 %"), text);
        assertTrue(text.contains("\n---- summary\n" + summary), text);
        String perms = DrillLog.permissions(log);
        assertTrue(perms.isEmpty() || perms.equals("r--------"), "sealed: read-only for its owner: " + perms);
    }

    @Test
    void stoppedBeforeTheMomentTheSummarySaysItDidNotPlay() throws Exception {
        DrillScenario outage = DrillScenario.builtIn(ScenarioSpec.parse("gateway-outage:E14+2m"), demo);
        assertEquals(Duration.ofMinutes(2), outage.length());
        DrillPlan plan = DrillPlan.of(5, Duration.ofMinutes(30), outage.length(), null);
        Drill.Result r = drill(outage, plan, fake(Duration.ofSeconds(5))).run();
        assertFalse(r.started());
        String summary = room.get(room.size() - 1);
        assertTrue(summary.startsWith("drill stopped after 5s, before the scenario: gateway-outage on E14 (2m) was to start at "),
                summary);
        assertTrue(summary.contains(" from seed 5); it did not play\n  published 6960 readings, failed 0\n"), summary);
        assertTrue(summary.endsWith("sealed log: " + r.log()), summary);
    }

    @Test
    void twoDrillsInTheSameSecondGetTwoLogs() throws Exception {
        DrillScenario dead = DrillScenario.builtIn(ScenarioSpec.parse("dead-sensor"), demo);
        DrillPlan plan = DrillPlan.of(5, Duration.ofMinutes(1), dead.length(), null);
        Path a = drill(dead, plan, fake(Duration.ofSeconds(1))).run().log();
        Path b = drill(dead, plan, fake(Duration.ofSeconds(1))).run().log();
        assertEquals("drill-20261122-100000.log", a.getFileName().toString());
        assertEquals("drill-20261122-100000-2.log", b.getFileName().toString());
    }

    @Test
    void aBuiltInScenarioTakesNoStartAndChecksItsTarget() {
        assertEquals("'overfill@5m': a drill picks the start itself; give no @START",
                assertThrows(IllegalArgumentException.class,
                        () -> DrillScenario.builtIn(ScenarioSpec.parse("overfill@5m"), demo)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DrillScenario.builtIn(ScenarioSpec.parse("overfill:E01-TT101"), demo));
    }

    @Test
    void aScriptPlaysItsTimelineFromTheMoment() throws Exception {
        ScenarioScript script = ScriptLoader.load(RepoFiles.root().resolve(ScriptLoader.DIR), "gas-leak", demo);
        DrillScenario d = DrillScenario.script(script);
        assertEquals(script.length(), d.length());
        Duration moment = Duration.ofMinutes(7);
        Scenario s = d.at(moment);
        Scenario original = script.scenario();
        assertEquals(original.start().plus(moment), s.start());
        assertEquals(original.sensors(), s.sensors());
        long m = moment.toMillis();
        assertEquals(OptionalDouble.empty(), s.override("E02-GT201", original.start().toMillis() + 20_000, 1.0),
                "nothing happens at the script's own times");
        assertEquals(ShiftedScenario.WAITING, s.phase(60_000));
        assertFalse(s.active(60_000));
        for (long t = 30_000; t <= 120_000; t += 5_000) {
            assertEquals(original.override("E02-GT201", t, 1.0), s.override("E02-GT201", m + t, 1.0), "at +" + t);
            assertEquals(original.phase(t), s.phase(m + t));
            assertEquals(original.active(t), s.active(m + t));
            assertEquals(original.silent("E02-GT201", t), s.silent("E02-GT201", m + t));
        }
        assertTrue(s.finished(m + script.length().toMillis() + 1));
        assertFalse(s.finished(m - 1));
    }
}
