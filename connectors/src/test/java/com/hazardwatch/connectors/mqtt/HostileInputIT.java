package com.hazardwatch.connectors.mqtt;

import static com.hazardwatch.testsupport.TestJson.json;
import static com.hazardwatch.testsupport.TestJson.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A corpus of hostile MQTT payloads, each published between two good readings, through the real broker, bridge and
 * Kafka with the demo catalogue: every bad one lands on hw.dlq with its exact reason (each case on a topic of its own,
 * which is the dead letter's key), the two meant to be accepted (unknown extra fields, a UTF-8 byte order mark) and
 * every good reading arrive on hw.readings, and nothing else does.
 */
@ExtendWith(ServicesExtension.class)
class HostileInputIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCEPTED = "ACCEPTED";

    private record Case(String kind, String topic, byte[] payload, String expected) {}

    @Test
    void everyHostilePayloadIsDeadLetteredWithItsReasonAndTheGoodReadingsAroundItArrive(Services services, TestInfo info)
            throws Exception {
        Settings s = services.isolatedSettings(info.getTestMethod().orElseThrow().getName());
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String root = s.get(HwOptions.MQTT_TOPIC_ROOT);
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());
        long now = System.currentTimeMillis();
        long t0 = now - 600_000;

        List<Case> cases = new ArrayList<>();
        Corpus c = new Corpus(root, cases);
        String ok = "\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":21.5";
        c.add("truncated JSON", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"val", "MALFORMED_JSON");
        c.add("value as a string", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":\"21.5\"}", "NON_NUMERIC_VALUE");
        c.add("value as an array", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":[21.5]}", "NON_NUMERIC_VALUE");
        c.add("value as an object", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":{\"v\":21.5}}", "NON_NUMERIC_VALUE");
        c.add("value as a boolean", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":true}", "NON_NUMERIC_VALUE");
        c.add("value null", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":null}", "MISSING_FIELD");
        c.add("NaN literal", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":NaN}", "MALFORMED_JSON");
        c.add("Infinity literal", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":-Infinity}", "MALFORMED_JSON");
        c.add("huge number 1e400", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":1e400}", "NON_FINITE_VALUE");
        c.add("object nested 10,000 deep", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "MALFORMED_JSON");
        c.add("array nested 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000), "MALFORMED_JSON");
        String pad = "{" + ok + ",\"pad\":\"";
        c.add("oversized message (256 KiB + 1)", pad + "x".repeat(262_145 - pad.length() - 2) + "\"}", "PAYLOAD_TOO_LARGE");
        c.add("binary garbage", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x13, 0x37, (byte) 0xC3, 0x28, (byte) 0x80, 0x7F},
                "MALFORMED_JSON");
        c.add("empty payload", new byte[0], "MALFORMED_JSON");
        c.add("whitespace only", " \t\r\n  ", "MALFORMED_JSON");
        c.add("JSON array of numbers", "[1, 2, 3]", "BAD_SENML");
        c.add("JSON string", "\"E01-TT101 21.5\"", "NOT_AN_OBJECT");
        c.add("JSON number", "42", "NOT_AN_OBJECT");
        c.add("unknown sensor", "{\"sensor\":\"E01-XX999\",\"ts\":" + t0 + ",\"value\":1}", "UNKNOWN_SENSOR");
        c.add("sensor as a number", "{\"sensor\":101,\"ts\":" + t0 + ",\"value\":1}", "MISSING_FIELD");
        c.add("spoofed enterprise (E02 sensor under hw/E01)", "{\"sensor\":\"E02-LT101\",\"ts\":" + t0 + ",\"value\":40}",
                "WRONG_ENTERPRISE");
        c.addOn("no enterprise in the topic", root + "/", "{" + ok + "}", "BAD_TOPIC");
        c.add("missing ts", "{\"sensor\":\"E01-TT101\",\"value\":21.5}", "MISSING_FIELD");
        c.add("ts in 1970", "{\"sensor\":\"E01-TT101\",\"ts\":86400000,\"value\":21.5}", "TOO_OLD");
        c.add("ts 8 days ago", "{\"sensor\":\"E01-TT101\",\"ts\":" + (now - 8 * 86_400_000L) + ",\"value\":21.5}", "TOO_OLD");
        c.add("ts in 2100", "{\"sensor\":\"E01-TT101\",\"ts\":4102444800000,\"value\":21.5}", "FUTURE_TIMESTAMP");
        c.add("ts as an unparsable string", "{\"sensor\":\"E01-TT101\",\"ts\":\"yesterday noon\",\"value\":21.5}", "BAD_TIMESTAMP");
        c.add("ts ISO without offset", "{\"sensor\":\"E01-TT101\",\"ts\":\"2026-11-22T08:00:00\",\"value\":21.5}", "BAD_TIMESTAMP");
        c.add("negative ts", "{\"sensor\":\"E01-TT101\",\"ts\":-1732262400000,\"value\":21.5}", "BAD_TIMESTAMP");
        c.add("ts beyond a long", "{\"sensor\":\"E01-TT101\",\"ts\":99999999999999999999999,\"value\":21.5}", "BAD_TIMESTAMP");
        c.add("quality unknown", "{" + ok + ",\"quality\":\"excellent\"}", "BAD_QUALITY");
        c.add("extra unknown fields", "{" + ok + ",\"unit\":\"C\",\"gateway\":{\"fw\":\"1.2\"},\"seq\":[1,2]}", ACCEPTED);
        double bt = (t0 + 1000) / 1000.0;
        c.add("SenML bad base name (a number)", "[{\"bn\":42,\"bt\":" + bt + ",\"n\":\"LT101\",\"v\":50}]", "MISSING_FIELD");
        c.add("SenML base name of another enterprise", "[{\"bn\":\"E02-\",\"bt\":" + bt + ",\"n\":\"LT101\",\"v\":50}]",
                "WRONG_ENTERPRISE");
        c.add("SenML must-understand field", "[{\"bn\":\"E01-\",\"bt\":" + bt + ",\"n\":\"LT101\",\"v\":50,\"crit_\":1}]",
                "BAD_SENML");
        c.add("SenML empty array", "[]", "BAD_SENML");
        c.add("SenML bver 99", "[{\"bver\":99,\"bn\":\"E01-\",\"bt\":" + bt + ",\"n\":\"LT101\",\"v\":50}]", "BAD_SENML");
        c.add("SenML relative time", "[{\"n\":\"E01-LT101\",\"t\":-5,\"v\":50}]", "BAD_TIMESTAMP");
        c.add("SenML record without value", "[{\"n\":\"E01-LT101\",\"bt\":" + bt + "}]", "MISSING_FIELD");
        c.add("SenML string value vs", "[{\"n\":\"E01-LT101\",\"bt\":" + bt + ",\"vs\":\"high\"}]", "NON_NUMERIC_VALUE");
        c.add("SenML only base fields", "[{\"bn\":\"E01-\",\"bt\":" + bt + "}]", "BAD_SENML");
        c.add("SenML time on 2 Jan 1970 (relative)", "[{\"n\":\"E01-LT101\",\"bt\":86400,\"t\":0,\"v\":50}]", "BAD_TIMESTAMP");
        c.add("SenML record 8 days ago", "[{\"n\":\"E01-LT101\",\"t\":" + (now / 1000 - 8 * 86_400) + ",\"v\":50}]", "TOO_OLD");
        c.add("duplicate of the last good reading", (byte[]) null, "DUPLICATE");
        c.add("UTF-16 text (with byte order mark)", ("{" + ok + "}").getBytes(StandardCharsets.UTF_16), "MALFORMED_JSON");
        c.add("UTF-16LE text (no byte order mark)", ("{" + ok + "}").getBytes(StandardCharsets.UTF_16LE), "MALFORMED_JSON");
        byte[] body = ("{\"sensor\":\"E01-PT101\",\"ts\":" + t0 + ",\"value\":1.2}").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        c.add("UTF-8 byte order mark before JSON", bom, ACCEPTED);
        c.add("raw control character in a string", "{\"sensor\":\"E01-TT101\u0001\",\"ts\":" + t0 + ",\"value\":21.5}",
                "MALFORMED_JSON");
        c.add("escaped control character in the sensor id", "{\"sensor\":\"E01-TT101\\u0007\",\"ts\":" + t0 + ",\"value\":21.5}",
                "UNKNOWN_SENSOR");
        c.add("NUL byte after the JSON", ("{" + ok + "}\u0000").getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON");
        c.add("two JSON objects in one message", "{" + ok + "}{" + ok + "}", "MALFORMED_JSON");
        c.add("missing sensor", "{\"ts\":" + t0 + ",\"value\":21.5}", "MISSING_FIELD");
        c.add("missing value", "{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + "}", "MISSING_FIELD");
        // finite but far outside the instrument range: a sensor fault, not bad input; the job raises FAULT on it
        c.add("huge finite value 1e308 (out of range)", "{\"sensor\":\"E01-TT102\",\"ts\":" + t0 + ",\"value\":1e308}", ACCEPTED);
        byte[] utf8 = ("{\"sensor\":\"E01-TT101\",\"ts\":" + t0 + ",\"value\":21.5,\"note\":\"xx\"}").getBytes(StandardCharsets.UTF_8);
        int x = new String(utf8, StandardCharsets.UTF_8).indexOf("xx");
        utf8[x] = (byte) 0xC3; // a lead byte followed by '(' : not UTF-8
        utf8[x + 1] = 0x28;
        c.add("invalid UTF-8 inside a string", utf8, "MALFORMED_JSON");
        c.add("NUL byte inside the sensor id", "{\"sensor\":\"E01-TT101\u0000\",\"ts\":" + t0 + ",\"value\":21.5}", "MALFORMED_JSON");
        c.add("SenML base time as a string", "[{\"bn\":\"E01-\",\"bt\":\"noon\",\"n\":\"LT101\",\"v\":50}]", "BAD_TIMESTAMP");

        String goodTopic = root + "/E01/good";
        int goods = 0;
        List<String> goodPayloads = new ArrayList<>();
        try (MqttKafkaBridge bridge = new MqttKafkaBridge(s, catalogue);
                MqttTestClient mqtt = new MqttTestClient(s.get(HwOptions.MQTT_URL))) {
            bridge.start();
            for (Case k : cases) {
                String good = reading("E01-LT101", t0 + goods * 1000L, 50 + goods * 0.25);
                mqtt.publish(goodTopic, good);
                goodPayloads.add(good);
                goods++;
                // the duplicate case repeats the good reading just sent, byte for byte
                mqtt.publish(k.topic, k.payload != null ? k.payload : good.getBytes(StandardCharsets.UTF_8));
            }
            String last = reading("E01-LT101", t0 + goods * 1000L, 50 + goods * 0.25);
            mqtt.publish(goodTopic, last);
            goodPayloads.add(last);
            goods++;
            long expectedReadings = goods + cases.stream().filter(k -> k.expected.equals(ACCEPTED)).count();

            long accepted = cases.stream().filter(k -> k.expected.equals(ACCEPTED)).count();
            long rejected = cases.size() - accepted;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((bridge.stats().forwarded() < expectedReadings || bridge.stats().rejected() < rejected)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<KafkaProbe.Record> dead = KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_DLQ),
                    r -> r.size() >= rejected, WAIT);
            List<KafkaProbe.Record> readings = KafkaProbe.awaitRecords(bootstrap, s.get(HwOptions.TOPIC_READINGS),
                    r -> r.size() >= expectedReadings, WAIT);

            Map<String, JsonNode> deadByTopic = new LinkedHashMap<>();
            for (KafkaProbe.Record r : dead) {
                JsonNode prev = deadByTopic.put(r.key(), json(r.value()));
                assertTrue(prev == null, "two dead letters for " + r.key() + ": " + prev + " and " + r.value());
            }
            Map<String, String> expected = new LinkedHashMap<>();
            Map<String, String> actual = new LinkedHashMap<>();
            System.out.printf("%n%-48s %-18s %-18s %s%n", "kind", "expected reason", "got reason", "detail");
            for (Case k : cases) {
                JsonNode d = deadByTopic.get(k.topic);
                String reason = d == null ? ACCEPTED : d.get("reason").asText();
                String detail = d == null ? "(on hw.readings)" : d.get("detail").asText();
                System.out.printf("%-48s %-18s %-18s %s%n", k.kind, k.expected, reason,
                        detail.length() > 90 ? detail.substring(0, 87) + "..." : detail);
                expected.put(k.kind, k.expected);
                actual.put(k.kind, reason);
            }
            assertEquals(expected, actual);
            assertEquals(rejected, dead.size());
            assertTrue(cases.size() >= 30, "corpus of " + cases.size());

            // every good reading arrived, in order, and exactly the two accepted hostile ones besides
            Map<String, List<String>> bySensor = readings.stream().collect(Collectors.groupingBy(KafkaProbe.Record::key,
                    LinkedHashMap::new, Collectors.mapping(KafkaProbe.Record::value, Collectors.toList())));
            List<String> lt101 = bySensor.getOrDefault("E01-LT101", List.of());
            assertEquals(goods, lt101.size());
            for (int i = 0; i < goods; i++) {
                JsonNode g = json(goodPayloads.get(i));
                JsonNode r = json(lt101.get(i));
                assertEquals(g.get("ts").asLong(), r.get("ts").asLong());
                assertEquals(g.get("value").asDouble(), r.get("value").asDouble());
            }
            assertEquals(1, bySensor.getOrDefault("E01-TT101", List.of()).size(), "extra unknown fields accepted");
            assertEquals(1, bySensor.getOrDefault("E01-PT101", List.of()).size(), "UTF-8 byte order mark accepted");
            assertEquals(1, bySensor.getOrDefault("E01-TT102", List.of()).size(), "a finite value out of range accepted");
            assertEquals(goods + accepted, readings.size());
            assertEquals(goods + accepted, bridge.stats().forwarded());
            assertEquals(rejected, bridge.stats().rejected());
            assertEquals(0, bridge.stats().sendFailures());
            System.out.printf("%d hostile kinds, %d dead letters, %d good readings + %d accepted on hw.readings%n",
                    cases.size(), dead.size(), goods, accepted);
            long goodArrived = lt101.size();
            System.out.println("FAULT hostile-input: published=" + goods + " stored=" + goodArrived + " lost=" + (goods - goodArrived)
                    + " duplicates=" + (lt101.size() - lt101.stream().distinct().count()));
        }
    }

    /** Cases in order, each on a topic of its own under enterprise E01 (unless given). */
    private record Corpus(String root, List<Case> cases) {
        void add(String kind, String payload, String expected) {
            add(kind, payload.getBytes(StandardCharsets.UTF_8), expected);
        }

        void add(String kind, byte[] payload, String expected) {
            cases.add(new Case(kind, root + "/E01/case-" + cases.size(), payload, expected));
        }

        void addOn(String kind, String topic, String payload, String expected) {
            cases.add(new Case(kind, topic, payload.getBytes(StandardCharsets.UTF_8), expected));
        }
    }
}
