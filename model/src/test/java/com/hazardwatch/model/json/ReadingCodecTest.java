package com.hazardwatch.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReadingCodecTest {
    static final Catalogue CATALOGUE = new Catalogue("test", List.of(new Town("T1", "town")),
            List.of(new Enterprise("E01", "e1", "T1", List.of(new Source("E01-S1", "tanks", 2))),
                    new Enterprise("E02", "e2", "T1", List.of(new Source("E02-S1", "unit", null)))),
            List.of(new Sensor("E01-LT101", "level", "E01", "T1", "E01-S1", 2, SensorKind.TANK_LEVEL, "%",
                    new Range(0, 100), new Limits(5.0, 10.0, 85.0, 95.0), 1.0)));

    private static Reading parse(String topic, String json) throws RejectedInputException {
        return ReadingCodec.fromMqtt(topic, json.getBytes(StandardCharsets.UTF_8), "hw", CATALOGUE, 99L);
    }

    @Test
    void acceptsEpochMillisAndAddsCatalogueFacts() throws Exception {
        Reading r = parse("hw/E01/tanks/E01-LT101", "{\"sensor\":\"E01-LT101\",\"ts\":1700000000000,\"value\":42.5}");
        assertEquals(new Reading("E01-LT101", "E01", "E01-S1", "level", 1700000000000L, 42.5, Quality.GOOD, 99L), r);
    }

    @Test
    void acceptsIsoTimestampWithOffsetAndQuality() throws Exception {
        Reading r = parse("hw/E01/x", "{\"sensor\":\"E01-LT101\",\"ts\":\"2024-05-01T08:00:00+08:00\",\"value\":7,\"quality\":\"uncertain\"}");
        assertEquals(1714521600000L, r.ts());
        assertEquals(Quality.UNCERTAIN, r.quality());
        assertEquals(7.0, r.value());
    }

    @Test
    void normalisedJsonRoundTrips() throws Exception {
        Reading r = new Reading("E01-LT101", "E01", "E01-S1", "level", 5L, -1.25, Quality.BAD, 6L);
        assertEquals(r, ReadingCodec.fromJson(ReadingCodec.toJson(r)));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "truncated JSON        | {\"sensor\":\"E01-LT101\",\"ts\":1,                       | MALFORMED_JSON",
        "not JSON              | hello                                                     | MALFORMED_JSON",
        "array                 | [1,2]                                                     | NOT_AN_OBJECT",
        "missing sensor        | {\"ts\":1700000000000,\"value\":1}                        | MISSING_FIELD",
        "missing ts            | {\"sensor\":\"E01-LT101\",\"value\":1}                    | MISSING_FIELD",
        "missing value         | {\"sensor\":\"E01-LT101\",\"ts\":1700000000000}           | MISSING_FIELD",
        "null value            | {\"sensor\":\"E01-LT101\",\"ts\":1700000000000,\"value\":null} | MISSING_FIELD",
        "numeric sensor        | {\"sensor\":5,\"ts\":1700000000000,\"value\":1}           | MISSING_FIELD",
        "string value          | {\"sensor\":\"E01-LT101\",\"ts\":1700000000000,\"value\":\"high\"} | NON_NUMERIC_VALUE",
        "bool value            | {\"sensor\":\"E01-LT101\",\"ts\":1700000000000,\"value\":true} | NON_NUMERIC_VALUE",
        "huge value            | {\"sensor\":\"E01-LT101\",\"ts\":1700000000000,\"value\":1e400} | NON_FINITE_VALUE",
        "ts text not a date    | {\"sensor\":\"E01-LT101\",\"ts\":\"yesterday\",\"value\":1} | BAD_TIMESTAMP",
        "ts without zone       | {\"sensor\":\"E01-LT101\",\"ts\":\"2024-05-01T08:00:00\",\"value\":1} | BAD_TIMESTAMP",
        "ts negative           | {\"sensor\":\"E01-LT101\",\"ts\":-5,\"value\":1}          | BAD_TIMESTAMP",
        "ts fractional         | {\"sensor\":\"E01-LT101\",\"ts\":1.5,\"value\":1}         | BAD_TIMESTAMP",
        "bad quality           | {\"sensor\":\"E01-LT101\",\"ts\":1700000000000,\"value\":1,\"quality\":\"ok\"} | BAD_QUALITY",
        "unknown sensor        | {\"sensor\":\"E99-XX1\",\"ts\":1700000000000,\"value\":1} | UNKNOWN_SENSOR",
    })
    void rejectsWithReason(String what, String payload, RejectReason expected) {
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> parse("hw/E01/a", payload));
        assertEquals(expected, e.reason(), e.getMessage());
        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    void rejectsSensorPublishedUnderAnotherEnterprise() {
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> parse("hw/E02/spoof", "{\"sensor\":\"E01-LT101\",\"ts\":1700000000000,\"value\":1}"));
        assertEquals(RejectReason.WRONG_ENTERPRISE, e.reason());
        assertTrue(e.getMessage().contains("belongs to enterprise 'E01'"), e.getMessage());
    }

    @Test
    void rejectsTopicsOutsideTheContract() {
        assertEquals(RejectReason.BAD_TOPIC, assertThrows(RejectedInputException.class,
                () -> parse("other/E01/x", "{}")).reason());
        assertEquals(RejectReason.BAD_TOPIC, assertThrows(RejectedInputException.class,
                () -> parse("hw//x", "{}")).reason());
    }

    @Test
    void deadLetterKeepsTextPayloadOrBase64ForBinary() throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> ReadingCodec.fromMqtt("hw/E01/x", binary, "hw", CATALOGUE, 1));
        assertEquals(RejectReason.MALFORMED_JSON, e.reason());
        DeadLetter d = DeadLetterCodec.of(e, "hw/E01/x", 1, binary, "bridge");
        assertNull(d.payload());
        assertEquals("//4AAQ==", d.payloadBase64());
        assertEquals(d, DeadLetterCodec.fromJson(DeadLetterCodec.toJson(d)));

        DeadLetter t = DeadLetterCodec.of(e, "hw/E01/x", 1, "{oops".getBytes(StandardCharsets.UTF_8), "bridge");
        assertEquals("{oops", t.payload());
        assertNull(t.payloadBase64());
    }
}
