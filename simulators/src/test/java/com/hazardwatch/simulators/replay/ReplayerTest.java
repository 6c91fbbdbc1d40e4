package com.hazardwatch.simulators.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.json.Json;
import com.hazardwatch.model.json.ReadingCodec;
import com.hazardwatch.simulators.FakeBroker;
import com.hazardwatch.simulators.SimulatorException;
import com.hazardwatch.testsupport.TestCatalogues;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The replay through the simulator's test transport: a fake clock and broker in one ({@link FakeBroker}). */
class ReplayerTest {
    static final Catalogue CATALOGUE = TestCatalogues.threeSensors();
    static final long NOW = 1_795_000_000_000L;
    static final long FIRST = 1_732_262_400_000L;
    static final String CSV = """
            ts,E01-LT101,E01-TT101,E01-PT101
            1732262400000,55.5,21.4,1.02
            1732262405000,56.0,,1.03
            1732262410000,56.5,21.6,
            """;

    final List<String> lines = new CopyOnWriteArrayList<>();

    static Recording recording(String csv) throws Exception {
        RecordingParser.Result r = RecordingParser.parse("test.csv", new StringReader(csv), CATALOGUE, ColumnMapping.NONE, false);
        assertEquals(List.of(), r.problems());
        return r.recording();
    }

    ReplayStats replay(FakeBroker broker, Recording rec, ReplayOptions options) throws Exception {
        Replayer r = new Replayer(rec, options, lines::add, broker, broker);
        return r.run();
    }

    static ReplayOptions.Builder options() {
        return ReplayOptions.builder().mqttUrl("tcp://fake:1883").clientId("hw-replay-test");
    }

    @Test
    void publishesOneReadingPerMessageAtTheRecordedPaceShiftedToNow() throws Exception {
        FakeBroker broker = new FakeBroker(NOW);
        ReplayStats s = replay(broker, recording(CSV), options().build());
        List<FakeBroker.Message> got = broker.received;
        assertEquals(7, got.size());
        List<String> expected = List.of(
                "0 hw/E01/E01-S1/E01-LT101 {\"sensor\":\"E01-LT101\",\"ts\":1795000000000,\"value\":55.5}",
                "0 hw/E01/E01-S1/E01-TT101 {\"sensor\":\"E01-TT101\",\"ts\":1795000000000,\"value\":21.4}",
                "0 hw/E01/E01-S1/E01-PT101 {\"sensor\":\"E01-PT101\",\"ts\":1795000000000,\"value\":1.02}",
                "5000 hw/E01/E01-S1/E01-LT101 {\"sensor\":\"E01-LT101\",\"ts\":1795000005000,\"value\":56.0}",
                "5000 hw/E01/E01-S1/E01-PT101 {\"sensor\":\"E01-PT101\",\"ts\":1795000005000,\"value\":1.03}",
                "10000 hw/E01/E01-S1/E01-LT101 {\"sensor\":\"E01-LT101\",\"ts\":1795000010000,\"value\":56.5}",
                "10000 hw/E01/E01-S1/E01-TT101 {\"sensor\":\"E01-TT101\",\"ts\":1795000010000,\"value\":21.6}");
        List<String> actual = new ArrayList<>();
        for (FakeBroker.Message m : got) {
            actual.add(m.atNanos() / 1_000_000 + " " + m.topic() + " " + text(m));
        }
        assertEquals(expected, actual, "published when due (ms after the start), on the simulator's topics, with its payload");
        assertEquals(7, s.published());
        assertEquals(7, s.messages());
        assertEquals(0, s.failed());
        assertEquals(3, s.rowsReplayed());
        assertEquals(Map.of("E01-LT101", 3L, "E01-TT101", 2L, "E01-PT101", 2L), s.perSensor());
        assertEquals(NOW, s.firstEventMillis());
        assertEquals(NOW + 10_000, s.lastEventMillis());
        assertEquals(NOW - FIRST, s.shiftMillis());
        assertTrue(lines.get(0).startsWith("replaying test.csv: 3 rows (lines 2-4), 7 readings of 3 sensors"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith(
                "summary: replayed 3 of 3 rows of test.csv, published 7 of 7 readings of 3 sensors in 10s (0.7/s), failed 0"), lines.toString());
    }

    @Test
    void fasterWithoutShiftKeepsTheRecordedTimes() throws Exception {
        FakeBroker broker = new FakeBroker(NOW);
        replay(broker, recording(CSV), options().speed(Speed.parse("10")).shiftToNow(false).build());
        List<FakeBroker.Message> got = broker.received;
        assertEquals(List.of(0L, 0L, 0L, 500L, 500L, 1000L, 1000L), got.stream().map(m -> m.atNanos() / 1_000_000).toList());
        assertEquals(List.of(FIRST, FIRST, FIRST, FIRST + 5000, FIRST + 5000, FIRST + 10000, FIRST + 10000),
                got.stream().map(m -> json(m).get("ts").asLong()).toList());
    }

    @Test
    void packsPerEnterpriseAsSenmlThatTheBridgeReads() throws Exception {
        FakeBroker broker = new FakeBroker(NOW);
        ReplayStats s = replay(broker, recording(CSV), options().pack(4).speed(Speed.MAX).build());
        List<FakeBroker.Message> got = broker.received;
        assertEquals(List.of("hw/E01/pack", "hw/E01/pack"), got.stream().map(FakeBroker.Message::topic).toList());
        assertEquals("[{\"bt\":1795000000.000,\"n\":\"E01-LT101\",\"v\":55.5},{\"n\":\"E01-TT101\",\"v\":21.4},"
                + "{\"n\":\"E01-PT101\",\"v\":1.02},{\"n\":\"E01-LT101\",\"t\":5.000,\"v\":56.0}]", text(got.get(0)));
        List<String> readings = new ArrayList<>();
        for (FakeBroker.Message m : got) {
            ReadingCodec.Decoded d = ReadingCodec.decodeMqtt(m.topic(), m.payload(), "hw", CATALOGUE, 0L);
            assertEquals(List.of(), d.rejects(), text(m));
            for (Reading r : d.readings()) {
                readings.add(r.sensor() + "@" + (r.ts() - NOW) + "=" + r.value());
            }
        }
        assertEquals(List.of("E01-LT101@0=55.5", "E01-TT101@0=21.4", "E01-PT101@0=1.02", "E01-LT101@5000=56.0",
                "E01-PT101@5000=1.03", "E01-LT101@10000=56.5", "E01-TT101@10000=21.6"), readings);
        assertEquals(7, s.published());
        assertEquals(2, s.messages());
    }

    @Test
    void aPackNotFullGoesOutWhenItsOldestReadingHasWaitedMaxWait() throws Exception {
        FakeBroker broker = new FakeBroker(NOW);
        replay(broker, recording(CSV), options().pack(50).build());
        List<FakeBroker.Message> got = broker.received;
        assertEquals(List.of(100L, 5100L, 10000L), got.stream().map(m -> m.atNanos() / 1_000_000).toList(),
                "each row's pack after 100 ms; the last one at the end of the recording");
        assertEquals(List.of(3, 2, 2), got.stream().map(m -> json(m).size()).toList());
    }

    @Test
    void aSmallBrokerWindowAndAnOutageLoseNothing() throws Exception {
        FakeBroker broker = new FakeBroker(NOW);
        broker.receiveMaximum = 2;
        broker.ackLatencyNanos = 50_000_000L;
        broker.outage(5_020_000_000L, 6_000_000_000L);
        StringBuilder csv = new StringBuilder("ts,E01-LT101,E01-TT101,E01-PT101\n");
        for (int i = 0; i < 40; i++) {
            csv.append(FIRST + i * 250L).append(',').append(50 + i * 0.1).append(",20,1\n");
        }
        ReplayStats s = replay(broker, recording(csv.toString()), options().build());
        assertEquals(120, s.readings());
        assertEquals(0, s.failed());
        assertEquals(120, s.published());
        List<FakeBroker.Message> got = broker.received;
        assertTrue(got.size() >= 120, "every reading reached the broker, some twice after the outage: " + got.size());
        assertEquals(120, got.stream().map(ReplayerTest::text).distinct().count());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("MQTT connection lost")), lines.toString());
    }

    @Test
    void stoppedHalfWaySaysWhatWasNotReplayed() throws Exception {
        FakeBroker broker = new FakeBroker(NOW);
        Replayer r = new Replayer(recording(CSV), options().build(), lines::add, broker, broker);
        broker.at(6_000_000_000L, t -> r.stop());
        ReplayStats s = r.run();
        assertEquals(2, s.rowsReplayed());
        assertEquals(5, s.published());
        assertTrue(s.summary().contains("stopped early: 1 rows not replayed"), s.summary());
        assertThrows(IllegalStateException.class, r::run);
    }

    @Test
    void aBrokerNotThereFailsTheRunAsTheSimulatorsTransportSaysIt() throws Exception {
        Replayer r = new Replayer(recording(CSV), options().mqttUrl("tcp://127.0.0.1:1").build(), lines::add);
        SimulatorException e = assertThrows(SimulatorException.class, r::run);
        assertTrue(e.getMessage().startsWith("cannot connect to MQTT broker tcp://127.0.0.1:1"), e.getMessage());
    }

    static String text(FakeBroker.Message m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    static JsonNode json(FakeBroker.Message m) {
        try {
            return Json.mapper().readTree(m.payload());
        } catch (Exception e) {
            throw new AssertionError(text(m), e);
        }
    }
}
