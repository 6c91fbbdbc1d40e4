package com.hazardwatch.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.json.AlarmCodec;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.MqttTestClient;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import com.hazardwatch.testsupport.TestCatalogues;
import com.hazardwatch.testsupport.WebhookReceiver;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notification service on the real Kafka and Mosquitto, with a real HTTP webhook receiver and a real SMTP server
 * (GreenMail): alarm transitions are published with AlarmCodec to the test's own alarms topic.
 */
@ExtendWith(ServicesExtension.class)
class NotificationServiceIT {
    static final Catalogue CATALOGUE = TestCatalogues.threeSensors();
    static WebhookReceiver receiver;
    static GreenMail smtp;

    @BeforeAll
    static void servers() throws Exception {
        receiver = new WebhookReceiver();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        smtp.stop();
    }

    /** Settings for one test: its own topics, fast escalation and retries, the test's SMTP server. */
    static Settings settings(Services s, String name, Map<String, String> extra) {
        Settings base = s.isolatedSettings(name);
        Map<String, String> m = new LinkedHashMap<>(base.asMap());
        m.put(HwOptions.TOPIC_NOTIFICATIONS.key(), base.get(HwOptions.TOPIC_ALARMS).replace(".alarms", ".notifications"));
        m.put(HwOptions.NOTIFY_ESCALATION_P1.key(), "10m");
        m.put(HwOptions.NOTIFY_ESCALATION_P2.key(), "10m");
        m.put(HwOptions.NOTIFY_FLOOD_THRESHOLD.key(), "100");
        m.put(HwOptions.NOTIFY_RETRY_INITIAL_BACKOFF.key(), "300ms");
        m.put(HwOptions.NOTIFY_RETRY_MAX_ATTEMPTS.key(), "3");
        m.put(HwOptions.NOTIFY_SMTP_PORT.key(), Integer.toString(smtp.getSmtp().getPort()));
        m.putAll(extra);
        return Settings.of(m);
    }

    /** A roster for the test catalogue with everybody on duty around the clock. */
    static Roster roster(String enterprisePeople, String townPerson, String districtPerson, String peopleYaml) throws Exception {
        return Roster.parse(rosterYaml(enterprisePeople, townPerson, districtPerson, peopleYaml), "it");
    }

    static String rosterYaml(String enterprisePeople, String townPerson, String districtPerson, String peopleYaml) {
        return """
                name: it roster
                people:
                %s
                district:
                  - {who: %s, days: daily, from: "00:00", to: "00:00"}
                towns:
                  T01:
                    - {who: %s, days: daily, from: "00:00", to: "00:00"}
                enterprises:
                  E01:
                    - {who: [%s], days: daily, from: "00:00", to: "00:00"}
                """.formatted(peopleYaml.indent(2).stripTrailing(), districtPerson, townPerson, enterprisePeople);
    }

    static void publish(Settings s, List<LifecycleEvent> events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.get(HwOptions.KAFKA_BOOTSTRAP));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (LifecycleEvent e : events) {
                producer.send(new ProducerRecord<>(s.get(HwOptions.TOPIC_ALARMS), e.event().sensor(), AlarmCodec.toJson(e))).get();
            }
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static List<JsonNode> notifications(Settings s, java.util.function.Predicate<List<JsonNode>> done, Duration timeout) {
        return KafkaProbe.awaitRecords(s.get(HwOptions.KAFKA_BOOTSTRAP), s.get(HwOptions.TOPIC_NOTIFICATIONS),
                        rs -> done.test(parse(rs)), timeout).stream().map(r -> tree(r.value()))
                .filter(o -> "delivery".equals(o.path("record").asText())).toList();
    }

    private static List<JsonNode> parse(List<KafkaProbe.Record> rs) {
        return rs.stream().map(r -> tree(r.value())).filter(o -> "delivery".equals(o.path("record").asText())).toList();
    }

    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<String> alarmIds(WebhookReceiver.Request r) {
        List<String> ids = new ArrayList<>();
        tree(r.body()).path("alarmIds").forEach(x -> ids.add(x.asText()));
        return ids;
    }

    static LifecycleEvent raise(String alarmId, int priority) {
        return Alarms.raise(alarmId, "E01-LT101", priority, System.currentTimeMillis());
    }

    @Test
    void deliversOnEveryChannelAndNotifyFalseReachesNobody(Services services) throws Exception {
        Settings s = settings(services, "notify-channels", Map.of());
        String topic = s.get(HwOptions.MQTT_TOPIC_ROOT) + "/alerts/e1";
        Roster roster = roster("e1", "t1", "cc1", """
                - {id: e1, name: 赵杰, mqtt: true, webhook: "%s", email: e1@example.cn}
                - {id: t1, name: 陈浩, webhook: "%s"}
                - {id: cc1, name: 王伟, webhook: "%s"}
                """.formatted(receiver.url("/ch/e1"), receiver.url("/ch/t1"), receiver.url("/ch/cc1")));
        try (MqttTestClient mqtt = new MqttTestClient(services.mqttUrl());
                NotificationService service = new NotificationService(s, CATALOGUE, roster)) {
            mqtt.subscribe(topic);
            service.start();
            String quiet = "E01-LT101:CHAT:" + System.nanoTime();
            String loud = "E01-LT101:HI:" + System.nanoTime();
            publish(s, List.of(
                    Alarms.event(quiet, "E01-LT101", "E01", AlarmType.HIGH, AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK, 2, false,
                            System.currentTimeMillis()),
                    raise(loud, 1)));
            await("webhook, MQTT and e-mail", Duration.ofSeconds(20), () -> !receiver.requests(r -> r.path().startsWith("/ch/")).isEmpty()
                    && !mqtt.received().isEmpty() && smtp.getReceivedMessages().length >= 1);

            List<WebhookReceiver.Request> hooks = receiver.requests(r -> r.path().startsWith("/ch/"));
            assertEquals(1, hooks.size(), "one webhook POST, to the enterprise officer only: " + hooks);
            assertEquals("/ch/e1", hooks.get(0).path());
            assertEquals(List.of(loud), alarmIds(hooks.get(0)));
            JsonNode body = tree(hooks.get(0).body());
            assertEquals(hooks.get(0).idempotencyKey(), body.path("id").asText());
            assertTrue(body.path("id").asText().endsWith("-webhook"));
            assertTrue(body.path("text").asText().contains("澜涛石化仓储有限公司"), body.toString());

            MqttTestClient.Message m = mqtt.received().peek();
            assertEquals(topic, m.topic());
            assertEquals(List.of(loud), List.of(tree(m.payload()).path("alarmIds").get(0).asText()));

            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals("e1@example.cn", mail.getAllRecipients()[0].toString());
            assertTrue(mail.getSubject().startsWith("【一级报警】澜涛石化仓储有限公司 1号球罐液位 高高报警"), mail.getSubject());
            String mailId = mail.getHeader("X-HazardWatch-Notification-Id")[0];
            assertTrue(mailId.endsWith("-email"), mailId);
            assertTrue(((String) mail.getContent()).contains("Alarm type: HIGH_HIGH"));

            List<JsonNode> log = notifications(s, rs -> rs.stream().filter(o -> "SENT".equals(o.path("status").asText())).count() >= 3,
                    Duration.ofSeconds(15));
            Map<String, List<String>> statuses = log.stream().collect(Collectors.groupingBy(o -> o.path("channel").asText(),
                    Collectors.mapping(o -> o.path("status").asText(), Collectors.toList())));
            assertEquals(Map.of("webhook", List.of("PENDING", "SENT"), "mqtt", List.of("PENDING", "SENT"), "email", List.of("PENDING", "SENT")),
                    statuses);
            for (JsonNode o : log) {
                for (String f : List.of("id", "recipient", "level", "channel", "alarmIds", "kind", "subject", "text", "status", "attempt", "error", "at")) {
                    assertTrue(o.has(f), f + " missing in " + o);
                }
                assertEquals("ENTERPRISE", o.path("level").asText());
                assertEquals("ALARM", o.path("kind").asText());
                assertFalse(o.path("alarmIds").toString().contains(quiet), "notify=false reached somebody: " + o);
            }
        }
    }

    @Test
    void aChangedRosterFileIsUsedWithoutARestartAndABadOneIsNot(Services services, @TempDir Path dir) throws Exception {
        Settings s = settings(services, "notify-reload", Map.of());
        String people = """
                - {id: e1, name: 赵杰, webhook: "%s"}
                - {id: e2, name: 黄平, webhook: "%s"}
                - {id: t1, name: 陈浩, webhook: "%s"}
                - {id: cc1, name: 王伟, webhook: "%s"}
                """.formatted(receiver.url("/reload/e1"), receiver.url("/reload/e2"), receiver.url("/reload/t1"), receiver.url("/reload/cc1"));
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, rosterYaml("e1", "t1", "cc1", people), StandardCharsets.UTF_8);
        RosterFile rosterFile = new RosterFile(file, CATALOGUE);
        rosterFile.load();
        Duration check = Duration.ofMillis(NotificationService.ROSTER_CHECK_MS * 3);
        try (NotificationService service = new NotificationService(s, CATALOGUE, rosterFile)) {
            service.start();
            String first = "E01-LT101:HI:" + System.nanoTime();
            publish(s, List.of(raise(first, 2)));
            await("the first alarm at e1", Duration.ofSeconds(10), () -> !receiver.requests(r -> r.path().equals("/reload/e1")).isEmpty());

            // a bad file (a person nobody listed): the service logs it and keeps e1
            Files.writeString(file, rosterYaml("nobody-listed", "t1", "cc1", people), StandardCharsets.UTF_8);
            await("the service reading the bad file", check, () -> rosterFile.problem() != null);
            assertTrue(rosterFile.problem().getMessage().contains("unknown person 'nobody-listed'"), rosterFile.problem().getMessage());
            String second = "E01-PT101:HI:" + System.nanoTime();
            publish(s, List.of(Alarms.event(second, "E01-PT101", "E01", AlarmType.HIGH, AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK,
                    2, true, System.currentTimeMillis())));
            await("the second alarm at e1", Duration.ofSeconds(10), () -> receiver.requests(r -> r.path().equals("/reload/e1")
                    && alarmIds(r).contains(second)).size() == 1);

            // a good file (e2 instead of e1), written as the console writes it: used without a restart
            RosterFile.write(file, rosterYaml("e2", "t1", "cc1", people));
            await("the service taking the new file", check, () -> rosterFile.problem() == null
                    && rosterFile.roster().onDuty(Level.ENTERPRISE, "E01", System.currentTimeMillis()).get(0).id().equals("e2"));
            String third = "E01-TT101:HI:" + System.nanoTime();
            publish(s, List.of(Alarms.event(third, "E01-TT101", "E01", AlarmType.HIGH, AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK,
                    2, true, System.currentTimeMillis())));
            await("the third alarm at e2", Duration.ofSeconds(10), () -> receiver.requests(r -> r.path().equals("/reload/e2")
                    && alarmIds(r).contains(third)).size() == 1);
            assertTrue(receiver.requests(r -> r.path().equals("/reload/e1") && alarmIds(r).contains(third)).isEmpty(),
                    "e1 is off duty in the new roster");
            assertTrue(receiver.requests(r -> r.path().equals("/reload/e2") && !alarmIds(r).contains(third)).isEmpty(),
                    "e2 got nothing before the new roster");
        }
    }

    @Test
    void unacknowledgedAlarmEscalatesToTownThenDistrictAndAnAckStopsIt(Services services) throws Exception {
        // P1 (the ignored alarm) 1.5 s per level; P2 (the acknowledged one) 6 s: room for the ack on a loaded machine
        Settings s = settings(services, "notify-escalation", Map.of(HwOptions.NOTIFY_ESCALATION_P1.key(), "1500ms",
                HwOptions.NOTIFY_ESCALATION_P2.key(), "6s"));
        Roster roster = roster("e1", "t1", "cc1", """
                - {id: e1, name: 赵杰, webhook: "%s"}
                - {id: t1, name: 陈浩, webhook: "%s"}
                - {id: cc1, name: 王伟, webhook: "%s"}
                """.formatted(receiver.url("/esc/e1"), receiver.url("/esc/t1"), receiver.url("/esc/cc1")));
        try (NotificationService service = new NotificationService(s, CATALOGUE, roster)) {
            service.start();
            String ignored = "E01-LT101:HI:" + System.nanoTime();
            String acked = "E01-PT101:HI:" + System.nanoTime();
            long t0 = System.currentTimeMillis();
            publish(s, List.of(raise(ignored, 1), Alarms.event(acked, "E01-PT101", "E01", AlarmType.HIGH, AlarmTransition.RAISE,
                    AlarmState.ACTIVE_UNACK, 2, true, t0)));
            await("both alarms at the enterprise", Duration.ofSeconds(10), () -> receiver.requests(r -> r.path().equals("/esc/e1")).size() >= 2);
            publish(s, List.of(Alarms.event(acked, "E01-PT101", "E01", AlarmType.HIGH, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, 2, false,
                    System.currentTimeMillis())));
            await("escalation to the district", Duration.ofSeconds(15), () -> !receiver.requests(r -> r.path().equals("/esc/cc1")).isEmpty());
            Thread.sleep(Math.max(500, t0 + 7000 - System.currentTimeMillis())); // past the acknowledged alarm's 6 s

            List<WebhookReceiver.Request> town = receiver.requests(r -> r.path().equals("/esc/t1"));
            List<WebhookReceiver.Request> district = receiver.requests(r -> r.path().equals("/esc/cc1"));
            assertEquals(1, town.size(), "only the unacknowledged alarm reaches the town: " + town);
            assertEquals(List.of(ignored), alarmIds(town.get(0)));
            assertEquals("ESCALATION", tree(town.get(0).body()).path("kind").asText());
            assertEquals("TOWN", tree(town.get(0).body()).path("level").asText());
            assertTrue(tree(town.get(0).body()).path("text").asText().startsWith("【报警升级】企业安全员在"));
            assertEquals(1, district.size());
            assertEquals(List.of(ignored), alarmIds(district.get(0)));
            long toTown = town.get(0).at() - t0;
            long toDistrict = tree(district.get(0).body()).path("decidedAt").asLong() - tree(town.get(0).body()).path("decidedAt").asLong();
            assertTrue(toTown >= 1500 && toTown < 5000, "enterprise -> town after " + toTown + " ms, P1 time 1.5 s");
            assertTrue(toDistrict >= 1500 && toDistrict < 6000, "town -> district decided " + toDistrict + " ms later, P1 time 1.5 s");
        }
    }

    @Test
    void aFloodGivesOneGroupedNotificationPerRecipient(Services services) throws Exception {
        Settings s = settings(services, "notify-flood", Map.of(HwOptions.NOTIFY_FLOOD_THRESHOLD.key(), "3",
                HwOptions.NOTIFY_FLOOD_WINDOW.key(), "3s"));
        Roster roster = roster("e1, e2", "t1", "cc1", """
                - {id: e1, name: 赵杰, webhook: "%s"}
                - {id: e2, name: 黄平, webhook: "%s"}
                - {id: t1, name: 陈浩, mqtt: true}
                - {id: cc1, name: 王伟, mqtt: true}
                """.formatted(receiver.url("/flood/e1"), receiver.url("/flood/e2")));
        try (NotificationService service = new NotificationService(s, CATALOGUE, roster)) {
            service.start();
            List<LifecycleEvent> flood = new ArrayList<>();
            String prefix = "FLOOD" + System.nanoTime() + ":";
            for (int i = 0; i < 30; i++) {
                flood.add(raise(prefix + i, 2));
            }
            publish(s, flood);
            await("a GROUP for each recipient", Duration.ofSeconds(15), () -> receiver.requests(r -> r.path().startsWith("/flood/")
                    && tree(r.body()).path("kind").asText().equals("GROUP")).size() >= 2);
            Thread.sleep(300);
            for (String who : List.of("e1", "e2")) {
                List<WebhookReceiver.Request> got = receiver.requests(r -> r.path().equals("/flood/" + who));
                Map<String, List<WebhookReceiver.Request>> byKind = got.stream()
                        .collect(Collectors.groupingBy(r -> tree(r.body()).path("kind").asText()));
                assertEquals(3, byKind.get("ALARM").size(), who + ": the threshold's 3 one by one");
                assertEquals(1, byKind.get("GROUP").size(), who + ": then one group");
                assertEquals(27, alarmIds(byKind.get("GROUP").get(0)).size());
                assertEquals(4, got.size());
            }
        }
    }

    @Test
    void eachNotificationIsDeliveredOnceAcrossARestart(Services services) throws Exception {
        Settings s = settings(services, "notify-restart", Map.of());
        Roster roster = roster("e1", "t1", "cc1", """
                - {id: e1, name: 赵杰, webhook: "%s"}
                - {id: t1, name: 陈浩, mqtt: true}
                - {id: cc1, name: 王伟, mqtt: true}
                """.formatted(receiver.url("/restart/e1")));
        String prefix = "RESTART" + System.nanoTime() + ":";
        List<LifecycleEvent> first = new ArrayList<>();
        List<LifecycleEvent> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(raise(prefix + i, 2));
        }
        for (int i = 0; i < 10; i++) {
            LifecycleEvent e = raise(prefix + (20 + i), 2);
            second.add(e); // while stopped: 10 new alarms, each transition published twice (the same record: same ts)
            second.add(e);
        }
        receiver.delay(100);
        int beforeRestart;
        long stopped;
        try {
            try (NotificationService service = new NotificationService(s, CATALOGUE, roster)) {
                service.start();
                publish(s, first);
                await("a few deliveries", Duration.ofSeconds(15), () -> receiver.requests(r -> r.path().equals("/restart/e1")).size() >= 4);
            } // stopped mid-way: deliveries under way finish, the rest wait for the next start
            stopped = System.currentTimeMillis();
            beforeRestart = receiver.requests(r -> r.path().equals("/restart/e1")).size();
            assertTrue(beforeRestart < 20, "the service was to stop mid-way, but all 20 were delivered already");
            publish(s, second);
            publish(s, first.subList(0, 5)); // the same transitions again (a replay): same ids, not sent again
            try (NotificationService service = new NotificationService(s, CATALOGUE, roster)) {
                service.start();
                await("all 30 alarms delivered", Duration.ofSeconds(20), () -> receiver.requests(r -> r.path().equals("/restart/e1")).size() >= 30);
                Thread.sleep(1000);
            }
        } finally {
            receiver.delay(0);
        }
        List<WebhookReceiver.Request> got = receiver.requests(r -> r.path().equals("/restart/e1"));
        Map<String, Long> byKey = receiver.requests(r -> r.path().equals("/restart/e1")).stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Request::idempotencyKey, Collectors.counting()));
        assertEquals(30, byKey.size(), "30 alarms, 30 notifications");
        assertEquals(30, got.size(), "each delivered exactly once; per key: " + byKey);
        List<String> ids = got.stream().flatMap(r -> alarmIds(r).stream()).sorted().toList();
        assertEquals(30, ids.stream().distinct().count());
        List<JsonNode> log = notifications(s, rs -> rs.stream().filter(o -> "SENT".equals(o.path("status").asText())).count() >= 30,
                Duration.ofSeconds(10));
        Map<String, Long> sent = log.stream().filter(o -> "SENT".equals(o.path("status").asText()))
                .collect(Collectors.groupingBy(o -> o.path("id").asText(), Collectors.counting()));
        assertEquals(30, sent.size());
        assertTrue(sent.values().stream().allMatch(n -> n == 1), "one SENT per id: " + sent);
        List<String> decidedBeforeStop = log.stream().filter(o -> "PENDING".equals(o.path("status").asText()) && o.path("at").asLong() < stopped)
                .map(o -> o.path("id").asText()).toList();
        long resent = log.stream().filter(o -> "SENT".equals(o.path("status").asText()) && o.path("at").asLong() > stopped
                && decidedBeforeStop.contains(o.path("id").asText())).count();
        assertTrue(resent > 0, "some deliveries decided before the stop were to be sent after the restart (in doubt), saw none");
        assertEquals(beforeRestart + resent, decidedBeforeStop.size(), "every delivery decided before the stop was sent before or after it");
    }

    @Test
    void aFailingWebhookIsRetriedWithBackoffThenReportedFailed(Services services) throws Exception {
        Settings s = settings(services, "notify-failing", Map.of());
        receiver.answer("/broken/", 500);
        Roster roster = roster("e1", "t1", "cc1", """
                - {id: e1, name: 赵杰, webhook: "%s"}
                - {id: t1, name: 陈浩, mqtt: true}
                - {id: cc1, name: 王伟, mqtt: true}
                """.formatted(receiver.url("/broken/e1")));
        try (NotificationService service = new NotificationService(s, CATALOGUE, roster)) {
            service.start();
            String alarm = "E01-LT101:HI:" + System.nanoTime();
            publish(s, List.of(raise(alarm, 1)));
            List<JsonNode> log = notifications(s, rs -> rs.stream().anyMatch(o -> "FAILED".equals(o.path("status").asText())),
                    Duration.ofSeconds(15));
            List<String> seen = log.stream().map(o -> o.path("status").asText() + "#" + o.path("attempt").asInt()).toList();
            assertEquals(List.of("PENDING#0", "RETRYING#1", "RETRYING#2", "FAILED#3"), seen);
            JsonNode failed = log.get(3);
            assertTrue(failed.path("error").asText().startsWith("HTTP 500 from " + receiver.url("/broken/e1")), failed.toString());
            assertEquals(List.of(alarm), List.of(failed.path("alarmIds").get(0).asText()));
            assertEquals("webhook", failed.path("channel").asText());
            List<WebhookReceiver.Request> tries = receiver.requests(r -> r.path().equals("/broken/e1"));
            assertEquals(3, tries.size());
            assertTrue(tries.stream().allMatch(r -> r.idempotencyKey().equals(failed.path("id").asText())), "same key on every attempt");
            long gap1 = tries.get(1).at() - tries.get(0).at();
            long gap2 = tries.get(2).at() - tries.get(1).at();
            assertTrue(gap1 >= 280 && gap2 >= 580, "backoff 300 ms then 600 ms, saw " + gap1 + " and " + gap2);
            long backoff1 = log.get(1).path("nextAttemptAt").asLong() - log.get(1).path("at").asLong();
            long backoff2 = log.get(2).path("nextAttemptAt").asLong() - log.get(2).path("at").asLong();
            assertTrue(backoff1 > 250 && backoff1 <= 300 && backoff2 > 550 && backoff2 <= 600,
                    "RETRYING records announce the doubling backoff: " + backoff1 + " ms, " + backoff2 + " ms");
        }
    }
}
