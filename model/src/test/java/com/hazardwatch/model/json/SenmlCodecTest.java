package com.hazardwatch.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Limits;
import com.hazardwatch.model.catalogue.Range;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenmlCodecTest {
    static final Catalogue CATALOGUE = new Catalogue("test", List.of(new Town("T1", "town")),
            List.of(new Enterprise("E01", "e1", "T1", List.of(new Source("E01-S1", "tanks", 2))),
                    new Enterprise("E02", "e2", "T1", List.of(new Source("E02-S1", "unit", null)))),
            List.of(sensor("E01-LT101", "E01", SensorKind.TANK_LEVEL),
                    sensor("E01-TT101", "E01", SensorKind.TEMPERATURE),
                    sensor("E01-PT101", "E01", SensorKind.PRESSURE),
                    sensor("E02-PT201", "E02", SensorKind.PRESSURE)));

    /** 2023-11-14T22:13:20Z. */
    static final long T0 = 1_700_000_000_000L;

    private static Sensor sensor(String id, String enterprise, SensorKind kind) {
        return new Sensor(id, id, enterprise, "T1", enterprise + "-S1", null, kind, kind.unit(), new Range(0, 100),
                new Limits(null, null, 85.0, 95.0), 1.0);
    }

    private static ReadingCodec.Decoded decode(String topic, String payload) {
        return ReadingCodec.decodeMqtt(topic, payload.getBytes(StandardCharsets.UTF_8), "hw", CATALOGUE, 99L);
    }

    private static ReadingCodec.Decoded decode(String payload) {
        return decode("hw/E01/pack", payload);
    }

    /** The single rejection of a message refused as a whole. */
    private static RejectedInputException wholeReject(String payload) {
        ReadingCodec.Decoded d = decode(payload);
        assertEquals(List.of(), d.readings());
        assertEquals(1, d.rejects().size(), d.rejects().toString());
        return d.rejects().get(0);
    }

    private static Reading reading(String sensor, String kind, long ts, double value) {
        return new Reading(sensor, "E01", "E01-S1", kind, ts, value, Quality.GOOD, 99L);
    }

    @Test
    void baseNameAndBaseTimeCarryForwardUntilChanged() {
        ReadingCodec.Decoded d = decode("""
                [{"bn":"E01-","bt":1700000000,"n":"LT101","v":42.5},
                 {"n":"TT101","t":1,"v":20},
                 {"n":"PT101","t":2.5,"v":0.8},
                 {"bn":"","bt":1700000100,"n":"E01-LT101","v":43},
                 {"n":"E01-LT101","t":-0.5,"v":44}]
                """);
        assertEquals(List.of(), d.rejects());
        assertEquals(List.of(
                reading("E01-LT101", "level", T0, 42.5),
                reading("E01-TT101", "temperature", T0 + 1000, 20),
                reading("E01-PT101", "pressure", T0 + 2500, 0.8),
                reading("E01-LT101", "level", T0 + 100_000, 43),
                reading("E01-LT101", "level", T0 + 99_500, 44)), d.readings());
    }

    @Test
    void absoluteTimeWithoutBaseTimeAndFullNameWithoutBaseName() {
        ReadingCodec.Decoded d = decode("[{\"n\":\"E01-LT101\",\"t\":1700000000.25,\"v\":1},{\"n\":\"E01-TT101\",\"t\":1700000001,\"v\":2}]");
        assertEquals(List.of(), d.rejects());
        assertEquals(List.of(T0 + 250, T0 + 1000), d.readings().stream().map(Reading::ts).toList());
    }

    @Test
    void fractionalBaseTimeIsRoundedToTheNearestMillisecond() {
        ReadingCodec.Decoded d = decode("""
                [{"bt":1700000000.1234,"n":"E01-LT101","v":1},
                 {"n":"E01-LT101","t":0.0006,"v":2},
                 {"bt":1700000000.0005,"n":"E01-LT101","v":3},
                 {"bt":1.7000000001E9,"n":"E01-LT101","t":0.001,"v":4}]
                """);
        assertEquals(List.of(), d.rejects());
        assertEquals(List.of(T0 + 123, T0 + 124, T0 + 1, T0 + 101), d.readings().stream().map(Reading::ts).toList());
    }

    @Test
    void baseValueIsAddedAndBaseOnlyRecordsYieldNothing() {
        ReadingCodec.Decoded d = decode("""
                [{"bn":"E01-","bt":1700000000,"bver":10,"bu":"%"},
                 {"n":"LT101","v":1.5,"u":"%","ut":60,"s":7,"x":"ignored"},
                 {"bv":100,"n":"LT101","v":-0.5},
                 {"n":"LT101","t":1,"v":2}]
                """);
        assertEquals(List.of(), d.rejects());
        assertEquals(List.of(1.5, 99.5, 102.0), d.readings().stream().map(Reading::value).toList());
    }

    @Test
    void qualityExtension() {
        ReadingCodec.Decoded d = decode("""
                [{"bn":"E01-","bt":1700000000,"n":"LT101","v":1},
                 {"n":"LT101","v":2,"q":"bad"},
                 {"n":"LT101","v":3,"q":"uncertain"},
                 {"n":"LT101","v":4,"q":"good"},
                 {"n":"LT101","v":5,"q":"ok"}]
                """);
        assertEquals(List.of(Quality.GOOD, Quality.BAD, Quality.UNCERTAIN, Quality.GOOD),
                d.readings().stream().map(Reading::quality).toList());
        assertEquals(1, d.rejects().size());
        assertEquals(RejectReason.BAD_QUALITY, d.rejects().get(0).reason());
        assertTrue(d.rejects().get(0).getMessage().startsWith("record 4: q must be"), d.rejects().get(0).getMessage());
    }

    @Test
    void rejectsSingleRecordsWithTheirIndexAndKeepsTheOthers() {
        ReadingCodec.Decoded d = decode("""
                [{"bn":"E01-","bt":1700000000,"n":"LT101","v":1},
                 {"n":"XX","v":2},
                 {"bn":"E02-","n":"PT201","v":3},
                 {"bn":"E01-","n":"TT101","vs":"hot"},
                 {"n":"TT101","vb":true},
                 {"n":"TT101","vd":"aGVsbG8="},
                 {"n":"TT101","v":4,"crit_":1},
                 {"n":"TT101","v":"NaN"},
                 {"n":"TT101","v":1e400},
                 {"n":"TT101","v":null},
                 {"n":"TT101"},
                 {"n":5,"v":1},
                 {"n":"PT101","t":"soon","v":1},
                 {"n":"PT101","t":1e400,"v":1},
                 {"n":"PT101","v":6}]
                """);
        assertEquals(List.of(1.0, 6.0), d.readings().stream().map(Reading::value).toList());
        List<String> details = d.rejects().stream().map(e -> e.reason() + " " + e.getMessage()).toList();
        assertEquals(List.of(
                "UNKNOWN_SENSOR record 1: sensor 'E01-XX' is not in the catalogue",
                "WRONG_ENTERPRISE record 2: sensor 'E02-PT201' belongs to enterprise 'E02', but was published under 'E01' (topic hw/E01/pack)",
                "NON_NUMERIC_VALUE record 3: 'vs' \"hot\" is a string value; readings must be numeric ('v')",
                "NON_NUMERIC_VALUE record 4: 'vb' true is a boolean value; readings must be numeric ('v')",
                "NON_NUMERIC_VALUE record 5: 'vd' \"aGVsbG8=\" is a data value; readings must be numeric ('v')",
                "BAD_SENML record 6: field 'crit_' is a must-understand extension (name ending in '_', RFC 8428 section 4.4) that is not supported",
                "NON_NUMERIC_VALUE record 7: v must be a number, found a string \"NaN\"",
                "NON_FINITE_VALUE record 8: v is not a finite number (beyond the range of a double)",
                "MISSING_FIELD record 9: field 'v' (numeric value) is missing",
                "MISSING_FIELD record 10: field 'v' (numeric value) is missing",
                "MISSING_FIELD record 11: field 'n' must be a string, found a number 5",
                "BAD_TIMESTAMP record 12: t must be a number of seconds, found a string \"soon\"",
                "BAD_TIMESTAMP record 13: t is not a finite number (beyond the range of a double)"), details);
    }

    @Test
    void missingOrRelativeTimeIsRejectedNeverReplacedByNow() {
        ReadingCodec.Decoded d = decode("""
                [{"n":"E01-LT101","v":1},
                 {"n":"E01-LT101","t":-5,"v":2},
                 {"n":"E01-LT101","t":0,"v":3},
                 {"bt":0,"n":"E01-LT101","v":4},
                 {"bt":1700000000,"n":"E01-LT101","t":1700000000,"v":5},
                 {"bt":1e20,"n":"E01-LT101","v":6},
                 {"bt":1700000000,"n":"E01-LT101","v":7}]
                """);
        assertEquals(List.of(7.0), d.readings().stream().map(Reading::value).toList());
        assertTrue(d.rejects().stream().allMatch(e -> e.reason() == RejectReason.BAD_TIMESTAMP), d.rejects().toString());
        List<String> details = d.rejects().stream().map(Throwable::getMessage).toList();
        assertEquals(6, details.size(), details.toString());
        assertTrue(details.get(0).startsWith("record 0: no time: neither 't' in the record nor a base time 'bt'"), details.get(0));
        assertTrue(details.get(1).startsWith("record 1: time -5 s (bt + t) is relative to the receiver's clock"), details.get(1));
        assertTrue(details.get(2).startsWith("record 2: time 0 s"), details.get(2));
        assertTrue(details.get(3).startsWith("record 3: time 0 s"), details.get(3));
        assertTrue(details.get(4).startsWith("record 4: t 1700000000 is an absolute time"), details.get(4));
        assertTrue(details.get(5).startsWith("record 5: time 100000000000000000000 s is after the year 9999"), details.get(5));
    }

    @Test
    void anInvalidBaseRejectsItsRecordAndTheRecordsThatDependOnIt() {
        ReadingCodec.Decoded d = decode("""
                [{"bt":"yesterday","bn":"E01-","n":"LT101","v":1},
                 {"n":"LT101","v":2},
                 {"n":"LT101","t":1700000000,"v":3},
                 {"bt":1700000000,"bn":7},
                 {"n":"E01-LT101","v":4},
                 {"bn":"E01-","bv":"x","n":"LT101","v":5},
                 {"n":"LT101","v":6},
                 {"bv":0,"n":"LT101","v":7}]
                """);
        assertEquals(List.of(7.0), d.readings().stream().map(Reading::value).toList());
        List<String> details = d.rejects().stream().map(e -> e.reason() + " " + e.getMessage()).toList();
        assertEquals(List.of(
                "BAD_TIMESTAMP record 0: bt must be a number of seconds, found a string \"yesterday\"",
                "BAD_TIMESTAMP record 1: depends on an invalid base time (record 0: bt must be a number of seconds, found a string \"yesterday\")",
                "BAD_TIMESTAMP record 2: depends on an invalid base time (record 0: bt must be a number of seconds, found a string \"yesterday\")",
                "MISSING_FIELD record 3: bn must be a string, found a number 7",
                "MISSING_FIELD record 4: depends on an invalid base name (record 3: bn must be a string, found a number 7)",
                "NON_NUMERIC_VALUE record 5: bv must be a finite number, found \"x\"",
                "NON_NUMERIC_VALUE record 6: depends on an invalid base value (record 5: bv must be a finite number, found \"x\")"),
                details);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "truncated JSON          | [{\"n\":\"E01-LT101\",\"v\":1                        | MALFORMED_JSON",
        "NaN literal             | [{\"n\":\"E01-LT101\",\"t\":1700000000,\"v\":NaN}]   | MALFORMED_JSON",
        "bracket then garbage    | [hello]                                              | MALFORMED_JSON",
        "empty array             | []                                                   | BAD_SENML",
        "blank then empty array  | '  \t[ ]'                                            | BAD_SENML",
        "array of numbers        | [1,2]                                                | BAD_SENML",
        "object then a number    | [{\"n\":\"E01-LT101\",\"t\":1700000000,\"v\":1},5]   | BAD_SENML",
        "array of arrays         | [[{\"n\":\"E01-LT101\",\"t\":1700000000,\"v\":1}]]   | BAD_SENML",
        "newer version           | [{\"bver\":11,\"n\":\"E01-LT101\",\"t\":1700000000,\"v\":1}] | BAD_SENML",
        "version not a number    | [{\"bver\":\"10\",\"n\":\"E01-LT101\",\"t\":1700000000,\"v\":1}] | BAD_SENML",
        "only base fields        | [{\"bn\":\"E01-\",\"bt\":1700000000}]                | BAD_SENML",
        "not an array            | {\"bn\":\"E01-\",\"n\":\"LT101\",\"bt\":1700000000,\"v\":1} | MISSING_FIELD",
        "a number                | 5                                                    | NOT_AN_OBJECT",
    })
    void rejectsTheWholeMessageOnce(String what, String payload, RejectReason expected) {
        RejectedInputException e = wholeReject(payload);
        assertEquals(expected, e.reason(), e.getMessage());
        assertFalse(e.getMessage().startsWith("record"), "a whole-pack rejection names no single record: " + e.getMessage());
    }

    @Test
    void wholePackRejectionsSayWhatIsWrong() {
        assertEquals("empty SenML pack []: no records", wholeReject("[]").getMessage());
        assertEquals("a SenML pack must be an array of records (JSON objects), but element 0 is a number 1",
                wholeReject("[1,2]").getMessage());
        assertTrue(wholeReject("[{\"n\":").getMessage().startsWith("not valid JSON"));
    }

    @Test
    void topicIsCheckedForPacksToo() {
        ReadingCodec.Decoded d = decode("other/E01/pack", "[{\"n\":\"E01-LT101\",\"t\":1700000000,\"v\":1}]");
        assertEquals(1, d.rejects().size());
        assertEquals(RejectReason.BAD_TOPIC, d.rejects().get(0).reason());
        assertEquals(RejectReason.WRONG_ENTERPRISE,
                decode("hw/E02/pack", "[{\"n\":\"E01-LT101\",\"t\":1700000000,\"v\":1}]").rejects().get(0).reason());
        ReadingCodec.Decoded ok = decode("hw/E02/gw-7", "[{\"n\":\"E02-PT201\",\"t\":1700000000,\"v\":0.5}]");
        assertEquals(List.of(), ok.rejects());
        assertEquals(new Reading("E02-PT201", "E02", "E02-S1", "pressure", T0, 0.5, Quality.GOOD, 99L), ok.readings().get(0));
    }

    @Test
    void singleReadingObjectsGoThroughDecodeMqttUnchanged() throws Exception {
        String single = "{\"sensor\":\"E01-LT101\",\"ts\":1700000000000,\"value\":42.5}";
        ReadingCodec.Decoded d = decode("hw/E01/tanks/E01-LT101", "  " + single);
        assertEquals(List.of(), d.rejects());
        assertEquals(List.of(ReadingCodec.fromMqtt("hw/E01/x", single.getBytes(StandardCharsets.UTF_8), "hw", CATALOGUE, 99L)),
                d.readings());
        RejectedInputException e = wholeReject("{\"sensor\":\"E99-XX\",\"ts\":1700000000000,\"value\":1}");
        assertEquals(RejectReason.UNKNOWN_SENSOR, e.reason());
        assertEquals(RejectReason.MALFORMED_JSON, wholeReject("").reason());
        assertEquals(RejectReason.MALFORMED_JSON,
                ReadingCodec.decodeMqtt("hw/E01/x", new byte[] {(byte) 0xff, '['}, "hw", CATALOGUE, 1).rejects().get(0).reason());
    }

    @Test
    void detectsPacksByTheirFirstNonBlankCharacter() {
        assertTrue(SenmlCodec.isPack("[]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(SenmlCodec.isPack(" \r\n\t[".getBytes(StandardCharsets.UTF_8)));
        assertFalse(SenmlCodec.isPack("{\"a\":[1]}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(SenmlCodec.isPack("   ".getBytes(StandardCharsets.UTF_8)));
        assertFalse(SenmlCodec.isPack(new byte[0]));
        assertFalse(SenmlCodec.isPack(null));
    }

    @Test
    void aLargePackDecodesEveryRecord() {
        StringBuilder sb = new StringBuilder("[{\"bn\":\"E01-\",\"bt\":1700000000.000,\"n\":\"LT101\",\"v\":0}");
        for (int i = 1; i < 1000; i++) {
            sb.append(",{\"n\":\"").append(i % 2 == 0 ? "LT101" : "TT101").append("\",\"t\":").append(i / 1000.0)
                    .append(",\"v\":").append(i).append('}');
        }
        ReadingCodec.Decoded d = decode(sb.append(']').toString());
        assertEquals(List.of(), d.rejects());
        assertEquals(1000, d.readings().size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(T0 + i, d.readings().get(i).ts());
            assertEquals(i, d.readings().get(i).value());
        }
    }
}
