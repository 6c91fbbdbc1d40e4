package com.hazardwatch.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazardwatch.model.event.CommandType;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandCodecTest {
    static final String ALARM = "E01-LT101:HI:1732262430000";

    private static OperatorCommand parse(String json) throws RejectedInputException {
        return CommandCodec.fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RejectedInputException reject(String json) {
        return assertThrows(RejectedInputException.class, () -> parse(json), json);
    }

    @Test
    void parsesAShelve() throws Exception {
        OperatorCommand c = parse("{\"command\":\"shelve\",\"alarmId\":\"" + ALARM + "\",\"operator\":\"zhang.wei\","
                + "\"comment\":\"transmitter recalibration\",\"duration\":\"30m\",\"ts\":1732262500000}");
        assertEquals(new OperatorCommand(CommandType.SHELVE, ALARM, null, "zhang.wei", "transmitter recalibration", 1_800_000L,
                1732262500000L), c);
        assertEquals(Duration.ofMinutes(30), c.duration());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"duration\":\"30m\"", "\"duration\":\"PT30M\"", "\"duration\":\"1800s\"", "\"duration\":\"0.5h\"",
            "\"durationMs\":1800000"})
    void durationsAsTextOrMilliseconds(String duration) throws Exception {
        OperatorCommand c = parse("{\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\"," + duration
                + ",\"ts\":1}");
        assertEquals(1_800_000L, c.durationMs());
    }

    @Test
    void parsesEveryCommandAndAcceptsAnIsoTimestamp() throws Exception {
        assertEquals(OperatorCommand.ack(ALARM, "li.na", null, 1714521600000L),
                parse("{\"command\":\"ack\",\"alarmId\":\"" + ALARM + "\",\"operator\":\"li.na\",\"ts\":\"2024-05-01T08:00:00+08:00\"}"));
        assertEquals(OperatorCommand.unshelve(ALARM, "li.na", "done", 5),
                parse("{\"command\":\"unshelve\",\"alarmId\":\"" + ALARM + "\",\"operator\":\"li.na\",\"comment\":\"done\",\"ts\":5}"));
        assertEquals(OperatorCommand.outOfService("E01-LT101", "wang.fang", "ticket 4711", 5),
                parse("{\"command\":\"out-of-service\",\"sensor\":\"E01-LT101\",\"operator\":\"wang.fang\",\"comment\":\"ticket 4711\",\"ts\":5}"));
        assertEquals(OperatorCommand.inService("E01-LT101", "wang.fang", null, 5),
                parse("{\"command\":\"in-service\",\"sensor\":\"E01-LT101\",\"operator\":\"wang.fang\",\"ts\":5}"));
        OperatorCommand byAlarm = parse("{\"command\":\"out-of-service\",\"alarmId\":\"" + ALARM
                + "\",\"operator\":\"wang.fang\",\"comment\":\"ticket 4711\",\"ts\":5}");
        assertEquals(ALARM, byAlarm.alarmId());
        assertNull(byAlarm.sensor());
        assertEquals("E01-LT101", byAlarm.withSensor("E01-LT101").sensor());
    }

    @Test
    void unknownFieldsAreIgnoredAndBlankOptionalCommentIsAbsent() throws Exception {
        OperatorCommand c = parse("{\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\" li.na \",\"comment\":\"  \",\"console\":2,\"ts\":5}");
        assertEquals("li.na", c.operator());
        assertNull(c.comment());
    }

    @Test
    void roundTripsEveryCommand() throws Exception {
        for (OperatorCommand c : List.of(
                OperatorCommand.ack(ALARM, "li.na", "seen", 1),
                OperatorCommand.ack(ALARM, "li.na", null, 1),
                OperatorCommand.shelve(ALARM, "zhang.wei", "noisy", Duration.ofMinutes(30), 2),
                OperatorCommand.unshelve(ALARM, "zhang.wei", null, 3),
                OperatorCommand.outOfService("E01-LT101", "wang.fang", "maintenance", 4),
                new OperatorCommand(CommandType.OUT_OF_SERVICE, ALARM, null, "wang.fang", "maintenance", null, 4),
                OperatorCommand.inService("E01-LT101", "wang.fang", null, 5))) {
            assertEquals(c, CommandCodec.fromJson(CommandCodec.toJson(c)), new String(CommandCodec.toJson(c), StandardCharsets.UTF_8));
        }
        assertEquals("{\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"durationMs\":60000,\"ts\":7}",
                new String(CommandCodec.toJson(OperatorCommand.shelve("a", "o", "c", Duration.ofMinutes(1), 7)), StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownCommandListsTheValidOnes() {
        RejectedInputException e = reject("{\"command\":\"snooze\",\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":1}");
        assertEquals(RejectReason.BAD_COMMAND, e.reason());
        assertEquals("unknown command 'snooze'; valid commands: ack, shelve, unshelve, out-of-service, in-service", e.getMessage());
        assertEquals("unknown command 'ACK'; valid commands: ack, shelve, unshelve, out-of-service, in-service",
                reject("{\"command\":\"ACK\",\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":1}").getMessage());
    }

    @Test
    void theLongestShelfIsConfigurable() throws Exception {
        String json = "{\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"duration\":\"2h\",\"ts\":1}";
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> CommandCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1)));
        assertEquals(RejectReason.BAD_DURATION, e.reason());
        assertEquals("shelve duration 2h is longer than the maximum of 1h", e.getMessage());
        assertEquals(7_200_000L, CommandCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), Duration.ofHours(2)).durationMs());
        assertEquals(Duration.ofHours(8), OperatorCommand.DEFAULT_MAX_SHELVE);
        assertEquals(28_800_000L, parse(json.replace("2h", "8h")).durationMs());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // what                      | JSON                                                                                                     | reason         | message
        "empty                       | ''                                                                                                       | MALFORMED_JSON | empty command",
        "truncated                   | {\"command\":\"ack\",                                                                                    | MALFORMED_JSON | not valid JSON",
        "array                       | [1]                                                                                                      | NOT_AN_OBJECT  | command is a JSON array, expected an object",
        "command missing             | {\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":1}                                                          | MISSING_FIELD  | field 'command' is missing; valid commands: ack, shelve, unshelve, out-of-service, in-service",
        "command null                | {\"command\":null,\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":1}                                         | MISSING_FIELD  | field 'command' is missing",
        "command number              | {\"command\":1,\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":1}                                            | BAD_COMMAND    | field 'command' must be a string, found number 1; valid commands: ack, shelve, unshelve, out-of-service, in-service",
        "operator missing            | {\"command\":\"ack\",\"alarmId\":\"a\",\"ts\":1}                                                         | MISSING_FIELD  | 'ack' needs the operator who issued it: field 'operator' is missing",
        "operator empty              | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\" \",\"ts\":1}                                      | MISSING_FIELD  | field 'operator' is empty",
        "operator number             | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":42,\"ts\":1}                                         | BAD_COMMAND    | field 'operator' must be a string, found number 42",
        "ack without alarmId         | {\"command\":\"ack\",\"sensor\":\"E01-LT101\",\"operator\":\"o\",\"ts\":1}                               | MISSING_FIELD  | 'ack' targets an alarm: field 'alarmId' is missing",
        "shelve without alarmId      | {\"command\":\"shelve\",\"operator\":\"o\",\"comment\":\"c\",\"duration\":\"1m\",\"ts\":1}               | MISSING_FIELD  | 'shelve' targets an alarm: field 'alarmId' is missing",
        "unshelve without alarmId    | {\"command\":\"unshelve\",\"operator\":\"o\",\"ts\":1}                                                   | MISSING_FIELD  | 'unshelve' targets an alarm: field 'alarmId' is missing",
        "alarmId object              | {\"command\":\"ack\",\"alarmId\":{},\"operator\":\"o\",\"ts\":1}                                         | BAD_COMMAND    | field 'alarmId' must be a string, found object {}",
        "alarmId empty               | {\"command\":\"ack\",\"alarmId\":\"\",\"operator\":\"o\",\"ts\":1}                                       | MISSING_FIELD  | field 'alarmId' is empty",
        "oos without target          | {\"command\":\"out-of-service\",\"operator\":\"o\",\"comment\":\"c\",\"ts\":1}                           | MISSING_FIELD  | 'out-of-service' targets a sensor: field 'sensor' (or 'alarmId' of one of its alarms) is missing",
        "in-service without target   | {\"command\":\"in-service\",\"operator\":\"o\",\"ts\":1}                                                 | MISSING_FIELD  | 'in-service' targets a sensor: field 'sensor' (or 'alarmId' of one of its alarms) is missing",
        "sensor array                | {\"command\":\"in-service\",\"sensor\":[\"x\"],\"operator\":\"o\",\"ts\":1}                              | BAD_COMMAND    | field 'sensor' must be a string, found array [\"x\"]",
        "shelve without comment      | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"duration\":\"1m\",\"ts\":1}               | MISSING_FIELD  | 'shelve' needs a comment saying why: field 'comment' is missing",
        "shelve blank comment        | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"\",\"duration\":\"1m\",\"ts\":1} | MISSING_FIELD | 'shelve' needs a comment saying why: field 'comment' is empty",
        "oos without comment         | {\"command\":\"out-of-service\",\"sensor\":\"s\",\"operator\":\"o\",\"ts\":1}                           | MISSING_FIELD  | 'out-of-service' needs a comment saying why: field 'comment' is missing",
        "comment number              | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":7,\"ts\":1}                        | BAD_COMMAND    | field 'comment' must be a string, found number 7",
        "shelve without duration     | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"ts\":1}                 | MISSING_FIELD  | 'shelve' needs a duration: field 'duration' (text such as \"30m\") or 'durationMs' (milliseconds) is missing",
        "duration not a duration     | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"duration\":\"soon\",\"ts\":1} | BAD_DURATION | field 'duration': 'soon' is not a duration; expected a duration such as 90s, 2m, 1h, 1m30s, 500ms or plain seconds (90)",
        "duration as number          | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"duration\":1800000,\"ts\":1} | BAD_DURATION | field 'duration' must be text such as \"30m\" or \"PT30M\", found number 1800000 (for a number of milliseconds use 'durationMs')",
        "duration zero               | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"duration\":\"0s\",\"ts\":1} | BAD_DURATION | shelve duration must be positive (at least 1 ms), found '0s'",
        "duration negative ISO       | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"duration\":\"PT-5M\",\"ts\":1} | BAD_DURATION | field 'duration': negative duration 'PT-5M'",
        "duration over 8h            | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"duration\":\"8h1s\",\"ts\":1} | BAD_DURATION | shelve duration 8h00m1s is longer than the maximum of 8h",
        "durationMs text             | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"durationMs\":\"1800000\",\"ts\":1} | BAD_DURATION | field 'durationMs' must be a whole number of milliseconds, found string \"1800000\"",
        "durationMs fraction         | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"durationMs\":1.5,\"ts\":1} | BAD_DURATION | field 'durationMs' must be a whole number of milliseconds, found number 1.5",
        "durationMs negative         | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"durationMs\":-1,\"ts\":1} | BAD_DURATION | shelve duration must be positive (at least 1 ms), found -1 ms",
        "both durations              | {\"command\":\"shelve\",\"alarmId\":\"a\",\"operator\":\"o\",\"comment\":\"c\",\"duration\":\"1m\",\"durationMs\":60000,\"ts\":1} | BAD_DURATION | give either 'duration' or 'durationMs', not both (found \"1m\" and 60000)",
        "duration on ack             | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\"o\",\"duration\":\"1m\",\"ts\":1}                  | BAD_COMMAND    | field 'duration' belongs to shelve only; 'ack' takes no duration",
        "durationMs on oos           | {\"command\":\"out-of-service\",\"sensor\":\"s\",\"operator\":\"o\",\"comment\":\"c\",\"durationMs\":5,\"ts\":1} | BAD_COMMAND | field 'durationMs' belongs to shelve only; 'out-of-service' takes no duration",
        "ts missing                  | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\"o\"}                                               | MISSING_FIELD  | field 'ts' (when the command was issued) is missing",
        "ts zero                     | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":0}                                      | BAD_TIMESTAMP  | ts 0 is not a positive epoch-milliseconds value",
        "ts boolean                  | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":true}                                   | BAD_TIMESTAMP  | ts must be epoch milliseconds (integer) or an ISO-8601 string, found boolean true",
        "ts fraction                 | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":1.5}                                    | BAD_TIMESTAMP  | ts must be epoch milliseconds (integer) or an ISO-8601 string, found number 1.5",
        "ts without offset           | {\"command\":\"ack\",\"alarmId\":\"a\",\"operator\":\"o\",\"ts\":\"2024-05-01T08:00:00\"}                | BAD_TIMESTAMP  | ts '2024-05-01T08:00:00' is not ISO-8601 with a zone offset",
    })
    void everyFieldMissingOrMistypedIsRejectedPrecisely(String what, String json, RejectReason reason, String message) {
        RejectedInputException e = reject(json);
        assertEquals(reason, e.reason(), e.getMessage());
        if (!e.getMessage().startsWith(message)) {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    void notUtf8IsMalformed() {
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> CommandCodec.fromJson(new byte[] {'{', (byte) 0xC3, '}'}));
        assertEquals(RejectReason.MALFORMED_JSON, e.reason());
        assertEquals("command is not UTF-8 text", e.getMessage());
    }

    @Test
    void theRecordKeepsItsInvariants() {
        assertEquals("command is missing",
                assertThrows(IllegalArgumentException.class, () -> new OperatorCommand(null, "a", null, "o", null, null, 1)).getMessage());
        assertEquals("ack: operator is missing",
                assertThrows(IllegalArgumentException.class, () -> OperatorCommand.ack("a", " ", null, 1)).getMessage());
        assertEquals("ack: alarmId is missing", assertThrows(IllegalArgumentException.class,
                () -> new OperatorCommand(CommandType.ACK, null, "s", "o", null, null, 1)).getMessage());
        assertEquals("in-service: names neither a sensor nor an alarmId", assertThrows(IllegalArgumentException.class,
                () -> OperatorCommand.inService(null, "o", null, 1)).getMessage());
        assertEquals("shelve: comment is missing", assertThrows(IllegalArgumentException.class,
                () -> OperatorCommand.shelve("a", "o", "", Duration.ofMinutes(1), 1)).getMessage());
        assertEquals("shelve: durationMs must be > 0, found 0", assertThrows(IllegalArgumentException.class,
                () -> OperatorCommand.shelve("a", "o", "c", Duration.ZERO, 1)).getMessage());
        assertEquals("ack: only shelve takes a duration", assertThrows(IllegalArgumentException.class,
                () -> new OperatorCommand(CommandType.ACK, "a", null, "o", null, 5L, 1)).getMessage());
    }
}
