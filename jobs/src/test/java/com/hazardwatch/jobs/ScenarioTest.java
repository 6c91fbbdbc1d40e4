package com.hazardwatch.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.connectors.kafka.Decoded;
import com.hazardwatch.connectors.kafka.ReadingOrReject;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.RuleSettings;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.CommandType;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RiskChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The monitoring job's whole graph on a local MiniCluster, driven by a script of readings and operator commands for
 * several sensors. A command waits until the transition it answers has come out of the job, and a reading can wait
 * for a command's effect, so the script plays the same way every time; the transitions of each alarm owner and the
 * risk levels of each place are then compared in full with what docs/rules.md says they must be.
 */
class ScenarioTest {
    /** No-data alarms are processing-time and tested on their own; a slow machine must not change this script's result. */
    static final RuleSettings NO_STALE = new RuleSettings(null, null, 3_600_000L, null, null, null, null, null, null, null, false);
    static final Sensor LEVEL = new Sensor("E01-LT101", "sphere 1 level", "E01", "T01", "E01-S1", 1, SensorKind.TANK_LEVEL, "%",
            new Range(0, 100), new Limits(5.0, 10.0, 85.0, 95.0), 1.0, NO_STALE);
    static final Sensor GAS1 = new Sensor("E01-GT101", "gas 1", "E01", "T01", "E01-S1", 1, SensorKind.COMBUSTIBLE_GAS, "%LEL",
            new Range(0, 100), new Limits(null, null, 20.0, 40.0), 2.0, NO_STALE);
    static final Sensor GAS2 = new Sensor("E01-GT102", "gas 2", "E01", "T01", "E01-S1", 1, SensorKind.COMBUSTIBLE_GAS, "%LEL",
            new Range(0, 100), new Limits(null, null, 20.0, 40.0), 2.0, NO_STALE);
    static final Catalogue CATALOGUE = new Catalogue("scenario", List.of(new Town("T01", "town")),
            List.of(new Enterprise("E01", "enterprise", "T01", List.of(new Source("E01-S1", "sphere farm", 1)))),
            List.of(LEVEL, GAS1, GAS2));

    /** The script's event time starts now (whole seconds): a shelf is measured against the engine's clock. */
    static final long T0 = System.currentTimeMillis() / 1000 * 1000;
    static final String HH_ID = "E01-LT101:HI:" + (T0 + 1000);
    static final String GAS1_ID = "E01-GT101:HI:" + (T0 + 3000);

    /** One line of the script: a reading or a command, played once {@code after} holds for what the job emitted. */
    record Step(Reading reading, OperatorCommand command, Predicate<List<LifecycleEvent>> after, String waitsFor) {}

    static volatile List<Step> script = List.of();

    static Step reading(String sensor, long dt, double v) {
        return new Step(new Reading(sensor, "E01", "E01-S1", null, T0 + dt, v, Quality.GOOD, 0), null, e -> true, "nothing");
    }

    static Step after(String alarmId, AlarmTransition t, Step s) {
        return new Step(s.reading(), s.command(), seen -> seen.stream().anyMatch(e -> alarmId.equals(e.event().alarmId())
                && e.transition() == t), alarmId + " " + t);
    }

    static Step command(CommandType type, String alarmId, String operator, String comment, Long durationMs, long dt) {
        return new Step(null, new OperatorCommand(type, alarmId, null, operator, comment, durationMs, T0 + dt), e -> true, "nothing");
    }

    static final List<Step> SCRIPT = List.of(
            reading("E01-LT101", 0, 50),
            reading("E01-LT101", 1000, 96),                                                    // HH raised
            after(HH_ID, AlarmTransition.RAISE, command(CommandType.ACK, HH_ID, "duty1", "pumps stopped", null, 1500)),
            after(HH_ID, AlarmTransition.ACK, reading("E01-LT101", 2000, 50)),                 // cleared, acknowledged: ends
            reading("E01-GT101", 3000, 25),                                                    // H
            reading("E01-GT102", 4000, 45),                                                    // HH, and with GT101: AREA
            after("E01-S1:AREA:" + (T0 + 4000), AlarmTransition.RAISE,
                    command(CommandType.SHELVE, GAS1_ID, "duty1", "detector being recalibrated", 600_000L, 4500)),
            after(GAS1_ID, AlarmTransition.SHELVE, reading("E01-GT101", 5000, 0)),             // clears under the shelf
            reading("E01-GT102", 6000, 0),                                                     // AREA clears
            after("E01-S1:AREA:" + (T0 + 4000), AlarmTransition.CLEAR,
                    command(CommandType.ACK, HH_ID, "duty2", null, null, 6500)));              // that episode has ended

    static final class Readings implements GeneratorFunction<Long, ReadingOrReject> {
        @Override
        public ReadingOrReject map(Long i) throws Exception {
            Step s = await(script.stream().filter(x -> x.reading() != null).toList().get(i.intValue()));
            return new ReadingOrReject(s.reading(), null);
        }
    }

    static final class Commands implements GeneratorFunction<Long, Decoded<OperatorCommand>> {
        @Override
        public Decoded<OperatorCommand> map(Long i) throws Exception {
            Step s = await(script.stream().filter(x -> x.command() != null).toList().get(i.intValue()));
            return new Decoded<>(s.command(), null);
        }
    }

    static Step await(Step s) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!s.after().test(CollectSink.received("scenario-alarms"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job never emitted " + s.waitsFor() + "; it emitted: "
                        + CollectSink.<LifecycleEvent>received("scenario-alarms").stream().map(ScenarioTest::line).toList());
            }
            Thread.sleep(20);
        }
        return s;
    }

    static String line(LifecycleEvent e) {
        return e.event().alarmId() + " " + e.transition() + " " + e.event().type() + " " + e.state() + " p" + e.priority()
                + (e.shouldNotify() ? " notify" : "") + " by " + e.operator();
    }

    /** The transitions of each owner (sensor, source), in the order they came. */
    static Map<String, List<String>> byOwner(List<LifecycleEvent> events) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (LifecycleEvent e : events) {
            String owner = e.event().alarmId() == null ? e.event().sensor() : e.event().alarmId().split(":")[0];
            m.computeIfAbsent(owner, k -> new ArrayList<>()).add(line(e));
        }
        return m;
    }

    static Map<String, List<String>> riskByPlace(List<RiskChange> changes) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (RiskChange c : changes) {
            m.computeIfAbsent(c.scope() + " " + c.id(), k -> new ArrayList<>()).add(c.previous() + "->" + c.level());
        }
        return m;
    }

    @Test
    void aScriptedIncidentGivesExactlyTheTransitionsAndRiskLevelsOfTheRules() throws Exception {
        script = SCRIPT;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        long readings = SCRIPT.stream().filter(s -> s.reading() != null).count();
        long commands = SCRIPT.stream().filter(s -> s.command() != null).count();
        MonitoringJob.defineWorkflow(env, new MonitoringJob.Sources(
                        new DataGeneratorSource<>(new Readings(), readings, TypeInformation.of(ReadingOrReject.class)),
                        null,
                        new DataGeneratorSource<>(new Commands(), commands,
                                TypeInformation.of(new TypeHint<Decoded<OperatorCommand>>() {}))),
                new MonitoringJob.Sinks(CollectSink.named("scenario-alarms"), CollectSink.<DeadLetter>named("scenario-dlq"),
                        CollectSink.<String>named("scenario-lines"), CollectSink.named("scenario-risk")),
                new MonitoringJob.Params(CATALOGUE, Duration.ofSeconds(5), Duration.ofSeconds(30)));
        env.execute("scenario");

        Map<String, List<String>> alarms = byOwner(CollectSink.received("scenario-alarms"));
        assertEquals(Map.of(
                "E01-LT101", List.of(
                        HH_ID + " RAISE HIGH_HIGH ACTIVE_UNACK p1 notify by system",
                        HH_ID + " ACK HIGH_HIGH ACTIVE_ACK p1 by duty1",
                        HH_ID + " CLEAR HIGH_HIGH NORMAL p1 by system"),
                "E01-GT101", List.of(
                        GAS1_ID + " RAISE HIGH ACTIVE_UNACK p2 notify by system",
                        GAS1_ID + " SHELVE HIGH SHELVED p2 by duty1",
                        GAS1_ID + " CLEAR HIGH SHELVED p2 by system"),
                "E01-GT102", List.of(
                        "E01-GT102:HI:" + (T0 + 4000) + " RAISE HIGH_HIGH ACTIVE_UNACK p1 notify by system",
                        "E01-GT102:HI:" + (T0 + 4000) + " CLEAR HIGH_HIGH RTN_UNACK p1 by system"),
                "E01-S1", List.of(
                        "E01-S1:AREA:" + (T0 + 4000) + " RAISE AREA_GAS ACTIVE_UNACK p1 notify by system",
                        "E01-S1:AREA:" + (T0 + 4000) + " CLEAR AREA_GAS RTN_UNACK p1 by system"),
                "E01-LT101 (rejected)", List.of()), withRejection(alarms));
        List<LifecycleEvent> rejected = CollectSink.<LifecycleEvent>received("scenario-alarms").stream()
                .filter(e -> e.transition() == AlarmTransition.REJECTED).toList();
        assertEquals(1, rejected.size());
        assertEquals("duty2", rejected.get(0).operator());
        assertTrue(rejected.get(0).reason().contains("no open alarm '" + HH_ID + "'"), rejected.get(0).reason());

        // docs/rules.md "Risk roll-up": HH of a grade-1 source is priority 1, 10 x 4 = 40 >= 20, red; acknowledged it still
        // stands; cleared and acknowledged it ends: blue. GT101's H (priority 2, 5 x 4 = 20) turns it red again and GT102's
        // HH and the AREA alarm keep it there; shelved and cleared alarms do not stand, so the last clear brings blue.
        List<String> expected = List.of("BLUE->RED", "RED->BLUE", "BLUE->RED", "RED->BLUE");
        assertEquals(Map.of("source E01-S1", expected, "enterprise E01", expected, "town T01", expected),
                riskByPlace(CollectSink.received("scenario-risk")), () -> "risk " + CollectSink.received("scenario-risk")
                        + "\nalarms " + CollectSink.<LifecycleEvent>received("scenario-alarms").stream().map(ScenarioTest::line).toList());
        assertEquals(List.of(), CollectSink.received("scenario-dlq"));
    }

    /** The rejection is listed under its own key, so that the owner's sequence shows only its alarm's transitions. */
    private static Map<String, List<String>> withRejection(Map<String, List<String>> byOwner) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        byOwner.forEach((owner, lines) -> {
            m.put(owner, lines.stream().filter(l -> !l.contains(" REJECTED ")).toList());
            if (lines.stream().anyMatch(l -> l.contains(" REJECTED "))) {
                m.put(owner + " (rejected)", List.of());
            }
        });
        return m;
    }
}
