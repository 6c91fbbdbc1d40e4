package com.hazardwatch.console;

import static com.hazardwatch.testsupport.TestAlarms.alarmId;
import static com.hazardwatch.testsupport.TestAlarms.json;
import static com.hazardwatch.testsupport.TestAlarms.raise;
import static com.hazardwatch.testsupport.TestAlarms.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.connectors.kafka.KafkaTopics;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.CommandType;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.json.CommandCodec;
import com.hazardwatch.testsupport.ConsoleClient;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import com.hazardwatch.testsupport.TestCatalogues;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console on the real Kafka and InfluxDB: standing alarms rebuilt from the alarms topic, pushed over SSE, an ack
 * from an operator on the commands topic with the operator's name, refused for a viewer and without the CSRF token,
 * the trend from InfluxDB, and the standing alarm still listed after a restart.
 */
@ExtendWith(ServicesExtension.class)
class ConsoleIT {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void liveListActionsAndRestart(Services services) throws Exception {
        Settings s = services.isolatedSettings("ConsoleIT")
                .with(HwOptions.CONSOLE_PORT, "0")
                .with(HwOptions.CONSOLE_USERS, ConsoleClient.demoUsers().toString());
        Catalogue catalogue = TestCatalogues.threeSensors();
        String bootstrap = s.get(HwOptions.KAFKA_BOOTSTRAP);
        String alarms = s.get(HwOptions.TOPIC_ALARMS);
        String commands = s.get(HwOptions.TOPIC_COMMANDS);
        KafkaTopics.ensure(bootstrap, 2, alarms, commands);

        long now = System.currentTimeMillis();
        String level = alarmId("E01-LT101", "HI", now - 60_000);
        String temp = alarmId("E01-TT101", "HI", now - 50_000);
        KafkaProbe.send(bootstrap, alarms, "E01-LT101", json(raise(level, "E01-LT101", AlarmType.HIGH, 2, 86, 85, now - 60_000)));
        KafkaProbe.send(bootstrap, alarms, "E01-TT101", json(raise(temp, "E01-TT101", AlarmType.HIGH, 3, 41, 40, now - 50_000)));
        KafkaProbe.send(bootstrap, alarms, "E01-TT101", json(transition(temp, "E01-TT101", AlarmType.HIGH, AlarmTransition.CLEAR,
                AlarmState.RTN_UNACK, 3, 38, 39, now - 40_000, null, null)));
        KafkaProbe.send(bootstrap, alarms, "E01-TT101", json(transition(temp, "E01-TT101", AlarmType.HIGH, AlarmTransition.ACK,
                AlarmState.NORMAL, 3, 38, 39, now - 30_000, "li.na", "checked on site")));
        writeReadings(s, now);

        try (ConsoleServer console = new ConsoleServer(s, catalogue).answerWait(Duration.ofSeconds(1))) {
            console.start();
            try (ConsoleClient anonymous = ConsoleClient.at(console.port());
                 ConsoleClient operator = ConsoleClient.at(console.port());
                 ConsoleClient viewer = ConsoleClient.at(console.port())) {
                assertEquals(303, anonymous.get("/").status(), "a page without a session redirects to /login");
                assertEquals(401, anonymous.get("/api/alarms").status());
                assertEquals(401, anonymous.login("operator", "wrong-password"));

                assertEquals(303, operator.login("operator", "operator-demo"));
                BlockingQueue<ConsoleClient.Event> live = operator.events();
                ConsoleClient.Event snapshot = ConsoleClient.await(live, e -> e.name().equals("snapshot"), WAIT);
                List<String> ids = ids(snapshot.json().path("alarms"));
                assertEquals(List.of(level), ids, "the standing alarm, rebuilt from the topic; the ended one is not listed");

                // a transition published now reaches the open stream
                KafkaProbe.send(bootstrap, alarms, "E01-LT101", json(transition(level, "E01-LT101", AlarmType.HIGH_HIGH,
                        AlarmTransition.ESCALATE, AlarmState.ACTIVE_UNACK, 1, 96, 95, now - 20_000, null, null)));
                ConsoleClient.Event escalated = ConsoleClient.await(live, e -> e.name().equals("transition")
                        && e.json().path("event").path("transition").asText().equals("ESCALATE"), WAIT);
                assertEquals("HIGH_HIGH", escalated.json().path("alarm").path("type").asText());
                assertEquals(1, escalated.json().path("alarm").path("priority").asInt());
                assertTrue(escalated.json().path("standing").asBoolean());

                // an operator's ack goes to the commands topic with the operator's name and comment
                ConsoleClient.Answer ack = operator.post("/api/command",
                        "{\"command\":\"ack\",\"alarmId\":\"" + level + "\",\"comment\":\"feed pump stopped\"}");
                assertEquals(202, ack.status(), ack.body());
                assertEquals("pending", ack.json().path("status").asText(), "no job runs here to answer");
                List<KafkaProbe.Record> sent = KafkaProbe.awaitRecords(bootstrap, commands, r -> !r.isEmpty(), WAIT);
                assertEquals(1, sent.size());
                OperatorCommand cmd = CommandCodec.fromJson(sent.get(0).value().getBytes(StandardCharsets.UTF_8));
                assertEquals(CommandType.ACK, cmd.command());
                assertEquals(level, cmd.alarmId());
                assertEquals("operator", cmd.operator());
                assertEquals("feed pump stopped", cmd.comment());
                assertEquals("E01-LT101", sent.get(0).key());

                // refused: no CSRF token, a wrong one, a viewer's ack, an operator's out-of-service
                assertEquals(403, operator.post("/api/command", "{\"command\":\"ack\",\"alarmId\":\"" + level + "\"}", null).status());
                assertEquals(403, operator.post("/api/command", "{\"command\":\"ack\",\"alarmId\":\"" + level + "\"}", "forged").status());
                assertEquals(303, viewer.login("viewer", "viewer-demo"));
                ConsoleClient.Answer refused = viewer.post("/api/command", "{\"command\":\"ack\",\"alarmId\":\"" + level + "\"}");
                assertEquals(403, refused.status());
                assertTrue(refused.json().path("error").asText().contains("role viewer may not ack"), refused.body());
                ConsoleClient.Answer oos = operator.post("/api/command",
                        "{\"command\":\"out-of-service\",\"sensor\":\"E01-LT101\",\"comment\":\"maintenance\"}");
                assertEquals(403, oos.status(), oos.body());
                ConsoleClient.Answer noComment = operator.post("/api/command",
                        "{\"command\":\"shelve\",\"alarmId\":\"" + level + "\",\"duration\":\"30m\"}");
                assertEquals(400, noComment.status(), noComment.body());
                assertEquals(1, KafkaProbe.awaitRecords(bootstrap, commands, r -> r.size() > 1, Duration.ofSeconds(2)).size(),
                        "nothing refused reached the commands topic");

                // pages and reports answer; the trend comes from InfluxDB
                assertEquals(200, operator.get("/").status());
                assertTrue(operator.get("/").body().contains("id=\"alarm-table\""));
                assertEquals(200, operator.get("/board").status());
                assertEquals(200, operator.get("/api/health").status());
                assertEquals(200, operator.get("/api/digest").status());
                String csv = operator.get("/digest.csv").body();
                assertTrue(csv.lines().anyMatch(l -> l.startsWith("enterprise,T01,") && l.contains(",E01,")), csv);
                JsonNode detail = operator.get("/api/alarm?id=" + URLEncoder.encode(level, StandardCharsets.UTF_8)).json();
                assertEquals(2, detail.path("history").size(), "RAISE and ESCALATE");
                assertEquals(95.0, detail.path("sensor").path("limits").path("HH").asDouble());
                JsonNode trend = operator.get("/api/trend?sensor=E01-LT101&hours=1").json();
                assertTrue(trend.path("points").size() >= 3, trend.toString());
                JsonNode board = operator.get("/api/board").json();
                assertEquals(1, board.path("enterprises").get(0).path("standing").asInt());
            }
        }

        // a restarted console lists the standing alarm again, as the job left it
        try (ConsoleServer again = new ConsoleServer(s, catalogue)) {
            again.start();
            try (ConsoleClient supervisor = ConsoleClient.at(again.port())) {
                assertEquals(303, supervisor.login("supervisor", "supervisor-demo"));
                JsonNode list = supervisor.get("/api/alarms").json().path("alarms");
                assertEquals(List.of(level), ids(list));
                assertEquals("HIGH_HIGH", list.get(0).path("type").asText());
                assertEquals("ACTIVE_UNACK", list.get(0).path("state").asText());
                assertFalse(again.store().history().isEmpty());
            }
        }
    }

    private static List<String> ids(JsonNode array) {
        assertNotNull(array);
        List<String> ids = new ArrayList<>();
        StreamSupport.stream(array.spliterator(), false).forEach(a -> ids.add(a.path("alarmId").asText()));
        return ids;
    }

    /** Readings of E01-LT101 over the last 10 minutes in retention policy raw, as the job's sink writes them. */
    private static void writeReadings(Settings s, long now) throws Exception {
        String url = s.get(HwOptions.INFLUX_URL);
        String db = s.get(HwOptions.INFLUX_DATABASE);
        HttpClient http = HttpClient.newHttpClient();
        for (String q : List.of("CREATE DATABASE " + db, "CREATE RETENTION POLICY raw ON " + db + " DURATION 30d REPLICATION 1 DEFAULT")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/query?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append("reading,enterprise=E01,kind=level,sensor=E01-LT101,source=E01-S1 value=").append(80 + i)
                    .append(",quality=\"good\" ").append(now - (10 - i) * 60_000L).append('\n');
        }
        HttpResponse<String> w = http.send(HttpRequest.newBuilder(URI.create(url + "/write?db=" + db + "&rp=raw&precision=ms"))
                .POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, w.statusCode(), w.body());
    }
}
