package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.connectors.kafka.CatalogueTopic;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueEntry;
import com.hazardwatch.model.catalogue.CatalogueError;
import com.hazardwatch.model.catalogue.CatalogueException;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import com.hazardwatch.testsupport.TestCatalogues;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalogue push} against a real Kafka, through the command's own code path, on a catalogue topic of each test's own. */
@ExtendWith(ServicesExtension.class)
class CataloguePushIT {
    static final String V1 = TestCatalogues.THREE_SENSORS;
    /** V1 with E01-LT101's HH lowered, E01-PT101 gone and E01-LT102 new. */
    static final String V2 = V1.replace("h: 85, hh: 95}}", "h: 85, hh: 90}}")
            .replaceAll("(?m)^.*E01-PT101.*\n", "")
            + "          - {id: E01-LT102, name: 2号球罐液位, kind: level, unit: \"%\", range: [0, 100], limits: {h: 85, hh: 95}}\n";
    private static final Pattern PUBLISHED = Pattern.compile("; published to (\\S+) at revision (\\d+)$", Pattern.MULTILINE);

    record Result(int code, String out, String err) {}

    private static Settings settings(Services services, TestInfo info) {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        return s.with(HwOptions.TOPIC_CATALOGUE, s.get(HwOptions.TOPIC_READINGS).replace(".readings", ".catalogue"));
    }

    /** catalogue push ARGS, pointed at this test's Kafka and topic with --set, as a user would. */
    private static Result push(Path dir, Settings s, String... args) {
        List<String> a = new ArrayList<>(List.of("push"));
        a.addAll(List.of(args));
        a.addAll(List.of("--set", HwOptions.KAFKA_BOOTSTRAP.key() + "=" + s.get(HwOptions.KAFKA_BOOTSTRAP),
                "--set", HwOptions.TOPIC_CATALOGUE.key() + "=" + s.get(HwOptions.TOPIC_CATALOGUE)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = CatalogueCommand.run(a, o, e, dir);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long revision(Result r, String topic) {
        Matcher m = PUBLISHED.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(topic, m.group(1));
        return Long.parseLong(m.group(2));
    }

    @Test
    void pushPublishesWhatChangedOnly(Services services, TestInfo info, @TempDir Path dir) throws Exception {
        Settings s = settings(services, info);
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String topic = s.get(HwOptions.TOPIC_CATALOGUE);
        Files.writeString(dir.resolve("v1.yaml"), V1, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("v2.yaml"), V2, StandardCharsets.UTF_8);
        Catalogue v1 = CatalogueLoader.load(dir.resolve("v1.yaml"));

        long before = System.currentTimeMillis();
        Result first = push(dir, s, "v1.yaml");
        assertEquals(0, first.code(), first.err());
        List<String> lines = first.out().lines().toList();
        assertEquals("v1.yaml: 3 sensors; " + topic + " on " + bootstrap + ": empty", lines.get(0));
        assertEquals(List.of("E01-LT101 added", "E01-TT101 added", "E01-PT101 added"), lines.subList(1, 4));
        assertTrue(lines.get(4).startsWith("3 added, 0 changed, 0 removed, 0 unchanged; published to " + topic), lines.get(4));
        long r1 = revision(first, topic);
        assertTrue(r1 >= before && r1 <= System.currentTimeMillis(), "revision is the time of the push: " + r1);

        Map<String, CatalogueEntry> onTopic = CatalogueTopic.readAll(bootstrap, topic);
        assertEquals(3, onTopic.size());
        for (var sensor : v1.sensors()) {
            assertEquals(CatalogueEntry.of(sensor, r1), onTopic.get(sensor.id()));
        }

        long end = endOffset(bootstrap, topic);
        Result again = push(dir, s, "v1.yaml");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 added, 0 changed, 0 removed, 3 unchanged; nothing to publish, " + topic + " is up to date"),
                again.out());
        assertEquals(end, endOffset(bootstrap, topic));

        Result dry = push(dir, s, "v2.yaml", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("E01-LT101 limits.hh 95 -> 90\n"), dry.out());
        assertTrue(dry.out().contains("1 added, 1 changed, 1 removed, 1 unchanged; dry run, nothing published to " + topic), dry.out());
        assertEquals(end, endOffset(bootstrap, topic), "a dry run publishes nothing");

        Result second = push(dir, s, "v2.yaml");
        assertEquals(0, second.code(), second.err());
        assertEquals(List.of("v2.yaml: 3 sensors; " + topic + " on " + bootstrap + ": 3 sensors in force, revision " + r1,
                "E01-LT102 added", "E01-LT101 limits.hh 95 -> 90", "E01-PT101 removed"), second.out().lines().toList().subList(0, 4));
        assertTrue(second.out().contains("1 added, 1 changed, 1 removed, 1 unchanged; published to " + topic), second.out());
        long r2 = revision(second, topic);
        assertTrue(r2 > r1);
        assertEquals(end + 3, endOffset(bootstrap, topic), "three entries, one per changed sensor");

        onTopic = CatalogueTopic.readAll(bootstrap, topic);
        assertEquals(List.of("E01-LT101", "E01-LT102", "E01-PT101", "E01-TT101"), new ArrayList<>(onTopic.keySet()));
        assertEquals(r2, onTopic.get("E01-LT101").revision());
        assertEquals(90.0, onTopic.get("E01-LT101").sensor().limits().hh());
        assertEquals(r2, onTopic.get("E01-LT102").revision());
        assertEquals(r1, onTopic.get("E01-TT101").revision(), "an unchanged sensor keeps its revision");
        assertTrue(onTopic.get("E01-PT101").removed());
        assertEquals(r2, onTopic.get("E01-PT101").revision());
        assertEquals("E01", onTopic.get("E01-PT101").enterprise());
    }

    @Test
    void anInvalidCatalogueIsRefusedWithEveryErrorAndNothingIsPublished(Services services, TestInfo info, @TempDir Path dir)
            throws Exception {
        Settings s = settings(services, info);
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String topic = s.get(HwOptions.TOPIC_CATALOGUE);
        Files.writeString(dir.resolve("v1.yaml"), V1, StandardCharsets.UTF_8);
        String broken = V2.replace("town: T01", "town: T09").replace("limits: {h: 40, hh: 50}", "limts: {h: 40, hh: 50}");
        Files.writeString(dir.resolve("broken.yaml"), broken, StandardCharsets.UTF_8);
        List<CatalogueError> errors = errorsOf(dir.resolve("broken.yaml"));
        assertTrue(errors.size() >= 2, errors.toString());

        Result refusedBeforeAnyPush = push(dir, s, "broken.yaml");
        assertEquals(1, refusedBeforeAnyPush.code());
        assertEquals(Map.of(), CatalogueTopic.readAll(bootstrap, topic));

        assertEquals(0, push(dir, s, "v1.yaml").code());
        long end = endOffset(bootstrap, topic);
        Map<String, CatalogueEntry> state = CatalogueTopic.readAll(bootstrap, topic);

        Result r = push(dir, s, "broken.yaml");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        for (CatalogueError e : errors) {
            assertTrue(r.err().contains(e.place() + ": " + e.field() + ": " + e.message() + "\n"), "missing " + e + " in:\n" + r.err());
        }
        assertTrue(r.err().contains("FAILED: broken.yaml: " + errors.size() + " errors\nnothing published\n"), r.err());
        assertEquals(end, endOffset(bootstrap, topic), "nothing was published");
        assertEquals(state, CatalogueTopic.readAll(bootstrap, topic));
    }

    private static List<CatalogueError> errorsOf(Path file) {
        try {
            CatalogueLoader.load(file);
        } catch (CatalogueException e) {
            return e.errors();
        }
        throw new AssertionError(file + " should be invalid");
    }

    private static long endOffset(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(tp).offset();
        }
    }
}
