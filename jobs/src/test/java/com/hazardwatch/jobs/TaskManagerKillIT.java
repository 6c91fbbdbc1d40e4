package com.hazardwatch.jobs;

import static com.hazardwatch.testsupport.TestJson.json;
import static com.hazardwatch.testsupport.TestJson.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.connectors.mqtt.MqttKafkaBridge;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Option;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.FlinkCluster;
import com.hazardwatch.testsupport.InfluxProbe;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import com.hazardwatch.testsupport.TestCatalogues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager of the real Flink session cluster (bin/hazardwatch stack up --cluster) is killed with SIGKILL while
 * readings stream in: the job (parallelism 2, one slot on each TaskManager) must restore its last checkpoint, and
 * every alarm transition of the stream must reach hw.alarms, with the same id, transition and ts as without the
 * failure. hw.alarms is written at least once (the job's Kafka sink is not transactional), so a replay after the
 * restore may write a transition twice: those raw duplicates are counted and printed, and a consumer de-duplicates by
 * (alarm id, transition, ts). Prints {@code FAULT taskmanager-kill: published=N stored=N lost=N duplicates=N}.
 *
 * <p>Slow (a cluster of three JVMs): runs with {@code bin/hazardwatch test --all} (Maven profile {@code all}).
 */
@ExtendWith(ServicesExtension.class)
class TaskManagerKillIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String LEVEL = "E01-LT101";
    private static final String TEMPERATURE = "E01-TT101";
    private static final String PRESSURE = "E01-PT101";
    private static final int TICKS = 480;
    private static final int KILL_AT = 160;

    @Test
    void jobRecoversFromItsCheckpointAndLosesNoAlarm(Services services, TestInfo info, @TempDir Path dir) throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        Path catalogueFile = dir.resolve("catalogue.yaml");
        Files.writeString(catalogueFile, TestCatalogues.THREE_SENSORS);
        Catalogue catalogue = TestCatalogues.threeSensors();
        String root = s.get(HwOptions.MQTT_TOPIC_ROOT);
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);

        // event time: one reading per sensor per second, ending about now
        long t0 = System.currentTimeMillis() / 1000 * 1000 - TICKS * 1000L;
        Stream stream = new Stream(t0);

        long started = System.nanoTime();
        try (FlinkCluster cluster = FlinkCluster.start();
             MqttKafkaBridge bridge = new MqttKafkaBridge(s, catalogue);
             MqttTestClient mqtt = new MqttTestClient(s.get(HwOptions.MQTT_URL))) {
            System.out.printf("cluster up after %.1f s%n", (System.nanoTime() - started) / 1e9);
            bridge.start();
            String job = cluster.submit(2, catalogueFile, jobSettings(s));
            assertEquals(Set.of("taskmanager-1", "taskmanager-2"), new TreeSet<>(cluster.taskManagersOf(job)),
                    "parallelism 2 is spread over both TaskManagers, so killing one hits the job");

            int published = 0;
            CompletableFuture<Double> restart = null;
            CompletableFuture<Double> recovered = null;
            for (int tick = 0; tick < TICKS; tick++) {
                if (tick == KILL_AT) {
                    // a checkpoint to come back to, then the kill while readings keep coming
                    await("a completed checkpoint", () -> counts(cluster, job).path("completed").asLong() >= 1);
                    cluster.killTaskManager(1);
                    long killedAt = System.nanoTime();
                    System.out.println("killed taskmanager-1 (kill -9) at tick " + tick);
                    recovered = CompletableFuture.supplyAsync(() -> {
                        try {
                            await("the job RUNNING again after a restart", () -> restarts(cluster, job) >= 1 && running(cluster, job));
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return (System.nanoTime() - killedAt) / 1e9;
                    });
                    restart = CompletableFuture.supplyAsync(() -> {
                        try {
                            cluster.restartMissing();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return (System.nanoTime() - killedAt) / 1e9;
                    });
                }
                for (String sensor : List.of(LEVEL, TEMPERATURE, PRESSURE)) {
                    mqtt.publish(root + "/E01/tank-farm/" + sensor, reading(sensor, stream.ts(tick), stream.value(sensor, tick)));
                    published++;
                }
                Thread.sleep(tick % 4 == 0 ? 40 : 20);
            }
            double restartSeconds = restart.join();
            System.out.printf("job running again %.1f s after the kill (restarts=%d); taskmanager-1 back %.1f s after it%n",
                    recovered.join(), restarts(cluster, job), restartSeconds);
            JsonNode counts = counts(cluster, job);
            assertTrue(counts.path("restored").asLong() >= 1, "the job restored a checkpoint: " + counts);

            Set<String> expected = stream.expectedTransitions();
            List<KafkaProbe.Record> raw = KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_ALARMS),
                    r -> limitTransitions(r).keySet().containsAll(expected), WAIT);
            // de-duplicated by (alarm id, transition, ts): exactly the transitions of the stream, none missing, none
            // extra (a restore that lost state would raise again under a new id, or miss the RETURN)
            Map<String, Integer> limit = limitTransitions(raw);
            assertTrue(limit.keySet().containsAll(expected), "every expected transition is on hw.alarms; missing: "
                    + missing(expected, limit.keySet()) + "; got " + limit.keySet());
            assertEquals(expected, new TreeSet<>(limit.keySet()), "no limit transition but the expected ones");
            // the sink writes at least once: what a replay wrote again is counted, over every transition on the topic
            Map<String, Integer> byKey = new LinkedHashMap<>();
            for (KafkaProbe.Record r : raw) {
                JsonNode n = json(r.value());
                byKey.merge(n.path("alarmId").asText() + " " + n.path("transition").asText() + " " + n.path("ts").asLong(),
                        1, Integer::sum);
            }
            int duplicates = byKey.values().stream().mapToInt(c -> c - 1).sum();

            String url = s.get(HwOptions.INFLUX_URL);
            String db = s.get(HwOptions.INFLUX_DATABASE);
            int total = published;
            List<Map<String, Object>> rows = InfluxProbe.await(url, db, "SELECT count(value) FROM reading",
                    r -> stored(r) >= total, WAIT);
            long stored = stored(rows);
            System.out.printf("FAULT taskmanager-kill: published=%d stored=%d lost=%d duplicates=%d%n",
                    published, stored, published - stored, duplicates);
            System.out.printf("alarm records on hw.alarms: %d raw, %d distinct; took %.1f s%n", raw.size(), byKey.size(),
                    (System.nanoTime() - started) / 1e9);
            assertEquals(published, stored, "every reading is stored once (InfluxDB keeps one point per sensor and ts)");
        }
    }

    /** Everything the isolated settings say, except what the launcher sets for the cluster. */
    private static Map<String, String> jobSettings(Settings s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Option<?> o : List.<Option<?>>of(HwOptions.KAFKA_BOOTSTRAP, HwOptions.TOPIC_READINGS, HwOptions.TOPIC_ALARMS,
                HwOptions.TOPIC_DLQ, HwOptions.TOPIC_CATALOGUE, HwOptions.TOPIC_COMMANDS, HwOptions.TOPIC_RISK,
                HwOptions.KAFKA_GROUP, HwOptions.INFLUX_URL, HwOptions.INFLUX_DATABASE, HwOptions.INFLUX_FLUSH_INTERVAL,
                HwOptions.JOB_CHECKPOINT_INTERVAL, HwOptions.JOB_STARTING_OFFSETS)) {
            m.put(o.key(), s.asMap().get(o.key()));
        }
        return m;
    }

    /** Limit transitions (HIGH, HIGH_HIGH, LOW, LOW_LOW) as "alarmId TRANSITION ts", with how often each was read. */
    private static Map<String, Integer> limitTransitions(List<KafkaProbe.Record> records) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (KafkaProbe.Record r : records) {
            JsonNode n = json(r.value());
            if (Set.of("HIGH", "HIGH_HIGH", "LOW", "LOW_LOW").contains(n.path("type").asText())) {
                m.merge(n.path("alarmId").asText() + " " + n.path("transition").asText() + " " + n.path("ts").asLong(), 1,
                        Integer::sum);
            }
        }
        return m;
    }

    private static Set<String> missing(Set<String> expected, Set<String> got) {
        Set<String> m = new TreeSet<>(expected);
        m.removeAll(got);
        return m;
    }

    private static long stored(List<Map<String, Object>> rows) {
        return rows.stream().mapToLong(r -> ((Number) r.get("count")).longValue()).sum();
    }

    private static JsonNode counts(FlinkCluster c, String job) {
        try {
            return c.checkpointCounts(job);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long restarts(FlinkCluster c, String job) {
        try {
            return c.restarts(job);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean running(FlinkCluster c, String job) {
        try {
            return c.allTasksRunning(job);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /**
     * The readings: steady values with two tank overfills (HIGH, HIGH_HIGH, back to normal), one before and one after
     * the kill, a low level, a hot temperature and a high pressure. Catalogue limits: level L 10 H 85 HH 95,
     * temperature H 40, pressure H 1.8.
     */
    private record Stream(long t0) {
        private static final int OVERFILL_1 = 60;
        private static final int OVERFILL_2 = 300;
        private static final int LOW = 400;
        private static final int HOT = 220;
        private static final int PRESSURE_HIGH = 120;

        long ts(int tick) {
            return t0 + tick * 1000L;
        }

        double value(String sensor, int tick) {
            return switch (sensor) {
                case LEVEL -> level(tick);
                case TEMPERATURE -> tick >= HOT && tick < HOT + 5 ? 45 : 20 + (tick % 3) * 0.1;
                default -> tick >= PRESSURE_HIGH && tick < PRESSURE_HIGH + 5 ? 1.9 : 1.0 + (tick % 3) * 0.01;
            };
        }

        private static double level(int tick) {
            for (int start : new int[] {OVERFILL_1, OVERFILL_2}) {
                int i = tick - start;
                if (i >= 0 && i < 8) {
                    return new double[] {88, 90, 94, 97, 98, 96, 90, 70}[i];
                }
            }
            if (tick >= LOW && tick < LOW + 4) {
                return 8;
            }
            return 50 + (tick % 5) * 0.2;
        }

        /** "alarmId TRANSITION ts" of every limit transition the stream causes. */
        Set<String> expectedTransitions() {
            Set<String> e = new TreeSet<>();
            // 88: HIGH raised; 97: escalated to HIGH_HIGH; 90: back to HIGH; 70: cleared (deadband 1). Nobody
            // acknowledges, so the first alarm stays latched and the second overfill RETURNs under its id.
            String id = LEVEL + ":HI:" + ts(OVERFILL_1);
            String[] first = {"RAISE", "RETURN"};
            int episode = 0;
            for (int start : new int[] {OVERFILL_1, OVERFILL_2}) {
                e.add(id + " " + first[episode++] + " " + ts(start));
                e.add(id + " ESCALATE " + ts(start + 3));
                e.add(id + " DEESCALATE " + ts(start + 6));
                e.add(id + " CLEAR " + ts(start + 7));
            }
            e.add(LEVEL + ":LO:" + ts(LOW) + " RAISE " + ts(LOW));
            e.add(LEVEL + ":LO:" + ts(LOW) + " CLEAR " + ts(LOW + 4));
            e.add(TEMPERATURE + ":HI:" + ts(HOT) + " RAISE " + ts(HOT));
            e.add(TEMPERATURE + ":HI:" + ts(HOT) + " CLEAR " + ts(HOT + 5));
            e.add(PRESSURE + ":HI:" + ts(PRESSURE_HIGH) + " RAISE " + ts(PRESSURE_HIGH));
            e.add(PRESSURE + ":HI:" + ts(PRESSURE_HIGH) + " CLEAR " + ts(PRESSURE_HIGH + 5));
            return e;
        }
    }
}
