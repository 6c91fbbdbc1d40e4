package com.hazardwatch.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazardwatch.model.event.DeadLetter;
import com.hazardwatch.model.event.RejectedInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** JSON of a dead letter on hw.dlq; keeps the original payload byte for byte (text, or base64 when not UTF-8). */
public final class DeadLetterCodec {
    private DeadLetterCodec() {}

    public static DeadLetter of(RejectedInputException e, String origin, long receivedAt, byte[] payload, String stage) {
        String text = null;
        String b64 = null;
        if (payload != null) {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(payload)).toString();
            } catch (CharacterCodingException notText) {
                b64 = Base64.getEncoder().encodeToString(payload);
            }
        }
        return new DeadLetter(e.reason(), e.getMessage(), origin, receivedAt, text, b64, stage);
    }

    public static byte[] toJson(DeadLetter d) {
        try {
            return Json.mapper().writeValueAsBytes(d);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static DeadLetter fromJson(byte[] json) throws IOException {
        return Json.mapper().readValue(json, DeadLetter.class);
    }
}
