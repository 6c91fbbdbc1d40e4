package com.hazardwatch.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.connectors.kafka.ReadingOrReject;
import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.RuleSettings;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RiskChange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring job stopped with a savepoint in the middle of an incident and started again from it emits exactly
 * what an uninterrupted run emits: the same transitions under the same alarm ids, and the same risk changes.
 *
 * <p>The readings come from a source that releases {@link #PER_CHECKPOINT} of them per completed checkpoint, so the
 * script takes a few seconds and the stop falls somewhere inside it, while the source never blocks its task (a
 * blocked task could not take the savepoint). A checkpoint completes only once everything before its barrier has
 * passed every operator, and the source needs more than one completed checkpoint to emit {@link #GAP} readings, so a
 * reading {@link #GAP} readings after another is emitted only once the other has gone through the whole graph. The
 * script keeps that distance between readings whose transitions take different paths to the lifecycle (a gas
 * detector's own alarm goes straight there, the AREA alarm through the correlation operator) and could otherwise
 * reach the risk roll-up in either order.
 */
class RestoreTest {
    static final int PER_CHECKPOINT = 3;
    static final int GAP = 3 * PER_CHECKPOINT;
    static final long CHECKPOINT_INTERVAL_MS = 100;

    /** The ScenarioTest catalogue, with a silence period far beyond the test's run: no STALE alarm interferes. */
    static final RuleSettings NEVER_STALE = new RuleSettings(null, null, 3_600_000L, null, null, null, null, null, null, null,
            false);
    static final Sensor LEVEL = ScenarioTest.LEVEL.withRules(NEVER_STALE);
    static final Sensor GAS1 = ScenarioTest.GAS1.withRules(NEVER_STALE);
    static final Sensor GAS2 = ScenarioTest.GAS2.withRules(NEVER_STALE);
    static final Catalogue CATALOGUE = new Catalogue("restore", ScenarioTest.CATALOGUE.towns(),
            ScenarioTest.CATALOGUE.enterprises(), List.of(LEVEL, GAS1, GAS2));

    @TempDir
    Path savepoints;

    /** Readings of the script, by their index in it. */
    static final class Script implements GeneratorFunction<Long, ReadingOrReject> {
        private final List<Reading> readings;

        Script(List<Reading> readings) {
            this.readings = new ArrayList<>(readings);
        }

        @Override
        public ReadingOrReject map(Long i) {
            return new ReadingOrReject(readings.get(i.intValue()), null);
        }

        /** Writes the script, one reading a second of event time unless paused. */
        static final class Builder {
            final List<Reading> readings = new ArrayList<>();
            private final long t0;
            private long second;

            Builder(long t0) {
                this.t0 = t0;
            }

            void at(Sensor s, double v) {
                readings.add(new Reading(s.id(), s.enterprise(), s.source(), null, t0 + 1000 * second++, v, Quality.GOOD, 0));
            }

            void pause(int seconds) {
                second += seconds;
            }

            /** Readings of the level at rest, enough for the readings before and after to be a checkpoint apart. */
            void gap() {
                for (int i = 0; i < GAP; i++) {
                    at(LEVEL, 50);
                }
            }
        }
    }

    /**
     * The incident, event time from t0 (whole seconds, now: a reading stamped more than 5 min ahead of the engine's
     * clock would be rejected): the level through H, HH, back to H and normal; gas H on two detectors of the source
     * (AREA) and back; then the level rising 8 %/min for 90 s (rate of change, forecast of HH) and levelling off until
     * both clear.
     */
    static List<Reading> script(long t0) {
        Script.Builder b = new Script.Builder(t0);
        b.at(LEVEL, 50);
        b.at(LEVEL, 86);    // RAISE HIGH
        b.at(LEVEL, 96);    // ESCALATE HIGH_HIGH
        b.at(LEVEL, 94);    // DEESCALATE HIGH (94 <= HH 95 - deadband 1)
        b.at(LEVEL, 80);    // CLEAR
        b.gap();
        b.at(GAS1, 25);     // RAISE HIGH: the source turns red
        b.gap();
        b.at(GAS2, 45);     // RAISE HIGH_HIGH, and with GAS1 within 60 s: AREA
        b.gap();
        b.at(GAS2, 0);      // CLEAR, and AREA clears; GAS1 keeps the source red
        b.gap();
        b.at(GAS1, 0);      // CLEAR: blue
        b.gap();
        for (int i = 0; i <= 45; i++) {
            b.at(LEVEL, 50 + 8.0 * (2 * i) / 60);  // +8 %/min for 90 s, a reading every 2 s
            b.pause(1);
        }
        for (int i = 0; i < 40; i++) {
            b.at(LEVEL, 62);   // level for 80 s: the trend alarms clear
            b.pause(1);
        }
        return b.readings;
    }

    record Collected(List<LifecycleEvent> alarms, List<RiskChange> risk, List<DeadLetter> deadLetters) {}

    private JobClient start(List<Reading> script, String run, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS);
        MonitoringJob.defineWorkflow(env,
                new DataGeneratorSource<>(new Script(script), script.size(), RateLimiterStrategy.perCheckpoint(PER_CHECKPOINT),
                        TypeInformation.of(ReadingOrReject.class)),
                new MonitoringJob.Sinks(CollectSink.named(run + "-alarms"), CollectSink.<DeadLetter>named(run + "-dlq"),
                        CollectSink.<String>named(run + "-lines"), CollectSink.named(run + "-risk")),
                new MonitoringJob.Params(CATALOGUE, Duration.ofSeconds(5), Duration.ofSeconds(30)));
        return env.executeAsync("restore " + run);
    }

    private static Collected collected(String run) {
        return new Collected(CollectSink.received(run + "-alarms"), CollectSink.received(run + "-risk"),
                CollectSink.received(run + "-dlq"));
    }

    @Test
    void aJobRestoredFromASavepointMidIncidentEmitsWhatAnUninterruptedRunEmits() throws Exception {
        long t0 = System.currentTimeMillis() / 1000 * 1000;
        List<Reading> script = script(t0);

        // run 1: uninterrupted
        JobClient whole = start(script, "restore-whole", null);
        whole.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        Collected one = collected("restore-whole");

        // run 2: stopped with a savepoint once a third of the transitions are out, then resumed from it
        JobClient first = start(script, "restore-first", null);
        int third = (one.alarms().size() + 2) / 3;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (CollectSink.received("restore-first-alarms").size() < third) {
            assertTrue(System.nanoTime() < deadline, "the job never emitted " + third + " transitions");
            Thread.sleep(5);
        }
        String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(30, TimeUnit.SECONDS);
        first.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        assertNotNull(savepoint);
        JobClient second = start(script, "restore-second", savepoint);
        second.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        Collected before = collected("restore-first");
        Collected after = collected("restore-second");

        List<LifecycleEvent> two = new ArrayList<>(before.alarms());
        two.addAll(after.alarms());
        List<RiskChange> twoRisk = new ArrayList<>(before.risk());
        twoRisk.addAll(after.risk());

        // the uninterrupted run is the incident of the script (the rules themselves are ScenarioTest's business)
        assertEquals(Map.of(
                "E01-LT101", List.of("RAISE HIGH", "ESCALATE HIGH_HIGH", "DEESCALATE HIGH", "CLEAR HIGH",
                        "RAISE FORECAST_HH", "RAISE RATE_OF_CHANGE", "CLEAR RATE_OF_CHANGE", "CLEAR FORECAST_HH"),
                "E01-GT101", List.of("RAISE HIGH", "CLEAR HIGH"),
                "E01-GT102", List.of("RAISE HIGH_HIGH", "CLEAR HIGH_HIGH"),
                "E01-S1", List.of("RAISE AREA_GAS", "CLEAR AREA_GAS")), kinds(one.alarms()));
        List<String> redAndBack = List.of("BLUE->RED", "RED->BLUE", "BLUE->RED", "RED->BLUE", "BLUE->RED", "RED->BLUE");
        assertEquals(Map.of("source E01-S1", redAndBack, "enterprise E01", redAndBack, "town T01", redAndBack),
                ScenarioTest.riskByPlace(one.risk()));
        assertEquals(List.of(), one.deadLetters());

        assertFalse(after.alarms().isEmpty(), "the restored job resumed after the incident was over: "
                + before.alarms().size() + " of " + one.alarms().size() + " transitions before the stop");
        // Each owner's transitions come in one order (an owner's conditions take one path through the graph); the
        // interleaving of different owners may differ from run to run, the risk changes may not.
        assertEquals(byOwner(one.alarms()), byOwner(two));
        assertEquals(lines(one.risk()), lines(twoRisk));
        assertEquals(List.of(), before.deadLetters());
        assertEquals(List.of(), after.deadLetters());
        assertOneIdPerEpisode(two);
    }

    /** "TRANSITION TYPE" of each owner's transitions. */
    static Map<String, List<String>> kinds(List<LifecycleEvent> events) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (LifecycleEvent e : events) {
            m.computeIfAbsent(LifecycleInput.ownerOf(e.event().alarmId()), k -> new ArrayList<>())
                    .add(e.transition() + " " + e.event().type());
        }
        return m;
    }

    /** Everything of a transition but emittedAt. */
    static String line(LifecycleEvent e) {
        AlarmEvent a = e.event();
        return a.alarmId() + " " + a.transition() + " " + a.type() + " " + a.state() + " p" + e.priority()
                + (e.shouldNotify() ? " notify" : "") + " by " + e.operator() + " v=" + a.value() + " limit=" + a.limit()
                + " ts=" + a.ts() + " " + a.detail();
    }

    /** Everything of a risk change but emittedAt. */
    static List<String> lines(List<RiskChange> changes) {
        return changes.stream().map(c -> c.scope() + " " + c.id() + " " + c.town() + " " + c.previous() + "->" + c.level()
                + " score=" + c.score() + " ts=" + c.ts()).toList();
    }

    static Map<String, List<String>> byOwner(List<LifecycleEvent> events) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (LifecycleEvent e : events) {
            m.computeIfAbsent(LifecycleInput.ownerOf(e.event().alarmId()), k -> new ArrayList<>()).add(line(e));
        }
        return m;
    }

    /**
     * An episode keeps its id from RAISE to its end: every transition of an owner's alarm class names the id of the
     * class's last RAISE, and a RAISE never reuses an id.
     */
    static void assertOneIdPerEpisode(List<LifecycleEvent> events) {
        Map<String, String> open = new HashMap<>();
        Set<String> raised = new HashSet<>();
        for (LifecycleEvent e : events) {
            String id = e.event().alarmId();
            String key = LifecycleInput.ownerOf(id) + " " + LifecycleInput.classOf(id);
            if (e.transition() == AlarmTransition.RAISE) {
                assertTrue(raised.add(id), "a second episode under " + id);
                open.put(key, id);
            } else {
                assertEquals(open.get(key), id, "the episode of " + key + " changed its id at " + line(e));
            }
        }
    }
}
