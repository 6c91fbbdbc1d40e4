package com.hazardwatch.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonInputTest {
    private static final String JSON = "{\"sensor\":\"E01-LT101\",\"ts\":1732262400000,\"value\":1}";

    @Test
    void utf16WithoutByteOrderMarkIsNotTakenForJson() {
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> JsonInput.parse(JSON.getBytes(StandardCharsets.UTF_16LE), "payload", true));
        assertEquals(RejectReason.MALFORMED_JSON, e.reason());
        assertEquals("payload holds a NUL byte at offset 1: not UTF-8 JSON text (UTF-16 or UTF-32?)", e.getMessage());
    }

    @Test
    void utf16WithByteOrderMarkIsNotUtf8() {
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> JsonInput.parse(JSON.getBytes(StandardCharsets.UTF_16), "payload", true));
        assertEquals(RejectReason.MALFORMED_JSON, e.reason());
    }

    @Test
    void nestingBeyondTheParserLimitIsMalformed() {
        String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> JsonInput.parse(deep.getBytes(StandardCharsets.UTF_8), "payload", true));
        assertEquals(RejectReason.MALFORMED_JSON, e.reason());
    }

    @Test
    void contentAfterTheJsonValueIsMalformed() {
        for (String text : new String[] {JSON + JSON, JSON + " junk", JSON + "]"}) {
            RejectedInputException e = assertThrows(RejectedInputException.class,
                    () -> JsonInput.parse(text.getBytes(StandardCharsets.UTF_8), "payload", true), text);
            assertEquals(RejectReason.MALFORMED_JSON, e.reason());
        }
    }

    @Test
    void whitespaceAroundTheJsonValueIsFine() throws Exception {
        assertEquals(1, JsonInput.parse((" \n" + JSON + " \r\n").getBytes(StandardCharsets.UTF_8), "payload", true).get("value").asInt());
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws Exception {
        byte[] body = JSON.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertEquals("E01-LT101", JsonInput.parse(withBom, "payload", true).get("sensor").asText());
    }
}
