package com.hazardwatch.model.event;

import java.util.Arrays;
import java.util.Optional;

/** Quality a gateway reports with a reading (OPC-style good / bad / uncertain). */
public enum Quality {
    GOOD("good"),
    BAD("bad"),
    UNCERTAIN("uncertain");

    private final String code;

    Quality(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Quality> fromCode(String code) {
        return Arrays.stream(values()).filter(q -> q.code.equals(code)).findFirst();
    }
}
