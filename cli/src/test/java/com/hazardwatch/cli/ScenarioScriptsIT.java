package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazardwatch.jobs.LocalPipeline;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.script.ScenarioScript;
import com.hazardwatch.simulators.script.ScriptLoader;
import com.hazardwatch.simulators.verify.VerificationReport;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every shipped scenario script ({@code simulators/scenarios/*.yaml}) on the whole pipeline, on real services: the
 * bridge and the monitoring job on topics, MQTT root and database of this run's own, the demo catalogue, and one
 * simulator run at demo pace (every sensor every 2 s) playing all the scripts at once (each touches its own sensors);
 * hw.alarms is read from before the simulator starts until a grace period after it stops, and each script must pass
 * {@code simulate --verify}'s check: every expected alarm within its window, nothing forbidden, nothing unexpected.
 * Takes the longest script's length (at most 4 min) plus about a minute.
 */
@ExtendWith(ServicesExtension.class)
class ScenarioScriptsIT {
    /** As {@code simulate --verify} by default. */
    static final Duration GRACE = SimulateCommand.DEFAULT_GRACE;

    @Test
    void everyShippedScriptCausesTheAlarmsItExpectsAndNoneItDoesNot(Services services) throws Exception {
        long began = System.nanoTime();
        Settings s = services.isolatedSettings("scenarioScripts");
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        Path dir = RepoFiles.root().resolve(ScriptLoader.DIR);
        List<String> names = ScriptLoader.list(dir);
        if (names.isEmpty()) {
            fail("no scenario script found in " + dir + " (NAME.yaml): this test verifies every shipped script and needs at "
                    + "least one");
        }
        List<ScenarioScript> scripts = new ArrayList<>();
        for (String n : names) {
            scripts.add(ScriptLoader.load(dir, n, catalogue));
        }
        List<String> conflicts = ScriptLoader.conflicts(scripts, catalogue);
        assertTrue(conflicts.isEmpty(), "the shipped scripts must touch sensors of their own to play at once: " + conflicts);
        Duration longest = scripts.stream().map(ScenarioScript::length).max(Comparator.naturalOrder()).orElseThrow();
        SimulatorOptions options = SimulatorOptions.builder()
                .mqttUrl(s.get(HwOptions.MQTT_URL))
                .topicRoot(s.get(HwOptions.MQTT_TOPIC_ROOT))
                .interval(SimulatorOptions.DEFAULT_INTERVAL) // demo pace: every sensor every 2 s
                .duration(longest)
                .build();
        System.out.println("ScenarioScriptsIT: " + scripts.size() + " scripts (" + String.join(", ", names) + "), simulator for "
                + Durations.format(longest) + ", then " + Durations.format(GRACE) + " of grace");

        SimulateCommand.Verification v;
        String alarms = s.get(HwOptions.TOPIC_ALARMS);
        try (LocalPipeline pipeline = LocalPipeline.start(s, catalogue)) {
            pipeline.awaitRunning(Duration.ofSeconds(60));
            try (SimulateCommand.AlarmWatcher watcher = SimulateCommand.AlarmWatcher.open(s.get(HwOptions.KAFKA_BOOTSTRAP), alarms);
                    Simulator simulator = new Simulator(catalogue, options, scripts.stream().map(ScenarioScript::scenario).toList(),
                            line -> System.out.println("  simulator: " + line))) {
                v = SimulateCommand.playAndVerify(simulator, catalogue, scripts, watcher, GRACE, System.out, new AtomicBoolean());
            }
        }
        System.out.print(v.render(alarms));
        System.out.printf("ScenarioScriptsIT: %d scripts verified in %s%n", scripts.size(),
                Durations.format(Duration.ofSeconds((System.nanoTime() - began) / 1_000_000_000L)));

        assertTrue(v.stats().published() > 0 && v.stats().failed() == 0, "the simulator published " + v.stats().published()
                + " readings, " + v.stats().failed() + " failed");
        assertFalse(v.silent(), "nothing at all reached " + alarms + ": the monitoring job did not run");
        List<String> failed = v.reports().stream().filter(r -> !r.passed()).map(VerificationReport::render).toList();
        assertTrue(failed.isEmpty(), failed.size() + " of " + scripts.size() + " scripts failed:\n" + String.join("\n", failed));
    }
}
