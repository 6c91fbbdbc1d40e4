package com.hazardwatch.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazardwatch.model.event.AlarmEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON of an alarm event on hw.alarms: the record's field names, enums by name. */
public final class AlarmCodec {
    private AlarmCodec() {}

    public static byte[] toJson(AlarmEvent e) {
        try {
            return Json.mapper().writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static AlarmEvent fromJson(byte[] json) throws IOException {
        return Json.mapper().readValue(json, AlarmEvent.class);
    }
}
