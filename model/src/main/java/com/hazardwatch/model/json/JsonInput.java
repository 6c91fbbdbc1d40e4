package com.hazardwatch.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.hazardwatch.model.event.RejectReason;
import com.hazardwatch.model.event.RejectedInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reading outside input as JSON, the one way: every failure a MALFORMED_JSON rejection that says where and why. */
final class JsonInput {
    /** One JSON value and nothing after it: "{...}{...}" or "{...} junk" is not silently cut to its first value. */
    private static final ObjectReader READER = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonInput() {}

    /**
     * Parses bytes into a JSON tree.
     *
     * @param noun what the bytes are, for messages ("payload", "command")
     * @param checkUtf8 whether to check the bytes are UTF-8 first (outside input; records the bridge wrote need not be)
     */
    static JsonNode parse(byte[] bytes, String noun, boolean checkUtf8) throws RejectedInputException {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedInputException(RejectReason.MALFORMED_JSON, "empty " + noun);
        }
        if (checkUtf8) {
            for (int i = 0; i < bytes.length; i++) {
                // valid UTF-8, but never in UTF-8 JSON text (a NUL must be escaped): UTF-16/32, which Jackson would detect and read
                if (bytes[i] == 0) {
                    throw new RejectedInputException(RejectReason.MALFORMED_JSON, noun + " holds a NUL byte at offset " + i
                            + ": not UTF-8 JSON text (UTF-16 or UTF-32?)");
                }
            }
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new RejectedInputException(RejectReason.MALFORMED_JSON, noun + " is not UTF-8 text");
            }
        }
        try {
            JsonNode n = READER.readTree(bytes);
            if (n == null || n.isMissingNode()) {
                throw new RejectedInputException(RejectReason.MALFORMED_JSON, noun + " holds no JSON value");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new RejectedInputException(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new RejectedInputException(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
    }

    /** Input quoted in a message, cut to 80 characters. */
    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
